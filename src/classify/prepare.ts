/**
 * Turns one untrusted tool into the words every signal reads: name words (server prefix marked),
 * description words, the first sentence, and a capped list of parameters. Schemas may be any JSON:
 * non-object properties are skipped and the work is capped so a huge schema costs no more than a
 * small one.
 */
import type { RawTool, ToolAnnotations } from '../schema.ts';
import { GATE_RE } from './lexicon/gates.ts';
import { lookupVerb } from './lexicon/verbs.ts';
import { firstSentence, splitName } from './text.ts';

/** Caps on the work done per tool, whatever the server sends. */
export const CAPS = { descriptionChars: 8_000, descriptionWords: 400, leadWords: 40, params: 64, paramAboutChars: 200 };

export type Param = { name: string; words: readonly string[]; type: string; about: string };

export type PreparedTool = {
  raw: RawTool;
  name: string;
  /** Lower-case words of the name. */
  tokens: readonly string[];
  /** Index of the first name word after the server's own prefix ("github_", "asana_"). */
  start: number;
  /** The description, trimmed and capped. */
  description: string;
  /** The description lower-cased, for phrase matching. */
  lower: string;
  /** Words of the first sentence, where the main verb usually is. */
  lead: string[];
  /** The same with the punctuation that joins or ends phrases (",", "/", "&", ";", ":", "("). */
  leadMarks: string[];
  /** The gate words the description holds (see lexicon/gates.ts). */
  vocab: ReadonlySet<string>;
  params: Param[];
  /** SQL (or another query language that can write) is named in the description or parameters. */
  sqlHint: boolean;
  annotations: ToolAnnotations | undefined;
};

const SQL_WORDS = new Set(['sql', 'cypher', 'sparql', 'hql', 'ddl', 'dml', 'insert', 'statement', 'statements', 'tsql', 'plsql']);

/** Words of a server's slug and name, which tools often carry as a prefix. */
export function serverWords(slug: string, name: string): Set<string> {
  return new Set([...splitName(slug), ...splitName(name)]);
}

export function prepareTool(tool: RawTool, prefixWords: ReadonlySet<string>): PreparedTool {
  const name = typeof tool.name === 'string' ? tool.name : '';
  const tokens = splitName(name);
  // Strip leading server words, but never a verb and never the last word.
  let start = 0;
  while (start < tokens.length - 1 && prefixWords.has(tokens[start]!) && !lookupVerb(tokens[start]!)) start++;

  const description = typeof tool.description === 'string' ? tool.description.trim().slice(0, CAPS.descriptionChars) : '';
  const lower = description.toLowerCase();
  const leadMarks = wordsAndMarks(firstSentence(description), CAPS.leadWords + 20);
  const lead = leadMarks.filter((w) => !MARKS.has(w)).slice(0, CAPS.leadWords);
  const vocab = new Set(lower.match(GATE_RE));
  const params = readParams(tool.inputSchema);

  let sqlHint = lead.some((w) => SQL_WORDS.has(w));
  for (const p of params) {
    if (sqlHint) break;
    if (p.words.some((w) => SQL_WORDS.has(w)) || /\bsql\b|\bcypher\b/.test(p.about)) sqlHint = true;
  }
  const annotations = tool.annotations && typeof tool.annotations === 'object' ? tool.annotations : undefined;
  return { raw: tool, name, tokens, start, description, lower, lead, leadMarks, vocab, params, sqlHint, annotations };
}

const MARKS = new Set([',', '/', '&', ';', ':', '(']);

function wordsAndMarks(text: string, max: number): string[] {
  const out: string[] = [];
  const re = /[a-z0-9]+|[,/&;:(]/g;
  const lower = text.toLowerCase().replace(/['’]/g, '');
  let m: RegExpExecArray | null;
  while ((m = re.exec(lower)) !== null && out.length < max) out.push(m[0]);
  return out;
}

/** Top-level parameters of an input schema, tolerating any JSON. */
function readParams(schema: unknown): Param[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [];
  const props = (schema as { properties?: unknown }).properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return [];
  const out: Param[] = [];
  for (const key in props) {
    if (out.length >= CAPS.params) break;
    if (!Object.prototype.hasOwnProperty.call(props, key)) continue;
    const spec = (props as Record<string, unknown>)[key];
    let type = '';
    let about = '';
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      const s = spec as { type?: unknown; description?: unknown };
      if (typeof s.type === 'string') type = s.type;
      if (typeof s.description === 'string') about = s.description.slice(0, CAPS.paramAboutChars).toLowerCase();
    }
    out.push({ name: key.slice(0, 100), words: splitName(key), type, about });
  }
  return out;
}
