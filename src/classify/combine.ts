/**
 * The combiner: turns the findings of every signal into one classification. Effect: the effect
 * with the most support, each effect's findings joined as independent evidence (1 − Π(1 − w)).
 * Risk: the effect's base level, raised or lowered by the traits that hold for that effect
 * (money, outside sends, access, secrets, arbitrary code, account-wide reach, passing UI state).
 * Confidence: how much the winner leads and how many kinds of signal agree, lowered by a missing
 * description, an unknown verb or a conflict, mapped through the calibration curve of calibration.ts
 * (fitted by `npm run eval -- --fit`), with the reasons in `doubts`.
 */
import type { Classification, Evidence } from '../schema.ts';
import { DOMAIN_VALUES, EFFECT_VALUES, FLAG_VALUES, type Domain, type Effect, type Flag, type Risk } from '../taxonomy.ts';
import { calibrate } from './calibration.ts';
import { EFFECT_RANK } from './lexicon/verbs.ts';
import type { PreparedTool } from './prepare.ts';
import { perWord } from './text.ts';
import type { Tally } from './signals/annotations.ts';
import type { NameParse } from './signals/name-verb.ts';
import type { Finding, Trait } from './types.ts';

// Compared outright: this runs for every finding, several times per tool.
const isEffect = (s: string): s is Effect => s === 'read' || s === 'write' || s === 'delete' || s === 'execute';

/** Descriptions longer than this are flagged: long text can hide instructions. */
export const LONG_DESCRIPTION = 2_000;
/**
 * Most evidence items kept per tool (the strongest first). Findings of the signals that read
 * poisoning are kept beyond it: the policy quotes them, and each signal gives one finding at most.
 */
const EVIDENCE_MAX = 10;
const ALWAYS_KEPT = new Set(['poisoning', 'hidden-characters', 'server-instructions']);

/**
 * The share of its weight a word adds when said again (the description opening with the name's
 * own verb): it confirms the word is meant as a verb, but says nothing new about what it does.
 */
const REPEAT_SHARE = 0.5;

/** Joins each effect's findings as independent evidence: which effect wins. */
export function tally(findings: readonly Finding[]): Tally {
  // By effect index (read, write, delete, execute): plain array slots, for every finding.
  const miss = [1, 1, 1, 1];
  const top: (Finding | undefined)[] = [undefined, undefined, undefined, undefined];
  for (const f of findings) {
    const i = effectIndex(f.says);
    if (i < 0) continue;
    miss[i] = miss[i]! * (1 - f.weight);
    const best = top[i];
    if (!best || f.weight > best.weight) top[i] = f;
  }
  return {
    score: { read: 1 - miss[0]!, write: 1 - miss[1]!, delete: 1 - miss[2]!, execute: 1 - miss[3]! },
    top: { read: top[0], write: top[1], delete: top[2], execute: top[3] },
  };
}

/**
 * How strongly the findings support one effect, for the confidence: like the tally, except that
 * findings resting on the same word (the name's "list" and the description's "Lists …") are not
 * independent: the strongest counts in full, a repeat at REPEAT_SHARE of its weight. The effect
 * itself is still chosen by the tally, where a repeat confirms the word is meant as a verb.
 */
function support(findings: readonly Finding[], effect: Effect): number {
  let miss = 1;
  const byWord = new Map<string, { weight: number; repeat: number }>();
  for (const f of findings) {
    if (f.says !== effect) continue;
    if (f.word === undefined) {
      miss *= 1 - f.weight;
      continue;
    }
    const seen = byWord.get(f.word);
    if (!seen) byWord.set(f.word, { weight: f.weight, repeat: 0 });
    else byWord.set(f.word, { weight: Math.max(seen.weight, f.weight), repeat: Math.max(seen.repeat, Math.min(seen.weight, f.weight)) });
  }
  for (const { weight, repeat } of byWord.values()) miss *= (1 - weight) * (1 - REPEAT_SHARE * repeat);
  return 1 - miss;
}

/** A finding's effect as its place in the tally's arrays, or -1 when it says something else. */
function effectIndex(says: string): number {
  switch (says) {
    case 'read':
      return 0;
    case 'write':
      return 1;
    case 'delete':
      return 2;
    case 'execute':
      return 3;
    default:
      return -1;
  }
}

/** The score of the best-supported effect, as `tally` gives it. */
export function strongestScore(findings: readonly Finding[]): number {
  const { score } = tally(findings);
  return Math.max(score.read, score.write, score.delete, score.execute);
}

