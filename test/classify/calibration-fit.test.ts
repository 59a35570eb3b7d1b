import { describe, expect, test } from 'vitest';
import { readCurve } from '../../src/classify/curve.ts';
import { fitCurve, foldsByServer, outOfFold, type Sample } from '../../src/eval/calibration.ts';
import { calibrationOf } from '../../src/eval/metrics.ts';

/** n samples at one raw strength, `right` of them right. */
const at = (server: string, raw: number, n: number, right: number): Sample[] =>
  Array.from({ length: n }, (_, i) => ({ server, raw, evidence: true, right: i < right }));

describe('fitCurve', () => {
  test('pools adjacent violators into a non-decreasing curve', () => {
    const curve = fitCurve([...at('a', 0.2, 20, 12), ...at('b', 0.4, 20, 10), ...at('c', 0.9, 40, 39)]);
    // 0.2 (60%) and 0.4 (50%) violate the order: pooled into one block at 55%, shrunk by one tool.
    expect(curve).toHaveLength(2);
    expect(curve[0]![0]).toBeCloseTo(0.3);
    expect(curve[0]![1]).toBeGreaterThan(0.53);
    expect(curve[0]![1]).toBeLessThan(0.56);
    expect(curve[1]![1]).toBeGreaterThan(curve[0]![1]);
    expect(curve[1]![1]).toBeLessThanOrEqual(0.995);
  });

  test('merges blocks of a handful of tools into a neighbour', () => {
    const curve = fitCurve([...at('a', 0.1, 3, 0), ...at('b', 0.5, 30, 24), ...at('c', 0.95, 30, 30)]);
    expect(curve).toHaveLength(2);
  });

  test('leaves out tools without evidence (their confidence is fixed)', () => {
    expect(fitCurve([{ server: 'a', raw: 0, evidence: false, right: false }])).toEqual([]);
  });
});

describe('outOfFold', () => {
  test('deals whole servers into folds, the same on every run', () => {
    const servers = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const folds = foldsByServer(servers, 5, 7);
    expect(foldsByServer([...servers].reverse(), 5, 7)).toEqual(folds);
    expect(new Set(folds.values()).size).toBe(5);
  });

  test('scores each server with a curve fitted without it', () => {
    // One server is always right, the others half the time: out of fold, that server is scored by
    // the others' curve (about one in two), never by a curve that has seen its own answers.
    const samples = [...at('good', 0.9, 20, 20), ...Array.from({ length: 8 }, (_, i) => at(`s${i}`, 0.9, 20, 10)).flat()];
    const oof = outOfFold(samples, 5, 1);
    expect(oof[0]).toBeLessThan(0.7);
    expect(readCurve(fitCurve(samples), 0.9)).toBeGreaterThan(oof[0]!);
  });
});

describe('calibrationOf', () => {
  test('weighs each band\'s gap between confidence and accuracy by its count', () => {
    const scored = [
      ...Array.from({ length: 10 }, (_, i) => ({ confidence: 0.9, right: i < 7 })),
      ...Array.from({ length: 30 }, () => ({ confidence: 1, right: true })),
    ];
    const { ece, buckets } = calibrationOf(scored);
    // A quarter of the tools sit at 0.9 and are right 70% of the time; the rest are exact.
    expect(ece).toBeCloseTo(0.25 * 0.2);
    expect(buckets.at(-1)).toMatchObject({ from: 0.98, to: 1, count: 30, accuracy: 1 });
  });

  test('is null when nothing was scored', () => {
    expect(calibrationOf([]).ece).toBeNull();
  });
});
