/**
 * The hostile catalog run: every misbehaving fixture server in test/fixtures/hostile-sources/,
 * crawled at once through the real crawl CLI in its own process, as a user would run it:
 *
 *   npm run crawl -- --sources test/fixtures/hostile-sources --out /tmp/hostile --timeout 5000
 *
 * The crawler's environment holds fake credentials and CI variables, so the server that prints
 * its environment shows whether any of them reached it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { run as validate } from '../../scripts/validate.ts';
import type { ServerRecord } from '../../src/schema.ts';
import { INSIDE } from '../../src/sandbox/index.ts';
import { block, crawlCli, recordIn, type CliRun } from './helpers.ts';

const SOURCES = 'test/fixtures/hostile-sources';
/** Short enough to keep the test quick, long enough for the slow server's one-second answers. */
const TIMEOUT = 3_000;
/**
 * One server may take its start and pages for 4 × the timeout; the rest is the CLI's own start and
 * the ending of process trees, which on a machine busy with other work can take many seconds. A
 * crawl that waited on a hanging server would pass this by far: the bound is what the test is for.
 */
const BOUND = 4 * TIMEOUT + 20_000;

/** Fake secrets of the kinds a crawl machine holds; each value is unique, so any leak is found. */
const canary = (name: string) => `leak-canary-${name.toLowerCase()}-${process.pid}`;
const SECRETS = ['GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'NPM_TOKEN', 'OPENAI_API_KEY', 'CI_JOB_TOKEN', 'DATABASE_URL'];
const CI = { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: canary('repository'), RUNNER_NAME: canary('runner') };

const env = { ...process.env, ...CI, ...Object.fromEntries(SECRETS.map((k) => [k, canary(k)])) };

describe('a crawl of the hostile servers', () => {
  let root: string;
  let out: string;
  let result: CliRun;
  const record = (slug: string): ServerRecord => recordIn(out, slug);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hostile-crawl-'));
    out = join(root, 'servers');
    result = await crawlCli(['--sources', SOURCES, '--out', out, '--timeout', String(TIMEOUT)], { env });
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('ends in bounded time, exits 0 because some servers were crawled, and says how many were not', () => {
    expect(result.wallMs).toBeLessThan(BOUND);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/\n11 servers in [\d.]+ s: 8 live, 0 from snapshots, 3 not crawled\n/);
    expect(result.output).toMatch(/records: 8 added, 0 changed, 0 unchanged, 0 stale, 3 failed/);
  });

  test('writes records that pass npm run validate, and none for the servers that failed', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await validate(['--catalog', root])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(readdirSync(out).sort()).toEqual(
      ['endless-cursor', 'env-dump', 'huge-description', 'malformed-tools', 'many-tools', 'noisy-stdout', 'slow', 'slow-endless'].map((s) => `${s}.json`).sort(),
    );
  });

  test.each([
    ['silent', new RegExp(`error: initialize: timed out after ${TIMEOUT} ms`)],
    ['slower', new RegExp(`error: initialize: timed out after ${TIMEOUT} ms`)],
    ['crash-at-start', /error: initialize: MCP error -32000: Connection closed \(the server exited with code 1\); stderr: Error: MISSING_API_URL is not set; refusing to start at loadConfig/],
  ])('reports why %s could not be crawled', (slug, error) => {
    expect(block(result.output, slug)).toMatch(new RegExp(`failed +- +[\\d.]+ s +failed\\n +${error.source}`));
  });

  test('skips logs and ANSI noise on stdout, counts them and shows none of their escape codes', () => {
    const r = record('noisy-stdout');
    expect(r.tools.map((t) => t.name)).toEqual(['get_weather', 'get_forecast']);
    expect(r.provenance.warnings).toEqual(['skipped 6 non-JSON-RPC line(s) on stdout (first: "✔ noisy-server starting on stdio")']);
    expect(block(result.output, 'noisy-stdout')).not.toContain('\u001b');
  });

  test('lists a slow server in full when each answer comes within the timeout', () => {
    const r = record('slow');
    expect(r.tools.map((t) => t.name)).toEqual(['read_page_1', 'read_page_2', 'read_page_3']);
    expect(r.provenance).toMatchObject({ truncated: false, warnings: [], error: null });
  });

  test('keeps what a server listed when its slow pages never end, once its time is up', () => {
    const r = record('slow-endless');
    // Four timeouts of one-second answers: the start and a few pages, never all of them.
    expect(r.tools.length).toBeGreaterThanOrEqual(2);
    expect(r.tools.length).toBeLessThan((4 * TIMEOUT) / 1000);
    expect(r.provenance.truncated).toBe(true);
    expect(r.provenance.warnings).toEqual([`stopped after ${r.tools.length} pages of tools/list: the time for this server ran out (cap)`]);
  });

  test('stops a nextCursor that never ends at the page cap', () => {
    const r = record('endless-cursor');
    expect(r.tools).toHaveLength(100);
    expect(r.tools.at(-1)?.name).toBe('list_page_100');
    expect(r.provenance).toMatchObject({ truncated: true, warnings: ['stopped after 100 pages of tools/list (page cap)'] });
  });

  test('cuts thousands of tools at the caps and says so', () => {
    const r = record('many-tools');
    expect(r.tools).toHaveLength(2_000);
    expect(r.tools.at(-1)?.name).toBe('get_record_01999');
    expect(r.provenance).toMatchObject({ truncated: true, warnings: ['tool list cut at 5000 tools (cap)', 'only the first 2000 of 5000 tools were kept'] });
    expect(block(result.output, 'many-tools')).toMatch(/live +2000 tools/);
  });

  test('keeps tools with megabytes of description or schema, cut down, with a warning naming each', () => {
    const r = record('huge-description');
    expect(r.tools.map((t) => t.name)).toEqual(['search_archive', 'filter_archive', 'get_archive_status']);
    expect(r.tools[0]!.description).toHaveLength(16_000);
    expect(r.tools[1]!.inputSchema).toEqual({ type: 'object' });
    expect(r.provenance.warnings).toEqual([
      'tool #0 "search_archive": description cut from 5242880 to 16000 characters',
      'tool #1 "filter_archive": input schema over 200000 bytes replaced by an empty object schema',
    ]);
    expect(readFileSync(join(out, 'huge-description.json')).length).toBeLessThan(200_000);
  });

  test('keeps the good tools of a server that lists malformed ones, and names each bad one', () => {
    const r = record('malformed-tools');
    expect(r.tools.map((t) => t.name)).toEqual(['list_items', 'no_schema', 'get_item']);
    expect(r.tools.find((t) => t.name === 'list_items')?.description).toBe('Read the list items.');
    expect(r.provenance.warnings).toMatchInlineSnapshot(`
      [
        "tool #1 skipped: name: Invalid input: expected string, received undefined",
        "tool #2 skipped: name: Too small: expected string to have >=1 characters",
        "tool #3 skipped: name: Invalid input: expected string, received number",
        "tool #4 "no_schema": no inputSchema; recorded as an empty object schema",
        "tool #5 "string_schema" skipped: inputSchema: Invalid input: expected object, received string",
        "tool #6 "array_schema" skipped: inputSchema: Invalid input: expected object, received array",
        "tool #7 "bad_annotations" skipped: annotations.readOnlyHint: Invalid input: expected boolean, received string",
        "tool #8 skipped: (root): Invalid input: expected object, received string",
        "tool #9 skipped: (root): Invalid input: expected object, received null",
        "tool #11 "list_items" skipped: duplicate name",
      ]
    `);
    expect(block(result.output, 'malformed-tools')).toContain('warning: tool #11 "list_items" skipped: duplicate name');
  });

  test('lets a server that prints its environment reveal nothing of the crawler\'s', () => {
    const r = record('env-dump');
    const seen = JSON.parse(r.tools[0]!.description.replace(/^My environment: /, '')) as Record<string, string>;
    // PWD is the sandbox's working folder, its HOME.
    expect(Object.keys(seen).sort()).toEqual(['DO_NOT_TRACK', 'HOME', 'NO_COLOR', 'PATH', 'PWD', 'SERVICE_API_KEY', 'TMPDIR', 'npm_config_update_notifier']);
    expect(seen['SERVICE_API_KEY']).toBe('placeholder');
    expect(seen).toMatchObject({ HOME: INSIDE.home, PWD: INSIDE.home, TMPDIR: INSIDE.tmp });
    // The project's own tools (node_modules/.bin, which npm run puts first) are not the server's.
    expect(seen['PATH']!.split(':').filter((dir) => dir.endsWith('/node_modules/.bin'))).toEqual([]);
    // No canary anywhere: not in any record, not in what the crawler printed.
    const everything = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')).join('\n') + result.output;
    expect(everything).not.toContain('leak-canary');
  });
});
