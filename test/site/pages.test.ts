import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { toInterceptYaml } from '../../src/policy/export.ts';
import type { Policy } from '../../src/schema.ts';
import { displayYaml, policyViews, ruleInWords, serverPolicy } from '../../site/lib/pages.ts';
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

describe('displayYaml', () => {
  test('leaves YAML without hidden characters as it is', () => {
    const text = toInterceptYaml('S', { ...policy, tools: { run_code: { action: 'deny' } } });
    expect(displayYaml(text)).toBe(text);
  });

  test('escapes hidden characters and still parses to the same document', () => {
    const text = toInterceptYaml('S', policy);
    expect(hasHidden(text)).toBe(true);
    const shown = displayYaml(text);
    expect(hasHidden(shown)).toBe(false);
    expect(shown).toContain('list\\u200bfiles\\u202etxt.exe');
    expect(parse(shown)).toEqual(parse(text));
  });
});

describe('policyViews', () => {
  test('shows every format without invisible characters', () => {
    const views = policyViews({ slug: 's', name: 'S' }, policy);
    for (const text of Object.values(views)) expect(hasHidden(text)).toBe(false);
    expect(JSON.parse(views.allowlist)).toEqual([`s:${hidden}`]);
    expect(JSON.parse(views.json)).toEqual(policy);
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