/** Which traits hold for the chosen effect (a "sends" verb that lost to a read says nothing). */
function activeTraits(findings: readonly Finding[], effect: Effect): Set<Trait> {
  const out = new Set<Trait>();
  for (const f of findings) {
    if (!f.traits || f.traits.length === 0) continue;
    if (isEffect(f.says) && f.says !== effect) continue;
    for (const tr of f.traits) if (traitHolds(tr, effect)) out.add(tr);
  }
  return out;
}

function traitHolds(trait: Trait, effect: Effect): boolean {
  switch (trait) {
    case 'reads-secrets':
    case 'reads-personal':
    case 'private-data':
    case 'untrusted-input':
      return effect === 'read';
    case 'writes-secrets':
    case 'ephemeral':
      return effect === 'write';
    case 'sends-out':
    case 'moves-money':
    case 'changes-access':
    case 'infrastructure-change':
      return effect === 'write' || effect === 'execute';
    case 'account-wide':
      return effect === 'delete';
    case 'arbitrary-code':
      return effect === 'execute';
    case 'irreversible':
      return effect !== 'read';
    default:
      return true;
  }
}

/** Browser actions that only change passing state (which tab, the window size). */
const PASSING_BROWSER_VERBS = new Set(['close', 'select', 'switch', 'wait', 'resize', 'hover', 'emulate', 'scroll', 'focus']);
const PASSING_BROWSER_OBJECTS = new Set(['back', 'forward', 'pdf']);

/** Traits that make a write high-risk. */
const HIGH_WRITE_TRAITS: readonly Trait[] = ['sends-out', 'moves-money', 'changes-access', 'writes-secrets', 'infrastructure-change'];

/**
 * Traits that make any tool at least high risk, whatever it does: text the model reads that
 * addresses it, hides characters, or comes from a server whose instructions are poisoned. The
 * tool's own effect no longer bounds what a call can lead to.
 */
const POISONED_TRAITS: readonly Trait[] = ['addresses-model', 'hides-text', 'poisoned-instructions'];

/** The risk of an effect given the traits seen (the router reader judges each action with it). */
export function riskOf(effect: Effect, traits: ReadonlySet<Trait>): Risk {
  const risk = effectRisk(effect, traits);
  if (risk === 'critical' || risk === 'high') return risk;
  for (const x of POISONED_TRAITS) if (traits.has(x)) return 'high';
  return risk;
}

function effectRisk(effect: Effect, traits: ReadonlySet<Trait>): Risk {
  switch (effect) {
    case 'read':
      if (traits.has('reads-secrets')) return 'high';
      return traits.has('reads-personal') ? 'medium' : 'low';
    case 'write':
      for (const x of HIGH_WRITE_TRAITS) if (traits.has(x)) return 'high';
      return traits.has('ephemeral') ? 'low' : 'medium';
    case 'delete':
      return traits.has('account-wide') ? 'critical' : 'high';
    case 'execute':
      return traits.has('arbitrary-code') ? 'critical' : 'high';
  }
}

/** The highest confidence given, as shown: a curve at its ceiling (0.995) would round to a certain 1. */
const MOST_CONFIDENT = 0.99;
/** With no evidence at all, an answer is a guess. */
export const NO_EVIDENCE_CONFIDENCE = 0.5;

/**
 * A confidence as the classifier gives it: the curve's rate at the raw strength, two places, and
 * never 1 (no answer of a heuristic is certain); a fixed guess when no signal spoke. The
 * evaluation scores its out-of-fold curves through the same function.
 */
export function shownConfidence(curve: (raw: number) => number, raw: number, evidence: boolean): number {
  return evidence ? Math.min(MOST_CONFIDENT, Math.round(curve(raw) * 100) / 100) : NO_EVIDENCE_CONFIDENCE;
}

/** The raw strength behind a confidence, exposed for the evaluation's calibration fit. */
export type Strength = { raw: number; lead: number; second: number; kinds: number };

