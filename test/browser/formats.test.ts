/**
 * Client formats on the site in Chromium: a tool page shows each client's permissions, and the
 * policy builder writes the chosen client's permissions from the person's choices, both exactly as
 * the scan command's writers produce them for the same input. The catalog is one real server and
 * the hostile fixture, whose tool names try to run as script or hide characters.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ServerRecordSchema, type ServerRecord } from '../../src/schema.ts';
import { serverDecisions } from '../../src/scan/decide.ts';
import { loadScanCatalog } from '../../src/scan/files.ts';
import { checkClaudeCode, checkPolicyLayer } from '../../src/scan/rules.ts';
import { WRITE_CLIENT_VALUES, writeFor, type WriteClient } from '../../src/scan/writers.ts';
import { choiceOf, ruleFor, type Choice } from '../../site/lib/builder.ts';
import { builderDecisions } from '../../site/lib/formats.ts';
import { buildSite, FIXTURE_CATALOG, removeSite, serve } from './site.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
vi.setConfig({ testTimeout: 300_000 });

const record = (file: string): ServerRecord => ServerRecordSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const FILESYSTEM = join(import.meta.dirname, '../../catalog/servers/filesystem.json');
const HOSTILE = join(FIXTURE_CATALOG, 'servers/hostile.json');
let catalogDir: string;
let dir: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  catalogDir = mkdtempSync(join(tmpdir(), 'formats-catalog-'));
  mkdirSync(join(catalogDir, 'servers'));
  cpSync(FILESYSTEM, join(catalogDir, 'servers', 'filesystem.json'));
  cpSync(HOSTILE, join(catalogDir, 'servers', 'hostile.json'));
  dir = buildSite(catalogDir);
  site = await serve(dir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) removeSite(dir);
  if (catalogDir) rmSync(catalogDir, { recursive: true, force: true });
});

/** What `mcp-risk scan --write CLIENT` writes for a config naming the server by its slug and a catalog of this one tool. */
function cliText(client: WriteClient, slug: string, toolName: string): string {
  const entry = loadScanCatalog(join(catalogDir, 'servers')).servers.find((s) => s.slug === slug)!;
  const written = writeFor(client, [serverDecisions(slug, entry.tools.filter((t) => t.name === toolName))]);
  expect(written).toHaveLength(1);
  return written[0]!.text;
}

/** Every request any page of these tests made. */
const requests: string[] = [];
/** Every script error any page raised. */
const errors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${site.url}${path}`);
  return page;
}

describe('tool page', () => {
  test('picking a client shows what the scan command writes for the tool, for every client', async () => {
    const fs = record(FILESYSTEM);
    for (const name of ['read_file', 'write_file']) {
      const tool = fs.tools.find((t) => t.name === name)!;
      const page = await open(`/servers/filesystem/${tool.slug}/`);
      expect(await page.locator('#clients ~ p strong').textContent()).toContain('replace it with the name your own config gives the server');
      for (const client of WRITE_CLIENT_VALUES) {
        const block = page.locator(`#policy-${client}`);
        expect(await block.isVisible(), client).toBe(false);
        await page.locator(`details[data-client="${client}"] > summary`).click();
        expect(await block.isVisible(), client).toBe(true);
        expect(await block.textContent(), `${name} ${client}`).toBe(cliText(client, 'filesystem', name));
      }
      // Copy puts the document shown on the clipboard.
      await page.locator('details[data-client="codex"] button[data-copy]').click();
      await expect.poll(() => page.locator('[data-copy-status="policy-codex"]').textContent()).toBe('Copied.');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(cliText('codex', 'filesystem', name));
      const claude = JSON.parse((await page.locator('#policy-claude-code').textContent())!);
      expect(checkClaudeCode(claude)).toEqual([]);
      expect(claude.permissions[name === 'read_file' ? 'allow' : 'ask']).toEqual([`mcp__filesystem__${name}`]);
      await page.close();
    }
  });

  test('hostile names are text, hidden characters escaped, and still the writer\'s document', async () => {
    const hostile = record(HOSTILE);
    for (const tool of hostile.tools.filter((t) => /script|\u200b|\u0000/.test(t.name))) {
      const page = await open(`/servers/hostile/${tool.slug}/`);
      for (const client of WRITE_CLIENT_VALUES) expect(await page.locator(`#policy-${client}`).textContent(), `${tool.slug} ${client}`).toBe(cliText(client, 'hostile', tool.name));
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await page.close();
    }
  });
});

describe('policy builder', () => {
  test('picking a client writes the choices as the scan command\'s writer does, under the name typed', async () => {
    const fs = record(FILESYSTEM);
    const page = await open('/servers/filesystem/');
    const builder = page.locator('[data-builder]');
    await expect.poll(() => builder.isVisible(), { timeout: 60_000 }).toBe(true);
    const chosen: Record<string, Choice> = { write_file: 'allow', read_file: 'limit', move_file: 'deny', create_directory: 'require_approval' };
    for (const [name, choice] of Object.entries(chosen)) await builder.getByLabel(name, { exact: true }).selectOption(choice);
    await builder.getByLabel('Rate cap for “Limit” (calls a minute)').fill('7');
    await builder.getByLabel('Server name in your config').fill('my files');

    // The builder's rows as the page's own data gives them: the choice, the cap of its rule, and what the catalog says of the tool.
    const rows = fs.tools.map((t) => {
      const choice = chosen[t.name] ?? choiceOf(t.policy);
      const rule = ruleFor(t.name, choice, t.policy, 7);
      return {
        name: t.name,
        choice,
        perMinute: rule.limits?.find((l) => l.window === 'minute')?.max ?? null,
        read: t.classification.effect === 'read',
        readOnlyAgreed: t.annotations?.readOnlyHint === true && t.classification.effect === 'read',
      };
    });
    for (const client of WRITE_CLIENT_VALUES) {
      await builder.getByLabel('Client', { exact: true }).selectOption(client);
      const expected = writeFor(client, [builderDecisions('my files', rows, client)]);
      expect(expected).toHaveLength(1);
      expect(await page.locator('#builder-client-text').textContent(), client).toBe(expected[0]!.text);
    }

    await builder.getByLabel('Client', { exact: true }).selectOption('claude-code');
    const claude = JSON.parse((await page.locator('#builder-client-text').textContent())!);
    expect(checkClaudeCode(claude)).toEqual([]);
    expect(claude.permissions.allow).toEqual(expect.arrayContaining(['mcp__my_files__write_file', 'mcp__my_files__read_file']));
    expect(claude.permissions.ask).toEqual(expect.arrayContaining(['mcp__my_files__create_directory', 'mcp__my_files__edit_file']));
    expect(claude.permissions.deny).toEqual(['mcp__my_files__move_file']);

    await builder.getByLabel('Client', { exact: true }).selectOption('policylayer');
    const policy = JSON.parse((await page.locator('#builder-client-text').textContent())!);
    expect(checkPolicyLayer(policy)).toEqual([]);
    expect(policy.tools.read_file.limits[0].max).toBe(7);
    expect(policy.hide).toEqual(['move_file']);
    // The builder's own policy.json agrees on the cap.
    expect(JSON.parse((await page.locator('#builder-json').textContent())!).tools.read_file.limits[0].max).toBe(7);
    await page.close();
  });
});

test('no page raised a script error or asked for anything beyond the site', () => {
  expect(errors).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !u.startsWith(site.url))).toEqual([]);
});
