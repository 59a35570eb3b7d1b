import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { hasHidden } from '../../src/reveal.ts';
import { serverDecisions } from '../../src/scan/decide.ts';
import { checkIntercept, checkPolicyLayer } from '../../src/scan/rules.ts';
import { writeFor } from '../../src/scan/writers.ts';
import type { ScanTool } from '../../src/scan/catalog.ts';
import { builderDecisions, clientText, WRITE_CLIENT_VALUES, type ChosenTool } from '../../site/lib/formats.ts';

const row = (name: string, choice: ChosenTool['choice'], perMinute: number | null = null, readOnlyAgreed = false, read = true): ChosenTool => ({ name, choice, perMinute, read, readOnlyAgreed });

describe('builderDecisions', () => {
  test('a multi-action tool kept as recommended is asked for, and fenced by action where the format reads arguments', () => {
    // datadog-mcp's monitors tool: its delete needs a person, its reads and writes go through under the write cap.
    const fence = { param: 'action', refuse: ['delete'], cap: 30 };
    const monitors: ChosenTool = { ...row('monitors', 'require_approval', 5, false, false), fence };
    const d = builderDecisions('datadog', [monitors], 'intercept');
    expect(d.ask).toEqual(['monitors']);
    const doc = parseYaml(clientText('intercept', [d]).replace(/^#.*\n/, '')) as { tools: Record<string, { rules: unknown[] }> };
    expect(checkIntercept(doc)).toEqual([]);
    expect(doc.tools['monitors']!.rules).toContainEqual(expect.objectContaining({ conditions: expect.arrayContaining([{ path: 'args.action', op: 'not_in', value: ['delete'] }]) }));
    expect(clientText('claude-code', [builderDecisions('datadog', [monitors], 'claude-code')])).toContain('"ask": [\n      "mcp__datadog__monitors"');
    // Chosen by hand instead: no fence, the person's choice stands.
    expect(builderDecisions('datadog', [{ ...monitors, choice: 'deny', fence: null }], 'intercept').fences).toBeUndefined();
  });

  const rows = [row('list', 'allow', 120, true), row('gen', 'limit', 7, false, false), row('send', 'require_approval', null, true), row('run', 'deny'), row('__proto__', 'allow'), row('peek', 'limit', 9)];
  const d = builderDecisions('my server', rows, 'policylayer');

  test('the person\'s choice is the decision', () => {
    expect(d).toMatchObject({ server: 'my server', allow: ['list', 'gen', '__proto__', 'peek'], ask: ['send'], deny: ['run'] });
  });

  test('a limited write is asked for where the format cannot hold its cap; a limited read is allowed', () => {
    for (const client of ['claude-code', 'cursor', 'vscode', 'codex', 'cline', 'cedar', 'docker-gateway'] as const) {
      expect(builderDecisions('s', rows, client), client).toMatchObject({ allow: ['list', '__proto__', 'peek'], ask: ['gen', 'send'], deny: ['run'] });
    }
    expect(builderDecisions('s', rows, 'intercept').allow).toContain('gen');
  });

  test('read-only agreement counts only for allowed tools', () => {
    expect(d.readOnlyAgreed).toEqual(['list']);
  });

  test('caps reach the formats that hold them, and an allowed tool without one gets the standard cap', () => {
    const policy = JSON.parse(writeFor('policylayer', [d])[0]!.text);
    expect(checkPolicyLayer(policy)).toEqual([]);
    expect(policy.tools.gen.limits[0].max).toBe(7);
    expect(policy.tools.list.limits[0].max).toBe(120);
    expect(Object.hasOwn(policy.tools, '__proto__')).toBe(true);
    expect(policy.tools['__proto__'].limits[0].max).toBe(120);
    const intercept = parseYaml(writeFor('intercept', [d])[0]!.text.split('\n').slice(1).join('\n'));
    expect(checkIntercept(intercept)).toEqual([]);
    expect(intercept.tools.gen.rules[0].rate_limit).toBe('7/minute');
  });
});

describe('clientText', () => {
  const tool = (name: string, effect: ScanTool['effect'], action: ScanTool['action']): ScanTool => ({
    name, effect, action, risk: 'low', confidence: 1, flags: [], hash: '', parts: { description: '', schema: '', annotations: '' }, readOnlyHint: null,
  });
  const decisions = [serverDecisions('srv', [tool('read_it', 'read', 'allow'), tool('write_it', 'write', null)])];

  test('one server gives one document per client, the writer\'s own text', () => {
    for (const client of WRITE_CLIENT_VALUES) expect(clientText(client, decisions), client).toBe(writeFor(client, decisions)[0]!.text);
  });

  test('several documents are shown each under its file name', () => {
    const two = [...decisions, serverDecisions('other', [tool('x', 'read', 'allow')])];
    expect(clientText('cedar', two)).toBe(`# srv.cedar\n${writeFor('cedar', two)[0]!.text}\n# other.cedar\n${writeFor('cedar', two)[1]!.text}`);
  });

  test('hidden characters of a third-party name are escaped in every format, and the document still means the name', () => {
    const server = 'files\u202Eevil';
    const name = 'read\u200Bfile\u{E0041}';
    const hidden = [serverDecisions(server, [tool(name, 'read', 'allow'), tool('w', 'write', null)])];
    for (const client of WRITE_CLIENT_VALUES) expect(hasHidden(clientText(client, hidden), 'text'), client).toBe(false);
    expect(JSON.parse(clientText('cursor', hidden))).toEqual({ mcpAllowlist: [`${server}:${name}`] });
    expect(parseToml(clientText('codex', hidden))).toEqual({ mcp_servers: { [server]: { enabled_tools: [name, 'w'], disabled_tools: [] } } });
    expect(parseYaml(clientText('docker-gateway', hidden))).toEqual({ [server]: [name] });
  });
});
