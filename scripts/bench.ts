/**
 * `npm run bench -- [--sizes 1000,10000,50000,100000] [--work DIR] [--keep] [--skip-crawl]
 *                   [--skip-search] [--skip-rebuild] [--skip-index] [--concurrency N] [--json FILE]`
 *
 * The scale benchmarks, in one run on this machine:
 *   1. the classifier alone, in tools per second;
 *   2. for each size, a synthetic catalog made of the real records under new server names; the
 *      site build (Astro) and its search index (Pagefind), each timed with the peak memory of its
 *      process tree; pages, bytes on disk and the average tool page; the plain template writer on
 *      the same catalog and the ratio; a first search in Chromium (bytes by kind and latency);
 *   3. on the largest size, a rebuild after one server changed, Astro and Pagefind apart;
 *   4. a re-crawl of the committed sources with a warm install cache, inside the sandbox and with
 *      --no-sandbox, to show what the sandbox costs.
 * Targets are printed beside the figures. Times are single runs unless the line says "median".
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchServersIndex, printIndexProbe, type IndexProbe } from '../bench/servers-index.ts';
import { readRecords, writeSyntheticCatalog } from '../bench/synth.ts';
import { diskUsage, measure, type Measured } from '../bench/measure.ts';
import { probeSearch, withBrowser, type SearchProbe, type SearchQuery } from '../bench/search-probe.ts';
import { serveStatic } from '../bench/static-server.ts';
import { classifyServer } from '../src/classify/index.ts';
import type { RawTool, ServerRecord } from '../src/schema.ts';

const PROJECT = resolve(import.meta.dirname, '..');
const BIN = join(PROJECT, 'node_modules/.bin');
const MB = 1024 * 1024;

const QUERIES: SearchQuery[] = [
  { label: 'by name', q: 'generate_flow' },
  { label: 'by description words', q: 'delete logs' },
  { label: 'with a risk filter', q: 'delete', filters: { risk: 'critical' } },
];

/** One run of `npm run build` (site/build.ts): the whole, and its two steps as it reports them. */
type Build = { run: Measured; plan: string; pagesMs: number; indexMs: number };

type SizeResult = {
  tools: number;
  servers: number;
  build: Build;
  plain: Measured;
  pages: number;
  toolPages: number;
  siteBytes: number;
  indexBytes: number;
  avgToolPageBytes: number;
  avgPlainToolPageBytes: number;
  searches: SearchProbe[];
};

const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtMB = (b: number) => `${(b / MB).toFixed(0)} MB`;
const fmtKB = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${BIN}:${process.env['PATH'] ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/** Tool pages are servers/<server>/<tool>/index.html. */
function toolPageStats(siteDir: string): { count: number; bytes: number } {
  const root = join(siteDir, 'servers');
  let count = 0;
  let bytes = 0;
  for (const server of readdirSync(root, { withFileTypes: true })) {
    if (!server.isDirectory()) continue;
    for (const tool of readdirSync(join(root, server.name), { withFileTypes: true })) {
      if (!tool.isDirectory()) continue;
      try {
        bytes += statSync(join(root, server.name, tool.name, 'index.html')).size;
        count++;
      } catch {
        // not a tool page
      }
    }
  }
  return { count, bytes };
}

function htmlPages(siteDir: string): number {
  let n = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.html')) n++;
    }
  };
  walk(siteDir);
  return n;
}

function indexBytes(siteDir: string): number {
  return readdirSync(siteDir)
    .filter((d) => /^pagefind(-\d+)?$/.test(d))
    .reduce((n, d) => n + diskUsage(join(siteDir, d)).bytes, 0);
}

/** `npm run build` itself, so the figures are the command's; `full` forces a full build. */
async function buildSite(catalogDir: string, siteDir: string, full: boolean): Promise<Build> {
  const run = await measure(join(BIN, 'tsx'), ['site/build.ts', '--out', siteDir, ...(full ? ['--full'] : [])], { cwd: PROJECT, env: env({ CATALOG_DIR: catalogDir }) });
  const split = /built in [\d.]+ s: pages ([\d.]+) s, search index ([\d.]+) s/.exec(run.stdout);
  if (!split) throw new Error(`site/build.ts printed no timing:\n${run.stdout.slice(-2000)}`);
  const plan = /^(full build.*|partial build.*|nothing changed.*)$/m.exec(run.stdout)?.[1] ?? '?';
  return { run, plan, pagesMs: Number(split[1]) * 1000, indexMs: Number(split[2]) * 1000 };
}

