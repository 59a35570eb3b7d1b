/**
 * What a replay of the first measures shows. `npm run replay` runs the classifier of each commit a
 * draw's first answers were recorded at (labels/first-measure.jsonl) on that draw's tools again,
 * and keeps the evidence each answer rested on. From it:
 *   - whether the replay reproduces the recorded answers (today's records against those of then);
 *   - of the answers that were wrong, how many had at least one finding pointing at the labelled
 *     effect (the right answer was seen and lost: a matter of weighing) and how many had none (no
 *     rule knew the cue: a matter of knowledge, which no reweighting can fix);
 *   - what a global rule for close calls would have done out of sample: take the more severe
 *     effect whenever its support reaches a share of the winner's, as the rule book's "judge a tool
 *     by the most severe thing one call can do" might suggest.
 * The answers were given before anything was changed for their draw, so these are out-of-sample
 * figures of a change that no draw's errors were fitted to.
 */
import { bestTwo, tally } from '../classify/combine.ts';
import { EFFECT_RANK } from '../classify/lexicon/verbs.ts';
import type { Evidence } from '../schema.ts';
import { EFFECT_VALUES, type Effect } from '../taxonomy.ts';

/** One replayed answer: the label, the answer recorded then, and the answer and evidence of the replay. */
export type ReplayRow = {
  label: Effect;
  recorded: Effect;
  effect: Effect;
  evidence: readonly Evidence[];
  /** A multi-action tool: its effect is its most severe action's, not the tally's. */
  router: boolean;
};

/** Each effect's support as the combiner's tally joins it: 1 − Π(1 − w) over the findings that name it. */
export function supportOf(evidence: ReplayRow['evidence']): Record<Effect, number> {
  return tally(evidence).score;
}

/** The effect the evidence's tally picks, as the combiner does (ties to the more severe; nothing at all reads). */
export function tallyWinner(support: Record<Effect, number>): Effect {
  const [first] = bestTwo(support);
  return support[first] > 0 ? first : 'read';
}

export type ErrorKinds = {
  rows: number;
  reproduced: number;
  right: number;
  wrong: number;
  /** Wrong answers where some finding pointed at the labelled effect. */
  outweighed: number;
  /** Wrong answers where no finding did. */
  unseen: number;
  /** Wrong answers by label and answer ("write→read"), each split as above. */
  byPair: Map<string, { outweighed: number; unseen: number }>;
};

/** How the replayed answers went wrong. */
export function errorKinds(rows: readonly ReplayRow[]): ErrorKinds {
  const out: ErrorKinds = { rows: rows.length, reproduced: 0, right: 0, wrong: 0, outweighed: 0, unseen: 0, byPair: new Map() };
  for (const r of rows) {
    if (r.effect === r.recorded) out.reproduced++;
    if (r.effect === r.label) {
      out.right++;
      continue;
    }
    out.wrong++;
    const seen = supportOf(r.evidence)[r.label] > 0;
    if (seen) out.outweighed++;
    else out.unseen++;
    const key = `${r.label}→${r.effect}`;
    const pair = out.byPair.get(key) ?? { outweighed: 0, unseen: 0 };
    if (seen) pair.outweighed++;
    else pair.unseen++;
    out.byPair.set(key, pair);
  }
  return out;
}

/**
 * The answer under the close-call rule: the most severe effect whose support reaches `share` of
 * the winner's takes over. Only answers the tally decided are touched (a router's effect is its
 * most severe action already).
 */
export function severeAnswer(row: ReplayRow, share: number): Effect {
  const support = supportOf(row.evidence);
  if (row.router || tallyWinner(support) !== row.effect) return row.effect;
  const lead = support[row.effect];
  let answer = row.effect;
  for (const e of EFFECT_VALUES) if (EFFECT_RANK[e] > EFFECT_RANK[answer] && support[e] > 0 && support[e] >= share * lead) answer = e;
  return answer;
}

export type RuleOutcome = { share: number; changed: number; fixed: number; broken: number; net: number };

/** What the close-call rule would have changed at each share: answers fixed, answers broken. */
export function severitySweep(rows: readonly ReplayRow[], shares: readonly number[]): RuleOutcome[] {
  return shares.map((share) => {
    let changed = 0;
    let fixed = 0;
    let broken = 0;
    for (const r of rows) {
      const next = severeAnswer(r, share);
      if (next === r.effect) continue;
      changed++;
      if (next === r.label) fixed++;
      else if (r.effect === r.label) broken++;
    }
    return { share, changed, fixed, broken, net: fixed - broken };
  });
}
