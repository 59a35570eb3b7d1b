/**
 * Calibration curve: the classifier's raw strength → how often answers that strong were right.
 * Fitted (isotonic, then smoothed) on both development sets of `npm run eval` — the hand labels
 * and the live servers' readOnlyHint — before cross-validation by server; `npm run eval -- --fit`
 * regenerates this file.
 */
import { readCurve, type Curve } from './curve.ts';

export const CALIBRATION: Curve = [
  [0, 0.6],
  [0.25, 0.76],
  [0.4, 0.87],
  [0.6, 0.92],
  [0.78, 0.935],
  [0.85, 0.965],
  [0.9, 0.99],
  [1, 0.995],
];

/** The confidence of an answer of this raw strength. */
export function calibrate(raw: number): number {
  return readCurve(CALIBRATION, raw);
}