export function combine(t: PreparedTool, parse: NameParse, findings: Finding[]): { classification: Classification; traits: Set<Trait>; strength: Strength } {
  // 1. Effect: the best-supported effect; ties go to the weightier one.
  const { score, top } = tally(findings);
  const [first, runnerUp] = bestTwo(score);
  const nothing = score[first] === 0;
  // With nothing to go on the tool is taken as a read, at the lowest confidence: on the measured
  // servers such tools (advice, "thinking", rule books) only read, and the flags say why.
  const effect: Effect = nothing ? 'read' : first;
  const second = first !== effect ? first : runnerUp;
  const s1 = support(findings, effect);
  const s2 = support(findings, second);

  // 2. Flags and domains.
  const flags = new Set<Flag>();
  const domains = new Set<Domain>();
  for (const f of findings) {
    if (f.flag) flags.add(f.flag);
    if (f.domain) domains.add(f.domain);
  }
  const traits = activeTraits(findings, effect);
  if (traits.has('web') && (effect === 'read' || parse.resolved?.entry.verb === 'navigate')) flags.add('open-world');
  const unknownVerb = parse.resolved === null || parse.as === 'read-noun' || parse.as === 'noun';
  if (unknownVerb) flags.add('unknown-verb');
  if (t.rawDescription.length > LONG_DESCRIPTION) flags.add('long-description');
  if (domains.has('browser') && effect === 'write') {
    const verb = parse.resolved?.entry.verb ?? '';
    if (PASSING_BROWSER_VERBS.has(verb) || parse.objects.some((w) => PASSING_BROWSER_OBJECTS.has(w))) traits.add('ephemeral');
  }
  if (traits.has('reads-secrets') || traits.has('reads-personal') || traits.has('writes-secrets') || domains.has('secrets') || domains.has('personal')) {
    flags.add('sensitive-data');
  }

  // 3. Risk.
  const risk = riskOf(effect, traits);

  // 4. Confidence and the doubts that lowered it.
  const { kinds, repeated } = signalKinds(findings, effect);
  const doubts: string[] = [];
  let raw = nothing ? 0 : s1 - 0.75 * s2;
  if (nothing) doubts.push('Nothing in the name, description or parameters says what the tool does.');
  if (flags.has('no-description')) {
    raw *= 0.85;
    doubts.push('The server gives no description: only the name and parameters speak.');
  }
  if (unknownVerb) {
    raw *= 0.85;
    doubts.push('The name holds no verb the lexicon knows.');
  }
  if (flags.has('annotation-conflict')) {
    raw *= 0.75;
    doubts.push("The server's annotations contradict the name, description or parameters.");
  }
  if (!nothing && s2 >= 0.3) {
    const other = top[second];
    doubts.push(`Some signals point to ${second} instead${other ? ` (${other.detail.split(':', 1)[0]})` : ''}.`);
  }
  if (!nothing && kinds === 1) {
    // A lone kind of signal with no verb the lexicon knows is a guess from a noun or a phrase; a
    // word the description only repeats was already discounted in the tally.
    if (unknownVerb) raw *= 0.75;
    else if (!repeated) raw *= 0.9;
    doubts.push(repeated ? 'The name and description repeat one word: a single piece of evidence.' : 'Only one kind of signal spoke.');
  }
  if (!nothing && s1 < 0.5) doubts.push('The evidence for this effect is weak.');
  const confidence = shownConfidence(calibrate, raw, !nothing);

  // 5. Evidence: what decided first, then what else was seen.
  const evidence = orderEvidence(findings, effect);
  if (evidence.length === 0) {
    evidence.push({ signal: 'name-verb', says: 'none', weight: 0, detail: 'no signal spoke: the name, description and parameters say nothing the lexicons know' });
  }

  const classification: Classification = {
    effect,
    risk,
    confidence,
    domains: inOrder(DOMAIN_VALUES, domains),
    flags: inOrder(FLAG_VALUES, flags),
    evidence,
    doubts,
    summary: summarize(t, parse, effect),
  };
  return { classification, traits, strength: { raw, lead: s1, second: s2, kinds } };
}

/**
 * The two best-supported effects, in order: the higher score first, ties to the weightier effect.
 * (A selection, not a sort: this runs for every tool.)
 */
export function bestTwo(score: Readonly<Record<Effect, number>>): [Effect, Effect] {
  let first: Effect = EFFECT_VALUES[0];
  let second: Effect | null = null;
  for (let i = 1; i < EFFECT_VALUES.length; i++) {
    const e = EFFECT_VALUES[i]!;
    if (ranksBefore(score, e, first)) {
      second = first;
      first = e;
    } else if (second === null || ranksBefore(score, e, second)) {
      second = e;
    }
  }
  return [first, second!];
}

function ranksBefore(score: Readonly<Record<Effect, number>>, a: Effect, b: Effect): boolean {
  return score[a] > score[b] || (score[a] === score[b] && EFFECT_RANK[a] > EFFECT_RANK[b]);
}

