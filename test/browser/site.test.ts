/**
 * The built site in a real browser (Debian's Chromium through playwright-core): the Copy button,
 * search by name and by description, filters, the policy builder, pages without JavaScript, and
 * a hostile server whose every string tries to run as script or hide from the reader. The fixture
 * catalog is built once.
 *
 * Every wait is on a condition the page reaches (the search page's data-search-state, a URL, a
 * count), with a generous timeout: on a loaded machine a first search can take seconds, and a
 * condition that holds returns at once, so a long timeout costs nothing when all is well.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { serverPage, toolPage, unlistedPage } from '../../bench/plain-writer.ts';
import { loadCatalog } from '../../site/lib/catalog.ts';
import { hasHidden, revealHidden } from '../../src/reveal.ts';
import { PolicyLayerSchema, toPolicyLayer } from '../../src/policy/policylayer.ts';
import { ServerRecordSchema, UnlistedSchema, type ToolRule } from '../../src/schema.ts';

import { UNLISTED_CAUSES } from '../../src/taxonomy.ts';
import { buildSite, FIXTURE_CATALOG, removeSite, serve } from './site.ts';

/** One tool's entry in PolicyLayer's dialect, as the pages show it; undefined when the tool is hidden. */
const layered = (name: string, rule: ToolRule) => toPolicyLayer({ version: '1', default: 'deny', tools: { [name]: rule } }).tools[name];

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** How long a wait on a condition may take before it fails (a loaded machine is slow, not wrong). */
const WAIT = 30_000;
// A test that visits every page of a server takes tens of seconds on a busy machine: the time
// allowed is a bound on a hang, not a measure of speed.
vi.setConfig({ testTimeout: 300_000 });
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const hostile = ServerRecordSchema.parse(JSON.parse(readFileSync(join(FIXTURE_CATALOG, 'servers/hostile.json'), 'utf8')));
const kestra = ServerRecordSchema.parse(JSON.parse(readFileSync(join(FIXTURE_CATALOG, 'servers/kestra.json'), 'utf8')));
const mailbox = ServerRecordSchema.parse(JSON.parse(readFileSync(join(FIXTURE_CATALOG, 'servers/mailbox.json'), 'utf8')));
const weather = UnlistedSchema.parse(JSON.parse(readFileSync(join(FIXTURE_CATALOG, 'unlisted/weather-key.json'), 'utf8')));
const hostileUnlisted = UnlistedSchema.parse(JSON.parse(readFileSync(join(FIXTURE_CATALOG, 'unlisted/hostile-unlisted.json'), 'utf8')));

let dir: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  dir = buildSite();
  site = await serve(dir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext();
  context.setDefaultTimeout(WAIT);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) removeSite(dir);
});

async function open(path: string, ctx = context): Promise<Page> {
  const page = await ctx.newPage();
  const response = await page.goto(site.url + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** Waits on a condition, re-checked until it holds or WAIT runs out. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: WAIT });

/** Waits until the search page says its latest search is drawn, and returns what the status says. */
async function searchDone(page: Page): Promise<string> {
  const status = page.locator('[data-search-status][data-search-state="done"]');
  await status.waitFor({ timeout: WAIT });
  return (await status.textContent()) ?? '';
}

async function searchResults(page: Page): Promise<string[]> {
  expect(await searchDone(page)).toMatch(/found/);
  return page.locator('[data-search-results] li h2 a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe('tool page', () => {
  test('Copy puts the policy.json shown on the page on the clipboard, with generate_flow under "default": "deny"', async () => {
    const page = await open('/servers/kestra/generate_flow/');
    const shown = await page.locator('#policy-json').textContent();
    await page.getByRole('button', { name: 'Copy' }).first().click();
    await poll(() => page.locator('[data-copy-status="policy-json"]').textContent()).toBe('Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const policy = PolicyLayerSchema.parse(JSON.parse(copied));
    expect(JSON.parse(copied)).toEqual(JSON.parse(shown!));
    expect(policy.default).toBe('deny');
    expect(Object.keys(policy.tools)).toEqual(['generate_flow']);
    expect(policy.tools['generate_flow']).toEqual(layered('generate_flow', kestra.tools.find((t) => t.name === 'generate_flow')!.policy));
    expect(copied).not.toMatch(/"action"|"reason"/);
    await page.close();
  });

  test('shows the policies as text and no dead buttons without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await open('/servers/kestra/generate_flow/', noJs);
    const text = await page.locator('#policy-json').textContent();
    expect(PolicyLayerSchema.parse(JSON.parse(text!)).tools).toHaveProperty('generate_flow');
    expect(await page.locator('#policy-claude-code').textContent()).toContain('mcp__kestra__generate_flow');
    expect(await page.locator('#policy-intercept').textContent()).toContain('generate_flow:');
    expect(await page.getByRole('button', { name: 'Copy' }).count()).toBe(0);
    await noJs.close();
  });
});

