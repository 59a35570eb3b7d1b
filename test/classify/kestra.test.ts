/** The Kestra Python MCP server's tools (a recorded snapshot): the cases the catalog's example page shows. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classifyServer } from '../../src/classify/index.ts';
import { ClassificationSchema, RawToolSchema } from '../../src/schema.ts';

const snapshot = JSON.parse(readFileSync('/work/shared/data/kestra-mcp-server-python.tools.json', 'utf8')) as { tools: unknown[] };
const tools = snapshot.tools.map((t) => RawToolSchema.parse(t));
const result = classifyServer({ slug: 'kestra', name: 'Kestra Python MCP Server', about: 'Kestra is an open-source orchestration platform for workflows.', tools });
const byName = new Map(tools.map((t, i) => [t.name, result.tools[i]!]));

describe('Kestra tools', () => {
  test.each([
    ['generate_flow', 'write', ['sibling-tools', 'description']],
    ['execute_flow', 'execute', ['name-verb', 'description']],
    ['delete_flow_logs', 'delete', ['name-verb', 'description']],
    ['list_flows_with_triggers', 'read', ['name-verb', 'description']],
  ])('%s is a %s, with evidence from %j', (name, effect, signals) => {
    const c = byName.get(name)!;
    expect(c.effect).toBe(effect);
    const spoke = c.evidence.filter((e) => e.says === effect).map((e) => e.signal);
    for (const s of signals) expect(spoke).toContain(s);
  });

  test('every classification is valid and every tool has an effect', () => {
    expect(result.tools).toHaveLength(tools.length);
    for (const c of result.tools) expect(ClassificationSchema.safeParse(c).success).toBe(true);
  });

  test('the delete of logs that cannot be recovered is high risk, the run of a flow high', () => {
    expect(byName.get('delete_flow_logs')!.risk).toBe('high');
    expect(byName.get('execute_flow')!.risk).toBe('high');
  });

  test('evidence for generate_flow', () => {
    expect(byName.get('generate_flow')!.evidence.filter((e) => e.says === 'write' || e.says === 'read')).toMatchInlineSnapshot(`
      [
        {
          "detail": "siblings "create_flow_from_yaml" make or change "flow": "generate" here makes one too",
          "says": "write",
          "signal": "sibling-tools",
          "weight": 0.65,
        },
        {
          "detail": "description opens with "regenerate": regenerates",
          "says": "write",
          "signal": "description",
          "weight": 0.54,
        },
        {
          "detail": "parameter "flow_yaml": content to store",
          "says": "write",
          "signal": "parameters",
          "weight": 0.2,
        },
        {
          "detail": "name verb "generate" (from "generate_flow"): generates output it returns",
          "says": "read",
          "signal": "name-verb",
          "weight": 0.4,
        },
      ]
    `);
  });
});
