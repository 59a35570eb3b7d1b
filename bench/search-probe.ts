/**
 * A first search on a built site, in Debian's Chromium: a fresh browser profile opens /search/,
 * waits until the page is idle (the page starts loading the index then), types a query and waits
 * for the results. It reports every byte the browser downloaded of the index (the Pagefind entry
 * script, wasm, metadata, index chunks, filter chunks and the result fragments it touched, by
 * kind, whenever they were fetched) and the time from pressing Enter to results on screen.
 */
import { chromium, type Browser, type Request } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type SearchQuery = { label: string; q: string; filters?: Record<string, string> };
export type SearchProbe = {
  label: string;
  /** Bytes on the wire for the search: body after content encoding, plus headers. */
  bytes: number;
  byKind: Record<string, { requests: number; bytes: number }>;
  /** The search page itself (HTML, CSS, scripts) before anything is typed. */
  pageBytes: number;
  /** Enter to results drawn, cold (nothing cached). */
  firstMs: number;
  /** The same query again in the same page: the index is loaded, chunks are cached. */
  againMs: number;
  /** The first search's time by step, from the page's own marks: loading, matching, fragments, drawing. */
  steps: Record<string, number>;
  results: number;
};

function kindOf(url: string): string | null {
  const path = new URL(url).pathname;
  if (!/^\/pagefind(-\d+)?\//.test(path)) return null;
  if (path.endsWith('.js')) return 'entry (js)';
  if (path.includes('wasm')) return 'wasm';
  if (path.endsWith('.pf_meta')) return 'meta';
  if (path.endsWith('.pf_index')) return 'index chunks';
  if (path.endsWith('.pf_filter')) return 'filter chunks';
  if (path.endsWith('.pf_fragment')) return 'fragments';
  return 'other';
}

async function wireBytes(request: Request): Promise<number> {
  const sizes = await request.sizes();
  return sizes.responseBodySize + sizes.responseHeadersSize;
}

export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

export async function probeSearch(browser: Browser, siteUrl: string, query: SearchQuery): Promise<SearchProbe> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pending: Promise<void>[] = [];
    const byKind: SearchProbe['byKind'] = {};
    let pageBytes = 0;
    page.on('requestfinished', (request) => {
      pending.push(
        wireBytes(request).then((bytes) => {
          // Everything of the index counts, including what the page fetched before the query was typed.
          const kind = kindOf(request.url());
          if (kind === null) {
            pageBytes += bytes;
            return;
          }
          const k = (byKind[kind] ??= { requests: 0, bytes: 0 });
          k.requests++;
          k.bytes += bytes;
        }),
      );
    });
    await page.goto(`${siteUrl}/search/`, { waitUntil: 'networkidle' });
    await Promise.all(pending);
    // Filters are set without their change event, so the search starts with Enter like the others.
    await page.evaluate((filters) => {
      for (const [name, value] of Object.entries(filters)) {
        const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-filter="${name}"]`);
        if (!field) throw new Error(`no filter field ${name}`);
        field.value = value;
      }
    }, query.filters ?? {});
    const status = page.locator('[data-search-status]');
    const done = () => page.waitForFunction(() => /found/i.test(document.querySelector('[data-search-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.fill('input[name="q"]', query.q);
    const t0 = performance.now();
    await page.press('input[name="q"]', 'Enter');
    await done();
    const firstMs = performance.now() - t0;
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    // A string, not a function: the TypeScript loader would wrap a function's inner helpers in
    // calls the page does not have.
    const steps = (await page.evaluate(`(() => {
      const at = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
      const start = at('search:start');
      return {
        'load pagefind': at('search:loaded') - start,
        match: at('search:matched') - at('search:loaded'),
        fragments: at('search:fragments') - at('search:matched'),
        draw: at('search:drawn') - at('search:fragments'),
      };
    })()`)) as Record<string, number>;
    const results = await page.locator('[data-search-results] > li').count();
    const text = (await status.textContent()) ?? '';
    // The same query again: how a second keystroke feels once the index is in memory.
    await page.evaluate(() => {
      const s = document.querySelector('[data-search-status]');
      if (s) s.textContent = '';
    });
    const t1 = performance.now();
    await page.press('input[name="q"]', 'Enter');
    await done();
    const againMs = performance.now() - t1;
    const bytes = Object.values(byKind).reduce((n, k) => n + k.bytes, 0);
    if (!results && !/no tools/i.test(text)) throw new Error(`search "${query.q}" drew nothing: ${text}`);
    return { label: query.label, bytes, byKind, pageBytes, firstMs, againMs, steps, results };
  } finally {
    await context.close();
  }
}
