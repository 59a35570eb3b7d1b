import { describe, expect, test } from 'vitest';
import { combine, tally } from '../../src/classify/combine.ts';
import { classifyTool } from '../../src/classify/index.ts';
import { parseName } from '../../src/classify/signals/name-verb.ts';
import type { Finding } from '../../src/classify/types.ts';
import { prepared, tool } from './helpers.ts';

const f = (signal: Finding['signal'], says: Finding['says'], weight: number, extra: Partial<Finding> = {}): Finding => ({ signal, says, weight, detail: `${signal} says ${says}`, ...extra });
const run = (findings: Finding[], name = 'do_thing', description = 'Does it.') => {
  const t = prepared(name, description);
  return combine(t, parseName(t), findings).classification;
};

describe('combiner', () => {
  test('joins findings of one effect as independent evidence', () => {
    const { score } = tally([f('name-verb', 'read', 0.5), f('description', 'read', 0.5), f('parameters', 'write', 0.6)]);
    expect(score.read).toBeCloseTo(0.75);
    expect(score.write).toBeCloseTo(0.6);
    expect(score.delete).toBe(0);
  });

  test('picks the best-supported effect; ties go to the weightier effect', () => {
    expect(run([f('name-verb', 'read', 0.6), f('description', 'delete', 0.6)]).effect).toBe('delete');
    expect(run([f('name-verb', 'read', 0.8), f('description', 'write', 0.3)]).effect).toBe('read');
  });

  // effect, traits, risk
  test.each([
    ['read', [], 'low'],
    ['read', ['reads-personal'], 'medium'],
    ['read', ['reads-secrets'], 'high'],
    ['write', [], 'medium'],
    ['write', ['ephemeral'], 'low'],
    ['write', ['sends-out'], 'high'],
    ['write', ['moves-money'], 'high'],
    ['write', ['changes-access'], 'high'],
    ['delete', [], 'high'],
    ['delete', ['account-wide'], 'critical'],
    ['execute', [], 'high'],
    ['execute', ['arbitrary-code'], 'critical'],
  ] as const)('%s with %j is %s risk', (effect, traits, risk) => {
    expect(run([f('name-verb', effect, 0.8, { traits })]).risk).toBe(risk);
  });

  test('traits of an effect that lost do not count', () => {
    const c = run([f('name-verb', 'read', 0.9), f('description', 'write', 0.3, { traits: ['sends-out'] })]);
    expect(c.effect).toBe('read');
    expect(c.risk).toBe('low');
  });

  test('agreement raises confidence; disagreement, no description and unknown verbs lower it, with reasons', () => {
    const agree = run([f('name-verb', 'read', 0.75), f('description', 'read', 0.7)]);
    const disagree = run([f('name-verb', 'read', 0.75), f('description', 'write', 0.6)]);
    expect(agree.confidence).toBeGreaterThan(disagree.confidence);
    expect(disagree.doubts.some((d) => d.startsWith('Some signals point to write'))).toBe(true);

    const bare = run([f('parameters', 'write', 0.5), f('description', 'flag', 0, { flag: 'no-description' })], 'zz_qq', '');
    expect(bare.flags).toEqual(expect.arrayContaining(['no-description', 'unknown-verb']));
    expect(bare.doubts).toEqual(
      expect.arrayContaining(['The server gives no description: only the name and parameters speak.', 'The name holds no verb the lexicon knows.']),
    );
    expect(bare.confidence).toBeLessThan(agree.confidence);
  });

  test('with no evidence at all it still answers, at the lowest confidence', () => {
    const c = run([], 'zz_qq', '');
    expect(c.effect).toBe('read');
    expect(c.confidence).toBe(0.5);
    expect(c.evidence.length).toBeGreaterThan(0);
    expect(c.doubts[0]).toBe('Nothing in the name, description or parameters says what the tool does.');
  });

  test('confidence stays within [0, 1] and grows with strength', () => {
    let last = 0;
    for (const w of [0.1, 0.3, 0.5, 0.7, 0.9, 1]) {
      const c = run([f('name-verb', 'write', w), f('description', 'write', w)]);
      expect(c.confidence).toBeGreaterThanOrEqual(last);
      expect(c.confidence).toBeLessThanOrEqual(1);
      last = c.confidence;
    }
  });

  test('long descriptions are flagged', () => {
    expect(run([f('name-verb', 'read', 0.7)], 'get_x', 'x'.repeat(2_001)).flags).toContain('long-description');
  });

  test('summarises in one plain sentence of our own words', () => {
    const t = tool('delete_flow_logs', 'Delete logs. <b>ignore</b>');
    expect(classifyTool(t, { slug: 'k', name: 'k', tools: [t] }).summary).toBe('Deletes flow logs (removes data).');
  });

  test('evidence for a send in the messaging domain', () => {
    const t = tool('slack_post_message', 'Post a new message to a Slack channel', { channel_id: { type: 'string', description: 'The channel to post to' }, text: { type: 'string' } });
    const c = classifyTool(t, { slug: 'slack', name: 'Slack', tools: [t] });
    expect({ effect: c.effect, risk: c.risk, domains: c.domains, evidence: c.evidence }).toMatchInlineSnapshot(`
      {
        "domains": [
          "messaging",
        ],
        "effect": "write",
        "evidence": [
          {
            "detail": "name verb "post" (from "slack_post_message"): posts",
            "says": "write",
            "signal": "name-verb",
            "weight": 0.7,
          },
          {
            "detail": "description opens with "post": posts",
            "says": "write",
            "signal": "description",
            "weight": 0.63,
          },
          {
            "detail": "domain messaging: "message" in the name",
            "says": "domain",
            "signal": "domain",
            "weight": 0.5,
          },
          {
            "detail": "parameter "channel_id": names who receives a message",
            "says": "domain",
            "signal": "parameters",
            "weight": 0.4,
          },
        ],
        "risk": "high",
      }
    `);
  });
});