describe('search', () => {
  test('finds generate_flow by its name', async () => {
    const page = await open('/search/?q=generate_flow');
    expect((await searchResults(page))[0]).toBe('/servers/kestra/generate_flow/');
    await page.close();
  });

  test('finds generate_flow by a word of its description, typed into the box', async () => {
    const page = await open('/search/');
    // "natural language descriptions" is in generate_flow's description, not in its name.
    await page.getByRole('searchbox', { name: 'Search tools' }).fill('natural language');
    expect(await searchResults(page)).toContain('/servers/kestra/generate_flow/');
    await page.close();
  });

  test('narrows results with the risk and server filters, and shows each result risk badge', async () => {
    const page = await open('/search/?q=execution');
    const all = await searchResults(page);
    await page.getByLabel('Risk', { exact: true }).selectOption('high');
    const critical = await searchResults(page);
    expect(page.url()).toContain('risk=high');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThan(all.length);
    const badges = await page.locator('[data-search-results] li .badge[class*="risk-"]').allTextContents();
    expect(badges).toHaveLength(critical.length);
    expect(new Set(badges)).toEqual(new Set(['High']));
    const expected = [kestra, hostile].flatMap((r) => r.tools.filter((t) => t.classification.risk === 'high').map((t) => `/servers/${r.slug}/${t.slug}/`));
    for (const path of critical) expect(expected).toContain(path);
    await page.getByLabel('Server', { exact: true }).fill('hostile');
    await page.getByLabel('Server', { exact: true }).press('Tab');
    expect(await searchDone(page)).toMatch(/found/);
    expect(page.url()).toContain('server=hostile');
    for (const path of await page.locator('[data-search-results] li h2 a').evaluateAll((l) => l.map((a) => new URL((a as HTMLAnchorElement).href).pathname))) {
      expect(path.startsWith('/servers/hostile/')).toBe(true);
    }
    await page.close();
  });

  test('ranks the tools that hold every word of the query first', async () => {
    const page = await open('/search/?q=delete+logs');
    const found = await searchResults(page);
    // Both tools say "Delete logs …"; other tools of the same groups hold only one of the words.
    expect(found.slice(0, 2).sort()).toEqual(['/servers/kestra/delete_execution_logs/', '/servers/kestra/delete_flow_logs/']);
    await page.close();
  });

  test('lists the tools of a server by filters alone, and takes a server by its name', async () => {
    const page = await open('/search/');
    const field = page.getByLabel('Server', { exact: true });
    await field.focus();
    // The server list arrives when the field is first used, not with the page.
    await poll(() => page.locator('#search-servers option').count()).toBe(3);
    await field.fill(kestra.name);
    await page.getByLabel('Risk', { exact: true }).selectOption('high');
    const found = await searchResults(page);
    expect(page.url()).toContain('server=kestra');
    const expected = kestra.tools.filter((t) => t.classification.risk === 'high').map((t) => `/servers/kestra/${t.slug}/`);
    expect(found.sort()).toEqual(expected.sort());
    await page.close();
  });

  test('says so when the server field names no server', async () => {
    const page = await open('/search/');
    const field = page.getByLabel('Server', { exact: true });
    await field.focus();
    await field.fill('no such server');
    await field.press('Tab');
    expect(await searchDone(page)).toMatch(/No server is called/);
    await page.close();
  });
});