/** 1. The classifier alone: every real tool, each server classified whole, median of five passes. */
function benchClassifier(records: readonly ServerRecord[]): { toolsPerSecond: number; coldToolsPerSecond: number; tools: number } {
  const servers = records.map((r) => ({
    slug: r.slug,
    name: r.name,
    about: r.about,
    tools: r.tools.map((t): RawTool => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, ...(t.annotations ? { annotations: t.annotations } : {}) })),
  }));
  const tools = servers.reduce((n, s) => n + s.tools.length, 0);
  const pass = () => {
    const t0 = performance.now();
    // A fresh array per server so no per-server view is reused between passes.
    for (const s of servers) classifyServer({ ...s, tools: [...s.tools] });
    return performance.now() - t0;
  };
  const cold = pass();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    let ms = 0;
    let n = 0;
    while (ms < 1000) {
      ms += pass();
      n += tools;
    }
    runs.push((n / ms) * 1000);
  }
  return { toolsPerSecond: median(runs), coldToolsPerSecond: (tools / cold) * 1000, tools };
}

async function benchSize(size: number, records: readonly ServerRecord[], work: string, search: boolean): Promise<SizeResult> {
  const dir = join(work, String(size));
  const catalogDir = join(dir, 'catalog');
  const siteDir = join(dir, 'site');
  const plainDir = join(dir, 'plain');
  rmSync(dir, { recursive: true, force: true });
  const synthetic = writeSyntheticCatalog(catalogDir, size, records, join(PROJECT, 'catalog/eval.json'));
  console.log(`\n## ${size.toLocaleString('en-US')} tools (${synthetic.servers} servers)`);
  const build = await buildSite(catalogDir, siteDir, true);
  const plain = await measure(join(BIN, 'tsx'), ['bench/plain-writer.ts', catalogDir, plainDir], { cwd: PROJECT, env: env({}) });
  const tp = toolPageStats(siteDir);
  const plainTp = toolPageStats(plainDir);
  const result: SizeResult = {
    tools: synthetic.tools,
    servers: synthetic.servers,
    build,
    plain,
    pages: htmlPages(siteDir),
    toolPages: tp.count,
    siteBytes: diskUsage(siteDir).bytes,
    indexBytes: indexBytes(siteDir),
    avgToolPageBytes: tp.count ? tp.bytes / tp.count : 0,
    avgPlainToolPageBytes: plainTp.count ? plainTp.bytes / plainTp.count : 0,
    searches: [],
  };
  rmSync(plainDir, { recursive: true, force: true });
  if (search) {
    const server = await serveStatic(siteDir);
    try {
      result.searches = await withBrowser(async (browser) => {
        const out: SearchProbe[] = [];
        for (const q of QUERIES) out.push(await probeSearch(browser, server.url, q));
        return out;
      });
    } finally {
      await server.close();
    }
  }
  printSize(result);
  return result;
}

const peaks = (m: Measured) =>
  Object.entries(m.peakByKind)
    .sort()
    .map(([k, v]) => `${k} ${fmtMB(v)}`)
    .join(', ');

function printSize(r: SizeResult): void {
  const b = r.build;
  console.log(`  npm run build           ${fmtS(b.run.ms)}  (pages ${fmtS(b.pagesMs)}, search index ${fmtS(b.indexMs)}, start-up and the rest ${fmtS(b.run.ms - b.pagesMs - b.indexMs)})`);
  console.log(`  peak memory             ${fmtMB(b.run.peakRssBytes)}  (by process: ${peaks(b.run)})`);
  console.log(`  plain template writer   ${fmtS(r.plain.ms)}  peak ${fmtMB(r.plain.peakRssBytes)}`);
  console.log(`  ratio to plain writer   ${(b.run.ms / r.plain.ms).toFixed(2)}x site + index, ${(b.pagesMs / r.plain.ms).toFixed(2)}x pages alone`);
  console.log(`  pages                   ${r.pages.toLocaleString('en-US')} HTML (${r.toolPages.toLocaleString('en-US')} tool pages)`);
  console.log(`  on disk                 ${fmtMB(r.siteBytes)} (search index ${fmtMB(r.indexBytes)})`);
  console.log(`  average tool page       ${fmtKB(r.avgToolPageBytes)} (plain writer's ${fmtKB(r.avgPlainToolPageBytes)})`);
  for (const s of r.searches) {
    const kinds = Object.entries(s.byKind)
      .map(([k, v]) => `${k} ${fmtKB(v.bytes)}${v.requests > 1 ? ` in ${v.requests}` : ''}`)
      .join(', ');
    const steps = Object.entries(s.steps)
      .map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toFixed(0) : '?'} ms`)
      .join(', ');
    console.log(`  first search ${s.label.padEnd(22)} ${fmtKB(s.bytes)} in ${s.firstMs.toFixed(0)} ms (again ${s.againMs.toFixed(0)} ms), ${s.results} results`);
    console.log(`      downloads: ${kinds}; the search page itself ${fmtKB(s.pageBytes)}`);
    console.log(`      time: ${steps}`);
  }
}

/** 3. One server's record changes (a tool's description), then the same build runs again. */
async function benchRebuild(size: number, work: string): Promise<Build | null> {
  const dir = join(work, String(size));
  const catalogDir = join(dir, 'catalog');
  const siteDir = join(dir, 'site');
  const servers = join(catalogDir, 'servers');
  const first = readdirSync(servers).filter((f) => f.endsWith('.json')).sort()[0];
  if (!first) return null;
  const record = JSON.parse(readFileSync(join(servers, first), 'utf8')) as ServerRecord;
  record.tools[0]!.description = `${record.tools[0]!.description} (changed for the rebuild benchmark)`;
  writeFileSync(join(servers, first), `${JSON.stringify(record, null, 2)}\n`);
  const rebuilt = await buildSite(catalogDir, siteDir, false);
  console.log(`\n## Rebuild after one server changed (${size.toLocaleString('en-US')} tools)`);
  console.log(`  npm run build           ${fmtS(rebuilt.run.ms)}  (${rebuilt.plan}; pages ${fmtS(rebuilt.pagesMs)}, search index ${fmtS(rebuilt.indexMs)})`);
  console.log(`  peak memory             ${fmtMB(rebuilt.run.peakRssBytes)}  (by process: ${peaks(rebuilt.run)})`);
  return rebuilt;
}

