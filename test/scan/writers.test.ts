import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { checkParsePolicySet, isAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadScanCatalog, readConfigFile } from '../../src/scan/files.ts';
import { matchServer } from '../../src/scan/match.ts';
import { serverDecisions, type ServerDecisions } from '../../src/scan/decide.ts';
import { checkClaudeCode, checkIntercept, checkPolicyLayer, checkWritten } from '../../src/scan/rules.ts';
import { cedarString, claudeRule, WRITE_CLIENT_VALUES, writeFor } from '../../src/scan/writers.ts';
import { toPolicyLayer, type PolicyLayerTool } from '../../src/policy/policylayer.ts';
import type { ScanCatalog, ScanTool } from '../../src/scan/catalog.ts';

const FIX = join(import.meta.dirname, '../fixtures/scan');
const catalog: ScanCatalog = loadScanCatalog(join(import.meta.dirname, '../../catalog/servers'));
const CONFIGS = ['project/.mcp.json', 'home/.claude.json', 'desktop/claude_desktop_config.json', 'project/.cursor/mcp.json', 'project/.vscode/mcp.json', 'home/.codeium/windsurf/mcp_config.json', 'home/Cline/cline_mcp_settings.json', 'project/.roo/mcp.json', 'home/.codex/config.toml'];
const matches = CONFIGS.flatMap((c) => readConfigFile(join(FIX, c)).servers).map((s) => matchServer(s, catalog));
const decisions: ServerDecisions[] = matches.filter((m) => m.entry).map((m) => serverDecisions(m.server.name, m.entry!.tools));
/** Tool effects by "<user's server name> <tool>", to check what each document allows. */
const effectOf = new Map<string, ScanTool>(matches.filter((m) => m.entry).flatMap((m) => m.entry!.tools.map((t) => [`${m.server.name} ${t.name}`, t] as const)));
const allowedReads = decisions.flatMap((d) => d.allow.map((t) => `${d.server} ${t}`));

function expectOnlyReads(allowed: string[]) {
  expect(allowed.length).toBeGreaterThan(0);
  for (const key of allowed) {
    const tool = effectOf.get(key);
    expect(tool, key).toBeDefined();
    expect(tool!.effect, key).toBe('read');
    expect(tool!.action, key).toBe('allow');
  }
}

describe('decisions', () => {
  test('allow only catalogued reads, and deny execution and poisoning', () => {
    expectOnlyReads(allowedReads);
    const runner = decisions.find((d) => d.server === 'runner')!;
    expect(runner).toEqual({ server: 'runner', allow: [], ask: [], deny: ['run-code'], readOnlyAgreed: [] });
    for (const [key, tool] of effectOf) {
      if (tool.effect === 'execute' || tool.flags.includes('prompt-injection')) expect(decisions.find((d) => key.startsWith(`${d.server} `))!.deny, key).toContain(key.split(' ')[1]);
    }
  });

  test('uses the names of the user config, never catalog slugs', () => {
    expect(decisions.map((d) => d.server)).toContain('my-slack');
    expect(decisions.map((d) => d.server)).not.toContain('slack');
  });
});

