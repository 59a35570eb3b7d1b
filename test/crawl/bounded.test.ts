/**
 * The bounded catalog run: fixture servers that send what no cap-less crawler survives, crawled
 * at once through the real crawl CLI in its own process, as a user would run it:
 *
 *   npm run crawl -- --sources test/fixtures/bounded-sources --out /tmp/bounded --timeout 30000
 *
 * and an ordinary server beside them whose record must be written whatever the others do. The
 * HTTP servers whose bodies never end are crawled in-process, with the hosts counting what they
 * sent. The record with lone surrogates then goes through one real site build (Astro and Pagefind).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/catalog/record.ts';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { MAX_CURSOR_CHARS, MAX_SERVER_MESSAGES } from '../../src/crawl/session.ts';
import { ChildStdioTransport, MAX_LINE_BYTES, MAX_QUEUED_BYTES } from '../../src/crawl/stdio-transport.ts';
import type { ServerRecord } from '../../src/schema.ts';
import { buildSite, FIXTURE_CATALOG, removeSite } from '../browser/site.ts';
import { serveEndlessHttp, serveEndlessSse, type EndlessHost } from '../fixtures/servers/endless-http.ts';
import { alive, block, crawlCli, fixture, recordIn, source, type CliRun } from './helpers.ts';

const SOURCES = 'test/fixtures/bounded-sources';
/** Long enough that a server ended by a cap is never mistaken for one that ran out of time. */
const TIMEOUT = 30_000;

/** The bounded sources crawled through the CLI, which reports its own peak memory on exit. */
const crawlBounded = (out: string, extra: string[] = []): Promise<CliRun> =>
  crawlCli(['--sources', SOURCES, '--out', out, '--timeout', String(TIMEOUT), ...extra], { node: ['--import', './test/fixtures/report-max-rss.mjs'] });

describe('a crawl of servers that test the caps', () => {
  let root: string;
  let out: string;
  let result: CliRun;
  const record = (slug: string): ServerRecord => recordIn(out, slug);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bounded-crawl-'));
    out = join(root, 'servers');
    // A folder where one record file would go: writing that record fails, and only that one.
    mkdirSync(join(out, 'unwritable.json'), { recursive: true });
    result = await crawlBounded(out);
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('finishes the run and writes every other server\'s record, failing only the flood, the endless line and the unwritable record', () => {
    expect(result.code).toBe(0);
    expect(result.output).not.toMatch(/RangeError|Maximum call stack/);
    expect(result.output).toMatch(/\n8 servers in [\d.]+ s: 5 live, 0 from snapshots, 3 not crawled\n/);
    expect(result.output).toMatch(/records: 5 added, 0 changed, 0 unchanged, 0 stale, 3 failed/);
    expect(readdirSync(out).sort()).toEqual(['deep-schemas', 'huge-cursor', 'inflating-schema', 'lone-surrogates', 'plain-neighbour', 'unwritable'].map((s) => `${s}.json`));
    expect(block(result.output, 'unwritable')).toMatch(/failed +- +[\d.]+ s +failed\n +error: record not written: EISDIR/);
    expect(record('plain-neighbour').tools.map((t) => t.name)).toEqual(['get_weather', 'list_cities']);
  });

  test('keeps 20 tools with schemas nested 4,000 levels, each with an empty schema and a warning naming it', () => {
    const r = record('deep-schemas');
    expect(r.tools).toHaveLength(21);
    expect(r.tools.slice(0, 20).every((t) => JSON.stringify(t.inputSchema) === '{"type":"object"}')).toBe(true);
    expect(r.provenance.truncated).toBe(true);
    expect(r.provenance.warnings).toEqual(
      Array.from({ length: 20 }, (_, i) => `tool #${i} "deep_tool_${String(i).padStart(2, '0')}": input schema nested deeper than ${MAX_JSON_DEPTH} levels replaced by an empty object schema`),
    );
    expect(block(result.output, 'deep-schemas')).toContain(`warning: tool #0 "deep_tool_00": input schema nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(statSync(join(out, 'deep-schemas.json')).size).toBeLessThan(200_000);
  });

  test('writes a record of sane size for schemas that grow huge once indented', () => {
    const r = record('inflating-schema');
    expect(r.tools.map((t) => t.name)).toEqual(['nested_filter', 'wide_filter', 'get_filter']);
    expect(r.provenance.warnings).toEqual([
      `tool #0 "nested_filter": input schema nested deeper than ${MAX_JSON_DEPTH} levels replaced by an empty object schema`,
      'tool #1 "wide_filter": input schema over 200000 bytes replaced by an empty object schema',
    ]);
    expect(statSync(join(out, 'inflating-schema.json')).size).toBeLessThan(100_000);
  });

  test('ends a server-to-client request flood at the message cap, with an error naming it', () => {
    expect(block(result.output, 'request-flood')).toMatch(
      new RegExp(`failed +- +[\\d.]+ s +failed\\n +error: (initialize|tools/list page 1): the server sent more than ${MAX_SERVER_MESSAGES} requests and notifications of its own \\(cap\\)`),
    );
  });

  test('holds the crawler\'s memory down through a flood of 50,000 requests of a kilobyte each', async () => {
    // Alone, so the peak is the flood's: about 130 MB here, where answering every request took 390 MB.
    const flood = await crawlBounded(join(root, 'flood'), ['--only', 'request-flood']);
    const peak = Number(/max-rss-kB (\d+)/.exec(flood.output)?.[1]);
    expect(flood.output).toContain(`more than ${MAX_SERVER_MESSAGES} requests and notifications of its own (cap)`);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(250 * 1024);
  }, 180_000);

  test('ends a reply line that never ends at the line cap, with an error naming it', () => {
    // The fixture answers the first request it reads: the era probe's server/discover, or initialize
    // when the two arrive apart. Either way the step is named, and the cap, not "Connection closed".
    expect(block(result.output, 'endless-line')).toMatch(
      new RegExp(`failed +- +[\\d.]+ s +failed\\n +error: (initialize|server/discover): a line on stdout exceeded ${MAX_LINE_BYTES} bytes`),
    );
  });

  test('stops at a nextCursor of megabytes with a warning, keeping the page before it', () => {
    const r = record('huge-cursor');
    expect(r.tools.map((t) => t.name)).toEqual(['list_first']);
    expect(r.provenance).toMatchObject({
      truncated: true,
      warnings: [`tools/list gave a nextCursor of ${5 * 1024 * 1024} characters on page 1 (over ${MAX_CURSOR_CHARS}): stopped there`],
    });
  });

  test('writes well-formed text for lone surrogates anywhere in a tool, and cuts a description between code points', () => {
    const text = readFileSync(join(out, 'lone-surrogates.json'), 'utf8');
    expect(text).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    const r = record('lone-surrogates');
    expect(JSON.stringify(r).isWellFormed()).toBe(true);
    const [get, list] = r.tools;
    expect(get).toMatchObject({ name: 'get_\ufffdrecord', title: 'Get a record \ufffd', description: 'Read a record by id \ufffd.', annotations: { title: 'Record \ufffd reader' } });
    expect(get!.inputSchema).toEqual({ type: 'object', properties: { 'id\ufffd': { type: 'string', description: 'The \ufffd id.', enum: ['a\ufffd', 'b'], default: '\ufffd' } } });
    expect(list!.description).toBe('x'.repeat(15_999));
    expect(r.provenance.serverInfo?.name).toBe('fixture-lone-\ufffdsurrogates');
  });

  test('builds the site with a record holding lone surrogates, the crawled one and a hand-written one', () => {
    // The crawled record, and a copy written as if by hand, with the lone surrogates left in.
    const catalog = join(root, 'catalog');
    cpSync(FIXTURE_CATALOG, catalog, { recursive: true });
    cpSync(join(out, 'lone-surrogates.json'), join(catalog, 'servers/lone-surrogates.json'));
    const raw = readFileSync(join(out, 'lone-surrogates.json'), 'utf8').replaceAll('\ufffd', '\\ud800').replace('"slug": "lone-surrogates"', '"slug": "raw-surrogates"');
    writeFileSync(join(catalog, 'servers/raw-surrogates.json'), raw);
    expect(raw).toContain('get_\\ud800record');
    const site = buildSite(catalog);
    try {
      const page = readFileSync(join(site, 'servers/raw-surrogates/index.html'), 'utf8');
      // A lone surrogate the record still holds is shown as its escape, marked; the page itself is well-formed.
      expect(page).toContain('<code>get_<span class="hidden-char">\\uD800</span>record</code>');
      expect(page.isWellFormed()).toBe(true);
      expect(readdirSync(join(site, 'pagefind')).length).toBeGreaterThan(0);
    } finally {
      removeSite(site);
    }
  }, 300_000);
});

