/**
 * Turns one crawl outcome into a catalog record: validates the untrusted tools, slugs and hashes
 * them, classifies them, recommends a rule per tool, and compares with the previous record. A
 * failed crawl never replaces good data: the previous record is kept, marked stale, with the error.
 */
import { createHash } from 'node:crypto';
import { classifyServer } from '../classify/index.ts';
import { schemaProperties } from '../classify/refs.ts';
import { boundJson, MAX_JSON_DEPTH, sortedJson } from '../json.ts';
import { recommendRule, serverPolicy } from '../policy/recommend.ts';
import {
  formatIssues,
  INSTRUCTIONS_MAX_CHARS,
  RawToolSchema,
  type Attempt,
  type Change,
  type Classification,
  type Icon,
  type ProvenanceSchema,
  type RawTool,
  type ServerRecord,
  type ToolRecord,
  type Unlisted,
} from '../schema.ts';
import type { z } from 'zod';
import type { HeaderParamSchema } from '../schema.ts';

type HeaderParam = z.infer<typeof HeaderParamSchema>;
import type { CrawlOutcome } from '../crawl/types.ts';
import type { LoadedSource } from './sources.ts';
import { cutText, oneLine, wellFormed } from '../text.ts';
import { uniqueSlugs } from './slug.ts';

export type RecordStatus = 'added' | 'changed' | 'unchanged' | 'stale' | 'failed';
export type Diff = { added: string[]; removed: string[]; changed: string[] };

/** Caps on what one server may put in the catalog; beyond them the list is cut and marked. */
export const LIMITS = { tools: 2_000, descriptionChars: 16_000, nameChars: 256, schemaBytes: 200_000, headerParams: 64 };
const CHANGELOG_KEEP = 50;
/** How deep a tool's JSON fields may nest; deeper ones are replaced (see `sanitizeTools`). */
export { MAX_JSON_DEPTH };

export function toolHash(tool: RawTool): string {
  const definition = {
    name: tool.name,
    title: tool.title ?? null,
    description: tool.description ?? '',
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema ?? null,
    annotations: tool.annotations ?? null,
    // Fields of later revisions join the definition only when sent, so the hashes of earlier tools
    // stay as they were. `_meta` is left out: it is the server's bookkeeping, not what a model or a
    // person approves, and a timestamp in it would make every crawl a change.
    ...(tool.icons !== undefined ? { icons: tool.icons } : {}),
  };
  return `sha256:${createHash('sha256').update(sortedJson(definition)).digest('hex')}`;
}

/** The JSON fields of a tool that are the server's own objects, each bounded on its own. */
const JSON_FIELDS = [
  ['inputSchema', 'input schema', 'replaced by an empty object schema'],
  ['outputSchema', 'output schema', 'dropped'],
  ['annotations', 'annotations', 'dropped'],
  ['_meta', '_meta', 'dropped'],
] as const;
/** How deep a tool's JSON fields sit in a record file (record, tools, tool): the base of their indentation. */
const TOOL_FIELD_LEVEL = 3;

/**
 * Validates raw tools one by one; each rejected tool becomes a warning naming it. What is kept is
 * a copy holding only the fields a tool has in MCP, with every string made well-formed (lone
 * surrogates become U+FFFD), the description cut on a code point boundary, and each JSON field
 * within `MAX_JSON_DEPTH` levels and `LIMITS.schemaBytes` bytes as the record will write it; a
 * field past a cap is replaced, with a warning naming the tool. Nothing here recurses, so no value
 * a server can send makes it throw.
 */
