/**
 * The figures of one evaluation set: accuracy, per-class precision and recall, confusion, the
 * unanswered count, calibration error, risk agreement, the recorded first answers of its draws, the
 * word baseline's accuracy and the peer's figures on the same tools.
 */
import type { EvalSet, EvalSetId, FirstMeasure } from '../schema.ts';
import { EFFECT_VALUES, RISKS, type Effect } from '../taxonomy.ts';
import { PEER_EFFECT } from './peer.ts';
import type { Item } from './sets.ts';

/** Confidence bands of the calibration tables: narrow where most answers fall. */
export const BUCKETS = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1];

export type Scored = { confidence: number; right: boolean };
export type Bucket = { from: number; to: number; count: number; meanConfidence: number | null; accuracy: number | null };

/** Confidence bands and the expected calibration error (the count-weighted gap), null when empty. */
export function calibrationOf(scored: readonly Scored[]): { ece: number | null; buckets: Bucket[] } {
  const buckets: Bucket[] = [];
  let gap = 0;
  for (let i = 0; i + 1 < BUCKETS.length; i++) {
    const from = BUCKETS[i]!;
    const to = BUCKETS[i + 1]!;
    const last = i + 2 === BUCKETS.length;
    const inside = scored.filter((s) => s.confidence >= from && (s.confidence < to || (last && s.confidence <= to)));
    const mean = inside.length ? inside.reduce((s, x) => s + x.confidence, 0) / inside.length : null;
    const accuracy = inside.length ? inside.filter((x) => x.right).length / inside.length : null;
    if (mean !== null && accuracy !== null) gap += (inside.length / scored.length) * Math.abs(mean - accuracy);
    buckets.push({ from, to, count: inside.length, meanConfidence: mean, accuracy });
  }
  return { ece: scored.length ? gap : null, buckets };
}

/** How a set is scored: by effect, or read against not-read with or without the reviewed hints. */
export type Scoring = { kind: 'effect' } | { kind: 'read'; reviewed: boolean };

const CLASSES = { effect: EFFECT_VALUES as readonly string[], read: ['read', 'not-read'] as readonly string[] };

/** The reference answer of an item: its label, or for live tools the (reviewed) hint. */
export function referenceOf(item: Item, scoring: Scoring): string {
  if (scoring.kind === 'read' && scoring.reviewed && item.review) return item.review === 'read' ? 'read' : 'not-read';
  return item.label;
}

/** Our answer in the set's classes, or null when the tool was not classified. */
export function answerOf(item: Item, scoring: Scoring): string | null {
  const effect = item.analysis?.classification.effect;
  if (!effect) return null;
  return scoring.kind === 'read' ? (effect === 'read' ? 'read' : 'not-read') : effect;
}

export const isRight = (item: Item, scoring: Scoring) => answerOf(item, scoring) === referenceOf(item, scoring);

function peerAnswer(category: string | null, scoring: Scoring): string | null {
  const effect = category === null ? null : (PEER_EFFECT[category] ?? null);
  if (!effect) return null;
  return scoring.kind === 'read' ? (effect === 'read' ? 'read' : 'not-read') : effect;
}

const share = (part: number, whole: number) => (whole ? part / whole : null);

