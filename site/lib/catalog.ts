/**
 * The site's only way to the data: reads catalog/servers/*.json (or the folder in CATALOG_DIR)
 * and the servers that could not be listed, catalog/unlisted/*.json, once per build, validates
 * every file with the shared schema and keeps the result in memory.
 * Pages read from here in getStaticPaths and pass each page only what it shows: at 100,000 tool
 * pages this measured faster and leaner than a content collection.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EvalReportSchema, formatIssues, ServerRecordSchema, UnlistedSchema, type EvalReport, type ServerRecord, type ToolRecord, type Unlisted } from '../../src/schema.ts';
import { RISK_VALUES, RISKS, type Effect, type Risk } from '../../src/taxonomy.ts';
import type { z } from 'zod';

/** What a tool page shows of another tool of its server. */
export type ToolBrief = { name: string; slug: string; effect: Effect; risk: Risk; confidence: number };

export type ServerEntry = {
  record: ServerRecord;
  /** Every tool of the server, most dangerous first; shared by reference across its tool pages. */
  briefs: ToolBrief[];
  riskCounts: Record<Risk, number>;
};

/** The classifier's measured accuracy (catalog/eval.json, written by `npm run eval`), when there is one. */
export type EvalState = { status: 'missing' } | { status: 'ok'; file: string; report: EvalReport };

export type Catalog = {
  root: string;
  serversDir: string;
  servers: ServerEntry[];
  bySlug: Map<string, ServerEntry>;
  /** The servers known but not listed (catalog/unlisted/), by slug; never counted as servers with tools. */
  unlisted: Unlisted[];
  toolCount: number;
  riskCounts: Record<Risk, number>;
  evaluation: EvalState;
};

/**
 * CATALOG_DIR may name a catalog folder (holding servers/) or a folder of records itself; a
 * relative path is taken from the project root, where the build runs.
 */
export function resolveServersDir(dir: string): { root: string; serversDir: string } {
  const abs = resolve(dir);
  const inner = join(abs, 'servers');
  if (existsSync(inner) && statSync(inner).isDirectory()) return { root: abs, serversDir: inner };
  return { root: dirname(abs), serversDir: abs };
}

export function emptyRiskCounts(): Record<Risk, number> {
  return { low: 0, medium: 0, high: 0, critical: 0 };
}

/** Most dangerous first: risk, then effect weight via confidence, then name for a stable order. */
export function byDanger(a: ToolBrief, b: ToolBrief): number {
  return RISKS[b.risk].rank - RISKS[a.risk].rank || b.confidence - a.confidence || a.name.localeCompare(b.name);
}

export function briefOf(tool: ToolRecord): ToolBrief {
  const c = tool.classification;
  return { name: tool.name, slug: tool.slug, effect: c.effect, risk: c.risk, confidence: c.confidence };
}

/** Reads a JSON file's text and validates it; every error names the file and, for schema errors, the field. */
function parseJsonFile<S extends z.ZodType>(schema: S, file: string, text: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new Error(`${file}: ${formatIssues(result.error)}`);
  return result.data;
}

/** Reads and validates one record. */
export function parseRecordFile(file: string, text: string): ServerRecord {
  return parseJsonFile(ServerRecordSchema, file, text);
}

/** Reads and validates one unlisted entry. */
export function parseUnlistedFile(file: string, text: string): Unlisted {
  return parseJsonFile(UnlistedSchema, file, text);
}

/** The unlisted folder beside the records folder (catalog/servers/ → catalog/unlisted/). */
export function unlistedDir(serversDir: string): string {
  return join(dirname(serversDir), 'unlisted');
}

/**
 * Every unlisted entry beside a records folder, by slug; a missing folder holds none. A slug that
 * also has a record is an error: one page cannot say both "these tools" and "not listed yet".
 */