export function sanitizeTools(raw: readonly unknown[]): { tools: RawTool[]; warnings: string[]; truncated: boolean } {
  const tools: RawTool[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  let truncated = false;
  raw.forEach((item, index) => {
    // The place in the list names every tool, even one without a usable name or two of the same name.
    const rawName: unknown = (item as { name?: unknown } | null)?.name;
    const label = typeof rawName === 'string' && rawName !== '' ? `tool #${index} "${oneLine(rawName, 80)}"` : `tool #${index}`;
    const parsed = RawToolSchema.safeParse(item);
    if (!parsed.success) {
      warnings.push(`${label} skipped: ${formatIssues(parsed.error)}`);
      return;
    }
    const name = wellFormed(parsed.data.name);
    if (name.length > LIMITS.nameChars) {
      warnings.push(`${label} skipped: name longer than ${LIMITS.nameChars} characters`);
      return;
    }
    if (seen.has(name)) {
      warnings.push(`${label} skipped: duplicate name`);
      return;
    }
    if (tools.length >= LIMITS.tools) {
      truncated = true;
      return;
    }
    if ((item as { inputSchema?: unknown }).inputSchema === undefined) {
      warnings.push(`${label}: no inputSchema; recorded as an empty object schema`);
    }
    const tool: RawTool = { name, inputSchema: { type: 'object' } };
    if (parsed.data.title !== undefined) tool.title = wellFormed(parsed.data.title);
    if (parsed.data.description !== undefined) {
      const description = wellFormed(parsed.data.description);
      tool.description = cutText(description, LIMITS.descriptionChars);
      if (tool.description.length < description.length) {
        warnings.push(`${label}: description cut from ${description.length} to ${LIMITS.descriptionChars} characters`);
        truncated = true;
      }
    }
    if (parsed.data.icons !== undefined) {
      const icons = keptIcons(parsed.data.icons);
      // No icon kept is the same as none sent: a record cannot tell them apart, so neither does the hash.
      if (icons.icons.length > 0) tool.icons = icons.icons;
      if (icons.dropped > 0) warnings.push(`${label}: ${icons.dropped} icon(s) dropped (not an object with a src of at most ${ICON_SRC_MAX_CHARS} characters, or past ${ICONS_MAX})`);
    }
    for (const [field, what, instead] of JSON_FIELDS) {
      const value = parsed.data[field];
      if (value === undefined) continue;
      const bounded = boundJson(value, { maxDepth: MAX_JSON_DEPTH, maxBytes: LIMITS.schemaBytes, level: TOOL_FIELD_LEVEL });
      if (bounded.ok) {
        (tool as Record<string, unknown>)[field] = bounded.value;
      } else {
        warnings.push(`${label}: ${what} ${bounded.reason} ${instead}`);
        truncated = true;
      }
    }
    seen.add(name);
    tools.push(tool);
  });
  if (truncated && raw.length > LIMITS.tools) warnings.push(`only the first ${LIMITS.tools} of ${raw.length} tools were kept`);
  return { tools, warnings, truncated };
}

/** Icons kept per tool, and the longest `src` kept (a data: URI past it is dropped, not cut). */
const ICONS_MAX = 8;
const ICON_SRC_MAX_CHARS = 8_192;

/**
 * A tool's icons as a record keeps them: data only (the site never loads them), each an object
 * with a string `src` and, when sent as strings, `mimeType`, `sizes` and `theme`, all well-formed
 * and bounded. Anything else is dropped and counted.
 */
export function keptIcons(raw: readonly unknown[]): { icons: Icon[]; dropped: number } {
  const icons: Icon[] = [];
  for (const item of raw.slice(0, ICONS_MAX)) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const { src, mimeType, sizes, theme } = item as Record<string, unknown>;
    if (typeof src !== 'string' || src === '' || src.length > ICON_SRC_MAX_CHARS) continue;
    const icon: Icon = { src: wellFormed(src) };
    if (typeof mimeType === 'string') icon.mimeType = cutText(wellFormed(mimeType), 100);
    if (Array.isArray(sizes)) icon.sizes = sizes.filter((x): x is string => typeof x === 'string').slice(0, 16).map((x) => cutText(wellFormed(x), 32));
    if (typeof theme === 'string') icon.theme = cutText(wellFormed(theme), 32);
    icons.push(icon);
  }
  return { icons, dropped: raw.length - icons.length };
}

