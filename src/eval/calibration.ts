/**
 * Fitting the calibration curve and measuring it out of sample. The curve maps the classifier's
 * raw strength to how often answers that strong were right: isotonic regression
 * (pool-adjacent-violators) of right/wrong on raw strength, lightly smoothed — small blocks
 * merged into a neighbour, each block's rate shrunk towards the overall rate by one tool, and
 * straight lines between block centres instead of steps. Cross-validation is by server: every
 * server's tools are scored by a curve fitted without that server.
 */
import { NO_EVIDENCE_CONFIDENCE, shownConfidence } from '../classify/combine.ts';
import { readCurve, type Curve } from '../classify/curve.ts';

/** One scored tool: its raw strength, whether it had any evidence, whether its effect was right. */
export type Sample = { server: string; raw: number; evidence: boolean; right: boolean };

/** Blocks smaller than this are merged: a rate measured on a handful of tools is noise. */
const MIN_BLOCK = 15;
/** No answer of a heuristic is certain. */
const CEILING = 0.995;

type Block = { n: number; right: number; rawSum: number };

/** The curve fitted on these samples (those with evidence); empty when there are none. */
export function fitCurve(samples: readonly Sample[]): Curve {
  const used = samples.filter((s) => s.evidence).sort((a, b) => a.raw - b.raw);
  if (used.length === 0) return [];
  const overall = used.filter((s) => s.right).length / used.length;
  const blocks = mergeSmall(pool(used));
  const points: [number, number][] = [];
  let floor = 0;
  for (const b of blocks) {
    // Shrunk by one tool towards the overall rate, then kept non-decreasing.
    const y = Math.max(floor, Math.min(CEILING, (b.right + overall) / (b.n + 1)));
    floor = y;
    points.push([round3(b.rawSum / b.n), round3(y)]);
  }
  return points;
}

/** Pool-adjacent-violators over samples sorted by raw strength (equal strengths share a block). */
function pool(sorted: readonly Sample[]): Block[] {
  const stack: Block[] = [];
  for (let i = 0; i < sorted.length; ) {
    const b: Block = { n: 0, right: 0, rawSum: 0 };
    const x = sorted[i]!.raw;
    for (; i < sorted.length && sorted[i]!.raw === x; i++) add(b, { n: 1, right: sorted[i]!.right ? 1 : 0, rawSum: x });
    stack.push(b);
    while (stack.length > 1 && rate(stack[stack.length - 2]!) >= rate(stack[stack.length - 1]!)) add(stack[stack.length - 2]!, stack.pop()!);
  }
  return stack;
}

/** Merges each block under MIN_BLOCK tools into the neighbour whose rate is closer (order is kept). */
function mergeSmall(blocks: Block[]): Block[] {
  const out = blocks.map((b) => ({ ...b }));
  for (;;) {
    const i = out.findIndex((b) => b.n < MIN_BLOCK);
    if (i < 0 || out.length === 1) return out;
    const left = out[i - 1];
    const right = out[i + 1];
    const into = !right || (left && Math.abs(rate(left) - rate(out[i]!)) <= Math.abs(rate(right) - rate(out[i]!))) ? i - 1 : i + 1;
    add(out[into]!, out[i]!);
    out.splice(i, 1);
  }
}

function add(into: Block, b: Block): void {
  into.n += b.n;
  into.right += b.right;
  into.rawSum += b.rawSum;
}

const rate = (b: Block) => b.right / b.n;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A confidence as the classifier gives it, from this curve (combine's shownConfidence). */
export function confidenceFrom(curve: Curve, s: Pick<Sample, 'raw' | 'evidence'>): number {
  return shownConfidence((raw) => readCurve(curve, raw), s.raw, s.evidence);
}

/** Servers dealt into k folds after a seeded shuffle, so a run is repeatable. */
export function foldsByServer(servers: Iterable<string>, k: number, seed: number): Map<string, number> {
  const order = [...new Set(servers)].sort();
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Map(order.map((s, i) => [s, i % k]));
}

/** Each sample's confidence from a curve fitted on the other folds' servers. */
export function outOfFold(samples: readonly Sample[], k: number, seed: number): number[] {
  const fold = foldsByServer(
    samples.map((s) => s.server),
    k,
    seed,
  );
  const out = new Array<number>(samples.length).fill(NO_EVIDENCE_CONFIDENCE);
  for (let f = 0; f < k; f++) {
    const curve = fitCurve(samples.filter((s) => fold.get(s.server) !== f));
    samples.forEach((s, i) => {
      if (fold.get(s.server) === f) out[i] = confidenceFrom(curve, s);
    });
  }
  return out;
}

/** A small seeded generator (mulberry32): the folds must not change from run to run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the header of the generated module says about the fit. */
export type FitSummary = { date: string; tools: number; servers: number; sets: string; folds: number; seed: number; cvEce: number | null };

/** The source of src/classify/calibration.ts for a fitted curve. */
export function renderCalibrationModule(curve: Curve, fit: FitSummary): string {
  const rows = curve.map(([x, y]) => `  [${x}, ${y}],`).join('\n');
  return `/**
 * Calibration curve: the classifier's raw strength → how often answers that strong were right.
 * Generated by \`npm run eval -- --fit\` on ${fit.date}; do not edit by hand, refit when the signals change.
 *
 * Fitted on ${fit.tools} tools of ${fit.servers} servers (${fit.sets}; never the test set):
 * isotonic regression (pool-adjacent-violators) of right/wrong on raw strength, blocks of fewer
 * than ${MIN_BLOCK} tools merged into a neighbour, each block's rate shrunk towards the overall rate by
 * one tool and capped at ${CEILING}, straight lines between block centres. Cross-validated by server
 * (${fit.folds} folds, seed ${fit.seed}): expected calibration error ${fit.cvEce === null ? 'not measured' : fit.cvEce.toFixed(3)} out of sample.
 */
import { readCurve, type Curve } from './curve.ts';

export const CALIBRATION: Curve = [
${rows}
];

/** The confidence of an answer of this raw strength. */
export function calibrate(raw: number): number {
  return readCurve(CALIBRATION, raw);
}
`;
}
