/**
 * `npm run scan -- [CONFIG...] [--auto] [--format table|json|markdown|sarif] [--write CLIENT]
 * [--out FILE|DIR] [--fail-on low|medium|high|critical|drift] [--lock FILE] [--update-lock]
 * [--catalog DIR|FILE] [--catalog-url URL] [--crawl [--pass-env NAME[,NAME]] [--timeout MS]]` reads
 * MCP client configs, matches their servers to the catalog offline, prints a report and, with
 * `--write`, permissions in a client's own format (see src/scan/). With `--crawl` the servers the
 * catalog does not know are listed by the sandboxed crawler and judged here (src/scan/crawl.ts),
 * with a progress line per server on stderr. Exits 1 when `--fail-on` is met, 2 on bad arguments
 * or when nothing could be read.
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildLock,
  describeIdentity,
  buildReport,
  checkWritten,
  driftOf,
  fails,
  FAIL_ON_VALUES,
  formatReport,
  FORMAT_VALUES,
  matchServer,
  parseLock,
  ScanCatalogSchema,
  serverDecisions,
  WRITE_CLIENT_VALUES,
  writeFor,
  type ConfigError,
  type ConfiguredServer,
  type Drift,
  type FailOn,
  type Match,
  type Format,
  type ScanCatalog,
  type WriteClient,
} from '../src/scan/index.ts';
import { loadScanCatalog, readConfigFile, readTextOrNull, usualLocations, writeWithBackup } from '../src/scan/files.ts';
import { lineDiff, mergeInto } from '../src/scan/merge.ts';
import { formatIssues } from '../src/schema.ts';
import { parsePassEnv } from '../src/scan/pass-env.ts';
import { forTerminal } from '../src/terminal.ts';

/** Unknown servers crawled at once: few, as each may install a package and start a process. */
const CRAWL_CONCURRENCY = 2;

const USAGE =
  'usage: npm run scan -- [CONFIG...] [--auto] [--format table|json|markdown|sarif] [--write CLIENT] [--out FILE|DIR] [--fail-on low|medium|high|critical|drift] [--lock FILE] [--update-lock] [--catalog DIR|FILE] [--catalog-url URL] [--crawl [--pass-env NAME[,NAME]] [--timeout MS]]\n' +
  '  --crawl             list the tools of servers the catalog does not know with the sandboxed crawler (progress on stderr)\n' +
  '  --pass-env NAMES    give a crawled server these variables: the value its config entry sets, else the scanning\n' +
  '                      process\'s own; no other variable of the config or of your environment ever reaches it\n' +
  '  --timeout MS        the crawler\'s per-step time (start and initialize, each tools/list page); default 30000';

/**
 * Where output goes, and the environment `--pass-env` may read from; tests pass their own.
 * `crawl` adds to the crawler's options (a test's own install cache).
 */
export type Io = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether `err` is a terminal: the crawl's progress then redraws a status line. */
  errIsTerminal?: boolean;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  crawl?: { cacheDir?: string };
};
const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), errIsTerminal: process.stderr.isTTY === true, cwd: process.cwd(), env: process.env };