describe('claude-code', () => {
  const [doc] = writeFor('claude-code', decisions);
  const settings = doc!.value as { permissions: { allow: string[]; ask: string[]; deny: string[] } };

  test('is valid against the community settings schema', () => {
    const schema = JSON.parse(readFileSync('/work/shared/data/schemas/claude-code-settings.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true, logger: false }).compile(schema);
    const ok = validate(JSON.parse(doc!.text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema does check rules: a malformed one fails it.
    expect(validate({ permissions: { allow: ['Nonsense(x'] } })).toBe(false);
  });

  test('passes the stricter check, which refuses the forms Claude Code ignores', () => {
    expect(checkClaudeCode(settings)).toEqual([]);
    expect(checkClaudeCode({ permissions: { allow: ['mcp__*', 'mcp__fs__read(x)', 'mcp__fs'] } })).toEqual([
      'permissions.allow: mcp__*: wildcards in allow are ignored',
      'permissions.allow: mcp__fs__read(x): MCP rules take no parentheses',
      'permissions.allow: mcp__fs: not mcp__<server>__<tool>',
    ]);
  });

  test('allows catalogued reads under the user server name', () => {
    expect(settings.permissions.allow).toContain('mcp__my-slack__slack_list_channels');
    expect(settings.permissions.ask).toContain('mcp__my-slack__slack_post_message');
    expect(settings.permissions.deny).toContain('mcp__runner__run-code');
    expectOnlyReads(allowedReads.filter((k) => settings.permissions.allow.includes(claudeRule(k.split(' ')[0]!, k.split(' ')[1]!))));
    expect(settings.permissions.allow).toHaveLength(allowedReads.length);
  });
});

describe('policylayer', () => {
  test('every document has the documented shape and only that', () => {
    const docs = writeFor('policylayer', decisions);
    expect(docs).toHaveLength(decisions.length);
    for (const d of docs) expect(checkPolicyLayer(JSON.parse(d.text)), d.path).toEqual([]);
    const slack = JSON.parse(docs.find((d) => d.path === 'my-slack.policy.json')!.text);
    const onDeny = "slack_post_message needs a person's approval: run it outside the agent.";
    expect(slack.tools.slack_post_message).toEqual({
      deny_if: [
        { conditions: [{ path: 'args.approval', op: 'exists', value: true }], on_deny: onDeny },
        { conditions: [{ path: 'args.approval', op: 'exists', value: false }], on_deny: onDeny },
      ],
    });
    expect(JSON.parse(docs.find((d) => d.path === 'runner.policy.json')!.text)).toEqual({ version: '1', default: 'deny', tools: {}, hide: ['run-code'] });
  });

  test('the site policy loses no approval or denial: action and reason never reach the document', () => {
    const doc = toPolicyLayer({
      version: '1',
      default: 'deny',
      tools: { a: { action: 'require_approval', reason: 'x' }, b: { action: 'deny', reason: 'y' }, c: { action: 'allow', limits: [{ counter: 'c_rate', window: 'minute', max: 1, scope: 'grant' }] } },
    });
    expect(checkPolicyLayer(doc)).toEqual([]);
    expect(JSON.stringify(doc)).not.toMatch(/"action"|"reason"/);
    expect(doc.hide).toEqual(['b']);
    expect(doc.tools['a']!.deny_if).toHaveLength(2);
    expect(checkPolicyLayer({ version: '1', default: 'deny', tools: { a: { action: 'require_approval' } } })).toEqual(['tools.a: Unrecognized key: "action"']);
  });
});

describe('policylayer rules', () => {
  // The documented reading: a rule matches when all its conditions hold; any matching deny_if rule refuses the call.
  const holds = (c: { path: string; op: string; value: unknown }, args: Record<string, unknown>) => {
    expect(c.op).toBe('exists');
    return Object.hasOwn(args, c.path.slice('args.'.length)) === c.value;
  };
  const refused = (tool: PolicyLayerTool, args: Record<string, unknown>) =>
    (tool.deny_if ?? []).some((rule) => rule.conditions.every((c) => holds(c, args)));

  test('an approval refuses every call, whatever the agent sends', () => {
    const doc = toPolicyLayer({ version: '1', default: 'deny', tools: { send: { action: 'require_approval' }, read: { action: 'allow' } } });
    for (const args of [{}, { approval: true }, { approval: 'yes', to: 'x' }, { to: 'x' }]) {
      expect(refused(doc.tools['send']!, args), JSON.stringify(args)).toBe(true);
      expect(refused(doc.tools['read']!, args)).toBe(false);
    }
  });

  test('the check refuses the shapes the dialect does not have', () => {
    const base = { version: '1', default: 'deny' };
    // A bare condition in deny_if, and on_deny beside the rules instead of in them.
    expect(checkPolicyLayer({ ...base, tools: { a: { deny_if: [{ path: 'args.x', op: 'exists', value: true }], on_deny: 'no' } } })).toEqual([
      'tools.a.deny_if.0.conditions: Invalid input: expected array, received undefined',
      'tools.a.deny_if.0: Unrecognized keys: "path", "op", "value"',
      'tools.a: Unrecognized key: "on_deny"',
    ]);
    expect(checkPolicyLayer({ ...base, tools: { a: { deny_if: [{ conditions: [] }] } } })).toEqual(['tools.a.deny_if.0.conditions: Too small: expected array to have >=1 items']);
    expect(checkPolicyLayer({ ...base, tools: { a: { require: [{ conditions: [{ path: 'tool', op: 'exists', value: true }] }] } } })).toEqual([
      'tools.a.require.0.conditions.0.path: a path into the call: args.<field> or state.<counter>',
    ]);
    expect(checkPolicyLayer({ ...base, tools: { a: { limits: [{ counter: 'c', window: 'minute', max: 1, scope: 'grant', per: 'x' }] } } })).toEqual(['tools.a.limits.0: Unrecognized key: "per"']);
    expect(checkPolicyLayer({ ...base, tools: { a: { require: [{ conditions: [{ path: 'args.reason', op: 'exists', value: true }], on_deny: 'Give a reason.' }] } } })).toEqual([]);
  });
});

describe('intercept', () => {
  test('every document parses as YAML and every rule means what it says', () => {
    const docs = writeFor('intercept', decisions);
    for (const d of docs) expect(checkIntercept(parseYaml(d.text)), d.path).toEqual([]);
    const slack = parseYaml(docs.find((d) => d.path === 'my-slack.intercept.yaml')!.text);
    expect(slack.default).toBe('deny');
    expect(slack.tools.slack_post_message.rules[0]).toMatchObject({ action: 'deny' });
    expect(slack.tools.slack_list_channels.rules[0]).toEqual({ name: 'read rate limit', rate_limit: '120/minute' });
  });

  test('the check refuses rules an unknown-key-ignoring loader would misread', () => {
    expect(checkIntercept({ version: '1', tools: { a: { rules: [{ name: 'x', action: 'require_approval' }, { name: 'y', actoin: 'deny', rate_limit: '5/week' }] } } })).toEqual([
      'tools.a.rules[0]: action "require_approval" is not evaluate or deny',
      'tools.a.rules[1]: unknown key "actoin" (ignored by the loader)',
      'tools.a.rules[1]: rate_limit is not <count>/<minute|hour|day>',
    ]);
  });
});

describe('cedar', () => {
  const docs = writeFor('cedar', decisions);
  const call = (policies: string, tool: string, readOnlyHint?: boolean) => {
    const answer = isAuthorized({
      principal: { type: 'Client', id: 'user' },
      action: { type: 'Action', id: 'call_tool' },
      resource: { type: 'Tool', id: tool },
      context: {},
      policies: { staticPolicies: policies },
      entities: [{ uid: { type: 'Tool', id: tool }, attrs: readOnlyHint === undefined ? {} : { readOnlyHint }, parents: [] }],
    });
    if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
    return answer.response.decision;
  };

  test('every document parses with the Cedar engine', () => {
    for (const d of docs) expect(checkParsePolicySet({ staticPolicies: d.text }), d.path).toEqual({ type: 'success' });
  });

  test('permits allowed reads and nothing else', () => {
    const slack = docs.find((d) => d.path === 'my-slack.cedar')!.text;
    expect(call(slack, 'slack_list_channels')).toBe('allow');
    expect(call(slack, 'slack_post_message')).toBe('deny');
    expect(call(slack, 'not_in_catalog')).toBe('deny');
    const runner = docs.find((d) => d.path === 'runner.cedar')!.text;
    expect(call(runner, 'run-code')).toBe('deny');
  });

  test('a permit the annotations back needs the annotation still to say read-only', () => {
    const d: ServerDecisions = { server: 's', allow: ['get'], ask: [], deny: [], readOnlyAgreed: ['get'] };
    const text = writeFor('cedar', [d])[0]!.text;
    expect(call(text, 'get', true)).toBe('allow');
    expect(call(text, 'get', false)).toBe('deny');
  });

  test('tool names with quotes and hidden characters stay one literal', () => {
    const d: ServerDecisions = { server: 's', allow: ['a"b\\c\u200bd'], ask: [], deny: [], readOnlyAgreed: [] };
    const text = writeFor('cedar', [d])[0]!.text;
    expect(cedarString('a"b\\c\u200bd')).toBe('"a\\"b\\\\c\\u{200b}d"');
    expect(checkParsePolicySet({ staticPolicies: text })).toEqual({ type: 'success' });
    expect(call(text, 'a"b\\c\u200bd')).toBe('allow');
  });
});

describe('the other clients', () => {
  test('cursor allows only catalogued reads as server:tool', () => {
    const doc = JSON.parse(writeFor('cursor', decisions)[0]!.text) as { mcpAllowlist: string[] };
    expect(doc.mcpAllowlist).toContain('my-slack:slack_list_channels');
    expectOnlyReads(doc.mcpAllowlist.map((e) => e.replace(':', ' ')));
  });

  test('cline always-allows only catalogued reads', () => {
    const doc = JSON.parse(writeFor('cline', decisions)[0]!.text) as { mcpServers: Record<string, { alwaysAllow: string[] }> };
    expectOnlyReads(Object.entries(doc.mcpServers).flatMap(([s, e]) => e.alwaysAllow.map((t) => `${s} ${t}`)));
  });

  test('codex disables denied tools and enables only catalogued ones', () => {
    const doc = parseToml(writeFor('codex', decisions)[0]!.text) as { mcp_servers: Record<string, { enabled_tools: string[]; disabled_tools: string[] }> };
    expect(doc.mcp_servers['runner']).toEqual({ enabled_tools: [], disabled_tools: ['run-code'] });
    for (const [s, e] of Object.entries(doc.mcp_servers)) for (const t of e.enabled_tools) expect(effectOf.get(`${s} ${t}`)?.action, `${s} ${t}`).not.toBe('deny');
  });

  test('docker gateway enables only catalogued reads', () => {
    const doc = parseYaml(writeFor('docker-gateway', decisions)[0]!.text) as Record<string, string[]>;
    expectOnlyReads(Object.entries(doc).flatMap(([s, tools]) => tools.map((t) => `${s} ${t}`)));
  });

  test('vscode marks every asked-for and denied tool as never auto-approved', () => {
    const doc = JSON.parse(writeFor('vscode', decisions)[0]!.text) as Record<string, Record<string, boolean>>;
    const never = doc['chat.tools.eligibleForAutoApproval']!;
    expect(never['mcp_my-slack_slack_post_message']).toBe(false);
    expect(never['mcp_my-slack_slack_list_channels']).toBeUndefined();
  });

  test.each(WRITE_CLIENT_VALUES)('%s passes its own checks', (client) => {
    expect(checkWritten(client, writeFor(client, decisions))).toEqual([]);
  });
});
