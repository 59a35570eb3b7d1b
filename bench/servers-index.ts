/**
 * The servers index at thousands of servers: what the page weighs and how long a filter takes in
 * Chromium. A synthetic catalog of `--servers` servers (`--unlisted` of them not listed) is built
 * with Astro, writing only the pages about the whole catalog (CATALOG_BUILD_ONLY names no server,
 * as a partial rebuild does, so no server or tool page is rendered), and the index is opened in a
 * fresh browser. Each filter is timed from the change to the layout that shows it (the script's
 * work, the rows' style and the table's layout), median of five.
 *
 *   npx tsx bench/servers-index.ts [--servers 5000] [--unlisted 1500] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { withBrowser } from './search-probe.ts';
import { serveStatic } from './static-server.ts';
import { readRecords, writeServersCatalog } from './synth.ts';

const PROJECT = resolve(import.meta.dirname, '..');
const BIN = join(PROJECT, 'node_modules/.bin');

/** One change of the filters: the control's label in the page and the value set. */
export type FilterStep = { label: string; control: string; value: string };

export const STEPS: FilterStep[] = [
  { label: 'search, one letter (most rows stay)', control: 'q', value: 'e' },
  { label: 'search, a name (one row stays)', control: 'q', value: '(copy 3210)' },
  { label: 'search cleared (every row back)', control: 'q', value: '' },
  { label: 'status: not listed yet', control: 'status', value: 'unlisted' },
  { label: 'status: one cause', control: 'status', value: 'unlisted:credentials' },
  { label: 'status: any', control: 'status', value: '' },
  { label: 'highest risk: critical', control: 'risk', value: '3' },
  { label: 'highest risk: any', control: 'risk', value: '' },
];

export type IndexProbe = {
  servers: number;
  unlisted: number;
  buildMs: number;
  htmlBytes: number;
  gzipBytes: number;
  homeBytes: number;
  /** From navigation to the filters ready (the count line written), in the page's clock. */
  readyMs: number;
  /** Where the time to ready went: the page received, parsed (interactive), scripts run, loaded. */
  nav: { responseEnd: number; domInteractive: number; domContentLoaded: number; load: number };
  filters: { label: string; medianMs: number; shown: string }[];
};

/** Sets one control and returns how long the change took to reach layout, and the count line. */
async function timeStep(page: Page, step: FilterStep): Promise<{ ms: number; shown: string }> {
  return page.evaluate(({ control, value }) => {
    const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-filter="${control}"]`)!;
    const t0 = performance.now();
    el.value = value;
    el.dispatchEvent(new Event('input'));
    // Reading a layout property makes the browser apply the rows' new visibility now.
    void document.getElementById('servers')!.offsetHeight;
    const ms = performance.now() - t0;
    return { ms, shown: document.querySelector('[data-server-count]')!.textContent ?? '' };
  }, step);
}

export async function probeIndex(siteUrl: string): Promise<Pick<IndexProbe, 'readyMs' | 'nav' | 'filters'>> {
  return withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/servers/`, { waitUntil: 'load' });
    await page.locator('[data-server-count]:not(:empty)').waitFor();
    const readyMs = await page.evaluate(() => performance.now());
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { responseEnd: n.responseEnd, domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    const filters: IndexProbe['filters'] = [];
    for (const step of STEPS) {
      const runs: number[] = [];
      let shown = '';
      for (let i = 0; i < 5; i++) {
        // Back to the state before the step, so each run changes the same rows.
        if (i > 0) {
          const before = STEPS.slice(0, STEPS.indexOf(step)).findLast((s) => s.control === step.control)?.value ?? '';
          await timeStep(page, { ...step, value: before });
        }
        const r = await timeStep(page, step);
        runs.push(r.ms);
        shown = r.shown;
      }
      filters.push({ label: step.label, medianMs: runs.sort((a, b) => a - b)[2]!, shown });
    }
    await page.close();
    return { readyMs, nav, filters };
  });
}

/**
 * Writes a synthetic catalog of `servers` servers (`unlisted` of them not listed) into a new
 * folder inside the project and builds its catalog-wide pages (no server or tool page) into
 * `<work>/site`; returns the work folder. Astro builds inside the project (see site/build.ts).
 */
export function buildIndexSite(servers: number, unlisted: number): string {
  mkdirSync(join(PROJECT, '.cache'), { recursive: true });
  const work = mkdtempSync(join(PROJECT, '.cache', 'bench-index-'));
  const catalogDir = join(work, 'catalog');
  writeServersCatalog(catalogDir, servers, unlisted, readRecords(join(PROJECT, 'catalog')));
  const none = join(work, 'none.txt');
  writeFileSync(none, '');
  const build = spawnSync(join(BIN, 'astro'), ['build', '--outDir', join(work, 'site')], {
    cwd: PROJECT,
    env: { ...process.env, PATH: `${BIN}:${process.env['PATH'] ?? ''}`, CATALOG_DIR: catalogDir, CATALOG_BUILD_ONLY: none, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (build.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`astro build failed:\n${build.stdout.slice(-2000)}\n${build.stderr.slice(-2000)}`);
  }
  return work;
}

export async function benchServersIndex(servers: number, unlisted: number, keep = false): Promise<IndexProbe> {
  const t0 = performance.now();
  const work = buildIndexSite(servers, unlisted);
  const buildMs = performance.now() - t0;
  try {
    const out = join(work, 'site');
    const html = readFileSync(join(out, 'servers/index.html'));
    const home = readFileSync(join(out, 'index.html'));
    const site = await serveStatic(out);
    try {
      const probe = await probeIndex(site.url);
      return { servers, unlisted, buildMs, htmlBytes: html.length, gzipBytes: gzipSync(html).length, homeBytes: home.length, ...probe };
    } finally {
      await site.close();
    }
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

export function printIndexProbe(p: IndexProbe): void {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  console.log(`servers index at ${p.servers.toLocaleString('en-US')} servers (${p.unlisted.toLocaleString('en-US')} not listed)`);
  console.log(`  synthetic catalog written and its catalog pages built in ${(p.buildMs / 1000).toFixed(1)} s (no server or tool pages)`);
  console.log(`  /servers/: ${kb(p.htmlBytes)} HTML, ${kb(p.gzipBytes)} gzipped; home page ${kb(p.homeBytes)}`);
  const n = p.nav;
  console.log(
    `  filters ready ${p.readyMs.toFixed(0)} ms after navigation (received ${n.responseEnd.toFixed(0)} ms, parsed ${n.domInteractive.toFixed(0)} ms, scripts run ${n.domContentLoaded.toFixed(0)} ms, loaded ${n.load.toFixed(0)} ms)`,
  );
  for (const f of p.filters) console.log(`  ${f.label}: ${f.medianMs.toFixed(1)} ms (median of 5; ${f.shown})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { servers: { type: 'string', default: '5000' }, unlisted: { type: 'string', default: '1500' }, keep: { type: 'boolean', default: false } },
  });
  printIndexProbe(await benchServersIndex(Number(values.servers), Number(values.unlisted), values.keep));
}