type CrawlRun = { ms: number; installs: number; summary: string; medianServerMs: number | null };

/** One crawl of the committed sources into a fresh copy of the catalog. */
async function crawlOnce(work: string, concurrency: number, extra: string[]): Promise<CrawlRun> {
  const out = join(work, 'crawl', 'servers');
  rmSync(join(work, 'crawl'), { recursive: true, force: true });
  mkdirSync(join(work, 'crawl'), { recursive: true });
  cpSync(join(PROJECT, 'catalog/servers'), out, { recursive: true });
  const run = await measure(join(BIN, 'tsx'), ['scripts/crawl.ts', '--out', out, '--concurrency', String(concurrency), ...extra], { cwd: PROJECT, env: env({}) });
  const installs = (run.stdout.match(/^\s+installed /gm) ?? []).length;
  // The crawl's own summary: servers and wall time, records, tools.
  const summary = run.stdout
    .split('\n')
    .filter((l) => /^\d+ servers in |^records: |^tools: /.test(l))
    .join('\n');
  // Each live server's own time (its start, session and end), from its progress line.
  const times = [...run.stdout.matchAll(/^\[[ \d]+\/\d+\] \S+ +live +\d+ tools +([\d.]+) s/gm)].map((m) => Number(m[1]) * 1000).sort((x, y) => x - y);
  const medianServerMs = times.length ? times[Math.floor(times.length / 2)]! : null;
  return { ms: run.ms, installs, summary, medianServerMs };
}

/**
 * 4. The committed sources crawled again into a copy of the catalog, install cache warm: inside the
 * sandbox and without it, so the sandbox's cost is the ratio of the two. A first sandboxed run that
 * had to install (a cold cache) is run again before it counts.
 */
