/**
 * Integrity checks a reader can run on any record, with no crawl. Classification is a pure function
 * of a server's tools, and a tool's hash a pure function of its definition, so both can be
 * recomputed from the record itself: a record whose classifications, rules or hashes differ from
 * the recomputation was edited after the classifier wrote it (or by an older classifier), and is
 * rejected. The same pass rejects what the schema alone lets through: duplicate names, tools without
 * a rule of their own, nesting deeper than anything a reader should walk, and dates that are not
 * dates or lie in the future. Every problem is one line naming the file and, where there is one,
 * the tool. Entries of servers that could not be listed (catalog/unlisted/) get the checks that
 * apply to them: file name, source, dates, and no record of the same server. Pure: no I/O; the
 * caller passes the clock.
 */
import { recordedRawTool, reclassifyRecord, toolHash } from './record.ts';
import { uniqueSlugs } from './slug.ts';
import type { ServerRecord, Unlisted } from '../schema.ts';

/**
 * How deep any JSON value in a record (a schema, annotations, server info) may nest. Real tool
 * schemas stay below 20 levels; deeper values are refused here and at ingestion, since walking them
 * recursively (hashing, classifying, rendering) can overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** How far ahead of the checker's clock a date may be before it counts as "in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** How many characters of a third-party name a problem line quotes. */
const NAME_CHARS = 80;

/**
 * Parses an ISO 8601 date (`2026-11-20`, `2026-11-20T08:00:00Z`, with optional seconds, fraction and
 * offset) into milliseconds since the epoch; anything else, or a day that does not exist, is null.
 * Never compare dates as strings: `9999-…` sorts after every real date and `+275760-…` is a date too.
 */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  if (!m) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  // Date.parse rolls 2026-02-30 over into March; the calendar day must exist as written.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  return ms;
}

/**
 * How deep `value` nests (a scalar is 0, `{}` is 1), counted without recursion and stopping once it
 * passes `limit`, so a value nested 100,000 levels costs no more than one nested `limit + 1`.
 */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, here]);
  }
  return deepest;
}

function pathStep(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/**
 * The paths at which two JSON values differ (`risk`, `evidence[0].detail`,
 * `inputSchema.properties["__proto__"]`), at most `max` of them, found without recursion. Keys are
 * each object's own keys, so a key named `__proto__` or `constructor` is compared like any other.
 */
export function jsonDifferences(a: unknown, b: unknown, max = 10): string[] {
  const found: string[] = [];
  const stack: [string, unknown, unknown][] = [['', a, b]];
  while (stack.length > 0 && found.length < max) {
    const [path, x, y] = stack.pop()!;
    if (Object.is(x, y)) continue;
    const xObject = x !== null && typeof x === 'object';
    const yObject = y !== null && typeof y === 'object';
    if (!xObject || !yObject || Array.isArray(x) !== Array.isArray(y)) {
      found.push(path || '(root)');
      continue;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) {
        found.push(`${path || '(root)'}.length`);
        continue;
      }
      for (let i = x.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, x[i], y[i]]);
      continue;
    }
    const xs = x as Record<string, unknown>;
    const ys = y as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(xs), ...Object.keys(ys)])].sort().reverse();
    for (const key of keys) {
      const next = pathStep(path, key);
      if (!Object.hasOwn(xs, key) || !Object.hasOwn(ys, key)) found.push(next);
      // Own data properties only: reading an own `__proto__` gives its value, not the prototype.
      else stack.push([next, Object.getOwnPropertyDescriptor(xs, key)!.value, Object.getOwnPropertyDescriptor(ys, key)!.value]);
    }
  }
  return found.slice(0, max);
}

/** Clips a third-party text to `max` code points, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  const points = Array.from(text);
  return points.length > max ? `${points.slice(0, max).join('')}…` : text;
}

/**
 * A third-party name in quotes, clipped. Left unescaped on purpose: lines are escaped once, where
 * they are printed (src/terminal.ts), so an escape never shows doubled.
 */
export function quote(name: string): string {
  return `"${clip(name, NAME_CHARS)}"`;
}

/** A short rendering of a value in a problem line: strings quoted, scalars as JSON, objects by kind. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `"${clip(value, 60)}"`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

/** The value of an own property, or undefined; never one inherited from the prototype. */
function own(object: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(object, key)?.value;
}

