import { describe, expect, test } from 'vitest';
import { toPolicyLayer } from '../../src/policy/policylayer.ts';
import { PolicySchema, type ToolRule } from '../../src/schema.ts';
import { buildPolicy, choiceOf, decodeName, encodeName, policyText, ruleFor } from '../../site/lib/builder.ts';

const read: ToolRule = { action: 'allow', limits: [{ counter: 'list_rate', window: 'minute', max: 120, scope: 'grant' }], reason: 'Only reads.' };
const write: ToolRule = { limits: [{ counter: 'gen_rate', window: 'minute', max: 30, scope: 'grant' }], reason: 'Changes state.' };
const exec: ToolRule = { action: 'deny', reason: 'Runs code.' };

describe('choiceOf', () => {
  test('reads the action first, then limits', () => {
    expect([read, write, exec, { action: 'require_approval' } as ToolRule, {}].map(choiceOf)).toEqual(['allow', 'limit', 'deny', 'require_approval', 'allow']);
  });
});

describe('ruleFor', () => {
  test('keeps the recommended rule when the choice is the recommendation', () => {
    expect(ruleFor('gen', 'limit', write, 5)).toBe(write);
  });

  test('writes a plain rule for another choice', () => {
    expect(ruleFor('gen', 'deny', write)).toEqual({ action: 'deny', reason: 'Chosen in the policy builder.' });
    expect(ruleFor('list', 'limit', read, 7)).toEqual({
      limits: [{ counter: 'list_rate', window: 'minute', max: 7, scope: 'grant' }],
      reason: 'Chosen in the policy builder.',
    });
  });

  test('falls back to the default cap when the cap typed is not a positive integer', () => {
    for (const cap of [0, -3, Number.NaN, 2.5]) expect(ruleFor('x', 'limit', exec, cap).limits?.[0]?.max).toBe(30);
  });
});

describe('encodeName', () => {
  test.each([
    ['a NUL and a carriage return', 'nul\u0000cr\rname'],
    ['a CRLF and a tab', 'a\r\nb\tc'],
    ['C1 controls and DEL', 'c1\u0085\u009b\u007f'],
    ['tag characters and an override', 'read\u{E0041}\u202e'],
    ['a lone surrogate', 'x\ud800'],
    ['quotes and an entity', `"'&#95;`],
  ])('carries %s in a form HTML keeps as it is, and back to the exact name', (_, name) => {
    const attr = encodeName(name);
    // HTML changes NUL, CR, and CRLF in attribute values; none is left raw, nor any hidden character.
    expect(attr).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\ud800-\udfff]/);
    expect(decodeName(attr)).toBe(name);
  });

  test('reads nothing from a value that is not an encoded name', () => {
    expect(decodeName('plain')).toBeNull();
    expect(decodeName('42')).toBeNull();
  });
});

describe('buildPolicy', () => {
  test('gives a document that validates, under "default": "deny"', () => {
    const policy = buildPolicy([
      { name: 'list', choice: 'allow', recommended: read },
      { name: 'gen', choice: 'require_approval', recommended: write },
      { name: 'run', choice: 'deny', recommended: exec },
    ]);
    expect(PolicySchema.parse(policy)).toEqual(policy);
    expect(policy.default).toBe('deny');
    expect(Object.keys(policy.tools)).toEqual(['list', 'gen', 'run']);
  });

  test('keeps a tool named "__proto__" as a key of the document', () => {
    const policy = buildPolicy([{ name: '__proto__', choice: 'require_approval', recommended: exec }]);
    expect(Object.keys(policy.tools)).toEqual(['__proto__']);
    expect(JSON.parse(policyText(policy)).tools).toHaveProperty('__proto__');
  });

  test('policyText escapes hidden characters and parses back to the document, in PolicyLayer\'s dialect', () => {
    const policy = buildPolicy([{ name: 'a\u200bb', choice: 'deny', recommended: exec }]);
    const text = policyText(policy);
    expect(text).toContain('a\\u200bb');
    expect(JSON.parse(text)).toEqual(toPolicyLayer(policy));
    expect(JSON.parse(text).hide).toEqual(['a\u200bb']);
    expect(text).not.toMatch(/"action"|"reason"/);
  });
});
