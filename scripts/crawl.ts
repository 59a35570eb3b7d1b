/**
 * `npm run crawl -- [--sources DIR] [--out DIR] [--only a,b] [--concurrency N] [--timeout MS]
 *                   [--cache DIR] [--install-timeout MS] [--shard i/n] [--no-sandbox]`
 *
 * Crawls every source, classifies the tools, writes one record per server, prints a line per
 * server and a summary. Every server (and its install) runs inside the bubblewrap sandbox; the
 * crawl refuses to start processes without it unless `--no-sandbox` is given. Exits non-zero only when the input is invalid or nothing could be crawled.
 */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSources, type LoadedSource } from '../src/catalog/sources.ts';
import { buildRecord, type RecordStatus } from '../src/catalog/record.ts';
import { inShard, parseShard } from '../src/catalog/shard.ts';
import { readRecord, writeRecordAtomic } from '../src/catalog/store.ts';
import { crawlOptions, crawlSources, killTreesOnExit, type CrawlOutcome } from '../src/crawl/index.ts';
import { findSandbox } from '../src/sandbox/index.ts';
import { forTerminal } from '../src/terminal.ts';
import { errorMessage } from '../src/text.ts';
import type { ServerRecord } from '../src/schema.ts';

const USAGE =
  'usage: npm run crawl -- [--sources DIR] [--out DIR] [--only a,b] [--concurrency N] [--timeout MS] [--cache DIR] [--install-timeout MS] [--shard i/n] [--no-sandbox]';

export type CrawlSummary = {
  exitCode: number;
  statuses: Record<RecordStatus, number>;
  live: number;
  snapshot: number;
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

export async function run(argv: string[]): Promise<CrawlSummary> {
  const started = Date.now();
  const summary: CrawlSummary = {
    exitCode: 0,
    statuses: { added: 0, changed: 0, unchanged: 0, stale: 0, failed: 0 },
    live: 0,
    snapshot: 0,
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
        'no-sandbox': { type: 'boolean', default: false },
      },
    });
    args = {
      ...values,
      concurrency: positive(values.concurrency, '--concurrency') ?? 4,
      timeout: positive(values.timeout, '--timeout'),
      installTimeout: positive(values['install-timeout'], '--install-timeout'),
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

  // 3. The sandbox: without it, no server process starts unless the user said so outright.
  const needsProcess = sources.some((s) => s.source.transport === 'npm' || s.source.transport === 'command');
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
      catalogDir: resolve(dirname(resolve(args.sources))),
      timeouts: { ...(args.timeout ? { step: args.timeout } : {}), ...(args.installTimeout ? { install: args.installTimeout } : {}) },
      log: (line) => console.log(`      ${line}`),
    }),
    concurrency: args.concurrency,
  };
  console.log(`crawling ${sources.length} servers from ${args.sources} into ${args.out} (${opts.concurrency} at a time)`);
  let done = 0;
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
  const crawled = summary.live + summary.snapshot;
  summary.exitCode = errors.length > 0 || crawled === 0 ? 1 : 0;
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await run(process.argv.slice(2))).exitCode;
