import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { reclassifyRecord } from '../../src/catalog/record.ts';
import { toInterceptYaml } from '../../src/policy/export.ts';
import { ServerRecordSchema, type Policy } from '../../src/schema.ts';
import { toPolicyLayer } from '../../src/policy/policylayer.ts';
import { checkPolicyLayer } from '../../src/scan/rules.ts';
import { actionRows, policyViews, ruleInWords, serverPolicy, toolHead } from '../../site/lib/pages.ts';
import { hasHidden } from '../../site/lib/view.ts';

const hidden = 'list\u200bfiles\u202etxt.exe';
const policy: Policy = {
  version: '1',
  default: 'deny',
  tools: {
    [hidden]: { action: 'allow', limits: [{ counter: 'x_rate', window: 'minute', max: 120, scope: 'grant' }] },
    run_code: { action: 'deny', reason: 'Runs code.' },
  },
};

describe('policyViews', () => {
  test('shows every format without hidden characters, each meaning the exact names', () => {
    const views = policyViews({ slug: 's', name: 'S\u{E0041}' }, policy);
    for (const text of Object.values(views)) expect(hasHidden(text, 'text'), text).toBe(false);
    expect(JSON.parse(views.allowlist)).toEqual([`s:${hidden}`]);
    expect(JSON.parse(views.json)).toEqual(toPolicyLayer(policy));
    expect(checkPolicyLayer(JSON.parse(views.json))).toEqual([]);
    expect(JSON.parse(views.claudeCode).permissions.allow).toEqual([`mcp__s__${hidden}`]);
    expect(views.intercept).toContain('"list\\u200bfiles\\u202etxt.exe":');
    expect(Object.keys(parse(views.intercept).tools)).toEqual(Object.keys(policy.tools));
    expect(views.intercept).toBe(toInterceptYaml('S\u{E0041}', policy));
  });
});

describe('toolHead', () => {
  test('reveals hidden characters in the meta description and the JSON-LD', () => {
    const tool = { name: hidden, classification: { effect: 'read', risk: 'low', summary: 'Only reads.' } };
    const { description, jsonLd } = toolHead({ name: 'S\u{E0041}', provenance: { crawledAt: '2026-11-20T08:00:00Z' } } as never, tool as never);
    expect(description).toBe('list\\u200Bfiles\\u202Etxt.exe (S\\u{E0041}): read tool, low risk. Only reads.');
    expect(jsonLd['headline']).toBe('list\\u200Bfiles\\u202Etxt.exe — S\\u{E0041}');
    expect(hasHidden(JSON.stringify(jsonLd))).toBe(false);
  });
});

describe('serverPolicy', () => {
  test('keeps a tool named "__proto__" as a key', () => {
    const tools = [{ name: '__proto__', policy: { action: 'deny' as const } }, { name: 'b', policy: {} }];
    const doc = serverPolicy({ tools } as never);
    expect(Object.keys(doc.tools)).toEqual(['__proto__', 'b']);
    expect(JSON.parse(JSON.stringify(doc)).tools).toHaveProperty('__proto__');
  });
});

describe('ruleInWords', () => {
  test.each([
    [{ action: 'allow', limits: [{ counter: 'c', window: 'minute', max: 120, scope: 'grant' }] }, 'Allow, at most 120 calls per minute'],
    [{ limits: [{ counter: 'c', window: 'hour', max: 30, scope: 'grant' }] }, 'Limit, at most 30 calls per hour'],
    [{ action: 'require_approval' }, 'Require approval'],
    [{ action: 'deny', limits: [{ counter: 'c', window: 'minute', max: 5, scope: 'grant' }] }, 'Deny'],
  ] as const)('%j → %s', (rule, words) => {
    expect(ruleInWords(rule as never)).toBe(words);
  });
});

describe('actionRows', () => {
  // A real router: datadog-mcp's monitors tool, its actions as the catalog judges them.
  const record = reclassifyRecord(ServerRecordSchema.parse(JSON.parse(readFileSync('catalog/servers/datadog-mcp.json', 'utf8'))));
  const monitors = record.tools.find((t) => t.name === 'monitors')!;

  test('lists a router’s actions riskiest first, each with its effect, risk and rule in words', () => {
    const rows = actionRows(monitors);
    expect(rows[0]).toEqual({ value: 'delete', effect: 'delete', risk: 'high', rule: 'Require approval, at most 5 calls per minute' });
    expect(rows).toContainEqual({ value: 'create', effect: 'write', risk: 'medium', rule: 'Limit, at most 30 calls per minute' });
    expect(rows).toContainEqual({ value: 'list', effect: 'read', risk: 'low', rule: 'Allow, at most 120 calls per minute' });
  });

  test('is empty for a tool with one action', () => {
    expect(actionRows(record.tools.find((t) => !t.classification.actions)!)).toEqual([]);
  });

  test('a value that is also an object key ("__proto__", "constructor") gets no inherited rule', () => {
    const rows = actionRows({
      classification: { ...monitors.classification, actions: { param: 'action', exact: true, items: [{ value: 'constructor', effect: 'read', risk: 'low' }] } },
      policy: { action: 'require_approval', actions: { param: 'action', rules: {} } },
    });
    expect(rows).toEqual([{ value: 'constructor', effect: 'read', risk: 'low', rule: null }]);
  });
});
