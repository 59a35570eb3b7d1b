/**
 * `npm run crawl -- [--sources DIR] [--out DIR] [--only a,b] [--concurrency N] [--timeout MS]
 *                   [--cache DIR] [--install-timeout MS] [--shard i/n] [--resume] [--write-sources]
 *                   [--keep-installs] [--cache-budget GB] [--no-sandbox]`
 *
 * Crawls every source, healing failed starts, classifies the tools, writes one record per server
 * (or an unlisted entry for a server it could not list), prints a line per server and a summary. Every server (and its install) runs inside the bubblewrap sandbox; the
 * crawl refuses to start processes without it unless `--no-sandbox` is given. Exits non-zero only when the input is invalid or nothing could be crawled.
 */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSources, type LoadedSource } from '../src/catalog/sources.ts';
import { buildRecord, type RecordStatus } from '../src/catalog/record.ts';
import { inShard, parseShard } from '../src/catalog/shard.ts';
import { readRecord, readUnlisted, removeUnlisted, unlistedDirOf, writeRecordAtomic, writeUnlistedAtomic } from '../src/catalog/store.ts';
import { buildUnlisted } from '../src/catalog/record.ts';
import { writeHealedSource } from '../src/catalog/source-writer.ts';
import { finishRun, startRun, type Run } from '../src/catalog/run.ts';
import { UNLISTED_CAUSES, type UnlistedCause } from '../src/taxonomy.ts';
import { crawlOptions, crawlSources, killTreesOnExit, type CrawlOutcome } from '../src/crawl/index.ts';
import { findSandbox } from '../src/sandbox/index.ts';
import { cachePeak, cacheSize, formatBytes } from '../src/crawl/cache-size.ts';
import { forTerminal } from '../src/terminal.ts';
import { errorMessage } from '../src/text.ts';
import type { ServerRecord } from '../src/schema.ts';

const USAGE =
  'usage: npm run crawl -- [--sources DIR] [--out DIR] [--only a,b] [--concurrency N] [--timeout MS] [--cache DIR] [--install-timeout MS] [--shard i/n] [--resume] [--write-sources] [--keep-installs] [--cache-budget GB] [--no-sandbox]';

export type CrawlSummary = {
  exitCode: number;
  statuses: Record<RecordStatus, number>;
  live: number;
  snapshot: number;
  /** Servers that could not be listed, by cause (each written to the unlisted folder or kept stale). */
  causes: Partial<Record<UnlistedCause, number>>;
  /** Sources skipped by --resume: attempted already in the interrupted run. */
  resumed: number;
  tools: { added: number; removed: number; changed: number };
  wallMs: number;
};