describe('HTTP bodies that never end', () => {
  const hosts: EndlessHost[] = [];
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
  });
  const opts = crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 60_000 } });
  /** The cap on one body: twice the cap on tool JSON. */
  const cap = 2 * opts.caps.bytes;

  test.each([
    ['a streamable HTTP answer', 'http', serveEndlessHttp],
    ['a legacy SSE event stream', 'sse', serveEndlessSse],
  ] as const)('ends %s at the byte cap with an error naming it, and stops reading', async (_, transport, serve) => {
    const host = await serve();
    hosts.push(host);
    const outcome = await crawlSource(source(`endless-${transport}`, { transport, url: host.url }), opts);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`^initialize: response body exceeded ${cap} bytes`)) });
    // The client hung up: the host wrote the cap and what the socket buffers held, then no more.
    await host.hungUp;
    const written = host.written();
    expect(written).toBeGreaterThan(cap);
    expect(written).toBeLessThan(cap + 16 * 1024 * 1024);
  }, 120_000);
});

describe('a server that never reads its stdin', () => {
  test('makes a send fail once more than the queue cap waits unread, and the process is ended', async () => {
    const home = mkdtempSync(join(tmpdir(), 'deaf-home-'));
    const transport = new ChildStdioTransport({ command: process.execPath, args: [fixture('deaf.ts')], env: { PATH: process.env['PATH'] ?? '' }, cwd: home, home });
    const errors: Error[] = [];
    transport.onerror = (e) => errors.push(e);
    await transport.start();
    const pid = transport.pid!;
    const padding = 'x'.repeat(100_000);
    let sent = 0;
    let refused: unknown = null;
    // Each message is 100 kB: the pipe takes some, the rest waits in our queue until the cap.
    while (refused === null && sent < 100) {
      await transport.send({ jsonrpc: '2.0', method: 'notifications/message', params: { padding } }).then(
        () => sent++,
        (e: unknown) => (refused = e),
      );
    }
    expect(String(refused)).toBe(`Error: the server left more than ${MAX_QUEUED_BYTES} bytes unread on its stdin`);
    expect(errors.map(String)).toEqual([String(refused)]);
    expect(sent * 100_000).toBeGreaterThan(MAX_QUEUED_BYTES);
    expect(sent * 100_000).toBeLessThan(MAX_QUEUED_BYTES + 1024 * 1024);
    await transport.close();
    expect(alive(pid)).toBe(false);
    rmSync(home, { recursive: true, force: true });
  });
});