export function summarise(input: {
  id: EvalSetId;
  source: string;
  items: readonly Item[];
  scoring: Scoring;
  /** Out-of-fold confidences by item, or null for a set never fitted on. */
  outOfFold: ReadonlyMap<Item, number> | null;
  showErrors: boolean;
  /** Relabels that name no tool of the set (reviewed live scoring only). */
  unmatchedReviews?: number;
  /** The word baseline's answers (effect sets), and how they were scored. */
  baseline?: { answers: ReadonlyMap<Item, Effect>; scored: 'cross-validated' | 'held-out' };
  /** Recorded first answers (labels/first-measure.jsonl), by server and tool. */
  firstMeasures?: ReadonlyMap<string, FirstMeasure>;
}): EvalSet {
  const { items, scoring } = input;
  const classes = CLASSES[scoring.kind];
  const confusion = Object.fromEntries(classes.map((r) => [r, Object.fromEntries([...classes, 'none'].map((c) => [c, 0]))])) as Record<string, Record<string, number>>;
  const errors: EvalSet['errors'] = [];
  let right = 0;
  let unanswered = 0;
  for (const item of items) {
    const ref = referenceOf(item, scoring);
    const ours = answerOf(item, scoring);
    confusion[ref]![ours ?? 'none']!++;
    if (ours === null) unanswered++;
    if (ours === ref) {
      right++;
      continue;
    }
    const c = item.analysis?.classification;
    errors.push({ server: item.server, tool: item.tool, label: ref, ours: c?.effect ?? null, confidence: c?.confidence ?? null, peer: item.peer, evidence: c ? (c.evidence[0]?.detail ?? '') : 'not classified: the tool is not in the catalog' });
  }
  const perClass = Object.fromEntries(
    classes.map((k) => {
      const predicted = classes.reduce((s, row) => s + confusion[row]![k]!, 0);
      const support = Object.values(confusion[k]!).reduce((s, x) => s + x, 0);
      return [k, { precision: share(confusion[k]![k]!, predicted), recall: share(confusion[k]![k]!, support), support }];
    }),
  );
  const answered = items.filter((i) => i.analysis);
  const shipped = calibrationOf(answered.map((i) => ({ confidence: i.analysis!.classification.confidence, right: isRight(i, scoring) })));
  // Tools of servers with test labels were never fitted on, so they have no out-of-fold confidence.
  const oof = input.outOfFold;
  const cv = oof ? calibrationOf(answered.filter((i) => oof.has(i)).map((i) => ({ confidence: oof.get(i)!, right: isRight(i, scoring) }))) : null;
  return {
    id: input.id,
    source: input.source,
    kind: scoring.kind,
    servers: new Set(items.map((i) => i.server)).size,
    tools: items.length,
    unanswered,
    accuracy: share(right, items.length),
    perClass,
    confusion,
    ece: shipped.ece,
    cvEce: cv?.ece ?? null,
    risk: riskOf(items),
    firstMeasure: input.firstMeasures && scoring.kind === 'effect' ? firstMeasureOf(items, input.firstMeasures, input.baseline?.answers ?? new Map()) : null,
    baseline: input.baseline && scoring.kind === 'effect' ? baselineOf(items, input.baseline.answers, input.baseline.scored) : null,
    peer: peerOf(items, scoring),
    review: scoring.kind === 'read' && scoring.reviewed ? { ...reviewOf(items), unmatched: input.unmatchedReviews ?? 0 } : null,
    draws: drawsOf(items, scoring),
    errorsShown: input.showErrors,
    errors: input.showErrors ? errors : [],
  };
}

/** Accuracy per random draw, in the order drawn (the seeds count up). */
function drawsOf(items: readonly Item[], scoring: Scoring): EvalSet['draws'] {
  const by = new Map<number, Item[]>();
  for (const i of items) {
    if (i.draw === undefined) continue;
    const drawn = by.get(i.draw);
    if (drawn) drawn.push(i);
    else by.set(i.draw, [i]);
  }
  return [...by].sort(([a], [b]) => a - b).map(([draw, its]) => ({ draw, servers: new Set(its.map((i) => i.server)).size, tools: its.length, accuracy: share(its.filter((i) => isRight(i, scoring)).length, its.length) }));
}

/** Where the first answers were below these confidences, the baseline's second opinion is counted. */
const SECOND_OPINION_BELOW = [0.9, 0.95, 0.98];