const positive = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive whole number, got "${value}"`);
  return n;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Warnings and changed names shown per server; the record keeps them all (up to its own caps). */
const WARNINGS_SHOWN = 12;
const NAMES_SHOWN = 10;

/** Tool names are the server's text: hidden and control characters shown as escapes, a few at most. */
function nameList(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).map((n) => forTerminal(n, 80));
  return names.length > NAMES_SHOWN ? `${shown.join(', ')} and ${names.length - NAMES_SHOWN} more` : shown.join(', ');
}

function progressLine(
  slug: string,
  outcome: CrawlOutcome,
  record: ServerRecord | null,
  status: RecordStatus,
  diff: { added: string[]; removed: string[]; changed: string[] },
  n: string,
): string {
  const method = outcome.ok ? outcome.method : 'failed';
  // The tools kept in the record: a malformed or oversized list keeps fewer than the server sent.
  const tools = outcome.ok && record ? `${record.tools.length} tools` : '-';
  const delta = [diff.added.length && `+${diff.added.length}`, diff.removed.length && `-${diff.removed.length}`, diff.changed.length && `~${diff.changed.length}`]
    .filter(Boolean)
    .join(' ');
  const line = `${n} ${slug.padEnd(30)} ${method.padEnd(8)} ${tools.padStart(10)} ${seconds(outcome.durationMs).padStart(8)}  ${status}${delta ? ` ${delta}` : ''}`;
  // Errors and warnings quote the server's text: each printed line goes through forTerminal.
  if (!outcome.ok) return `${line}\n      error: ${forTerminal(outcome.error)}`;
  // On a re-crawl, which tools changed: a new description on an approved tool is how rug pulls start.
  const changes =
    status === 'changed'
      ? (['added', 'removed', 'changed'] as const).filter((what) => diff[what].length).map((what) => `      ${what}: ${nameList(diff[what])}`)
      : [];
  // The record's warnings: the crawl's own and those of the record builder (skipped or cut tools).
  const warnings = record?.provenance.warnings ?? outcome.warnings;
  const shown = warnings.slice(0, WARNINGS_SHOWN).map((w) => `      warning: ${forTerminal(w)}`);
  if (warnings.length > WARNINGS_SHOWN) shown.push(`      … and ${warnings.length - WARNINGS_SHOWN} more warnings in the record`);
  return [line, ...changes, ...shown].join('\n');
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const values = (shard: { index: number; count: number } | null) => (shard ? `${shard.index}/${shard.count}` : null);

function readUnlistedQuietly(dir: string, slug: string) {
  try {
    return readUnlisted(dir, slug);
  } catch {
    return null;
  }
}

/** Whether a server's record or unlisted entry was attempted at or after `since` (an ISO date). */
function attemptedSince(out: string, unlistedDir: string, slug: string, since: string): boolean {
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) >= Date.parse(since) : false);
  try {
    const record = readRecord(out, slug);
    if (record && (at(record.provenance.lastAttemptAt) || at(record.provenance.crawledAt))) return true;
  } catch {
    // An unreadable record is crawled again.
  }
  return at(readUnlistedQuietly(unlistedDir, slug)?.lastAttemptAt);
}

export async function run(argv: string[]): Promise<CrawlSummary> {
  const started = Date.now();
  const summary: CrawlSummary = {
    exitCode: 0,
    statuses: { added: 0, changed: 0, unchanged: 0, stale: 0, failed: 0 },
    live: 0,
    snapshot: 0,
    causes: {},
    resumed: 0,
    tools: { added: 0, removed: 0, changed: 0 },
    wallMs: 0,
  };

  // 1. Arguments.
  let args;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        sources: { type: 'string', default: 'catalog/sources' },
        out: { type: 'string', default: 'catalog/servers' },
        only: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        'install-timeout': { type: 'string' },
        cache: { type: 'string' },
        shard: { type: 'string' },
        resume: { type: 'boolean', default: false },
        'write-sources': { type: 'boolean', default: false },
        'keep-installs': { type: 'boolean', default: false },
        'cache-budget': { type: 'string' },
        'no-sandbox': { type: 'boolean', default: false },
      },
    });
    args = {
      ...values,
      concurrency: positive(values.concurrency, '--concurrency') ?? 4,
      timeout: positive(values.timeout, '--timeout'),
      installTimeout: positive(values['install-timeout'], '--install-timeout'),
      cacheBudget: positive(values['cache-budget'], '--cache-budget'),
      shard: values.shard === undefined ? null : parseShard(values.shard),
    };
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return { ...summary, exitCode: 2 };
  }

  // 2. Sources: a bad file is reported with its field and the others still run.
  const { sources: all, errors } = loadSources(args.sources);
  for (const e of errors) console.error(`invalid source ${forTerminal(e.message)}`);
  let sources: LoadedSource[] = all;
  if (args.only !== undefined) {
    const wanted = args.only.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((w) => !all.some((s) => s.slug === w));
    for (const u of unknown) console.error(`--only: no source named "${u}" in ${args.sources}`);
    if (unknown.length) errors.push(...unknown.map((u) => ({ file: args.sources, message: `unknown source ${u}` })));
    sources = all.filter((s) => wanted.includes(s.slug));
  }
  if (args.shard) sources = inShard(sources, args.shard);

  // The run, kept beside the records so an interrupted crawl can be resumed from the committed
  // catalog alone: --resume skips every source attempted since the interrupted run began.
  const unlistedDir = unlistedDirOf(args.out);
  let run: Run;
  try {
    run = startRun(args.out, { sources: args.sources, shard: values(args.shard), only: args.only ?? null }, args.resume);
  } catch (e) {
    console.error(forTerminal((e as Error).message));
    return { ...summary, exitCode: 2 };
  }
  if (args.resume) {
    const before = sources.length;
    sources = sources.filter((s) => !attemptedSince(args.out, unlistedDir, s.slug, run.startedAt));
    summary.resumed = before - sources.length;
    console.log(`--resume: the run of ${run.startedAt} had attempted ${summary.resumed} of these servers; crawling the other ${sources.length}`);
  }

  // 3. The sandbox: without it, no server process starts unless the user said so outright.
  const needsProcess = sources.some((s) => !['http', 'sse', 'snapshot'].includes(s.source.transport));
  const noSandbox = args['no-sandbox'] === true;
  if (noSandbox) {
    console.error(
      '\n!!! --no-sandbox: servers run WITHOUT isolation, as you, with your files, processes and network.\n' +
        '!!! Only crawl servers you trust this way. Every record says it was crawled without the sandbox.\n',
    );
  } else if (needsProcess) {
    const found = findSandbox();
    if (!found.ok) {
      console.error(`cannot crawl: ${found.why}`);
      return { ...summary, exitCode: 2 };
    }
  }

  // 4. Crawl a few at a time; build, compare and write each record as soon as its crawl ends.
  killTreesOnExit();
  const opts = {
    ...crawlOptions({
      ...(noSandbox ? { sandbox: false as const } : {}),
      cacheDir: args.cache,
      keepInstalls: args['keep-installs'] === true,
      ...(args.cacheBudget !== undefined ? { cacheBudget: args.cacheBudget * 1e9 } : {}),
      catalogDir: resolve(dirname(resolve(args.sources))),
      timeouts: { ...(args.timeout ? { step: args.timeout } : {}), ...(args.installTimeout ? { install: args.installTimeout } : {}) },
      log: (line) => console.log(`      ${line}`),
    }),
    concurrency: args.concurrency,
  };
  console.log(`crawling ${sources.length} servers from ${args.sources} into ${args.out} (${opts.concurrency} at a time)`);
  let done = 0;
  const installTimes: number[] = [];
  const sessionTimes: number[] = [];
  await crawlSources(sources, opts, (crawled, loaded) => {
    let outcome = crawled;
    done++;
    let previous: ServerRecord | null = null;
    try {
      previous = readRecord(args.out, loaded.slug);
    } catch (e) {
      console.error(`      previous record unreadable, starting afresh: ${forTerminal((e as Error).message)}`);
    }
    // One bad server never costs the others their records: whatever its tools make the builder or
    // the writer throw becomes that server's error line, and the crawl goes on.
    let built: ReturnType<typeof buildRecord>;
    try {
      built = buildRecord({ loaded, outcome, previous, now: new Date().toISOString() });
      if (built.record) writeRecordAtomic(args.out, built.record);
    } catch (e) {
      const error = `record not written: ${errorMessage(e)}`;
      built = { record: null, status: 'failed', diff: { added: [], removed: [], changed: [] }, errors: [error] };
      outcome = { ok: false, error, durationMs: outcome.durationMs };
    }
    const { record, status, diff } = built;
    summary.statuses[status]++;
    // A server with no record to keep is known all the same: its unlisted entry says why.
    if (!outcome.ok) {
      const cause = outcome.cause ?? 'crash';
      summary.causes[cause] = (summary.causes[cause] ?? 0) + 1;
      if (!record) {
        try {
          writeUnlistedAtomic(unlistedDir, buildUnlisted({ loaded, outcome, previous: readUnlistedQuietly(unlistedDir, loaded.slug), now: new Date().toISOString() }));
        } catch (e) {
          console.error(`      unlisted entry not written: ${forTerminal((e as Error).message)}`);
        }
      }
    } else {
      removeUnlisted(unlistedDir, loaded.slug);
      if (args['write-sources'] && outcome.healed) {
        try {
          const { diff: lines, written } = writeHealedSource(loaded.file, outcome.healed, loaded.source.discovered !== undefined);
          console.log(`      ${written ? 'source rewritten' : 'hand-written source left as it is; the start that worked'}: ${loaded.file}\n${lines.split('\n').map((l) => `        ${forTerminal(l)}`).join('\n')}`);
        } catch (e) {
          console.error(`      source not rewritten: ${forTerminal((e as Error).message)}`);
        }
      }
    }
    if (outcome.installMs != null) installTimes.push(outcome.installMs);
    if (outcome.sessionMs != null) sessionTimes.push(outcome.sessionMs);
    if (outcome.ok) summary[outcome.method]++;
    summary.tools.added += diff.added.length;
    summary.tools.removed += diff.removed.length;
    summary.tools.changed += diff.changed.length;
    console.log(progressLine(loaded.slug, outcome, record, status, diff, `[${String(done).padStart(String(sources.length).length)}/${sources.length}]`));
  });

  // 5. Summary and exit code.
  const s = summary.statuses;
  summary.wallMs = Date.now() - started;
  console.log(
    `\n${sources.length} servers in ${seconds(summary.wallMs)}: ${summary.live} live, ${summary.snapshot} from snapshots, ${s.failed + s.stale} not crawled` +
      `\nrecords: ${s.added} added, ${s.changed} changed, ${s.unchanged} unchanged, ${s.stale} stale, ${s.failed} failed` +
      `\ntools: ${summary.tools.added} added, ${summary.tools.removed} removed, ${summary.tools.changed} changed`,
  );
  const causes = Object.entries(summary.causes).sort((a, b) => b[1] - a[1]);
  if (causes.length) console.log(`not listed, by cause: ${causes.map(([c, n]) => `${UNLISTED_CAUSES[c as UnlistedCause].label.toLowerCase()} ${n}`).join(', ')}`);
  if (installTimes.length || sessionTimes.length) console.log(`median per server: install ${seconds(median(installTimes))}, session ${seconds(median(sessionTimes))}`);
  if (summary.resumed) console.log(`resumed: ${summary.resumed} servers attempted before the interruption were not crawled again`);
  if (sources.some((s) => s.source.transport === 'npm')) console.log(`install cache: ${formatBytes(await cacheSize(opts))} now, peak ${formatBytes(cachePeak(opts))} measured (${opts.cacheDir})`);
  finishRun(run);
  const crawled = summary.live + summary.snapshot;
  summary.exitCode = errors.length > 0 || crawled === 0 ? 1 : 0;
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await run(process.argv.slice(2))).exitCode;
