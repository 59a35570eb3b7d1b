/**
 * Signal: the verb in the tool's name. Names are split (snake, camel, kebab, dotted, spaced), the
 * server's own prefix is set aside, and the first verb the lexicon knows is read together with the
 * nouns around it, which decide ambiguous verbs ("run_query" reads, "run_script" executes). A
 * word that is as often a noun ("log", "audit") and ends the name is read as a noun. Names with no
 * verb fall back to agent nouns ("explorer") and to nouns that name a read ("status", "info").
 */
import { STOP_WORDS } from '../lexicon/objects.ts';
import { agentNounOf, EFFECT_RANK, resolveVerb, verbOf, type Reading, type Resolved, type VerbEntry } from '../lexicon/verbs.ts';
import type { PreparedTool } from '../prepare.ts';
import { quote, withArticle, type Word } from '../text.ts';
import type { Finding } from '../types.ts';

/** Nouns that, alone in a name, name something to look at. */
export const READ_NOUNS = new Set([
  'status', 'info', 'information', 'details', 'detail', 'health', 'version', 'stats', 'statistics', 'summary',
  'overview', 'schema', 'documentation', 'docs', 'doc', 'metadata', 'history', 'logs', 'usage', 'metrics',
  'insights', 'me', 'results', 'report', 'catalog', 'inventory', 'availability', 'weather', 'news',
  'definition', 'examples', 'guide', 'tips', 'bestpractices', 'practices', 'reference', 'manual', 'faq',
  'readme', 'changelog', 'diagnostics', 'quota', 'properties', 'attributes', 'capabilities', 'settings',
  'breakdown',
]);

export type NameParse = {
  /** What the name's verb (or noun) says, with the nouns that decided it; null when nothing. */
  resolved: Resolved | null;
  /** The word that spoke. */
  word: string | null;
  /** How it was read. */
  as: 'verb' | 'noun' | 'agent' | 'read-noun' | null;
  /** Object words after the verb (stop words dropped): what the tool acts on. */
  objects: string[];
  /**
   * The object's head: its last word before any preposition ("generate_session_pdf" makes a pdf,
   * "generate_flow_from_yaml" a flow); null when the name gives no object after its verb.
   */
  head?: string | null | undefined;
};

/** Words that end an object phrase in a name: what follows says where from, for whom or how. */
const ENDS_OBJECT = new Set(['from', 'for', 'to', 'in', 'on', 'by', 'with', 'into', 'at', 'as', 'using', 'via', 'of']);

/** The last object word before the first preposition after the verb. */
function headOf(toks: readonly string[], from: number): string | null {
  let head: string | null = null;
  for (let i = from; i < toks.length; i++) {
    const w = toks[i]!;
    if (ENDS_OBJECT.has(w)) break;
    if (!STOP_WORDS.has(w)) head = w;
  }
  return head;
}

/** Verbs that hand over to the verb after them ("confirm_delete_x" deletes). */
const HANDS_OVER = new Set(['confirm', 'perform', 'try', 'request', 'do']);
const NAME_JOINERS = new Set(['and', 'or']);
const MODIFIER_RE = /(?:ing|ed)$/;

/** Words for how a run or a change went: a verb before one names the run, not the call's act. */
const OUTCOME_NOUNS = new Set(['status', 'progress', 'result', 'results', 'outcome', 'stats', 'summary', 'report']);
/** Words before a name's verb that say how it is done, not what. */
const MANNER = new Set(['force', 'forced', 'bulk', 'batch', 'auto', 'safe', 'quick', 'smart', 'async', 'multi']);

/**
 * Reads the name once; the siblings signal reuses the parse of every tool of the server. Words on
 * either side of "per" make a rate or a count ("tests_per_test_name"): no act of the call.
 */
