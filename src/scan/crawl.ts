/**
 * `scan --crawl`: the configured servers the catalog does not know are listed by the project's own
 * crawler, in its sandbox, and their tools judged as the catalog judges them (the record builder
 * classifies them and recommends each tool's rule), so the report and the permission writers take
 * them like catalog servers, marked as crawled here.
 *
 * A config entry becomes a source the way discovery reads configs (src/discover/config.ts), with
 * two differences, because this is the user's own server on the user's own machine: its arguments
 * are kept as configured, and no placeholder stands in for anything (no placeholder environment,
 * no self-healing starts). The user's environment never reaches the server: not the scanning
 * process's, and not the config's `env` values, except the variables the user names
 * (`--pass-env`). This module runs processes, so it is not part of the browser's scan code.
 */
import type { LoadedSource } from '../catalog/sources.ts';
import { buildRecord } from '../catalog/record.ts';
import { slugBase } from '../catalog/slug.ts';
import { startFields, sourceName, startOf } from '../discover/config.ts';
import { crawlSource, mapPool, type CrawlOptions } from '../crawl/index.ts';
import { SourceSchema, formatIssues, type ServerRecord } from '../schema.ts';
import { errorMessage } from '../text.ts';
import { scanEntry } from './catalog.ts';
import type { ConfiguredServer } from './configs.ts';
import { hashJson } from './files.ts';
import type { Match } from './match.ts';
import { CRAWLED_HERE } from './report.ts';

/** Where a passed variable's value came from: the server's config entry, or the scanning process. */
export type PassedFrom = 'config' | 'environment';

/** A config entry as a crawl source, and the variables it is given, by name and origin (never value). */
export type ScanSource = { loaded: LoadedSource; passed: { name: string; from: PassedFrom }[] };

/**
 * The source a configured server is crawled from, or why it cannot be. Each named variable gets
 * the value the server's config entry sets, or else the scanning process's own value, as the
 * client that starts the server would give it; a name set in neither is not passed.
 */
export function scanSource(server: ConfiguredServer, passEnv: readonly string[], processEnv: NodeJS.ProcessEnv): ScanSource | string {
  const start = startOf({ ...(server.command !== null && { command: server.command }), args: server.args, ...(server.url !== null && { url: server.url }) });
  if (typeof start === 'string') return start;
  const env: Record<string, string> = {};
  const passed: ScanSource['passed'] = [];
  for (const name of passEnv) {
    const fromConfig = server.env && Object.hasOwn(server.env, name) ? server.env[name] : undefined;
    const value = fromConfig ?? processEnv[name];
    if (value === undefined) continue;
    Object.defineProperty(env, name, { value, enumerable: true, writable: true, configurable: true });
    passed.push({ name, from: fromConfig !== undefined ? 'config' : 'environment' });
  }
  // A docker entry's `-e NAME` is passed by name to the container: only the variables named here are set.
  const fields = startFields(start);
  const parsed = SourceSchema.safeParse({ name: sourceName(server.name), ...fields, env });
  if (!parsed.success) return `not a source the crawler can start: ${formatIssues(parsed.error)}`;
  // The slug names the server's install folder in the crawler's cache: the same name given to two
  // different servers (two configs' "github") must not share one, so what it runs is in the slug too.
  const slug = `scan-${slugBase(server.name).slice(0, 40) || 'server'}-${hashJson(fields).slice('sha256:'.length, 'sha256:'.length + 8)}`;
  return { loaded: { slug, file: server.file, source: parsed.data, about: '' }, passed };
}

/** What the progress display hears: a crawl starting, and its end with the tools listed or the error. */
export type CrawlEvent =
  | { kind: 'start'; server: ConfiguredServer; index: number; total: number }
  | { kind: 'end'; server: ConfiguredServer; index: number; total: number; ms: number; tools: number | null; error: string | null };

export type ScanCrawlOptions = {
  crawl: CrawlOptions;
  passEnv: readonly string[];
  processEnv: NodeJS.ProcessEnv;
  /** Servers crawled at once. */
  concurrency: number;
  onEvent?: (event: CrawlEvent) => void;
};

/** A match after `--crawl`, with the record its crawl built (for callers that look at the tools themselves). */
export type Crawled = { match: Match; record: ServerRecord | null; passed: ScanSource['passed'] };

/**
 * Crawls every match the catalog has no entry for; matches the catalog knows pass through as they
 * are. A server that cannot be crawled keeps no entry, and its note says why; the others go on.
 */
export async function crawlUnknown(matches: readonly Match[], opts: ScanCrawlOptions): Promise<Crawled[]> {
  const unknown = matches.filter((m) => !m.entry);
  let n = 0;
  const done = new Map<Match, Crawled>();
  await mapPool(unknown, opts.concurrency, async (m) => {
    const index = ++n;
    opts.onEvent?.({ kind: 'start', server: m.server, index, total: unknown.length });
    const began = Date.now();
    const result = await crawlOne(m, opts);
    const ms = Date.now() - began;
    done.set(m, result);
    opts.onEvent?.({ kind: 'end', server: m.server, index, total: unknown.length, ms, tools: result.match.entry ? result.match.entry.tools.length : null, error: result.match.crawled?.error ?? null });
  });
  return matches.map((m) => done.get(m) ?? { match: m, record: null, passed: [] });
}

async function crawlOne(m: Match, opts: ScanCrawlOptions): Promise<Crawled> {
  const began = Date.now();
  const failed = (error: string, passed: ScanSource['passed'] = []): Crawled => ({
    match: { ...m, note: `${m.note ?? 'not in the catalog'}; not crawled: ${error}`, crawled: { ms: Date.now() - began, error } },
    record: null,
    passed,
  });
  const source = scanSource(m.server, opts.passEnv, opts.processEnv);
  if (typeof source === 'string') return failed(source);
  try {
    const outcome = await crawlSource(source.loaded, opts.crawl);
    const built = buildRecord({ loaded: source.loaded, outcome, previous: null, now: new Date().toISOString() });
    if (!built.record) return failed(built.errors[0] ?? 'no tools listed', source.passed);
    // Not a catalog slug: a lock file written after this scan names the server `crawled:<slug>`.
    const entry = { ...scanEntry(built.record, source.loaded.source, hashJson), slug: `crawled:${source.loaded.slug}` };
    return { match: { ...m, entry, note: CRAWLED_HERE, crawled: { ms: Date.now() - began, error: null } }, record: built.record, passed: source.passed };
  } catch (e) {
    return failed(errorMessage(e), source.passed);
  }
}
