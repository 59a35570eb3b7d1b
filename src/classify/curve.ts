/**
 * A calibration curve: points (raw strength, how often answers that strong were right), read by
 * straight lines between them and flat beyond the ends. The shipped curve lives in
 * calibration.ts; the evaluation fits its candidates with the same reading.
 */

/** Points sorted by raw strength, both coordinates in 0–1. */
export type Curve = readonly (readonly [raw: number, right: number])[];

/** The curve's value at a raw strength (clamped to 0–1). */
export function readCurve(curve: Curve, raw: number): number {
  const x = Math.min(1, Math.max(0, raw));
  if (curve.length === 0) return x;
  if (x <= curve[0]![0]) return curve[0]![1];
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i]!;
    if (x > x1) continue;
    const [x0, y0] = curve[i - 1]!;
    return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return curve[curve.length - 1]![1];
}