export function parseName(t: PreparedTool): NameParse {
  const from = t.tokens.length > t.start ? t.start : 0;
  const toks = from > 0 ? t.tokens.slice(from) : t.tokens;
  const records = from > 0 ? t.tokenWords.slice(from) : t.tokenWords;
  const entries = records.map((w, i) => {
    const e = verbOf(w);
    return isParticiple(toks[i]!, e) || (i < toks.length - 1 && isGerund(toks[i]!, e)) || toks[i - 1] === 'per' || toks[i + 1] === 'per' || isCompound(e, toks[i + 1]) ? undefined : e;
  });
  const nounLike = (i: number) => entries[i]!.noun !== undefined || isPlural(toks[i]!, entries[i]!);

  // Names put their verb first; a word that is as often a noun ("log", "audit", "block") counts
  // as a verb only there, and even there a plain verb later wins ("comment_list").
  // Words that only say how ("force_trigger_…", "bulk_…") leave the verb after them first.
  let first = 0;
  while (first < toks.length - 1 && MANNER.has(toks[first]!) && entries[first] === undefined) first++;
  let at = -1;
  for (let i = 0; i < entries.length && at < 0; i++) {
    const e = entries[i];
    if (e !== undefined && (i <= first || !nounLike(i))) at = i;
  }
  if (at === first && nounLike(first)) {
    // "-ing" and "-ed" words after the first are modifiers ("long_running", "deactivated").
    for (let i = first + 1; i < entries.length; i++) {
      const e = entries[i];
      // A verb that would end the name as a weak noun ("query_cloud_run") does not take over.
      if (e !== undefined && !nounLike(i) && !MODIFIER_RE.test(toks[i]!) && !(e.last && i === toks.length - 1)) {
        at = i;
        break;
      }
    }
    // A noun-like first word before a noun that names something to look at ("order_breakdown",
    // "order_status") is itself a noun.
    if (at === first && toks.slice(first + 1).some((w) => READ_NOUNS.has(w))) return fallback(toks, records);
  }

  // A verb between a noun and a word for how something went qualifies it: "backup_restore_status"
  // is the status of a restore.
  if (at > first && at < toks.length - 1 && (entries[at - 1] === undefined || nounLike(at - 1)) && OUTCOME_NOUNS.has(toks[toks.length - 1]!) && entries.slice(at + 1).every((e) => e === undefined)) {
    return fallback(toks, records);
  }

  if (at >= 0) {
    let entry = entries[at]!;
    const isLast = at === toks.length - 1;
    // A name of one word is a verb in the imperative ("group", "search"), unless it is a plural ("groups").
    if (isLast && nounLike(at) && (toks.length > 1 || t.start > 0 || isPlural(toks[at]!, entry))) {
      const noun = nounReading(toks[at]!, entry);
      if (!noun) return fallback(toks, records);
      return { resolved: fixed(entry, noun), word: toks[at]!, as: 'noun', objects: toks.slice(0, at) };
    }
    if (isLast && entry.last && at > 0) {
      return { resolved: fixed(entry, entry.last), word: toks[at]!, as: 'noun', objects: toks.slice(0, at) };
    }
    // Joined or handed-over verbs: "download_and_import", "confirm_delete_application".
    let end = at;
    for (;;) {
      let k = end + 1;
      while (k < toks.length && NAME_JOINERS.has(toks[k]!)) k++;
      const next = entries[k];
      const joined = k > end + 1 || HANDS_OVER.has(entry.verb);
      if (!next || !joined || next.noun !== undefined) break;
      const rank = EFFECT_RANK[next.reading.effect] - EFFECT_RANK[entry.reading.effect];
      if ((rank > 0 && next.reading.weight >= 0.55) || (rank === 0 && next.reading.weight > entry.reading.weight) || HANDS_OVER.has(entry.verb)) {
        entry = next;
        at = k;
      }
      end = k;
    }
    // A weightier verb joined after the object ("generate_code_and_execute") is what the call
    // ends by doing: the first verb only prepares its object.
    for (let j = end + 2; j < toks.length - 1; j++) {
      if (!NAME_JOINERS.has(toks[j]!) || entries[j - 1] !== undefined) continue;
      const next = entries[j + 1];
      if (!next || nounLike(j + 1)) break;
      if (EFFECT_RANK[next.reading.effect] > EFFECT_RANK[entry.reading.effect] && next.reading.weight >= 0.55) {
        entry = next;
        at = end = j + 1;
      }
      break;
    }
    const objects: string[] = [];
    const objectWords: Word[] = [];
    // What the object is taken out of: "remove_tag_from_task".
    let source: Word[] | null = null;
    for (let i = end + 1; i < toks.length; i++) {
      if (toks[i] === 'from' && source === null) source = [];
      if (STOP_WORDS.has(toks[i]!)) continue;
      objects.push(toks[i]!);
      objectWords.push(records[i]!);
      source?.push(records[i]!);
    }
    const context: Word[] = [];
    // Words before the verb are its context, a verb used there as a noun too ("build_start").
    for (let i = 0; i < at; i++) if (!entries[i] || nounLike(i)) context.push(records[i]!);
    return { resolved: resolveVerb(entry, objectWords, t, context, source), word: toks[at]!, as: 'verb', objects, head: headOf(toks, end + 1) };
  }
  // A noun-like word ending the name reads as a noun ("lighthouse_audit", "docs_query").
  const last = toks[toks.length - 1];
  const lastNoun = last !== undefined && entries[toks.length - 1] ? nounReading(last, entries[toks.length - 1]!) : null;
  if (lastNoun) {
    return { resolved: fixed(entries[toks.length - 1]!, lastNoun), word: last!, as: 'noun', objects: toks.slice(0, -1) };
  }
  return fallback(toks, records);
}