/** The members of a set in the taxonomy's order (most sets hold one member or none). */
function inOrder<T>(order: readonly T[], set: ReadonlySet<T>): T[] {
  if (set.size <= 1) return [...set];
  const out: T[] = [];
  for (const x of order) if (set.has(x)) out.push(x);
  return out;
}

/**
 * How many kinds of signal speak for the effect, and whether two of them only repeat one word
 * (the name's verb said again by the description), which makes them one kind.
 */
function signalKinds(findings: readonly Finding[], effect: Effect): { kinds: number; repeated: boolean } {
  const signals = new Set<string>();
  const kinds = new Set<string>();
  for (const f of findings) {
    if (f.says !== effect) continue;
    signals.add(f.signal);
    kinds.add(f.word === undefined ? f.signal : `word ${f.word}`);
  }
  return { kinds: kinds.size, repeated: kinds.size < signals.size };
}

/** Where a finding goes in the evidence: the chosen effect, other effects, flags, risk, domains, notes. */
function evidenceGroup(f: Finding, effect: Effect): number {
  return f.says === effect ? 0 : isEffect(f.says) ? 1 : f.says === 'flag' ? 2 : f.says === 'risk' ? 3 : f.says === 'domain' ? 4 : 5;
}

/** A note that only matters for another effect ("personal data" on a send) would mislead. */
function relevant(f: Finding, effect: Effect): boolean {
  if (!(f.says === 'risk' || f.says === 'none') || !f.traits?.length) return true;
  for (const tr of f.traits) if (traitHolds(tr, effect)) return true;
  return false;
}

function orderEvidence(findings: readonly Finding[], effect: Effect): Evidence[] {
  // By group, then the weightiest first, in the order found where they tie: an insertion sort,
  // which is stable and quick on the dozen findings a tool has.
  const kept: Finding[] = [];
  const groups: number[] = [];
  for (const f of findings) {
    if (!relevant(f, effect) || (f.says === 'none' && !(f.weight > 0))) continue;
    const g = evidenceGroup(f, effect);
    let at = kept.length;
    for (; at > 0 && (groups[at - 1]! > g || (groups[at - 1] === g && kept[at - 1]!.weight < f.weight)); at--) {
      kept[at] = kept[at - 1]!;
      groups[at] = groups[at - 1]!;
    }
    kept[at] = f;
    groups[at] = g;
  }
  const out: Evidence[] = [];
  for (let i = 0; i < kept.length; i++) {
    const { signal, says, weight, detail } = kept[i]!;
    if (i >= EVIDENCE_MAX && !ALWAYS_KEPT.has(signal)) continue;
    out.push({ signal, says, weight: Math.round(weight * 100) / 100, detail });
  }
  return out;
}

const EFFECT_CLAUSE: Record<Effect, string> = {
  read: 'only reads',
  write: 'creates or changes state',
  delete: 'removes data',
  execute: 'what it does depends on its input',
};

/** One plain sentence from our own words and the name's words ("Deletes flow logs (removes data)."). */
function summarize(t: PreparedTool, parse: NameParse, effect: Effect): string {
  // The name's first twelve words after the server prefix (all of them when only the prefix).
  const from = t.tokens.length > t.start ? t.start : 0;
  const to = Math.min(t.tokens.length, from + 12);
  const clause = EFFECT_CLAUSE[effect];
  const r = parse.resolved;
  if (r && parse.as === 'verb' && parse.word) {
    const found = t.tokens.indexOf(parse.word, from);
    const at = found >= 0 && found < to ? found : from - 1;
    const object = t.tokens.slice(at + 1, Math.min(at + 8, to)).join(' ').slice(0, 80);
    const verb = NOT_VERBS.has(r.entry.verb) ? capitalised(r.entry.reading.gloss) : conjugated(r.entry.verb);
    return `${verb}${object ? ` ${object}` : ''} (${clause}).`;
  }
  const subject = t.tokens.slice(from, to).join(' ') || 'an unnamed thing';
  return `Works with ${subject.slice(0, 80)}: judged to be a ${effect} (${clause}).`;
}

const capitalised = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** "Deletes", "Lists", "Queries": a summary's opening verb, made once per verb. */
const conjugated = perWord((verb: string) => capitalised(thirdPerson(verb)));

/** Lexicon words that are not verbs to conjugate: their gloss says what they do. */
const NOT_VERBS = new Set(['whoami', 'is', 'has', 'exists', 'can']);

function thirdPerson(verb: string): string {
  if (/(s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}
