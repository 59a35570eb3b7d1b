/**
 * Policies for multi-action tools, from real servers of the catalog: the tool rule asks for
 * approval where a client cannot read arguments, and the formats that can (Intercept, PolicyLayer)
 * refuse the destructive actions by the value of the action argument, cap the rest, and let reads
 * through.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { reclassifyRecord } from '../../src/catalog/record.ts';
import { actionFence } from '../../src/policy/actions.ts';
import { toClaudeCode, toInterceptYaml, toolPolicyDocument } from '../../src/policy/export.ts';
import { PolicyLayerSchema, toPolicyLayer } from '../../src/policy/policylayer.ts';
import { PolicySchema, ServerRecordSchema, type ServerRecord, type ToolRecord } from '../../src/schema.ts';
import { scanEntry } from '../../src/scan/catalog.ts';
import { serverDecisions } from '../../src/scan/decide.ts';
import { checkIntercept, checkPolicyLayer } from '../../src/scan/rules.ts';
import { writeFor } from '../../src/scan/writers.ts';

const records = new Map<string, ServerRecord>();

function toolOf(server: string, name: string): { record: ServerRecord; tool: ToolRecord } {
  let record = records.get(server);
  if (!record) {
    record = reclassifyRecord(ServerRecordSchema.parse(JSON.parse(readFileSync(`catalog/servers/${server}.json`, 'utf8'))));
    records.set(server, record);
  }
  const tool = record.tools.find((t) => t.name === name);
  if (!tool) throw new Error(`${server} has no tool ${name}`);
  return { record, tool };
}

type Rule = { name: string; action?: string; rate_limit?: string; conditions?: { path: string; op: string; value: unknown }[]; on_deny?: string };

/** The Intercept rules of one tool, parsed back with a YAML library. */
function interceptRules(yamlText: string, tool: string): Rule[] {
  const doc = parse(yamlText) as { hide?: string[]; tools: Record<string, { rules: Rule[] }> };
  expect(checkIntercept(doc)).toEqual([]);
  expect(doc.hide ?? []).not.toContain(tool);
  return doc.tools[tool]!.rules;
}

describe('a router that can delete (datadog-mcp monitors)', () => {
  const { tool } = toolOf('datadog-mcp', 'monitors');

  test('asks for approval as a whole, with a rule per action', () => {
    expect(PolicySchema.parse(toolPolicyDocument(tool))).toBeTruthy();
    expect(tool.policy.action).toBe('require_approval');
    expect(tool.policy.reason).toMatch(/^Picks one of \d+ actions \(read, write, delete\) by its "action" argument/);
    const rules = tool.policy.actions!;
    expect(rules.param).toBe('action');
    expect(rules.rules['list']).toMatchObject({ action: 'allow', limits: [{ max: 120 }] });
    expect(rules.rules['create']).toEqual({ limits: [{ counter: 'monitors_rate', window: 'minute', max: 30, scope: 'grant' }] });
    expect(rules.rules['delete']).toMatchObject({ action: 'require_approval' });
  });

  test('Intercept refuses the delete by the action argument and caps the rest at the write cap', () => {
    const rules = interceptRules(toInterceptYaml('Datadog', toolPolicyDocument(tool)), 'monitors');
    expect(rules).toEqual([
      {
        name: 'allowed actions only',
        conditions: [
          { path: 'args.action', op: 'exists', value: true },
          { path: 'args.action', op: 'not_in', value: ['delete'] },
        ],
        on_deny: expect.stringContaining('action delete needs a person'),
      },
      { name: 'minute rate limit', rate_limit: '30/minute' },
    ]);
  });

  test('PolicyLayer refuses the delete, and a call that names no action, with deny_if', () => {
    const doc = toPolicyLayer(toolPolicyDocument(tool));
    expect(PolicyLayerSchema.parse(doc)).toBeTruthy();
    expect(checkPolicyLayer(doc)).toEqual([]);
    expect(doc.tools['monitors']!.deny_if!.map((r) => r.conditions)).toEqual([
      [{ path: 'args.action', op: 'exists', value: false }],
      [{ path: 'args.action', op: 'in', value: ['delete'] }],
    ]);
    expect(doc.tools['monitors']!.limits).toEqual([{ counter: 'monitors_rate', window: 'minute', max: 30, scope: 'grant' }]);
  });

  test('Claude Code, which cannot read arguments, asks', () => {
    expect(toClaudeCode('datadog-mcp', toolPolicyDocument(tool)).permissions).toEqual({ allow: [], ask: ['mcp__datadog-mcp__monitors'], deny: [] });
  });
});

describe('routers through the scan writers (the tool pages use them)', () => {
  test('azure-devops pipelines_write: the run of a pipeline is refused, creating one is capped', () => {
    const { record, tool } = toolOf('azure-devops', 'pipelines_write');
    expect(tool.classification.effect).toBe('execute');
    const decisions = [serverDecisions(record.slug, scanEntry({ ...record, tools: [tool] }, undefined, () => 'h').tools)];
    expect(decisions[0]!.ask).toEqual(['pipelines_write']);
    const [intercept] = writeFor('intercept', decisions);
    const rules = interceptRules(intercept!.text.replace(/^#.*\n/, ''), 'pipelines_write');
    expect(rules[0]!.conditions).toContainEqual({ path: 'args.action', op: 'not_in', value: ['run_pipeline'] });
    expect(rules[1]).toEqual({ name: 'minute rate limit', rate_limit: '30/minute' });
    const [layer] = writeFor('policylayer', decisions);
    expect(checkPolicyLayer(layer!.value)).toEqual([]);
    const [claude] = writeFor('claude-code', decisions);
    expect(claude!.value).toEqual({ permissions: { allow: [], ask: ['mcp__azure-devops__pipelines_write'], deny: [] } });
  });

  test('a router of reads and writes (comfyui-mcp get_defaults) asks in Claude Code and is capped, not refused, in Intercept', () => {
    const { tool } = toolOf('comfyui-mcp', 'get_defaults');
    expect(tool.policy.action).toBe('require_approval');
    const fence = actionFence(tool.policy);
    expect(fence).toEqual({ param: 'action', refuse: [], cap: 30 });
    const rules = interceptRules(toInterceptYaml('ComfyUI', toolPolicyDocument(tool)), 'get_defaults');
    expect(rules[0]!.conditions).toEqual([{ path: 'args.action', op: 'exists', value: true }]);
  });

  test('a router of reads only keeps the read rule, and a sub-command router in text gets no per-action rules', () => {
    expect(toolOf('azure-devops', 'pipelines_run').tool.policy).toMatchObject({ action: 'allow' });
    const storage = toolOf('azure', 'storage').tool.policy;
    expect(storage.action).toBe('require_approval');
    expect(storage.actions).toBeUndefined();
    expect(actionFence(storage)).toBeNull();
  });

  test('a router whose worst action runs arbitrary input stays denied as a whole', () => {
    const { tool } = toolOf('cloudbase-cloudbase-mcp', 'manageMysqlDatabase');
    expect(tool.policy.action).toBe('deny');
    expect(actionFence(tool.policy)).toBeNull();
  });
});
