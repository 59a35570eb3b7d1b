/**
 * Turns one untrusted tool into the words every signal reads: name words (server prefix marked),
 * description words, the first sentence, and a capped list of parameters. Schemas may be any JSON:
 * non-object properties are skipped and the work is capped so a huge schema costs no more than a
 * small one.
 */
import type { RawTool, ToolAnnotations } from '../schema.ts';
import { gateMask } from './lexicon/gates.ts';
import { schemaProperties } from './refs.ts';
import { verbOf } from './lexicon/verbs.ts';
import { firstSentence, nameParts, splitName, wordFact, wordOf, type Word } from './text.ts';
import { visibleTexts } from './visible-text.ts';

/** Caps on the work done per tool, whatever the server sends. */
export const CAPS = { descriptionChars: 8_000, descriptionWords: 400, leadWords: 40, params: 64, paramAboutChars: 200 };

/**
 * A top-level parameter. Its description is lower-cased when a signal first reads it: most are
 * never read, unless the tool's words point at SQL or code.
 */
export class Param {
  readonly name: string;
  /** Lower-case words of the name, as strings and as records (see text.ts). */
  readonly words: readonly string[];
  readonly tokenWords: readonly Word[];
  readonly type: string;
  private readonly description: string;
  private lowered: string | undefined;

  constructor(name: string, words: readonly string[], tokenWords: readonly Word[], type: string, description: string) {
    this.name = name;
    this.words = words;
    this.tokenWords = tokenWords;
    this.type = type;
    this.description = description;
  }

  /** The description, capped and lower-cased. */
  get about(): string {
    return (this.lowered ??= this.description.slice(0, CAPS.paramAboutChars).toLowerCase());
  }
}

/**
 * A tool as the signals read it. Built with a constructor rather than as an object literal, so
 * `sqlHint` can be a getter worked out only when asked (it reads every parameter's description).
 */
export class PreparedTool {
  raw!: RawTool;
  name!: string;
  /** Lower-case words of the name. */
  tokens!: readonly string[];
  /** The same as word records (see text.ts), for the lexicon lookups. */
  tokenWords!: readonly Word[];
  /** Index of the first name word after the server's own prefix ("github_", "asana_"). */
  start!: number;
  /** Words of the server's slug and name: a phrase made of them names the service itself. */
  serverWords!: ReadonlySet<string>;
  /** The description as the server sent it (empty when it is not a string), for what must see all of it. */
  rawDescription!: string;
  /** The description, trimmed and capped. */
  description!: string;
  /** The description lower-cased, for phrase matching. */
  lower!: string;
  /** Words of the first sentence, where the main verb usually is. */
  lead!: string[];
  /** The same as word records. */
  leadWords!: Word[];
  /** The same with the punctuation that joins or ends phrases (",", "/", "&", ";", ":", "("). */
  leadMarks!: string[];
  /** The same as word records. */
  leadMarkWords!: Word[];
  /** The gates the description's words open, one bit each (see lexicon/gates.ts). */
  gates!: number;
  params!: Param[];
  annotations!: ToolAnnotations | undefined;
  private sql: boolean | undefined;
  private texts: ReturnType<typeof visibleTexts> | undefined;

  /** Every string of the tool a model reads, with where it stands (see visible-text.ts). */
  get visible(): ReturnType<typeof visibleTexts> {
    return (this.texts ??= visibleTexts(this.raw));
  }

  /** SQL (or another query language that can write) is named in the description or parameters. */
  get sqlHint(): boolean {
    if (this.sql === undefined) {
      this.sql = this.leadWords.some(isSqlWord) || this.params.some((p) => p.tokenWords.some(isSqlWord) || SQL_ABOUT_RE.test(p.about));
    }
    return this.sql;
  }
}

const SQL_WORDS = new Set(['sql', 'cypher', 'sparql', 'hql', 'ddl', 'dml', 'insert', 'statement', 'statements', 'tsql', 'plsql', 'flux', 'cql', 'aql', 'n1ql', 'gremlin']);
const SQL_ABOUT_RE = /\bsql\b|\bcypher\b/;
const isSqlWord = wordFact((w: string) => SQL_WORDS.has(w));

/** Words of a server's slug and name, which tools often carry as a prefix. */
export function serverWords(slug: string, name: string): Set<string> {
  return new Set([...splitName(slug), ...splitName(name)]);
}

export function prepareTool(tool: RawTool, prefixWords: ReadonlySet<string>): PreparedTool {
  const name = typeof tool.name === 'string' ? tool.name : '';
  const { tokens, words: tokenWords } = nameParts(name);
  // Strip leading server words, but never the last word, and never a verb unless a verb follows it
  // (a product named like a verb: "protect_subscribe_devices" on a server for UniFi Protect).
  let start = 0;
  while (start < tokens.length - 1 && prefixWords.has(tokens[start]!) && (!verbOf(tokenWords[start]!) || verbOf(tokenWords[start + 1]!))) start++;

  const rawDescription = typeof tool.description === 'string' ? tool.description : '';
  const description = rawDescription.trim().slice(0, CAPS.descriptionChars);
  const lower = description.toLowerCase();
  const leadMarks = wordsAndMarks(firstSentence(description), CAPS.leadWords + 20);
  // Each word of the opening is looked up once, here; the signals read its record.
  const leadMarkWords = leadMarks.map(wordOf);
  const lead: string[] = [];
  const leadWords: Word[] = [];
  for (let i = 0; i < leadMarks.length && lead.length < CAPS.leadWords; i++) {
    const w = leadMarks[i]!;
    if (isMark(w)) continue;
    lead.push(w);
    leadWords.push(leadMarkWords[i]!);
  }
  const t = new PreparedTool();
  t.raw = tool;
  t.name = name;
  t.tokens = tokens;
  t.tokenWords = tokenWords;
  t.start = start;
  t.serverWords = prefixWords;
  t.rawDescription = rawDescription;
  t.description = description;
  t.lower = lower;
  t.lead = lead;
  t.leadWords = leadWords;
  t.leadMarks = leadMarks;
  t.leadMarkWords = leadMarkWords;
  t.gates = gateMask(lower);
  t.params = readParams(tool.inputSchema);
  t.annotations = tool.annotations && typeof tool.annotations === 'object' ? tool.annotations : undefined;
  return t;
}

/** The marks wordsAndMarks keeps: every other token it returns starts with a letter or digit. */
const isMark = (token: string) => {
  const c = token.charCodeAt(0);
  return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
};

/**
 * A run of CJK characters counts as one word: an English word inside Chinese or Japanese text (a
 * parameter's name) does not open the sentence.
 */
const WORD_OR_MARK_RE = /[a-z0-9]+|[,/&;:(]|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Lower-case words and joining marks of a text, at most `max` (one regex pass, no match objects). */
export function wordsAndMarks(text: string, max: number): string[] {
  const all = text.toLowerCase().replace(/['’]/g, '').match(WORD_OR_MARK_RE) ?? [];
  return all.length > max ? all.slice(0, max) : all;
}

/** Top-level parameters of an input schema, tolerating any JSON; local `$ref`s resolved (refs.ts). */
function readParams(schema: unknown): Param[] {
  const out: Param[] = [];
  for (const [key, spec] of schemaProperties(schema, CAPS.params)) {
    let type = '';
    let about = '';
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      const s = spec as { type?: unknown; description?: unknown };
      if (typeof s.type === 'string') type = s.type;
      if (typeof s.description === 'string') about = s.description;
    }
    const { tokens: words, words: tokenWords } = nameParts(key);
    out.push(new Param(key.slice(0, 100), words, tokenWords, type, about));
  }
  return out;
}