/**
 * The own keys whose values differ between two objects, sorted. Each key is compared on its own,
 * so a long list of differences under one key never hides a difference under another.
 */
export function differingKeys(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => Object.hasOwn(a, k) !== Object.hasOwn(b, k) || jsonDifferences(own(a, k), own(b, k), 1).length > 0)
    .sort();
}

/** "effect is "read", recomputed "write"" for scalars; "evidence differs" for the rest. */
function describe(prefix: string, stored: object, recomputed: object): string[] {
  const scalar = (v: unknown) => v === undefined || v === null || typeof v !== 'object';
  return differingKeys(stored, recomputed).map((key) => {
    const [s, r] = [own(stored, key), own(recomputed, key)];
    return scalar(s) && scalar(r) ? `${prefix}${key} is ${shown(s)}, recomputed ${shown(r)}` : `${prefix}${key} differs from the recomputation`;
  });
}

export type CheckOptions = {
  /** The file the record was read from; every problem line starts with it. */
  file: string;
  /** The checker's clock, in milliseconds since the epoch. */
  now: number;
  /** The slugs that have a source; null when the catalog has no sources folder to compare with. */
  sources?: ReadonlySet<string> | null;
};

/** Structure the recomputation relies on: unique names and slugs, bounded nesting. */
function structureProblems(record: ServerRecord, at: string): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const slugs = new Set<string>();
  for (const t of record.tools) {
    if (slugs.has(t.slug)) problems.push(`${at}tool slug "${t.slug}" is used twice`);
    if (names.has(t.name)) problems.push(`${at}tool name ${quote(t.name)} is listed twice`);
    slugs.add(t.slug);
    names.add(t.name);
    for (const field of ['inputSchema', 'outputSchema', 'annotations'] as const) {
      if (jsonDepth(t[field]) > MAX_JSON_DEPTH) problems.push(`${at}tool ${quote(t.name)}: ${field} nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
  }
  if (jsonDepth(record.provenance.serverInfo) > MAX_JSON_DEPTH) {
    problems.push(`${at}provenance.serverInfo nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return problems;
}

/** Dates that do not parse, or lie further ahead than the clock skew allows. */
function dateProblems(record: ServerRecord, at: string, now: number): string[] {
  return datesProblems(
    [
      ['provenance.crawledAt', record.provenance.crawledAt],
      ['provenance.lastAttemptAt', record.provenance.lastAttemptAt],
      ['provenance.firstCrawledAt', record.provenance.firstCrawledAt],
      ...record.changelog.map((c, i): [string, string] => [`changelog[${i}].at`, c.at]),
    ],
    at,
    now,
  );
}

function datesProblems(dates: [string, string | null][], at: string, now: number): string[] {
  const problems: string[] = [];
  for (const [field, text] of dates) {
    if (text === null) continue;
    const ms = parseDate(text);
    if (ms === null) problems.push(`${at}${field}: ${quote(text)} is not an ISO 8601 date`);
    else if (ms > now + CLOCK_SKEW_MS) problems.push(`${at}${field}: ${quote(text)} is in the future`);
  }
  return problems;
}

/** Every tool needs a rule of its own in the server policy, and every rule a tool. */
function ruleProblems(record: ServerRecord, at: string): string[] {
  const problems: string[] = [];
  const rules = record.policy.tools;
  const names = new Set(record.tools.map((t) => t.name));
  // Object.hasOwn, never `in`: `"constructor" in {}` is true, and so is `"toString" in {}`.
  for (const t of record.tools) {
    if (!Object.hasOwn(rules, t.name)) problems.push(`${at}tool ${quote(t.name)} has no rule in the server policy`);
  }
  for (const name of Object.keys(rules)) {
    if (!names.has(name)) problems.push(`${at}the server policy has a rule for ${quote(name)}, which is not a tool of this server`);
  }
  return problems;
}

/** Hashes, slugs, classifications and rules against a recomputation from the tools alone. */
function recomputationProblems(record: ServerRecord, at: string): string[] {
  const problems: string[] = [];
  const slugs = uniqueSlugs(record.tools.map((t) => t.name));
  const again = reclassifyRecord(record);
  record.tools.forEach((t, i) => {
    const found: string[] = [];
    const hash = toolHash(recordedRawTool(t));
    if (hash !== t.hash) found.push(`hash ${t.hash} does not match its definition (${hash})`);
    if (t.slug !== slugs[i]) found.push(`slug is "${t.slug}", recomputed "${slugs[i]}"`);
    const r = again.tools[i]!;
    found.push(...describe('', t.classification, r.classification));
    found.push(...describe('policy.', t.policy, r.policy));
    if (Object.hasOwn(record.policy.tools, t.name)) {
      if (jsonDifferences(own(record.policy.tools, t.name), r.policy, 1).length > 0) found.push('its rule in the server policy differs from the recomputed rule');
    }
    if (found.length > 0) problems.push(`${at}tool ${quote(t.name)}: ${found.join('; ')}`);
  });
  if (record.policy.default !== again.policy.default) {
    problems.push(`${at}policy.default is ${shown(record.policy.default)}, recomputed ${shown(again.policy.default)}`);
  }
  if (jsonDifferences(record.domains, again.domains, 1).length > 0) problems.push(`${at}domains differ from the recomputation`);
  if (jsonDifferences(record.serverFlags, again.serverFlags, 1).length > 0) problems.push(`${at}serverFlags differ from the recomputation`);
  return problems;
}

/**
 * Every integrity problem of one record, as lines starting with the file. The recomputation runs
 * only on a record whose structure holds (unique names, bounded nesting): it would mean little on
 * duplicates, and walking an unbounded value is what the depth cap is there to prevent.
 */
export function checkRecord(record: ServerRecord, options: CheckOptions): string[] {
  const at = `${options.file}: `;
  const problems: string[] = [];
  if (options.sources && !options.sources.has(record.slug)) {
    problems.push(`${at}no source: sources/${record.slug}.md does not exist, so nothing says where this record came from`);
  }
  const base = options.file.split(/[\\/]/).at(-1);
  if (base !== `${record.slug}.json`) problems.push(`${at}holds the record of "${record.slug}", whose file is ${record.slug}.json`);
  const structure = structureProblems(record, at);
  problems.push(...structure, ...dateProblems(record, at, options.now), ...ruleProblems(record, at));
  if (structure.length === 0) {
    try {
      problems.push(...recomputationProblems(record, at));
    } catch (e) {
      problems.push(`${at}could not be recomputed: ${(e as Error).message}`);
    }
  }
  return problems;
}

export type UnlistedCheckOptions = CheckOptions & {
  /** The slugs that have a server record; an unlisted entry of one of them contradicts it. */
  listed: ReadonlySet<string>;
};

/**
 * Every problem of one unlisted entry, as lines starting with the file: filed under its own slug,
 * a source that says where it came from, no record of the same server (a server is listed or it
 * is not), and dates that parse, are not ahead of the clock and run first attempt to last.
 */
export function checkUnlisted(entry: Unlisted, options: UnlistedCheckOptions): string[] {
  const at = `${options.file}: `;
  const problems: string[] = [];
  const base = options.file.split(/[\\/]/).at(-1);
  if (base !== `${entry.slug}.json`) problems.push(`${at}holds the unlisted entry of "${entry.slug}", whose file is ${entry.slug}.json`);
  if (options.sources && !options.sources.has(entry.slug)) {
    problems.push(`${at}no source: sources/${entry.slug}.md does not exist, so nothing says where this server came from`);
  }
  if (options.listed.has(entry.slug)) {
    problems.push(`${at}"${entry.slug}" has a server record too (servers/${entry.slug}.json): a listed server has no unlisted entry`);
  }
  const dates: [string, string | null][] = [
    ['firstAttemptAt', entry.firstAttemptAt],
    ['lastAttemptAt', entry.lastAttemptAt],
    ['discovered.at', entry.discovered?.at ?? null],
  ];
  const found = datesProblems(dates, at, options.now);
  problems.push(...found);
  const first = parseDate(entry.firstAttemptAt);
  const last = parseDate(entry.lastAttemptAt);
  if (found.length === 0 && first !== null && last !== null && first > last) {
    problems.push(`${at}firstAttemptAt ${quote(entry.firstAttemptAt)} is after lastAttemptAt ${quote(entry.lastAttemptAt)}`);
  }
  return problems;
}
