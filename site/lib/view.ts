/**
 * Pure helpers that turn records into what pages show. Every string from a server is untrusted:
 * these helpers cap lengths, reveal hidden characters, and shape odd JSON into rows of capped raw
 * text that templates print through `shownHtml` (the Shown component), the one helper that builds
 * HTML: it escapes everything and adds only the spans that mark revealed characters.
 */
import { exportJson } from '../../src/policy/export.ts';
import { hasHidden, revealHidden, revealParts, type Layout } from '../../src/reveal.ts';
import type { Classification, ToolAnnotations } from '../../src/schema.ts';
import { RISK_VALUES, type Risk } from '../../src/taxonomy.ts';

export { hasHidden, revealHidden };

/** Cuts a string to `max` characters (by code point, so no half surrogate pair is left), adding "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max || max === Infinity) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}


/** Text and attribute escaping, as Astro does it (& < > " '). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * A third-party string for a text-only place (a page title, a meta description, an option's
 * label, the search index): capped, then hidden characters written as visible escapes.
 */
export function shown(text: string, max: number, layout: Layout = 'line'): string {
  return revealHidden(clip(text, max), layout);
}

/**
 * A third-party string as HTML for a page: capped, escaped, and each hidden character shown as its
 * escape in a marked span, so a reader tells a revealed character from text that looks like one.
 * The Shown component prints it; the plain writer uses it directly.
 */
export function shownHtml(text: string, max = Infinity, layout: Layout = 'line'): string {
  let html = '';
  for (const part of revealParts(clip(text, max), layout)) {
    html += part.hidden ? `<span class="hidden-char">${esc(part.text)}</span>` : esc(part.text);
  }
  return html;
}

/**
 * JSON to place inside a <script> element (JSON-LD): `<`, `>` and `&` become \u escapes so no
 * string can close the element or open a comment, and U+2028/2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Pretty JSON for people to read and copy. Hidden characters are written as \u escapes: the
 * document parses to the same value, but nothing in it is invisible.
 */
export function displayJson(value: unknown): string {
  return exportJson(value);
}

/** Only http(s) URLs become links; anything else (javascript:, data:, relative paths) is shown as text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "2026-11-20" from an ISO date; the raw text (capped) when it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'unknown date';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? clip(iso, 40) : d.toISOString().slice(0, 10);
}

/** "2026-11-20 08:00 UTC". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'unknown date';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? clip(iso, 40) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Confidence in words. The classifier's confidence is calibrated (an answer at 90% was right about
 * nine times in ten on the measured sets), so the bands read as odds of being right.
 */
export function confidenceBand(c: number): { word: 'high' | 'moderate' | 'low'; meaning: string } {
  if (c >= 0.9) return { word: 'high', meaning: 'strong signals agree' };
  if (c >= 0.75) return { word: 'moderate', meaning: 'the signals mostly agree, with some doubt' };
  return { word: 'low', meaning: 'the signals are weak or disagree: read the evidence before relying on it' };
}

// ---------------------------------------------------------------------------------------------
// Input parameters: the schema is untrusted JSON, so every step checks what it holds.
// ---------------------------------------------------------------------------------------------

/** Capped but unrevealed text: the template reveals it where it prints it. */
export type ParamRow = { name: string; type: string; required: boolean; description: string; details: string };
export type ParamTable = { rows: ParamRow[]; more: number; note: string | null };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shortJson(v: unknown, max: number): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return clip(text, max);
}

/** A readable type for one JSON Schema node: "string", "integer | null", "array of string", "Flow". */
export function schemaType(node: unknown, depth = 0): string {
  if (!isObject(node)) return node === true ? 'any' : 'unknown';
  if (depth > 3) return '…';
  const t = node['type'];
  let type: string | null = null;
  if (typeof t === 'string') type = t;
  else if (Array.isArray(t)) type = t.filter((x): x is string => typeof x === 'string').join(' | ') || null;
  if (type === 'array' && node['items'] !== undefined) type = `array of ${schemaType(node['items'], depth + 1)}`;
  if (type) return clip(type, 80);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list) && list.length) {
      return clip([...new Set(list.map((n) => schemaType(n, depth + 1)))].join(key === 'allOf' ? ' & ' : ' | '), 80);
    }
  }
  if (typeof node['$ref'] === 'string') return clip(node['$ref'].split('/').pop() || node['$ref'], 80);
  if (Array.isArray(node['enum'])) return 'enum';
  if ('const' in node) return 'constant';
  return 'any';
}