function loadUnlisted(serversDir: string, listed: ReadonlyMap<string, ServerEntry>): Unlisted[] {
  const dir = unlistedDir(serversDir);
  if (!existsSync(dir)) return [];
  const entries: Unlisted[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const entry = parseUnlistedFile(file, readFileSync(file, 'utf8'));
    if (entry.slug !== name.slice(0, -'.json'.length)) throw new Error(`${file}: slug: "${entry.slug}" does not match the file name`);
    if (listed.has(entry.slug)) throw new Error(`${file}: "${entry.slug}" has a server record too (servers/${entry.slug}.json); a listed server has no unlisted entry`);
    entries.push(entry);
  }
  return entries;
}

function checkRecord(file: string, expectedSlug: string, record: ServerRecord): void {
  if (record.slug !== expectedSlug) throw new Error(`${file}: slug: "${record.slug}" does not match the file name`);
  const slugs = new Set<string>();
  for (const [i, tool] of record.tools.entries()) {
    // Two tools with one slug would write one page over the other.
    if (slugs.has(tool.slug)) throw new Error(`${file}: tools.${i}.slug: "${tool.slug}" is used by two tools`);
    slugs.add(tool.slug);
  }
}

function readEvaluation(root: string): EvalState {
  const file = join(root, 'eval.json');
  if (!existsSync(file)) return { status: 'missing' };
  return { status: 'ok', file, report: parseJsonFile(EvalReportSchema, file, readFileSync(file, 'utf8')) };
}

export function loadCatalog(dir: string): Catalog {
  const { root, serversDir } = resolveServersDir(dir);
  if (!existsSync(serversDir)) throw new Error(`${serversDir}: the catalog folder does not exist (set CATALOG_DIR)`);
  const files = readdirSync(serversDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const servers: ServerEntry[] = [];
  const bySlug = new Map<string, ServerEntry>();
  const riskCounts = emptyRiskCounts();
  let toolCount = 0;
  for (const name of files) {
    const file = join(serversDir, name);
    const record = parseRecordFile(file, readFileSync(file, 'utf8'));
    checkRecord(file, name.slice(0, -'.json'.length), record);
    const counts = emptyRiskCounts();
    for (const t of record.tools) counts[t.classification.risk]++;
    for (const r of RISK_VALUES) riskCounts[r] += counts[r];
    toolCount += record.tools.length;
    const entry: ServerEntry = { record, briefs: record.tools.map(briefOf).sort(byDanger), riskCounts: counts };
    servers.push(entry);
    bySlug.set(record.slug, entry);
  }
  return { root, serversDir, servers, bySlug, unlisted: loadUnlisted(serversDir, bySlug), toolCount, riskCounts, evaluation: readEvaluation(root) };
}

let cached: Catalog | undefined;

/** The build's catalog, read once. */
export function getCatalog(): Catalog {
  cached ??= loadCatalog(process.env['CATALOG_DIR'] || 'catalog');
  return cached;
}

/**
 * The servers whose own pages (server page, tool pages, record JSON) this build writes: all of
 * them, unless CATALOG_BUILD_ONLY names a file listing slugs, one per line. The build driver
 * (site/build.ts) uses it to rebuild only the servers that changed; pages about the whole catalog
 * are always written from every server.
 */
export function pageServers(): ServerEntry[] {
  const wanted = pageSlugs();
  return wanted ? getCatalog().servers.filter((s) => wanted.has(s.record.slug)) : getCatalog().servers;
}

/** The unlisted servers whose pages this build writes, chosen as pageServers chooses. */
export function pageUnlisted(): Unlisted[] {
  const wanted = pageSlugs();
  return wanted ? getCatalog().unlisted.filter((u) => wanted.has(u.slug)) : getCatalog().unlisted;
}

function pageSlugs(): Set<string> | null {
  const only = process.env['CATALOG_BUILD_ONLY'];
  return only ? new Set(readFileSync(only, 'utf8').split('\n').filter(Boolean)) : null;
}