/** The header each parameter marked `x-mcp-header` is mirrored into (valid names only: token characters). */
export function headerParamsOf(inputSchema: unknown): HeaderParam[] {
  const out: HeaderParam[] = [];
  for (const [parameter, spec] of schemaProperties(inputSchema, LIMITS.headerParams)) {
    const name = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)['x-mcp-header'] : undefined;
    if (typeof name !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/.test(name)) continue;
    out.push({ parameter: cutText(parameter, 256), header: `Mcp-Param-${name}` });
  }
  return out;
}

/**
 * The server's instructions as a record keeps them: a string or nothing, well-formed (a lone
 * surrogate becomes U+FFFD), cut on a code-point boundary. A warning says when they were cut.
 */
export function keptInstructions(raw: unknown): { instructions: string | null; warning: string | null } {
  if (typeof raw !== 'string' || raw === '') return { instructions: null, warning: null };
  const text = raw.toWellFormed();
  if (text.length <= INSTRUCTIONS_MAX_CHARS) return { instructions: text, warning: null };
  // One unit short of the cap when the cut would fall inside a surrogate pair.
  const high = text.charCodeAt(INSTRUCTIONS_MAX_CHARS - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? INSTRUCTIONS_MAX_CHARS - 1 : INSTRUCTIONS_MAX_CHARS;
  return { instructions: text.slice(0, end), warning: `instructions cut from ${text.length} to ${end} characters` };
}

/** Classifies raw tools in their server's context and builds the tool records and server policy. */
export function classifyTools(
  tools: readonly RawTool[],
  ctx: { slug: string; name: string; about: string; instructions?: string | null },
): Pick<ServerRecord, 'tools' | 'policy' | 'domains' | 'serverFlags'> {
  const result = classifyServer({ slug: ctx.slug, name: ctx.name, about: ctx.about, instructions: ctx.instructions ?? null, tools });
  const slugs = uniqueSlugs(tools.map((t) => t.name));
  const records: ToolRecord[] = tools.map((tool, i) => {
    const classification = wellFormedText(result.tools[i]!);
    return {
      name: tool.name,
      slug: slugs[i]!,
      title: tool.title ?? tool.annotations?.title ?? null,
      description: tool.description ?? '',
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema ?? null,
      annotations: tool.annotations ?? null,
      icons: (tool.icons ?? []) as Icon[],
      _meta: tool._meta ?? null,
      headerParams: headerParamsOf(tool.inputSchema),
      hash: toolHash(tool),
      classification,
      policy: recommendRule(tool.name, classification),
    };
  });
  return { tools: records, policy: serverPolicy(records), domains: result.domains, serverFlags: result.serverFlags };
}

/**
 * The classifier quotes the tools' text and cuts its quotes by length, which can split a surrogate
 * pair; what it writes into a record is made well-formed like the rest.
 */
function wellFormedText(c: Classification): Classification {
  return {
    ...c,
    evidence: c.evidence.map((e) => ({ ...e, detail: wellFormed(e.detail) })),
    doubts: c.doubts.map(wellFormed),
    summary: wellFormed(c.summary),
  };
}

/**
 * The tool as the server listed it, rebuilt from its record. A record's `title` falls back to
 * `annotations.title`, so a title equal to the annotation's may or may not have been sent: the
 * definition hash, taken from what was sent, says which.
 */
export function recordedRawTool(t: ToolRecord): RawTool {
  const raw: RawTool = {
    name: t.name,
    ...(t.title !== null ? { title: t.title } : {}),
    description: t.description,
    inputSchema: t.inputSchema,
    ...(t.outputSchema ? { outputSchema: t.outputSchema } : {}),
    ...(t.annotations ? { annotations: t.annotations } : {}),
    ...(t.icons.length > 0 ? { icons: t.icons } : {}),
    ...(t._meta ? { _meta: t._meta } : {}),
  };
  if (t.title !== null && t.title === t.annotations?.title && toolHash(raw) !== t.hash) {
    const { title: _fromAnnotations, ...untitled } = raw;
    if (toolHash(untitled) === t.hash) return untitled;
  }
  return raw;
}

/** Re-classifies a record's tools with the current classifier (no crawl). */
export function reclassifyRecord(record: ServerRecord): ServerRecord {
  const raw = record.tools.map(recordedRawTool);
  const classified = classifyTools(raw, record);
  const tools = classified.tools.map((t, i) => ({ ...t, slug: record.tools[i]!.slug, hash: record.tools[i]!.hash }));
  return { ...record, ...classified, tools, policy: serverPolicy(tools) };
}

export function diffTools(previous: readonly ToolRecord[] | null, next: readonly ToolRecord[]): Diff {
  const before = new Map((previous ?? []).map((t) => [t.name, t.hash]));
  const after = new Map(next.map((t) => [t.name, t.hash]));
  return {
    added: [...after.keys()].filter((n) => !before.has(n)),
    removed: [...before.keys()].filter((n) => !after.has(n)),
    changed: [...after].filter(([n, h]) => before.has(n) && before.get(n) !== h).map(([n]) => n),
  };
}

function isEmpty(d: Diff): boolean {
  return d.added.length + d.removed.length + d.changed.length === 0;
}

/** How much of the server's own `serverInfo` a record keeps; beyond it, only its name and version. */
const SERVER_INFO_MAX_BYTES = 16_384;

const nullableText = (text: string | null): string | null => (text === null ? null : wellFormed(text));

/** The server's self-description, well-formed and bounded like a tool's JSON fields. */
function serverInfoOf(info: Extract<CrawlOutcome, { ok: true }>['serverInfo']): Extract<CrawlOutcome, { ok: true }>['serverInfo'] {
  if (info === null) return null;
  const bounded = boundJson(info, { maxBytes: SERVER_INFO_MAX_BYTES, level: 2 });
  if (bounded.ok) return bounded.value as typeof info;
  return { name: cutText(wellFormed(info.name), 200), version: cutText(wellFormed(info.version), 200) };
}

/** An attempt as a record keeps it: its text well-formed and bounded. */
function cleanAttempt(a: Attempt): Attempt {
  return {
    args: a.args.slice(0, 40).map((x) => cutText(wellFormed(x), 300)),
    env: a.env.slice(0, 40).map((x) => cutText(wellFormed(x), 100)),
    why: cutText(wellFormed(a.why), 500),
    result: cutText(wellFormed(a.result), 1_000),
  };
}

/**
 * The unlisted entry of a server whose crawl failed and that has no record to keep (catalog/unlisted/):
 * why, what it asked for and what was tried. `previous` keeps the date of the first attempt.
 */
export function buildUnlisted(input: {
  loaded: LoadedSource;
  outcome: Extract<CrawlOutcome, { ok: false }>;
  previous: Unlisted | null;
  now: string;
}): Unlisted {
  const { loaded, outcome, previous, now } = input;
  const { source, slug, about } = loaded;
  return {
    slug,
    name: source.name,
    about,
    transport: source.transport,
    package: source.package ?? null,
    packageVersion: nullableText(outcome.packageVersion ?? null),
    repository: source.repository ?? null,
    homepage: source.homepage ?? null,
    vendor: source.vendor ?? null,
    discovered: source.discovered ?? null,
    cause: outcome.cause ?? 'crash',
    error: cutText(wellFormed(outcome.error), 2_000),
    needs: (outcome.needs ?? []).slice(0, 40).map((n) => cutText(wellFormed(n), 100)),
    attempts: (outcome.attempts ?? []).slice(0, 10).map(cleanAttempt),
    firstAttemptAt: previous?.firstAttemptAt ?? now,
    lastAttemptAt: now,
    durationMs: outcome.durationMs,
    installMs: outcome.installMs ?? null,
    sessionMs: outcome.sessionMs ?? null,
    sandbox: outcome.isolation ?? null,
  };
}

/** The longest `ttlMs` taken as given (ten years): a larger one says "never stale" as well. */
const TTL_MAX_MS = 10 * 365 * 24 * 3_600_000;

/**
 * What a live session said about its era and how long its list stays fresh: the era, the versions
 * a modern server supports (well-formed, bounded), its `ttlMs` and `cacheScope`, and when the list
 * is due for a re-crawl (crawledAt + ttlMs).
 */
function freshness(outcome: Extract<CrawlOutcome, { ok: true }>, now: string): Pick<z.input<typeof ProvenanceSchema>, 'era' | 'supportedVersions' | 'ttlMs' | 'cacheScope' | 'recrawlDueAt'> {
  const ttl = outcome.ttlMs;
  const ttlMs = typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0 ? Math.min(Math.floor(ttl), TTL_MAX_MS) : null;
  return {
    era: outcome.era ?? null,
    supportedVersions: (outcome.supportedVersions ?? []).slice(0, 32).map((v) => cutText(wellFormed(v), 64)),
    ttlMs,
    cacheScope: outcome.cacheScope ?? null,
    recrawlDueAt: ttlMs === null ? null : new Date(Date.parse(now) + ttlMs).toISOString(),
  };
}

export function buildRecord(input: {
  loaded: LoadedSource;
  outcome: CrawlOutcome;
  previous: ServerRecord | null;
  now: string;
}): { record: ServerRecord | null; status: RecordStatus; diff: Diff; errors: string[] } {
  const { loaded, outcome, previous, now } = input;
  const noDiff: Diff = { added: [], removed: [], changed: [] };

  if (!outcome.ok) {
    if (!previous) return { record: null, status: 'failed', diff: noDiff, errors: [wellFormed(outcome.error)] };
    const provenance = { ...previous.provenance, stale: true, error: wellFormed(outcome.error), lastAttemptAt: now };
    return { record: { ...previous, provenance }, status: 'stale', diff: noDiff, errors: [provenance.error] };
  }

  const { source, slug, about } = loaded;
  const clean = sanitizeTools(outcome.tools);
  const kept = keptInstructions(outcome.instructions);
  if (kept.warning) clean.warnings.push(kept.warning);
  const classified = classifyTools(clean.tools, { slug, name: source.name, about, instructions: kept.instructions });
  const diff = diffTools(previous?.tools ?? null, classified.tools);
  const changelog: Change[] = previous?.changelog ?? [];
  const status: RecordStatus = !previous ? 'added' : isEmpty(diff) ? 'unchanged' : 'changed';
  const provenance: z.input<typeof ProvenanceSchema> = {
    method: outcome.method,
    transport: source.transport,
    crawledAt: now,
    // A new server's first listing is now; a known one keeps its date (unknown for older records).
    firstCrawledAt: previous ? previous.provenance.firstCrawledAt : now,
    lastAttemptAt: now,
    serverInfo: serverInfoOf(outcome.serverInfo),
    protocolVersion: nullableText(outcome.protocolVersion),
    ...freshness(outcome, now),
    packageVersion: nullableText(outcome.packageVersion),
    sandbox: outcome.isolation ?? null,
    snapshotSource: nullableText(outcome.snapshotSource),
    stale: false,
    error: null,
    truncated: outcome.truncated || clean.truncated,
    durationMs: outcome.durationMs,
    installMs: outcome.installMs ?? null,
    sessionMs: outcome.sessionMs ?? null,
    attempts: (outcome.attempts ?? []).map(cleanAttempt),
    warnings: [...outcome.warnings, ...clean.warnings].slice(0, 100).map(wellFormed),
  };
  const record: ServerRecord = {
    slug,
    name: source.name,
    about,
    transport: source.transport,
    package: source.package ?? null,
    repository: source.repository ?? null,
    homepage: source.homepage ?? null,
    vendor: source.vendor ?? null,
    domains: classified.domains,
    provenance: provenance as ServerRecord['provenance'],
    instructions: kept.instructions,
    serverFlags: classified.serverFlags,
    changelog: previous && !isEmpty(diff) ? [{ at: now, ...diff }, ...changelog].slice(0, CHANGELOG_KEEP) : changelog,
    policy: classified.policy,
    tools: classified.tools,
  };
  return { record, status, diff, errors: [] };
}