function firstMeasureOf(items: readonly Item[], measures: ReadonlyMap<string, FirstMeasure>, baseline: ReadonlyMap<Item, Effect>): EvalSet['firstMeasure'] {
  const measured = items.flatMap((i) => {
    // A measure belongs to the hand label of the same draw (first labels carry no draw).
    const m = i.draw === undefined ? undefined : measures.get(`${i.server}\u0000${i.tool}`);
    return m && m.draw === i.draw ? [{ item: i, first: m }] : [];
  });
  if (measured.length === 0) return null;
  return {
    tools: measured.length,
    accuracy: share(measured.filter(({ item, first }) => first.effect === item.label).length, measured.length),
    ece: calibrationOf(measured.map(({ item, first }) => ({ confidence: first.confidence, right: first.effect === item.label }))).ece,
    secondOpinion: SECOND_OPINION_BELOW.map((below) => {
      const disputed = measured.filter(({ item, first }) => first.confidence < below && baseline.has(item) && baseline.get(item) !== first.effect);
      return {
        below,
        disagreements: disputed.length,
        baselineRight: disputed.filter(({ item }) => baseline.get(item) === item.label).length,
        firstRight: disputed.filter(({ item, first }) => first.effect === item.label).length,
      };
    }),
  };
}

function baselineOf(items: readonly Item[], answers: ReadonlyMap<Item, Effect>, scored: 'cross-validated' | 'held-out'): EvalSet['baseline'] {
  const answered = items.filter((i) => answers.has(i));
  return {
    scored,
    tools: answered.length,
    accuracy: share(answered.filter((i) => answers.get(i) === i.label).length, answered.length),
    oursOnSame: share(answered.filter((i) => isRight(i, { kind: 'effect' })).length, answered.length),
  };
}

function riskOf(items: readonly Item[]): EvalSet['risk'] {
  const rated = items.filter((i) => i.risk && i.analysis);
  if (rated.length === 0) return null;
  const gaps = rated.map((i) => Math.abs(RISKS[i.analysis!.classification.risk].rank - RISKS[i.risk!].rank));
  return { exact: gaps.filter((g) => g === 0).length / rated.length, withinOne: gaps.filter((g) => g <= 1).length / rated.length };
}

function peerOf(items: readonly Item[], scoring: Scoring): EvalSet['peer'] {
  const overlap = items.filter((i) => i.peer !== null);
  const answered = overlap.filter((i) => peerAnswer(i.peer, scoring) !== null);
  const peerRight = answered.filter((i) => peerAnswer(i.peer, scoring) === referenceOf(i, scoring)).length;
  const categories: Record<string, number> = {};
  for (const i of overlap) categories[i.peer!] = (categories[i.peer!] ?? 0) + 1;
  return {
    overlap: overlap.length,
    answered: answered.length,
    accuracyAnswered: share(peerRight, answered.length),
    accuracyOverlap: share(peerRight, overlap.length),
    oursOnOverlap: share(overlap.filter((i) => isRight(i, scoring)).length, overlap.length),
    oursOnAnswered: share(answered.filter((i) => isRight(i, scoring)).length, answered.length),
    categories,
  };
}

/** How the blind relabels changed the live reference, split by whether we agreed with the raw hint. */
function reviewOf(items: readonly Item[]): Omit<NonNullable<EvalSet['review']>, 'unmatched'> {
  const raw: Scoring = { kind: 'read', reviewed: false };
  const reviewed: Scoring = { kind: 'read', reviewed: true };
  const relabelled = items.filter((i) => i.review);
  const overturned = (i: Item) => referenceOf(i, reviewed) !== referenceOf(i, raw);
  const disagreements = relabelled.filter((i) => !isRight(i, raw));
  const agreements = relabelled.filter((i) => isRight(i, raw));
  return {
    relabels: relabelled.length,
    overturned: relabelled.filter(overturned).length,
    disagreements: disagreements.length,
    overturnedAmongDisagreements: disagreements.filter(overturned).length,
    agreements: agreements.length,
    overturnedAmongAgreements: agreements.filter(overturned).length,
  };
}