/** A word before a noun it makes a compound noun with ("order_flow", "order book") names a thing. */
export function isCompound(entry: VerbEntry | undefined, next: string | undefined): boolean {
  return next !== undefined && entry?.compounds?.includes(next) === true;
}

/**
 * A verb's "-ed" form in a name qualifies a noun ("managed_agent_list", "deleted_files"): names
 * give their verb in the imperative, so it is no verb of the call.
 */
function isParticiple(word: string, entry: VerbEntry | undefined): boolean {
  return entry !== undefined && word !== entry.verb && word.endsWith('ed');
}

/**
 * A verb's "-ing" form before another word of a name qualifies it ("trading_pair",
 * "funding_rate", "listing_details"): names give their verb in the imperative.
 */
function isGerund(word: string, entry: VerbEntry | undefined): boolean {
  return entry !== undefined && word !== entry.verb && word.endsWith('ing');
}

/**
 * A verb's "-s" form in a name is a plural noun: names give their verb in the imperative, so
 * "locks", "purchases" and "orders" name things ("boond_purchases_get" gets a purchase).
 */
function isPlural(word: string, entry: VerbEntry): boolean {
  return word !== entry.verb && word.endsWith('s') && !word.endsWith('ss');
}

/**
 * What a word ending a name says as a noun. A plural names things ("pg_locks",
 * "companies_purchases"): only a noun that names something to read ("flow_logs") says anything.
 */
function nounReading(word: string, entry: VerbEntry): Reading | null {
  if (!entry.noun) return null;
  return isPlural(word, entry) && entry.noun.effect !== 'read' ? null : entry.noun;
}

function fixed(entry: VerbEntry, reading: Reading): Resolved {
  return { entry, reading, via: null, traits: [] };
}

function fallback(toks: readonly string[], records: readonly Word[]): NameParse {
  const last = toks[toks.length - 1];
  if (last) {
    const agent = agentNounOf(records[records.length - 1]!);
    if (agent) {
      const reading = { ...agent.reading, weight: agent.reading.weight * 0.8 };
      return { resolved: fixed(agent, reading), word: last, as: 'agent', objects: toks.slice(0, -1) };
    }
  }
  const noun = toks.find((w) => READ_NOUNS.has(w));
  if (noun) {
    const entry: VerbEntry = { verb: noun, reading: { effect: 'read', weight: 0.45, gloss: 'names something to look at' } };
    return { resolved: fixed(entry, entry.reading), word: noun, as: 'read-noun', objects: toks.filter((w) => w !== noun) };
  }
  return { resolved: null, word: null, as: null, objects: toks.filter((w) => !STOP_WORDS.has(w)) };
}

export function nameVerbSignal(t: PreparedTool, parse: NameParse = parseName(t)): Finding[] {
  const { resolved, word, as } = parse;
  if (!resolved || !word) return [];
  const from = quote(t.name);
  const { reading, via, entry } = resolved;
  let detail: string;
  switch (as) {
    case 'noun':
      detail = `name ends in "${word}" (from ${from}), read as a noun: ${reading.gloss}`;
      break;
    case 'agent':
      detail = `name ends in the agent noun "${word}" (from ${from}): ${reading.gloss}`;
      break;
    case 'read-noun':
      detail = `name has no verb but the noun "${word}" (from ${from}): ${reading.gloss}`;
      break;
    default:
      detail = via
        ? `name verb "${entry.verb}" with ${withArticle(via)} object (from ${from}): ${reading.gloss}`
        : `name verb "${entry.verb}" (from ${from}): ${reading.gloss}`;
  }
  return [{ signal: 'name-verb', says: reading.effect, weight: reading.weight, detail, word: entry.verb, traits: resolved.traits }];
}
