/**
 * The servers index past its first page, in Chromium: a synthetic catalog of 450 servers (150 of
 * them not listed; bench/servers-index.ts builds only its catalog-wide pages) shows the first 200
 * rows and a "Show more" button with scripts on, and every row with scripts off. Every wait is on
 * a condition the page reaches.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildIndexSite } from '../../bench/servers-index.ts';
import { PAGE_ROWS } from '../../site/scripts/servers-filter.ts';
import { serve } from './site.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = 30_000;
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SERVERS = 450;
const UNLISTED = 150;

let work: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  work = buildIndexSite(SERVERS, UNLISTED);
  site = await serve(join(work, 'site'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: WAIT });
const visibleRows = (page: Page) => page.locator('#servers tbody tr').evaluateAll((rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).length);

describe('servers index past its first page', () => {
  test('shows the first page of matches, then more on request, and starts over when a filter changes', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/servers/`);
    const count = page.locator('[data-server-count]');
    await poll(() => count.textContent()).toBe(`Showing the first ${PAGE_ROWS} of ${SERVERS} matching servers (${SERVERS} in all).`);
    expect(await visibleRows(page)).toBe(PAGE_ROWS);
    await page.getByRole('button', { name: `Show ${PAGE_ROWS} more` }).click();
    await poll(() => count.textContent()).toBe(`Showing the first ${2 * PAGE_ROWS} of ${SERVERS} matching servers (${SERVERS} in all).`);
    await page.getByRole('button', { name: `Show ${SERVERS - 2 * PAGE_ROWS} more` }).click();
    await poll(() => count.textContent()).toBe(`Showing ${SERVERS} of ${SERVERS} servers.`);
    expect(await visibleRows(page)).toBe(SERVERS);
    expect(await page.locator('[data-server-more]').isHidden()).toBe(true);
    await page.getByLabel('Status').selectOption('unlisted');
    await poll(() => count.textContent()).toBe(`Showing ${UNLISTED} of ${SERVERS} servers.`);
    expect(await visibleRows(page)).toBe(UNLISTED);
    await page.close();
  });

  test('shows every row without JavaScript', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${site.url}/servers/`);
    expect(await visibleRows(page)).toBe(SERVERS);
    expect(await page.locator('[data-server-more]').isHidden()).toBe(true);
    await ctx.close();
  });
});
