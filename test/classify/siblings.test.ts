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