async function benchCrawl(work: string, concurrency: number): Promise<{ ms: number; summary: string; sandboxed: CrawlRun; unsandboxed: CrawlRun } | null> {
  let sandboxed = await crawlOnce(work, concurrency, []);
  if (sandboxed.installs > 0) sandboxed = await crawlOnce(work, concurrency, []);
  const unsandboxed = await crawlOnce(work, concurrency, ['--no-sandbox']);
  console.log(`\n## Re-crawl of the committed sources, warm install cache, concurrency ${concurrency}`);
  console.log(`  sandboxed, wall time    ${fmtS(sandboxed.ms)}  (${sandboxed.installs} packages reinstalled; median live server ${sandboxed.medianServerMs === null ? 'n/a' : fmtS(sandboxed.medianServerMs)})`);
  console.log(sandboxed.summary.replace(/^/gm, '    '));
  console.log(`  --no-sandbox, wall time ${fmtS(unsandboxed.ms)}  (${unsandboxed.installs} packages reinstalled; median live server ${unsandboxed.medianServerMs === null ? 'n/a' : fmtS(unsandboxed.medianServerMs)})`);
  console.log(unsandboxed.summary.replace(/^/gm, '    '));
  const ratio = sandboxed.ms / unsandboxed.ms;
  const perServer = sandboxed.medianServerMs && unsandboxed.medianServerMs ? sandboxed.medianServerMs / unsandboxed.medianServerMs : null;
  console.log(`  sandbox cost            ${ratio.toFixed(2)}x wall time${perServer === null ? '' : `, ${perServer.toFixed(2)}x the median live server`}`);
  return { ms: sandboxed.ms, summary: sandboxed.summary, sandboxed, unsandboxed };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000,50000,100000' },
      work: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'skip-crawl': { type: 'boolean', default: false },
      'skip-search': { type: 'boolean', default: false },
      'skip-rebuild': { type: 'boolean', default: false },
      'skip-index': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '8' },
      json: { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) {
    console.error(`--sizes: expected whole numbers, got "${values.sizes}"`);
    return 2;
  }
  const work = resolve(values.work ?? join(tmpdir(), 'mcp-catalog-bench'));
  mkdirSync(work, { recursive: true });
  console.log(`# Scale benchmark: ${cpus().length} cores, ${fmtMB(totalmem())} memory, Node ${process.version}; work folder ${work}`);

  // The real records every synthetic catalog is made of.
  const records = readRecords(join(PROJECT, 'catalog'));
  console.log(`real records: ${records.length} servers, ${records.reduce((n, r) => n + r.tools.length, 0)} tools`);

  // 1. Classifier.
  const classifier = benchClassifier(records);
  console.log(`\n## Classifier\n  ${Math.round(classifier.toolsPerSecond).toLocaleString('en-US')} tools/s (median of 5 one-second runs over ${classifier.tools} real tools; first pass ${Math.round(classifier.coldToolsPerSecond).toLocaleString('en-US')} tools/s)`);

  // 2. Sizes.
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await benchSize(size, records, work, !values['skip-search']));

  // 3. Rebuild on the largest size.
  const largest = Math.max(...sizes);
  const rebuild = values['skip-rebuild'] ? null : await benchRebuild(largest, work);

  // 4. Crawl.
  const crawl = values['skip-crawl'] ? null : await benchCrawl(work, Number(values.concurrency));

  // 5. The servers index at thousands of servers (listed and not listed), in Chromium.
  let index: IndexProbe | null = null;
  if (!values['skip-index']) {
    console.log('\n## Servers index');
    index = await benchServersIndex(5_000, 1_500);
    printIndexProbe(index);
  }

  // Targets.
  console.log('\n## Targets');
  const target = (what: string, ok: boolean | null, value: string) => console.log(`  ${(ok === null ? 'n/a' : ok ? 'met' : 'MISSED').padEnd(7)} ${what.padEnd(52)} ${value}`);
  const at = (n: number) => results.find((r) => r.tools === n);
  const r10 = at(10_000);
  const r100 = at(100_000);
  target('classifier >= 50,000 tools/s', classifier.toolsPerSecond >= 50_000, `${Math.round(classifier.toolsPerSecond).toLocaleString('en-US')} tools/s`);
  if (r10) {
    const ratio = r10.build.run.ms / r10.plain.ms;
    target('10k: site + index within 8x the plain writer', ratio <= 8, `${ratio.toFixed(2)}x`);
  }
  if (r100) {
    const total = r100.build.run.ms;
    const peak = r100.build.run.peakRssBytes;
    target('100k: site + index under 3 minutes', total < 180_000, fmtS(total));
    target('100k: peak memory under 2 GB', peak < 2048 * MB, fmtMB(peak));
    for (const s of r100.searches) {
      target(`100k: first search ${s.label} under 300 KB`, s.bytes < 300 * 1024, fmtKB(s.bytes));
      target(`100k: first search ${s.label} under 300 ms`, s.firstMs < 300, `${s.firstMs.toFixed(0)} ms`);
    }
  }
  if (rebuild) {
    const full = results.find((r) => r.tools === largest)!;
    const ratio = rebuild.run.ms / full.build.run.ms;
    target('rebuild after one server changed: well under the full build', ratio < 0.5, `${(ratio * 100).toFixed(0)}% of the full build`);
  }
  if (index) {
    const slowest = Math.max(...index.filters.map((f) => f.medianMs));
    target('servers index, 5,000 servers: page under 150 KB gzipped', index.gzipBytes < 150 * 1024, fmtKB(index.gzipBytes));
    target('servers index, 5,000 servers: every filter under 200 ms', slowest < 200, `${slowest.toFixed(0)} ms (slowest median)`);
  }
  if (crawl) target('warm re-crawl of the committed sources under 2 minutes', crawl.ms < 120_000, fmtS(crawl.ms));

  if (values.json) writeFileSync(values.json, `${JSON.stringify({ classifier, results, rebuild, crawl, index }, (k, v) => (k === 'stdout' || k === 'stderr' ? undefined : v), 2)}\n`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
