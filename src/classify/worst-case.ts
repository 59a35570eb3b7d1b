/**
 * The worst one call can do with the inputs it accepts, as the rule book judges a tool: a flag
 * that clears what is there first makes a write a delete ("truncateFirst"); code the call runs
 * makes a write or a delete an execute ("script" on a reindex); a check handed its own verdict
 * records it ("verify_task" given a score). Multi-action tools are judged by actions.ts instead.
 */
import { EFFECT_VALUES, type Effect } from '../taxonomy.ts';
import { tally } from './combine.ts';
import type { Param, PreparedTool } from './prepare.ts';
import type { NameParse } from './signals/name-verb.ts';
import { codeToRun } from './signals/parameters.ts';
import { quote } from './text.ts';
import type { Finding } from './types.ts';

/** Words of a flag that clears what is there ("truncateFirst", "clearExisting", "dropTarget"). */
const WIPE_WORDS = new Set(['truncate', 'clear', 'wipe', 'empty', 'delete', 'drop']);
/** …and of what it clears, or when: a flag named only "truncate" may shorten text. */
const WIPED_WORDS = new Set(['first', 'existing', 'target', 'before', 'all', 'old', 'table', 'tables']);
/** An input that is the outcome of a check: a filter such as "minRating" is not one. */
const VERDICT_WORDS = new Set(['score', 'verdict', 'passed', 'outcome', 'rating', 'grade']);

/**
 * The findings, with one more when an input does worse than the rest say. That finding is just
 * stronger than the effect it outranks, so the worse case wins, with a confidence that says the
 * two were close.
 */
export function withWorstCase(t: PreparedTool, findings: readonly Finding[], name: NameParse): Finding[] {
  const { score } = tally(findings);
  const lead = EFFECT_VALUES.reduce((a, b) => (score[b] > score[a] ? b : a));
  const over = (e: Effect) => Math.min(0.99, Math.round((score[e] + 0.02) * 100) / 100);
  const entry = name.resolved?.entry;
  // A tool that keeps what it is given (creating a job, updating an app) stores code for later.
  const code = (lead === 'write' && !entry?.keeps) || lead === 'delete' ? codeToRun(t, entry?.ships === true) : undefined;
  if (code) {
    return [...findings, { signal: 'parameters', says: 'execute', weight: over(lead), detail: `parameter ${quote(code.name, 40)} is code the call runs`, traits: ['arbitrary-code'] }];
  }
  const wipe = lead === 'write' ? wipingFlag(t) : undefined;
  if (wipe) {
    return [...findings, { signal: 'parameters', says: 'delete', weight: over('write'), detail: `parameter ${quote(wipe.name, 40)}: clears what is there before writing`, traits: ['irreversible'] }];
  }
  const verdict = lead === 'read' && entry?.judges ? verdictInput(t) : undefined;
  if (verdict) {
    return [...findings, { signal: 'parameters', says: 'write', weight: over('read'), detail: `parameter ${quote(verdict.name, 40)}: the caller gives the verdict, which the tool records` }];
  }
  return [...findings];
}

/** A boolean flag that clears what is there before the call writes. */
function wipingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => (p.type === 'boolean' || p.type === '') && p.words.some((w) => WIPE_WORDS.has(w)) && p.words.some((w) => WIPED_WORDS.has(w)));
}

/** An input named for the outcome alone ("score"). */
function verdictInput(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.words.length === 1 && VERDICT_WORDS.has(p.words[0]!));
}
