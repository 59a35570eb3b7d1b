import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { exportJson, toAllowlist, toClaudeCode, toInterceptYaml, toolPolicyDocument } from '../../src/policy/export.ts';
import { hasHidden } from '../../src/reveal.ts';
import { recommendRule, serverPolicy } from '../../src/policy/recommend.ts';
import { PolicySchema } from '../../src/schema.ts';

const rules = {
  list_flows: recommendRule('list_flows', { effect: 'read', risk: 'low', domains: [] }),
  generate_flow: recommendRule('generate_flow', { effect: 'write', risk: 'medium', domains: ['code'] }),
  send_email: recommendRule('send_email', { effect: 'write', risk: 'high', domains: ['messaging'] }),
  delete_flow: recommendRule('delete_flow', { effect: 'delete', risk: 'high', domains: [] }),
  execute_flow: recommendRule('execute_flow', { effect: 'execute', risk: 'critical', domains: ['code'] }),
};
const policy = serverPolicy(Object.entries(rules).map(([name, policy]) => ({ name, policy })));

describe('recommendRule', () => {
  test('maps effect and risk to the DESIGN defaults, each with a reason', () => {
    expect(rules.list_flows).toMatchObject({ action: 'allow', limits: [{ window: 'minute', max: 120 }] });
    expect(rules.generate_flow).toEqual({
      limits: [{ counter: 'generate_flow_rate', window: 'minute', max: 30, scope: 'grant' }],
      reason: expect.stringContaining('30'),
    });
    expect(rules.send_email.action).toBe('require_approval');
    expect(rules.send_email.reason).toContain('messaging');
    expect(rules.delete_flow.action).toBe('require_approval');
    expect(rules.execute_flow.action).toBe('deny');
    for (const r of Object.values(rules)) expect(r.reason).toBeTruthy();
  });

  test('a server policy denies by default and validates', () => {
    expect(PolicySchema.parse(policy).default).toBe('deny');
    expect(Object.keys(policy.tools)).toEqual(Object.keys(rules));
  });
});

describe('exports', () => {
  test('a tool document holds that tool alone under default deny', () => {
    const doc = toolPolicyDocument({ name: 'generate_flow', policy: rules.generate_flow });
    expect(PolicySchema.parse(doc)).toEqual({ version: '1', default: 'deny', tools: { generate_flow: rules.generate_flow } });
  });

  test('Claude Code permissions sort tools into allow, ask and deny', () => {
    expect(toClaudeCode('kestra', policy).permissions).toEqual({
      allow: ['mcp__kestra__list_flows', 'mcp__kestra__generate_flow'],
      ask: ['mcp__kestra__send_email', 'mcp__kestra__delete_flow'],
      deny: ['mcp__kestra__execute_flow'],
    });
  });

  test('Intercept YAML carries rate limits, denies and hides denied tools', () => {
    const doc = parse(toInterceptYaml('Kestra', policy));
    expect(doc.version).toBe('1');
    expect(doc.default).toBe('deny');
    expect(doc.hide).toEqual(['execute_flow']);
    expect(doc.tools.generate_flow.rules).toEqual([{ name: 'minute rate limit', rate_limit: '30/minute' }]);
    expect(doc.tools.delete_flow.rules[0]).toMatchObject({ action: 'deny', on_deny: expect.stringContaining('approval') });
  });

  test('Intercept YAML stays valid YAML for hostile tool names', () => {
    const hostile = serverPolicy([{ name: 'x: y\n- "z"', policy: rules.generate_flow }]);
    const doc = parse(toInterceptYaml('Evil: "name"', hostile));
    expect(Object.keys(doc.tools)).toEqual(['x: y\n- "z"']);
    expect(doc.description).toBe('Policy for Evil: "name"');
  });

  test('the exports keep a name with hidden characters exact, and show those characters in their text', () => {
    const name = 'read\u{E0049}\u{E0047}\u202etxt';
    const hidden = serverPolicy([
      { name, policy: rules.execute_flow },
      { name: `${name}2`, policy: rules.list_flows },
    ]);
    // The name is a key a client matches exactly: the JSON and YAML documents mean the same name.
    const claude = exportJson(toClaudeCode('s\u200b', hidden));
    expect(JSON.parse(claude).permissions.deny).toEqual([`mcp__s\u200b__${name}`]);
    const allowlist = exportJson(toAllowlist('s', hidden));
    expect(JSON.parse(allowlist)).toEqual([`s:${name}2`]);
    const yaml = toInterceptYaml('Server\u{E0041}', hidden);
    const doc = parse(yaml);
    expect(Object.keys(doc.tools)).toEqual([name, `${name}2`]);
    expect(doc.hide).toEqual([name]);
    // Sentences for people and models quote the name revealed, so they replay nothing concealed.
    expect(doc.tools[name].rules[0].on_deny).toBe('read\\u{E0049}\\u{E0047}\\u202Etxt is denied by policy');
    expect(doc.description).toBe('Policy for Server\\u{E0041}');
    for (const text of [claude, allowlist, yaml]) expect(hasHidden(text, 'text'), text).toBe(false);
  });

  test('the allowlist leaves out denied tools', () => {
    expect(toAllowlist('kestra', policy)).toEqual(['kestra:list_flows', 'kestra:generate_flow', 'kestra:send_email', 'kestra:delete_flow']);
  });
});
