import { describe, expect, test } from 'vitest';
import { classifyServer } from '../../src/classify/index.ts';
import { tool } from './helpers.ts';

describe('siblings signal', () => {
  test('an odd verb beside a create of the same noun is a write', () => {
    const tools = [tool('create_flow_from_yaml', 'Create a flow from YAML'), tool('generate_flow', ''), tool('list_flows', 'List flows')];
    const r = classifyServer({ slug: 's', name: 's', tools });
    expect(r.tools[1]!.effect).toBe('write');
    expect(r.tools[1]!.evidence.map((e) => e.detail)).toContain('siblings "create_flow_from_yaml" make or change "flow": "generate" here makes one too');
  });

  test('the same odd verb alone returns what it generates', () => {
    const tools = [tool('generate_bar_chart', 'Generate a bar chart'), tool('generate_pie_chart', 'Generate a pie chart')];
    expect(classifyServer({ slug: 's', name: 's', tools }).tools.map((c) => c.effect)).toEqual(['read', 'read']);
  });

  test.each([
    // didit-protocol-mcp-server: a report about a session is made, not a session.
    [['didit_create_session', 'Create a verification session.'], ['didit_update_session_status', 'Approve, decline, or request resubmission of a session.'], ['didit_generate_session_pdf', 'Generate a PDF verification report for a session.'], 'read'],
    // baruchiro-paperless-mcp: processing an account makes no mail rule; it runs the rules.
    [['create_mail_rule', 'Create a Paperless mail rule.'], ['update_mail_rule', 'Patch an existing Paperless mail rule. Only supplied fields are changed.'], ['process_mail_account', 'Manually run Paperless mail processing for one account. This can consume matching mails according to enabled Paperless mail rules.'], 'execute'],
  ] as const)('siblings that make the object\'s modifier, not its head, say nothing (%j)', (a, b, target, effect) => {
    const r = classifyServer({ slug: 's', name: 's', tools: [tool(a[0], a[1]), tool(b[0], b[1]), tool(target[0], target[1])] });
    expect(r.tools[2]!.evidence.some((e) => e.signal === 'sibling-tools')).toBe(false);
    expect(r.tools[2]!.effect).toBe(effect);
  });

  test('a tool that says little leans toward a server that only reads', () => {
    const reads = ['list_a', 'get_b', 'search_c', 'find_d', 'describe_e'].map((n) => tool(n, 'x'));
    const r = classifyServer({ slug: 's', name: 's', tools: [...reads, tool('widget', '')] });
    const last = r.tools[5]!;
    expect(last.effect).toBe('read');
    expect(last.evidence[0]).toMatchObject({ signal: 'sibling-tools', says: 'read' });
  });

  test('classifyServer stays linear on a 400-tool server', () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => tool(`${['get', 'create', 'delete', 'generate'][i % 4]}_thing_${i % 50}`, 'Does the thing to a resource.'));
    const time = (n: number) => {
      const tools = make(n);
      const t0 = performance.now();
      classifyServer({ slug: 's', name: 's', tools });
      return performance.now() - t0;
    };
    time(400);
    const small = Math.min(time(100), time(100));
    const big = Math.min(time(400), time(400));
    // Four times the tools should cost about four times as much, not sixteen.
    expect(big).toBeLessThan(small * 10 + 20);
  });
});