function paramDetails(node: unknown): string {
  if (!isObject(node)) return '';
  const parts: string[] = [];
  if (Array.isArray(node['enum'])) {
    const values = node['enum'].slice(0, 12).map((v) => shortJson(v, 40));
    parts.push(`one of ${values.join(', ')}${node['enum'].length > 12 ? ', …' : ''}`);
  }
  if ('const' in node) parts.push(`always ${shortJson(node['const'], 60)}`);
  if (typeof node['format'] === 'string') parts.push(`format ${clip(node['format'], 40)}`);
  if ('default' in node && node['default'] !== null) parts.push(`default ${shortJson(node['default'], 60)}`);
  return parts.join('; ');
}

/** The input parameters as table rows, whatever the schema holds; capped at `max` rows. */
export function parameterRows(inputSchema: unknown, max = 100): ParamTable {
  if (!isObject(inputSchema)) return { rows: [], more: 0, note: 'The input schema is not a JSON object.' };
  const props = inputSchema['properties'];
  if (props === undefined) return { rows: [], more: 0, note: 'The tool takes no parameters.' };
  if (!isObject(props)) return { rows: [], more: 0, note: 'The schema lists its parameters in a form we cannot read ("properties" is not an object).' };
  const required = new Set(Array.isArray(inputSchema['required']) ? inputSchema['required'].filter((x) => typeof x === 'string') : []);
  const entries = Object.entries(props);
  const rows = entries.slice(0, max).map(([name, node]): ParamRow => {
    const description = isObject(node) && typeof node['description'] === 'string' ? clip(node['description'], 600) : '';
    return { name: clip(name, 120), type: schemaType(node), required: required.has(name), description, details: paramDetails(node) };
  });
  return { rows, more: Math.max(0, entries.length - max), note: entries.length ? null : 'The tool takes no parameters.' };
}

// ---------------------------------------------------------------------------------------------
// MCP annotations beside our judgement
// ---------------------------------------------------------------------------------------------

export type AnnotationRow = { hint: string; meaning: string; server: string; ours: string; agrees: boolean | null };

const HINTS = {
  readOnlyHint: 'The tool does not change its environment.',
  destructiveHint: 'The tool may destroy or irreversibly change data.',
  idempotentHint: 'Calling it again with the same input has no further effect.',
  openWorldHint: 'The tool reaches outside systems (the web, third-party services).',
} as const;

function ourJudgement(hint: keyof typeof HINTS, c: Pick<Classification, 'effect' | 'risk' | 'flags'>): boolean | null {
  switch (hint) {
    case 'readOnlyHint':
      return c.effect === 'read';
    case 'destructiveHint':
      return c.effect === 'delete' || c.risk === 'critical';
    case 'openWorldHint':
      return c.flags.includes('open-world') ? true : null;
    case 'idempotentHint':
      return null;
  }
}

export function annotationRows(annotations: ToolAnnotations | null, c: Pick<Classification, 'effect' | 'risk' | 'flags'>): AnnotationRow[] {
  return (Object.keys(HINTS) as (keyof typeof HINTS)[]).map((hint) => {
    const declared = annotations?.[hint];
    const server = typeof declared === 'boolean' ? String(declared) : 'not declared';
    const ours = ourJudgement(hint, c);
    return {
      hint,
      meaning: HINTS[hint],
      server,
      ours: ours === null ? 'not judged' : String(ours),
      agrees: typeof declared === 'boolean' && ours !== null ? declared === ours : null,
    };
  });
}

/** Annotations beyond the four hints (a title, vendor extensions), as capped name/value text. */
export function otherAnnotations(annotations: ToolAnnotations | null, max = 10): [string, string][] {
  if (!annotations) return [];
  return Object.entries(annotations)
    .filter(([k]) => !(k in HINTS))
    .slice(0, max)
    .map(([k, v]) => [k, shortJson(v, 120)]);
}

// ---------------------------------------------------------------------------------------------
// Risk mix chart
// ---------------------------------------------------------------------------------------------

export type Segment = { risk: Risk; count: number; x: number; width: number };

/** Stacked-bar segments over `width` units, in risk order, skipping empty levels. */
export function riskSegments(counts: Record<Risk, number>, width = 100): Segment[] {
  const total = RISK_VALUES.reduce((n, r) => n + counts[r], 0);
  if (!total) return [];
  let x = 0;
  const segments: Segment[] = [];
  for (const risk of RISK_VALUES) {
    if (!counts[risk]) continue;
    const w = (counts[risk] / total) * width;
    segments.push({ risk, count: counts[risk], x: Math.round(x * 100) / 100, width: Math.round(w * 100) / 100 });
    x += w;
  }
  return segments;
}

export function serverPath(serverSlug: string): string {
  return `/servers/${serverSlug}/`;
}

export function toolPath(serverSlug: string, toolSlug: string): string {
  return `/servers/${serverSlug}/${toolSlug}/`;
}

/** A duration for people: "850 ms", "4.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
