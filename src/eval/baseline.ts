/**
 * A yardstick beside the classifier: what plain word statistics, learned from the same hand
 * labels, get right without any rule. Multinomial naive Bayes over the words of a tool's name and
 * of its description's first sentence (the words the rules read first), with add-half smoothing.
 * It is never part of the classifier and nothing is tuned on it: `npm run eval` fits it on the
 * effect labels of every set but test, scores those sets by cross-validation by server (a server's
 * tools are scored by a model fitted without that server) and scores the test set once, fitted on
 * all of them.
 */
import { firstSentence, splitName, words } from '../classify/text.ts';
import { EFFECT_VALUES, type Effect } from '../taxonomy.ts';
import { foldsByServer } from './calibration.ts';

/** One labelled tool as the baseline sees it. */
export type WordSample = { server: string; words: readonly string[]; effect: Effect };

export type WordModel = {
  /** Labelled tools per effect. */
  tools: Record<Effect, number>;
  /** Word counts per effect, and their totals. */
  counts: Record<Effect, Map<string, number>>;
  totals: Record<Effect, number>;
  /** Every word seen with any effect. */
  vocabulary: Set<string>;
};

/** Add-half smoothing: a word never seen with an effect still leaves that effect possible. */
const SMOOTHING = 0.5;

/** Words that say nothing of what a call does; every description is full of them. */
const FILLER = new Set(
  'a an the of to and or for in on with by from is are be this that it its as at use used using when you your can will any all into which'.split(' '),
);

/** How many words of the first sentence are read: the verb is near its start. */
const SENTENCE_WORDS = 25;

/** The words the baseline reads: the name's, marked `n:`, and the first sentence's, marked `d:`, each once. */
export function baselineWords(name: string, description: string): string[] {
  const out = new Set<string>();
  for (const w of splitName(name)) if (w.length > 1) out.add(`n:${w}`);
  let kept = 0;
  for (const w of words(firstSentence(description))) {
    if (w.length < 2 || FILLER.has(w) || /^\d/.test(w)) continue;
    out.add(`d:${w}`);
    if (++kept === SENTENCE_WORDS) break;
  }
  return [...out];
}

export function fitWordModel(samples: readonly WordSample[]): WordModel {
  const model: WordModel = {
    tools: zeros(),
    counts: Object.fromEntries(EFFECT_VALUES.map((e) => [e, new Map<string, number>()])) as Record<Effect, Map<string, number>>,
    totals: zeros(),
    vocabulary: new Set(),
  };
  for (const s of samples) {
    model.tools[s.effect]++;
    const counts = model.counts[s.effect];
    for (const w of s.words) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      model.totals[s.effect]++;
      model.vocabulary.add(w);
    }
  }
  return model;
}

/** The most likely effect for these words; words the model never saw are ignored. */
export function predictEffect(model: WordModel, sampleWords: readonly string[]): Effect {
  const all = EFFECT_VALUES.reduce((n, e) => n + model.tools[e], 0);
  let best: Effect = 'read';
  let bestScore = -Infinity;
  for (const e of EFFECT_VALUES) {
    let score = Math.log((model.tools[e] + 1) / (all + EFFECT_VALUES.length));
    const denominator = model.totals[e] + SMOOTHING * model.vocabulary.size;
    for (const w of sampleWords) {
      if (!model.vocabulary.has(w)) continue;
      score += Math.log(((model.counts[e].get(w) ?? 0) + SMOOTHING) / denominator);
    }
    if (score > bestScore) {
      bestScore = score;
      best = e;
    }
  }
  return best;
}

/** Each sample's predicted effect from a model fitted without its server (k folds by server). */
export function crossValidatedEffects(samples: readonly WordSample[], k: number, seed: number): Effect[] {
  const fold = foldsByServer(samples.map((s) => s.server), k, seed);
  const out: Effect[] = new Array(samples.length);
  for (let f = 0; f < k; f++) {
    const model = fitWordModel(samples.filter((s) => fold.get(s.server) !== f));
    samples.forEach((s, i) => {
      if (fold.get(s.server) === f) out[i] = predictEffect(model, s.words);
    });
  }
  return out;
}

function zeros(): Record<Effect, number> {
  return Object.fromEntries(EFFECT_VALUES.map((e) => [e, 0])) as Record<Effect, number>;
}