/** The catalog shipped with the package: the records beside this script. */
const BUNDLED_CATALOG = join(import.meta.dirname, '..', 'catalog', 'servers');

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        auto: { type: 'boolean' },
        format: { type: 'string' },
        write: { type: 'string' },
        out: { type: 'string' },
        'fail-on': { type: 'string' },
        lock: { type: 'string' },
        'update-lock': { type: 'boolean' },
        catalog: { type: 'string' },
        'catalog-url': { type: 'string' },
        crawl: { type: 'boolean' },
        'pass-env': { type: 'string', multiple: true },
        timeout: { type: 'string' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const format = (values.format ?? 'table') as Format;
  const failOn = (values['fail-on'] ?? null) as FailOn | null;
  const client = (values.write ?? null) as WriteClient | null;
  const passEnv = parsePassEnv(values['pass-env'] ?? []);
  const timeout = Number(values.timeout);
  const bad =
    (!FORMAT_VALUES.includes(format) && `--format ${format}: one of ${FORMAT_VALUES.join(', ')}`) ||
    (failOn !== null && !FAIL_ON_VALUES.includes(failOn) && `--fail-on ${failOn}: one of ${FAIL_ON_VALUES.join(', ')}`) ||
    (client !== null && !WRITE_CLIENT_VALUES.includes(client) && `--write ${client}: one of ${WRITE_CLIENT_VALUES.join(', ')}`) ||
    (!values.crawl && (values['pass-env'] || values.timeout) && '--pass-env and --timeout are for --crawl') ||
    (typeof passEnv === 'string' && passEnv) ||
    (values.timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0) && `--timeout ${values.timeout}: a whole number of milliseconds above 0`) ||
    (!values.auto && positionals.length === 0 && 'name a config file or give --auto');
  if (bad) {
    io.err(`${bad}\n${USAGE}\n`);
    return 2;
  }
  const abs = (p: string) => resolve(io.cwd, p);

  // 1. The catalog: bundled, a folder or file given, or a newer one from the site on request.
  let catalog: ScanCatalog;
  try {
    catalog = values['catalog-url'] ? await fetchCatalog(values['catalog-url']) : loadScanCatalog(values.catalog ? abs(values.catalog) : BUNDLED_CATALOG);
  } catch (e) {
    io.err(`catalog: ${(e as Error).message}\n`);
    return 2;
  }

  // 2. The configs: those named, and the usual locations with --auto. A bad file is reported; the rest are read.
  const files = [...new Set([...positionals.map(abs), ...(values.auto ? usualLocations(io.cwd) : [])])];
  const servers: ConfiguredServer[] = [];
  const errors: ConfigError[] = [];
  for (const file of files) {
    const read = readConfigFile(file, typeof passEnv === 'string' ? [] : passEnv);
    servers.push(...read.servers);
    errors.push(...read.errors);
  }
  if (files.length === 0) {
    io.err('no MCP client config found in the usual locations\n');
    return 2;
  }

  // 3. Match each server offline; with --crawl, list the others' tools in the sandbox. Then compare
  // with the lock file when there is one.
  let matches = servers.filter((s) => !s.disabled).map((s) => matchServer(s, catalog));
  if (values.crawl && typeof passEnv !== 'string') {
    // The crawler is loaded only for --crawl: a scan without it starts no process and needs none of it.
    let modules;
    try {
      modules = await crawlModules();
    } catch (e) {
      io.err(`--crawl: the crawler cannot be loaded here: ${(e as Error).message}\n`);
      return 2;
    }
    const { crawlOptions, killTreesOnExit, crawlUnknown, progressPrinter } = modules;
    killTreesOnExit();
    const crawl = crawlOptions({ ...io.crawl, heal: false, ...(values.timeout !== undefined && { timeouts: { step: timeout } }) });
    if (!crawl.sandbox) io.err(`crawl: ${crawl.sandboxUnavailable ?? 'no sandbox'}: servers will not be started\n`);
    const crawled = await crawlUnknown(matches, { crawl, passEnv, processEnv: io.env ?? {}, concurrency: CRAWL_CONCURRENCY, onEvent: progressPrinter(io.err, io.errIsTerminal === true) });
    for (const c of crawled) if (c.passed.length) io.err(`crawl: ${forTerminal(c.match.server.name, 60)} was given ${c.passed.map((p) => `${p.name} (from the ${p.from === 'config' ? 'config' : 'scanning environment'})`).join(', ')}\n`);
    matches = crawled.map((c) => c.match);
  }
  const drift: Drift[] = [];
  if (values.lock) {
    const lockFile = abs(values.lock);
    const text = readTextOrNull(lockFile);
    const fresh = buildLock(matches.map((m) => ({ match: m, runs: runsOf(m) })), catalog.generatedAt);
    if (text === null || values['update-lock']) {
      writeWithBackup(lockFile, `${JSON.stringify(fresh, null, 2)}\n`);
      io.err(`lock: wrote ${relative(io.cwd, lockFile) || lockFile}\n`);
    } else {
      try {
        const lock = parseLock(lockFile, text);
        for (const m of matches) {
          const d = driftOf(lock, m);
          if (d) drift.push(d);
        }
      } catch (e) {
        io.err(`${(e as Error).message}\n`);
        return 2;
      }
    }
  }

  // 4. The report.
  const report = buildReport(matches, files, errors, catalog.generatedAt, drift);
  io.out(formatReport(report, format, (f) => relative(io.cwd, f) || f));

  // 5. Permissions in the client's format: checked, merged into what is there, diffed, backed up.
  if (client) {
    const decisions = matches.filter((m) => m.entry).map((m) => serverDecisions(m.server.name, m.entry!.tools));
    const written = writeFor(client, decisions);
    const problems = checkWritten(client, written);
    if (problems.length) {
      io.err(`${problems.join('\n')}\nnothing written\n`);
      return 2;
    }
    for (const w of written) {
      const target = values.out ? (written.length > 1 ? join(abs(values.out), w.path) : abs(values.out)) : null;
      if (!target) {
        // Printed, not written: on stderr when stdout carries a machine-read report.
        (format === 'table' || format === 'markdown' ? io.out : io.err)(`# ${w.path}\n${w.text}`);
        continue;
      }
      const before = readTextOrNull(target);
      let after: string;
      try {
        after = mergeInto(target, before, w);
      } catch (e) {
        io.err(`${(e as Error).message}\n`);
        return 2;
      }
      const diff = lineDiff(before ?? '', after);
      const backup = writeWithBackup(target, after);
      io.err(`${relative(io.cwd, target) || target}: ${diff ? `\n${diff}\n` : 'unchanged\n'}${backup ? `backup: ${relative(io.cwd, backup)}\n` : ''}`);
    }
  }
  return fails(report, failOn) ? 1 : files.length > 0 && servers.length === 0 && errors.length > 0 ? 2 : 0;
}

async function crawlModules() {
  const [crawl, scanCrawl, progress] = await Promise.all([import('../src/crawl/index.ts'), import('../src/scan/crawl.ts'), import('../src/scan/progress.ts')]);
  return { crawlOptions: crawl.crawlOptions, killTreesOnExit: crawl.killTreesOnExit, crawlUnknown: scanCrawl.crawlUnknown, progressPrinter: progress.progressPrinter };
}

function runsOf(m: Match): string {
  return describeIdentity(m.identity);
}

async function fetchCatalog(url: string): Promise<ScanCatalog> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const parsed = ScanCatalogSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`${url}: not a scan catalog: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