describe('server page', () => {
  test('shows the changelog, each tool linked to its page, and the site publishes it as an Atom feed', async () => {
    const page = await open('/servers/kestra/');
    const changes = page.locator('section[aria-labelledby="changes"]');
    const [change] = kestra.changelog;
    expect(await changes.locator('strong').first().textContent()).toBe(change!.at.slice(0, 10));
    const linked = await changes.locator('a').evaluateAll((l) => l.map((a) => [a.textContent, new URL((a as HTMLAnchorElement).href).pathname]));
    const slug = (name: string) => kestra.tools.find((t) => t.name === name)!.slug;
    expect(linked).toEqual([...change!.added, ...change!.changed].map((n) => [n, `/servers/kestra/${slug(n)}/`]));
    const feed = await page.request.get(`${site.url}/changes.xml`);
    expect(feed.headers()['content-type']).toContain('xml');
    const xml = await feed.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    for (const name of [...change!.added, ...change!.changed]) expect(xml).toContain(name);
    await page.close();
  });

  test('filters the tools table by effect and risk', async () => {
    const page = await open('/servers/kestra/');
    const rows = page.locator('#tools tbody tr');
    expect(await rows.count()).toBe(kestra.tools.length);
    await page.getByLabel('Effect', { exact: true }).selectOption('delete');
    const visible = page.locator('#tools tbody tr:not([hidden])');
    const deletes = kestra.tools.filter((t) => t.classification.effect === 'delete');
    await poll(() => visible.count()).toBe(deletes.length);
    expect(await page.locator('[data-table-count]').textContent()).toBe(`Showing ${deletes.length} of ${kestra.tools.length} tools.`);
    await page.getByLabel('Effect', { exact: true }).selectOption('');
    await page.getByLabel('Risk', { exact: true }).selectOption('low');
    const lows = kestra.tools.filter((t) => t.classification.risk === 'low');
    await poll(() => visible.count()).toBe(lows.length);
    await page.close();
  });

  test('sorts the tools table by risk', async () => {
    const page = await open('/servers/kestra/');
    await page.getByRole('button', { name: 'Risk' }).click();
    await page.getByRole('button', { name: 'Risk' }).click();
    const ranks = await page.locator('#tools tbody tr').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset['riskRank'])));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks[0]).toBeGreaterThan(ranks.at(-1)!);
    await page.close();
  });

  test('the policy builder produces a document in PolicyLayer\'s dialect', async () => {
    const page = await open('/servers/kestra/');
    const builder = page.locator('[data-builder]');
    await poll(() => builder.isVisible()).toBe(true);
    await builder.getByLabel('generate_flow', { exact: true }).selectOption('deny');
    await builder.getByLabel('list_namespaces', { exact: true }).selectOption('require_approval');
    await builder.getByLabel('search_flows', { exact: true }).selectOption('limit');
    await builder.getByLabel('Rate cap for “Limit” (calls a minute)').fill('7');
    const text = await page.locator('#builder-json').textContent();
    const policy = PolicyLayerSchema.parse(JSON.parse(text!));
    expect(policy.default).toBe('deny');
    expect([...Object.keys(policy.tools), ...(policy.hide ?? [])].sort()).toEqual(kestra.tools.map((t) => t.name).sort());
    expect(policy.hide).toContain('generate_flow');
    expect(policy.tools['list_namespaces']?.deny_if?.map((r) => r.on_deny)).toEqual(Array(2).fill("list_namespaces needs a person's approval: run it outside the agent."));
    expect(policy.tools['search_flows']?.limits).toEqual([{ counter: 'search_flows_rate', window: 'minute', max: 7, scope: 'grant' }]);
    // Tools left at the recommendation keep the recommended rule.
    expect(policy.tools['delete_flow_logs']).toEqual(layered('delete_flow_logs', kestra.tools.find((t) => t.name === 'delete_flow_logs')!.policy));

    await page.locator('button[data-copy="builder-json"]').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(PolicyLayerSchema.parse(JSON.parse(copied))).toEqual(policy);
    await page.close();
  });

  test('names the tools of a lethal trifecta, each linked to its page', async () => {
    const page = await open('/servers/mailbox/');
    const warning = page.locator('section[aria-labelledby="server-flags"]');
    expect(await warning.getByRole('heading', { name: 'Lethal trifecta' }).count()).toBe(1);
    const flag = mailbox.serverFlags[0]!;
    if (flag.flag !== 'lethal-trifecta') throw new Error(`expected the lethal trifecta, got ${flag.flag}`);
    for (const name of [...flag.tools.private, ...flag.tools.untrusted, ...flag.tools.exfiltrate]) {
      const slug = mailbox.tools.find((t) => t.name === name)!.slug;
      expect(await warning.locator(`a[href="/servers/mailbox/${slug}/"]`).count(), name).toBeGreaterThan(0);
    }
    await page.close();
  });

  test('"set every tool shown" follows the tools table filters', async () => {
    const page = await open('/servers/kestra/');
    await page.getByLabel('Risk', { exact: true }).selectOption('high');
    await page.getByLabel(/Set every tool shown/).selectOption('allow');
    const policy = PolicyLayerSchema.parse(JSON.parse((await page.locator('#builder-json').textContent())!));
    for (const t of kestra.tools) {
      if (t.classification.risk === 'high') {
        expect(policy.hide ?? [], t.name).not.toContain(t.name);
        expect(policy.tools[t.name]?.deny_if, t.name).toBeUndefined();
      } else expect(policy.tools[t.name], t.name).toEqual(layered(t.name, t.policy));
    }
    await page.close();
  });
});

