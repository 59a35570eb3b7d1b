/**
 * Text helpers shared by the signals: splitting tool names into words, lower-casing and cutting
 * descriptions into words, the per-word caches and word records the lexicons keep their answers
 * in, and quoting third-party text safely inside evidence sentences.
 */
import { escapeHiddenChar } from '../reveal.ts';

/** Stands for a cached "undefined", so a hit takes one lookup. */
const ABSENT: unique symbol = Symbol('absent');

/**
 * Caches a function of one word. Vocabularies are small, so each word's lookup is done once; the
 * cache is bounded and starts afresh when full, since words come from untrusted servers.
 */
export function perWord<T>(fn: (word: string) => T, max = 20_000): (word: string) => T {
  const cache = new Map<string, T | typeof ABSENT>();
  return (word: string) => {
    const hit = cache.get(word);
    if (hit !== undefined) return (hit === ABSENT ? undefined : hit) as T;
    if (cache.size >= max) cache.clear();
    const value = fn(word);
    cache.set(word, value === undefined ? ABSENT : value);
    return value;
  };
}

/**
 * A word with what the lexicons have worked out about it, one slot per question (its verb entry,
 * its object classes, its domain facts …). A tool's words are looked up once, in prepare, and each
 * question after that reads a slot of the record: with a cache per question, every question was a
 * lookup of its own in a table of thousands of words, which costs a trip to memory.
 */
export type Word = { readonly text: string; readonly facts: unknown[] };

let slots = 0;

/** The record of a word; like the caches, the table starts afresh when full. */
export const wordOf = perWord((text: string): Word => ({ text, facts: new Array<unknown>(slots).fill(undefined) }), 50_000);

/** A fact about a word, worked out once per word and kept in the word's record. */
export function wordFact<T>(fn: (word: string) => T): (word: Word) => T {
  const slot = slots++;
  return (word: Word) => {
    const hit = word.facts[slot];
    if (hit !== undefined) return (hit === ABSENT ? undefined : hit) as T;
    const value = fn(word.text);
    word.facts[slot] = value === undefined ? ABSENT : value;
    return value;
  };
}

/** How much third-party text an evidence sentence may echo. */
export const QUOTE_MAX = 60;

/**
 * Splits a tool name into lower-case words: snake_case, kebab-case, dotted.names, "spaced names",
 * camelCase and PascalCase (acronyms kept whole: "runSEOAudit" → run, seo, audit). Digits stay
 * inside their word so "n8n" and "k8s" survive. Results are cached and shared: never change them.
 */
export const splitName = (name: string): readonly string[] => nameParts(name).tokens;

/** A name's words, as strings and as records (see Word), read once per name. */
export const nameParts = perWord((name: string): { tokens: readonly string[]; words: readonly Word[] } => {
  const tokens = splitNameOf(name);
  return { tokens, words: tokens.map(wordOf) };
}, 50_000);

function splitNameOf(name: string): string[] {
  const spaced = name
    .slice(0, 256)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  const out: string[] = [];
  for (const w of spaced.toLowerCase().split(/[^a-z0-9]+/)) if (w) out.push(w);
  return out;
}

