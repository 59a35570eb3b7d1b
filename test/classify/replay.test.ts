import { describe, expect, test } from 'vitest';
import { errorKinds, severeAnswer, severitySweep, supportOf, tallyWinner, type ReplayRow } from '../../src/eval/replay.ts';
import type { Effect } from '../../src/taxonomy.ts';

const says = (...pairs: [string, number][]): ReplayRow['evidence'] => pairs.map(([s, weight]) => ({ signal: 'name-verb', says: s as Effect, weight, detail: '' }));
const row = (label: Effect, effect: Effect, evidence: ReplayRow['evidence'], recorded: Effect = effect, router = false): ReplayRow => ({ label, recorded, effect, evidence, router });

describe('supportOf and tallyWinner', () => {
  test('joins the findings of an effect as independent evidence and ignores what is no effect', () => {
    const s = supportOf([...says(['read', 0.5], ['read', 0.5], ['write', 0.6]), { signal: 'domain', says: 'domain', weight: 0.9, detail: '' }]);
    expect(s.read).toBeCloseTo(0.75);
    expect(s.write).toBeCloseTo(0.6);
    expect(s.delete).toBe(0);
    expect(tallyWinner(s)).toBe('read');
  });

  test('a tie goes to the more severe effect; nothing at all reads', () => {
    expect(tallyWinner(supportOf(says(['read', 0.6], ['delete', 0.6])))).toBe('delete');
    expect(tallyWinner(supportOf([]))).toBe('read');
  });
});

describe('errorKinds', () => {
  test('splits wrong answers by whether any finding pointed at the label', () => {
    const k = errorKinds([
      row('read', 'read', says(['read', 0.9])),
      // The write was seen and lost to the read.
      row('write', 'read', says(['read', 0.9], ['write', 0.5])),
      // Nothing pointed at a write.
      row('write', 'read', says(['read', 0.7])),
      row('execute', 'write', says(['write', 0.8]), 'read'),
    ]);
    expect(k).toMatchObject({ rows: 4, reproduced: 3, right: 1, wrong: 3, outweighed: 1, unseen: 2 });
    expect(k.byPair.get('write→read')).toEqual({ outweighed: 1, unseen: 1 });
    expect(k.byPair.get('execute→write')).toEqual({ outweighed: 0, unseen: 1 });
  });
});

describe('severeAnswer and severitySweep', () => {
  const close = row('write', 'read', says(['read', 0.8], ['write', 0.7]));
  const far = row('read', 'read', says(['read', 0.9], ['write', 0.3]));

  test('takes the most severe effect whose support reaches the share of the winner', () => {
    expect(severeAnswer(close, 0.8)).toBe('write');
    expect(severeAnswer(close, 0.9)).toBe('read');
    expect(severeAnswer(row('delete', 'read', says(['read', 0.8], ['write', 0.75], ['delete', 0.7])), 0.85)).toBe('delete');
  });

  test('leaves routers and answers the tally did not decide alone', () => {
    expect(severeAnswer(row('write', 'read', close.evidence, 'read', true), 0.5)).toBe('read');
    // Another step (a worst case) gave the answer: the evidence's tally says read, the answer delete.
    expect(severeAnswer(row('delete', 'delete', says(['read', 0.8], ['write', 0.7])), 0.5)).toBe('delete');
  });

  test('counts what the rule fixes and breaks at each share', () => {
    expect(severitySweep([close, far], [0.3, 0.8, 0.95])).toEqual([
      { share: 0.3, changed: 2, fixed: 1, broken: 1, net: 0 },
      { share: 0.8, changed: 1, fixed: 1, broken: 0, net: 1 },
      { share: 0.95, changed: 0, fixed: 0, broken: 0, net: 0 },
    ]);
  });
});
