/**
 * The `/scan/` page in Chromium: a pasted config is read, matched and turned into permissions in
 * the browser, with no request beyond the site itself (nothing pasted is uploaded).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { checkClaudeCode } from '../../src/scan/rules.ts';
import { buildSite, removeSite, serve } from './site.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
vi.setConfig({ testTimeout: 300_000 });

const CATALOG = join(import.meta.dirname, '../../catalog/servers');
let catalogDir: string;
let dir: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  // Two real records make the catalog: a server with reads and writes, and one with approvals.
  catalogDir = mkdtempSync(join(tmpdir(), 'scan-catalog-'));
  mkdirSync(join(catalogDir, 'servers'));
  for (const slug of ['filesystem', 'slack']) cpSync(join(CATALOG, `${slug}.json`), join(catalogDir, 'servers', `${slug}.json`));
  dir = buildSite(catalogDir);
  site = await serve(dir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) removeSite(dir);
  if (catalogDir) rmSync(catalogDir, { recursive: true, force: true });
});

describe('/scan/', () => {
  test('reads a pasted config, shows each server and writes permissions under its names, all in the page', async () => {
    const page: Page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.url}/scan/`);
    const status = page.locator('[data-scan-status]');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('Paste a config above.');
    const config = JSON.stringify({
      mcpServers: {
        'my-files': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'], env: { SECRET: 'do-not-send' } },
        chat: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'] },
        mine: { command: 'node', args: ['x.js'] },
      },
    });
    await page.locator('[data-scan-input]').fill(config);
    await expect.poll(() => status.textContent()).toBe('3 server(s), 2 in the catalog.');
    const rows = await page.locator('[data-scan-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].slice(0, 3).map((c) => c.textContent)));
    expect(rows).toEqual([
      ['my-files', 'filesystem', 'medium'],
      ['chat', 'slack', 'high'],
      ['mine', '—', '?'],
    ]);
    await page.locator('[data-scan-write]').selectOption('claude-code');
    const settings = JSON.parse((await page.locator('#scan-permissions').textContent())!);
    expect(checkClaudeCode(settings)).toEqual([]);
    expect(settings.permissions.allow).toContain('mcp__my-files__read_text_file');
    expect(settings.permissions.ask).toContain('mcp__chat__slack_post_message');
    expect(settings.permissions.allow.some((r: string) => r.startsWith('mcp__filesystem__'))).toBe(false);
    // A broken paste names its line, and the page keeps working.
    await page.locator('[data-scan-input]').fill('{\n "mcpServers": {\n  "a": {"command": "npx"}\n  "b": {}\n }\n}');
    await expect.poll(() => page.locator('[data-scan-errors] li').first().textContent()).toBe('line 4: not valid JSON: CommaExpected');
    // Nothing left the site: every request went to our own origin.
    expect(requests.every((u) => u.startsWith(site.url)), requests.join('\n')).toBe(true);
    expect(requests.some((u) => u.includes('do-not-send'))).toBe(false);
    await page.close();
  });
});