/** Lower-case words of a text (letters and digits; apostrophes dropped), at most `max` of them. */
export function words(text: string, max = 400): string[] {
  const all = text.toLowerCase().replace(/['’]/g, '').match(WORD_RE) ?? [];
  return all.length > max ? all.slice(0, max) : all;
}

const WORD_RE = /[a-z0-9]+/g;

/** A label in capitals ("DESTRUCTIVE", "AI-OPTIMIZED", "RELATIONAL SEEDER"), or one capitalised word ("Purpose"). */
const CAPS_LABEL = String.raw`[A-Z][A-Z0-9-]+(?: [A-Z][A-Z0-9-]+){0,2}`;
const LABEL = String.raw`(?:${CAPS_LABEL}|[A-Z][a-z]+)`;

/**
 * What opens a text before its first sentence: whitespace, markup tags ("\n  <use_case>\n    "),
 * a bracketed tag ("[Code Management] Create …", "[🎓 COURSE] Advances …"), a label in capitals,
 * bold or after a pictograph ("⚠️ DESTRUCTIVE: Permanently delete …", "🎯 Purpose:\n 1. Retrieves …",
 * "**Purpose:** …") and a list number. Each says what kind of text follows, not what the call does.
 */
const OPENING_TAGS_RE = new RegExp(
  String.raw`^\s*(?:(?:<\/?[a-zA-Z][\w-]*(?:\s[^<>]{0,200})?>|\[[^\]\n]{1,40}\](?!\()|(?:\p{Extended_Pictographic}\uFE0F?\s*)+(?:${LABEL}:(?=\s))?|\*\*[^*\n]{1,30}(?::\*\*|\*\*:)|${CAPS_LABEL}:(?=\s)|\d{1,2}[.)](?=\s))\s*)*`,
  'u',
);

/**
 * The first sentence of a description (up to `max` characters), where its main verb usually is.
 * Markup tags that open the text ("<use_case>", "<instructions>") are skipped: the sentence is
 * inside them.
 */
export function firstSentence(text: string, max = 300): string {
  const head = text.slice(0, max * 2).replace(OPENING_TAGS_RE, '');
  const m = /[.!?](?=\s|$)|\n\s*\n|\n(?=\s*[-*#\d])/.exec(head);
  return (m ? head.slice(0, m.index) : head).slice(0, max);
}

/**
 * Quotes third-party text for an evidence sentence: one line, capped on a code-point boundary (a
 * cut pair would leave a lone surrogate, which breaks the search index). Invisible characters are
 * shown as escapes ("\u200B", "\u{E0041}") rather than dropped, so a reader sees that something
 * was hidden there and what.
 */
export function quote(text: string, max = QUOTE_MAX): string {
  if (text.length <= max && PLAIN_RE.test(text)) return `"${text.replace(/"/g, "'")}"`;
  const clean = text.slice(0, max * 4).replace(/[\s\u2028\u2029]+/g, ' ').trim();
  // Most quotes hold nothing invisible: cut them by code units, stepping back off a pair's second half.
  if (!ANY_INVISIBLE_RE.test(clean)) {
    if (clean.length <= max && text.length <= max * 4) return `"${clean.replace(/"/g, "'")}"`;
    let end = Math.min(clean.length, max - 1);
    if (end > 0 && end < clean.length && /[\uDC00-\uDFFF]/.test(clean[end]!)) end--;
    return `"${clean.slice(0, end).replace(/"/g, "'")}…"`;
  }
  const pieces = Array.from(clean, (ch) => (ONE_INVISIBLE_RE.test(ch) ? escapeHiddenChar(ch) : ch));
  let size = 0;
  for (const p of pieces) size += p.length;
  let out = pieces.join('');
  if (size > max || text.length > max * 4) {
    // Escapes are kept whole: the cut falls between characters, never inside "\u{E0041}".
    out = '';
    for (const p of pieces) {
      if (out.length + p.length > max - 1) break;
      out += p;
    }
    out += '…';
  }
  return `"${out.replace(/"/g, "'")}"`;
}

/** Controls, format characters, variation selectors and lone surrogates: one character. */
const ONE_INVISIBLE_RE = /^(?:[\p{Cc}\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]|\p{Cs})$/u;
/** The same, anywhere in a text. */
const ANY_INVISIBLE_RE = /[\p{Cc}\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]|\p{Cs}/u;

const PLAIN_RE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** "a code object", "an execution object". */
export function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) && !SAID_WITH_Y_RE.test(word) ? 'an' : 'a'} ${word}`;
}

/** Words that open with a "u" said as "you": "a UI object", "a URL", "a user". */
const SAID_WITH_Y_RE = /^u(?:i\b|r[il]|s[ae]|ni)/;

/** "a, b and c" for short lists of our own words. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Candidate base forms of an English word, most likely first: "retrieves" → retrieve, "queries" →
 * query, "fetches" → fetch, "modeling" → model, "created" → create. The lexicons look each up.
 */
export function baseForms(word: string): string[] {
  const forms = [word];
  const n = word.length;
  if (n > 4 && word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (n > 3 && word.endsWith('es')) forms.push(word.slice(0, -2), word.slice(0, -1));
  else if (n > 3 && word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  if (n > 5 && word.endsWith('ing')) {
    const stem = word.slice(0, -3);
    forms.push(stem, `${stem}e`);
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) forms.push(stem.slice(0, -1));
  }
  if (n > 4 && word.endsWith('ed')) {
    const stem = word.slice(0, -2);
    forms.push(stem, word.slice(0, -1));
    if (stem.endsWith('i')) forms.push(`${stem.slice(0, -1)}y`);
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) forms.push(stem.slice(0, -1));
  }
  return forms;
}

/** Singular of a plural noun, for matching object nouns across sibling tools ("flows" → "flow"). */
export const singular = perWord(singularOf);

function singularOf(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