describe('servers index', () => {
  const visibleSlugs = (page: Page) =>
    page.locator('#servers tbody tr:not([hidden]) td:first-child a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/')[2]));
  const count = (page: Page) => page.locator('[data-server-count]').textContent();

  test('lists listed and unlisted servers alike, and filters by search, vendor, risk, transport, status and cause', async () => {
    const page = await open('/servers/');
    await poll(() => count(page)).toBe('Showing 6 of 6 servers.');
    await page.getByLabel('Search').fill('WEATHER');
    await poll(() => visibleSlugs(page)).toEqual(['weather-key']);
    // The search matches packages and vendors too.
    await page.getByLabel('Search').fill('notes-http');
    await poll(() => visibleSlugs(page)).toEqual(['http-default']);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption('unlisted');
    await poll(() => visibleSlugs(page)).toEqual(['hostile-unlisted', 'http-default', 'weather-key']);
    await page.getByLabel('Status').selectOption('unlisted:credentials');
    await poll(() => visibleSlugs(page)).toEqual(['weather-key']);
    expect(new URL(page.url()).searchParams.get('status')).toBe('unlisted:credentials');
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Vendor').selectOption('example');
    await poll(() => visibleSlugs(page)).toEqual(['http-default', 'mailbox', 'weather-key']);
    await page.getByLabel('Transport').selectOption('snapshot');
    await poll(() => visibleSlugs(page)).toEqual(['mailbox']);
    await page.getByLabel('Vendor').selectOption('');
    await page.getByLabel('Transport').selectOption('');
    // An unlisted server has no risk, so a risk filter leaves it out.
    await page.getByLabel('Highest risk at least').selectOption({ label: 'Critical' });
    await poll(() => visibleSlugs(page)).toEqual(['hostile']);
    expect(await count(page)).toBe('Showing 1 of 6 servers.');
    await page.close();
  });

  test('starts from the filters in the address, as the not-listed-yet links give them', async () => {
    const index = await open('/servers/');
    const href = await index.locator('section[aria-labelledby="not-listed"] a', { hasText: UNLISTED_CAUSES['http-only'].label }).getAttribute('href');
    await index.close();
    const page = await open(href!);
    await poll(() => visibleSlugs(page)).toEqual(['http-default']);
    expect(await page.getByLabel('Status').inputValue()).toBe('unlisted:http-only');
    // A value no control offers is ignored rather than hiding every row.
    const odd = await open('/servers/?status=%3Cscript%3E&q=MAIL');
    await poll(() => visibleSlugs(odd)).toEqual(['mailbox']);
    await odd.close();
    await page.close();
  });

  test('shows every row without JavaScript, the unlisted with their cause and no tool count', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await open('/servers/', ctx);
    expect(await page.locator('#servers tbody tr').count()).toBe(6);
    const row = page.locator('#servers tbody tr', { hasText: 'Weather Forecast MCP' });
    expect(await row.locator('td').allTextContents()).toEqual(['Weather Forecast MCP', '—', '—', 'Example', 'npm', `not listed yet: ${UNLISTED_CAUSES.credentials.label.toLowerCase()}`]);
    await ctx.close();
  });

  test('a hostile name typed into the search stays text', async () => {
    const page = await open('/servers/');
    await page.getByLabel('Search').fill('<script>window.__pwned=1</script>');
    await poll(() => visibleSlugs(page)).toEqual(['hostile', 'hostile-unlisted']);
    await page.getByLabel('Search').fill('\\u202eevil');
    await poll(() => visibleSlugs(page)).toEqual(['hostile-unlisted']);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe('a server not listed yet', () => {
  test('says so, with the cause, the error, what it needs, the starts tried and how to help; never a tool count or a policy', async () => {
    const page = await open('/servers/weather-key/');
    expect(await page.locator('h1').textContent()).toBe(weather.name);
    expect(await page.locator('[data-unlisted-status]').textContent()).toMatch(/^Not listed yet/);
    expect(await page.locator('[data-unlisted-cause]').textContent()).toBe(`${UNLISTED_CAUSES.credentials.label}. ${UNLISTED_CAUSES.credentials.meaning}`);
    expect(await page.locator('pre.error').textContent()).toBe(weather.error);
    expect(await page.locator('[data-unlisted-needs] li').allTextContents()).toEqual(weather.needs);
    const attempts = await page.locator('table.attempts tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(attempts).toEqual(weather.attempts.map((a, i) => [String(i + 1), a.args.join(' ') || 'none', a.env.join(', ') || 'none', a.why, a.result]));
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('@example/weather-forecast-mcp 2.1.0');
    expect(facts).toContain('2026-11-20 08:00 UTC');
    expect(facts).toContain('16.4 s (install 15.2 s, session 1.2 s)');
    expect(await page.locator('[data-unlisted-help]').textContent()).toContain('npm run crawl -- --only weather-key');
    expect(await page.locator('#suggested-source').textContent()).toBe('args: ["--api-url"]\nenv:\n  WEATHER_API_KEY: placeholder');
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toMatch(/\b0 tools\b/);
    expect(await page.locator('#server-policy, #tools').count()).toBe(0);
    await page.close();
  });

  test('shows a hostile server\'s error and names as text, hidden characters as marked escapes', async () => {
    const page = await open('/servers/hostile-unlisted/');
    expect(await page.locator('h1').textContent()).toBe(revealHidden(hostileUnlisted.name));
    expect(await page.locator('pre.error').textContent()).toBe(revealHidden(hostileUnlisted.error, 'text'));
    expect(await page.locator('pre.error .hidden-char').allTextContents()).toEqual(['\\u001B', '\\u001B', '\\u200B', '\\u202E', '\\u0000']);
    expect(await page.locator('[data-unlisted-needs] li').allTextContents()).toEqual(hostileUnlisted.needs.map((n) => revealHidden(n)));
    expect(await page.locator('table.attempts tbody td').nth(1).textContent()).toBe(hostileUnlisted.attempts[0]!.args[0]);
    // Its repository is a javascript: address, so the page links to no source.
    expect(await page.locator('main a', { hasText: 'Source' }).count()).toBe(0);
    await page.close();
  });

  test('the server page of a listed server shows the starts tried before the one that listed it, and the time', async () => {
    const page = await open('/servers/mailbox/');
    const attempts = await page.locator('table.attempts tbody tr td:last-child').allTextContents();
    expect(attempts).toEqual(mailbox.provenance.attempts.map((a) => a.result));
    expect(await page.locator('section[aria-labelledby="provenance"] .facts').textContent()).toContain('7.3 s (install 6.1 s, session 1.2 s)');
    await page.close();
  });

  test('the home page shows coverage, the unlisted by cause, and the last crawl', async () => {
    const page = await open('/');
    const cards = await page.locator('[data-coverage] .card').allTextContents();
    expect(cards[0]).toBe('3 servers listed (0 crawled live, 0%)');
    expect(cards.at(-1)).toBe('3 not listed yet');
    expect(await page.locator('[data-unlisted-causes] li').allTextContents()).toEqual(
      (['crash', 'credentials', 'http-only'] as const).map((c) => `${UNLISTED_CAUSES[c].label}: 1`),
    );
    expect(await page.locator('[data-last-crawl]').textContent()).toMatch(/3 servers listed \(0 live\), 3 servers tried but not listed \(2 for the first time\)\. Tools: 6 added, 0 removed, 3 changed, on 3 servers\./);
    await page.close();
  });
});

describe('a hostile server', () => {
  const pages = ['/servers/hostile/', ...hostile.tools.map((t) => `/servers/hostile/${t.slug}/`), '/servers/hostile-unlisted/', '/', '/servers/', '/servers/?q=script', '/search/?q=script', '/search/?q=window'];

  test('runs none of its strings as script on any page', async () => {
    const ctx = await browser.newContext();
    const dialogs: string[] = [];
    const errors: string[] = [];
    for (const path of pages) {
      const page = await ctx.newPage();
      page.on('dialog', (d) => {
        dialogs.push(`${path}: ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
      });
      await page.goto(site.url + path, { waitUntil: 'load' });
      if (path.startsWith('/search/')) expect(await searchDone(page)).toMatch(/found/);
      // An injected handler would have fired by now: onerror and onload before the load event,
      // autofocus at a rendering update, and two animation frames mean one has happened.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), path).toBeUndefined();
      const report = await page.evaluate(() => ({
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
        links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((h) => !/^(\/|#|https?:)/.test(h)),
        images: document.querySelectorAll('img, iframe, object, embed').length,
        scripts: [...document.scripts].map((s) => s.type || 'classic').filter((t) => t !== 'module' && t !== 'application/ld+json'),
      }));
      expect(report, path).toEqual({ handlers: [], links: [], images: 0, scripts: [] });
      await page.close();
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('shows its strings as text: names, about text, JSON-LD and hidden characters', async () => {
    const tool = hostile.tools.find((t) => t.name.startsWith('<script>'))!;
    const page = await open(`/servers/hostile/${tool.slug}/`);
    expect(await page.locator('h1').textContent()).toBe(tool.name);
    expect(await page.title()).toContain(tool.name);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld.headline).toContain(tool.name);
    expect(await page.locator('.description').textContent()).toBe(tool.description);
    await page.close();

    const server = await open('/servers/hostile/');
    const about = await server.locator('section[aria-labelledby="about"]').textContent();
    expect(about).toContain('<script>window.__pwned=1</script>');
    expect(about).toContain('javascript link (javascript:window.__pwned=1)');
    const hrefs = await server.locator('section[aria-labelledby="about"] a').evaluateAll((l) => l.map((a) => a.getAttribute('href')));
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/[^"<>]+$/);
    await server.close();

    const hidden = hostile.tools.find((t) => t.name.includes('\u200b'))!;
    const hiddenPage = await open(`/servers/hostile/${hidden.slug}/`);
    expect(await hiddenPage.locator('h1').textContent()).toBe('list\\u200Bfiles\\u202Etxt.exe');
    expect(await hiddenPage.locator('h1 .hidden-char').allTextContents()).toEqual(['\\u200B', '\\u202E']);
    const policy = JSON.parse((await hiddenPage.locator('#policy-json').textContent())!);
    expect([...Object.keys(policy.tools), ...(policy.hide ?? [])]).toEqual([hidden.name]);
    // No policy format on the tool or the server page hides characters from the reader.
    const serverPage = await open('/servers/hostile/');
    for (const p of [hiddenPage, serverPage]) {
      for (const text of await p.locator('pre').allTextContents()) expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/);
    }
    await serverPage.close();
    await hiddenPage.close();
  });
});

describe('hidden text', () => {
  const byName = (start: string) => hostile.tools.find((t) => t.name.startsWith(start))!;
  const tagged = byName('read_notes');

  test('no page of the hostile server holds a hidden character: each is a marked escape', async () => {
    const page = await context.newPage();
    for (const path of ['/servers/hostile/', ...hostile.tools.map((t) => `/servers/hostile/${t.slug}/`)]) {
      expect((await page.goto(site.url + path))?.status(), path).toBe(200);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(hasHidden(text, 'text'), path).toBe(false);
      expect(hasHidden(await page.title()), path).toBe(false);
    }
    await page.close();
  });

  test('shows tag characters, variation selectors, C1, DEL, NUL and CR in names, titles, descriptions, parameters and enums', async () => {
    const page = await open(`/servers/hostile/${tagged.slug}/`);
    expect(await page.locator('h1').textContent()).toBe(revealHidden(tagged.name));
    expect(await page.locator('h1 .hidden-char').count()).toBe(9);
    expect(await page.title()).toContain(revealHidden(tagged.name));
    expect(await page.locator('.lede').textContent()).toContain(revealHidden(tagged.title!));
    // The description keeps its line break and tab; the tag characters in it are revealed.
    expect(await page.locator('.description').textContent()).toBe(revealHidden(tagged.description, 'text'));
    const params = (await page.locator('table.params').textContent()) ?? '';
    expect(params).toContain('note\\u{E0058}');
    expect(params).toContain('\\u2066 to read\\u2069');
    expect(params).toContain('raw\\u0085\\u009B');
    expect(params).toContain('vs\\uFE0F\\u{E0100}');
    expect(await page.locator('section[aria-labelledby="annotations"]').textContent()).toContain('Notes\\u{E0048}');
    await page.close();

    for (const [start, shown] of [
      ['vs_tool', 'vs_tool\\uFE0F\\uFE01\\u{E0100}\\u{E01EF}'],
      ['c1', 'c1\\u0085\\u009Bname\\u007F'],
      ['nul', 'nul\\u0000cr\\u000Dname'],
    ] as const) {
      const tool = byName(start);
      const p = await open(`/servers/hostile/${tool.slug}/`);
      expect(await p.locator('h1').textContent()).toBe(shown);
      expect(await p.locator('h1 .hidden-char').count()).toBeGreaterThan(0);
      await p.close();
    }

    const server = await open('/servers/hostile/');
    expect(await server.locator('h1').textContent()).toBe(revealHidden(hostile.name));
    expect(await server.locator('h1 .hidden-char').allTextContents()).toEqual(['\\u{E0048}', '\\u{E0049}']);
    await server.close();
  });

  test('search shows each name exactly: an entity stays as written and never becomes a live override', async () => {
    const entity = byName('delete&');
    const page = await open('/search/?q=everything');
    expect(await searchResults(page)).toContain(`/servers/hostile/${entity.slug}/`);
    expect(await page.locator(`[data-search-results] a[href="/servers/hostile/${entity.slug}/"] code`).textContent()).toBe('delete&#95;everything');
    await page.close();

    const rlo = byName('rlo&');
    const second = await open('/search/?q=rlo');
    expect(await searchResults(second)).toContain(`/servers/hostile/${rlo.slug}/`);
    expect(await second.locator(`[data-search-results] a[href="/servers/hostile/${rlo.slug}/"] code`).textContent()).toBe('rlo&#x202E;txt.exe');
    expect(hasHidden((await second.locator('[data-search-results]').textContent()) ?? '', 'text')).toBe(false);
    await second.close();

    const third = await open('/search/?q=notes');
    expect(await searchResults(third)).toContain(`/servers/hostile/${tagged.slug}/`);
    const hit = third.locator('[data-search-results] li', { has: third.locator(`a[href="/servers/hostile/${tagged.slug}/"]`) });
    expect(await hit.locator('code').textContent()).toBe(revealHidden(tagged.name));
    expect(await hit.locator('code .hidden-char').count()).toBe(9);
    expect(await hit.textContent()).toContain(`on ${revealHidden(hostile.name)}`);
    expect(hasHidden((await third.locator('[data-search-results]').textContent()) ?? '', 'text')).toBe(false);
    await third.close();
  });

  test('the policy builder writes every tool under its exact name, NUL and CR included', async () => {
    const page = await open('/servers/hostile/');
    await poll(() => page.locator('[data-builder]').isVisible()).toBe(true);
    await page.getByLabel(/Set every tool shown/).selectOption('deny');
    const text = (await page.locator('#builder-json').textContent())!;
    PolicyLayerSchema.parse(JSON.parse(text));
    // Every tool denied: each is hidden under its exact name, "__proto__" included.
    const policy = JSON.parse(text) as { tools: Record<string, unknown>; hide?: string[] };
    const names = [...new Set(hostile.tools.map((t) => t.name))];
    expect([...(policy.hide ?? [])].sort()).toEqual(names.sort());
    expect(policy.hide).toContain('nul\u0000cr\rname');
    expect(Object.keys(policy.tools)).toEqual([]);
    await page.close();
  });
});

describe('accessibility', () => {
  const paths = ['/', '/servers/', '/servers/kestra/', '/servers/kestra/generate_flow/', '/servers/weather-key/', '/servers/mailbox/', '/search/?q=flow', '/methodology/'];

  test('pages have landmarks, one h1, headings that never skip a level, and named controls', async () => {
    for (const path of paths) {
      const page = await open(path);
      if (path.startsWith('/search/')) expect(await searchDone(page)).toMatch(/found/);
      const report = await page.evaluate(() => {
        const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
        const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1]! + 1);
        const unnamed = [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
          .filter((el) => !el.hidden && el.offsetParent !== null)
          .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim())))
          .map((el) => el.outerHTML.slice(0, 80));
        return {
          h1: levels.filter((l) => l === 1).length,
          skips,
          main: document.querySelectorAll('main').length,
          header: document.querySelectorAll('body > header').length,
          footer: document.querySelectorAll('body > footer').length,
          lang: document.documentElement.lang,
          unnamed,
        };
      });
      expect(report, path).toEqual({ h1: 1, skips: [], main: 1, header: 1, footer: 1, lang: 'en', unnamed: [] });
      await page.close();
    }
  });

  test('the tools table sorts from the keyboard', async () => {
    const page = await open('/servers/kestra/');
    await page.getByRole('button', { name: 'Confidence' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('th[data-sort="confidence"]').getAttribute('aria-sort')).toBe('ascending');
    const values = await page.locator('#tools tbody tr').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset['confidence'])));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await page.close();
  });
});

describe('built files', () => {
  test('the plain writer prints third-party text as Astro does: escaped, hidden characters in marked spans', () => {
    const entry = loadCatalog(FIXTURE_CATALOG).servers.find((s) => s.record.slug === 'hostile')!;
    // The elements where the hostile server's own text is printed, as HTML.
    const parts = (html: string) =>
      ['<h1>[\\s\\S]*?</h1>', '<p class="description">[\\s\\S]*?</p>', '<table class="params">[\\s\\S]*?</table>', '<span aria-current="page">[\\s\\S]*?</span>', '<title>[\\s\\S]*?</title>']
        .map((re) => new RegExp(re).exec(html)?.[0]?.replace(/>\s+</g, '><') ?? null);
    let compared = 0;
    for (const tool of hostile.tools) {
      const astro = readFileSync(join(dir, 'servers/hostile', tool.slug, 'index.html'), 'utf8');
      const want = parts(astro);
      expect(parts(toolPage(entry, tool)), tool.name).toEqual(want);
      compared += want.filter((p) => p !== null).length;
    }
    // Every tool page has a heading, a breadcrumb and a title; most have a description and parameters.
    expect(compared).toBeGreaterThan(hostile.tools.length * 4);
    const astro = readFileSync(join(dir, 'servers/hostile/index.html'), 'utf8');
    expect(parts(serverPage(entry)).slice(0, 1)).toEqual(parts(astro).slice(0, 1));
    expect(parts(astro)[0]).toContain('<span class="hidden-char">');
  });

  test('the plain writer writes a page of a server not listed yet as Astro does', () => {
    const parts = (html: string) =>
      ['<h1>[\\s\\S]*?</h1>', '<pre class="error"[\\s\\S]*?</pre>', '<ul class="inline-list" data-unlisted-needs>[\\s\\S]*?</ul>', '<table class="attempts">[\\s\\S]*?</table>', '<title>[\\s\\S]*?</title>']
        .map((re) => new RegExp(re).exec(html)?.[0]?.replace(/>\s+</g, '><') ?? null);
    for (const entry of loadCatalog(FIXTURE_CATALOG).unlisted) {
      const astro = parts(readFileSync(join(dir, 'servers', entry.slug, 'index.html'), 'utf8'));
      expect(parts(unlistedPage(entry)), entry.slug).toEqual(astro);
      expect(astro[0], entry.slug).not.toBeNull();
    }
  });

  test('every tool of a server appears on its server page and in the builder', () => {
    for (const record of [kestra, hostile, mailbox]) {
      const html = readFileSync(join(dir, 'servers', record.slug, 'index.html'), 'utf8');
      for (const t of record.tools) {
        expect(html, t.name).toContain(`href="/servers/${record.slug}/${t.slug}/"`);
      }
    }
  });

  test('publishes the records, the catalog index, JSON Schemas, a sitemap and a change feed', () => {
    const record = ServerRecordSchema.parse(JSON.parse(readFileSync(join(dir, 'servers/kestra.json'), 'utf8')));
    expect(record).toEqual(kestra);
    const index = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
    expect(index.tools).toBe(kestra.tools.length + hostile.tools.length + mailbox.tools.length);
    expect(index.servers).toBe(3);
    expect(index.unlisted.map((u: { slug: string; cause: string }) => [u.slug, u.cause])).toEqual([
      ['hostile-unlisted', 'crash'],
      ['http-default', 'http-only'],
      ['weather-key', 'credentials'],
    ]);
    const schema = JSON.parse(readFileSync(join(dir, 'schema/policy.json'), 'utf8'));
    expect(schema.properties.tools.type).toBe('object');
    const sitemap = readFileSync(join(dir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/servers/kestra/generate_flow/</loc>');
    expect(sitemap).toContain('/servers/weather-key/</loc>');
    const methodology = readFileSync(join(dir, 'methodology/index.html'), 'utf8');
    const evaluation = JSON.parse(readFileSync(join(FIXTURE_CATALOG, 'eval.json'), 'utf8'));
    const devOriginal = evaluation.sets.find((s: { id: string }) => s.id === 'dev-original');
    expect(methodology).toContain(`${(devOriginal.accuracy * 100).toFixed(1)}%`);
    expect(methodology).toContain('Calibration, out of sample');
    // The dev set's recorded first answers and the word baseline beside the classifier.
    const dev = evaluation.sets.find((s: { id: string }) => s.id === 'dev');
    expect(methodology).toContain(`<td>${(dev.firstMeasure.accuracy * 100).toFixed(1)}% of ${dev.firstMeasure.tools}</td>`);
    expect(methodology).toContain(`<td>${(devOriginal.baseline.accuracy * 100).toFixed(1)}%</td>`);
    expect(methodology).not.toContain('Not measured yet');
    // A set labelled in several draws shows each draw's figure.
    expect(methodology).toContain('seed 20261202, 100.0% of 4 tools (1 server); seed 20261203, 100.0% of 1 tool (1 server)');
    const feed = readFileSync(join(dir, 'changes.xml'), 'utf8');
    expect(feed).toContain('Kestra Python MCP Server: 2 tools added, 1 tool changed');
    expect(feed).not.toContain('<script>');
  });
});
