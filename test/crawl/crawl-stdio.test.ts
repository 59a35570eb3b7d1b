import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { pagedTools } from '../fixtures/servers/paginated.ts';
import { fixtureSource, names, projectModules, source, withToken, type ToolLike } from './helpers.ts';
import { INSIDE } from '../../src/sandbox/index.ts';

/** How many of the paginated fixture's tools fit in `bytes` of JSON. */
function fitting(bytes: number): number {
  let used = 0;
  return pagedTools(25).filter((t) => (used += JSON.stringify(t).length) <= bytes).length;
}

const opts = (over: Parameters<typeof crawlOptions>[0] = {}) => crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 10_000 }, ...over });

describe('crawlSource over stdio', () => {
  test('returns every tool with every field as the server listed it', async () => {
    const out = await crawlSource(fixtureSource('toolbox', 'toolbox.ts'), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.method).toBe('live');
    expect(out.serverInfo).toMatchObject({ name: 'fixture-toolbox', version: '1.2.3' });
    expect(out.protocolVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(out.truncated).toBe(false);
    expect(out.warnings).toEqual([]);
    expect(names(out.tools)).toEqual(['list_notes', 'get_note', 'delete_note', 'purge_all', 'mystery', 'summarize_notes']);
    const byName = new Map((out.tools as ToolLike[]).map((t) => [t.name, t]));
    expect(byName.get('list_notes')?.['annotations']).toEqual({ readOnlyHint: true });
    expect(byName.get('purge_all')?.['annotations']).toEqual({ destructiveHint: true, idempotentHint: true });
    expect(byName.get('mystery')).not.toHaveProperty('description');
    expect(byName.get('summarize_notes')).toMatchObject({
      title: 'Summarize notes',
      outputSchema: { type: 'object', properties: { summary: { type: 'string' } } },
      annotations: { title: 'Summarize', readOnlyHint: true },
      _meta: { 'example.com/tier': 'free' },
      inputSchema: { properties: { query: { type: 'string', description: 'What to look for' } } },
    });
  });

  test('follows nextCursor to the last page', async () => {
    const out = await crawlSource(fixtureSource('paged', 'paginated.ts', { args: ['25', '10'] }), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.tools).toHaveLength(25);
    expect(names(out.tools).at(-1)).toBe('tool_024');
    expect(out.truncated).toBe(false);
  });

  test('stops at a repeated cursor and marks the list truncated', async () => {
    const out = await crawlSource(fixtureSource('loop', 'paginated.ts', { args: ['25', '10', 'loop'] }), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.truncated).toBe(true);
    expect(out.warnings.join()).toMatch(/repeated the cursor "10"/);
    expect(out.tools.length).toBeLessThanOrEqual(40);
  });

  test.each([
    ['pages', { pages: 2 }, 20, /2 pages/],
    ['tools', { tools: 15 }, 15, /15 tools/],
    ['bytes', { bytes: 1_000 }, fitting(1_000), /1000 bytes/],
  ] as const)('cuts the list at the %s cap', async (_cap, caps, kept, warning) => {
    const out = await crawlSource(fixtureSource('capped', 'paginated.ts', { args: ['25', '10'] }), opts({ caps }));
    if (!out.ok) throw new Error(out.error);
    expect(out.tools).toHaveLength(kept);
    expect(out.truncated).toBe(true);
    expect(out.warnings.join()).toMatch(warning);
  });

  test('gives the child a minimal environment and a private HOME, its host folder deleted afterwards', async () => {
    process.env['CRAWLER_TEST_SECRET_TOKEN'] = 'do-not-leak';
    try {
      const out = await crawlSource(fixtureSource('env', 'env-echo.ts', { env: { SERVICE_API_KEY: 'placeholder' } }), opts());
      if (!out.ok) throw new Error(out.error);
      const seen = JSON.parse((out.tools as ToolLike[])[0]!.description!) as { env: string[]; home: string; cwd: string };
      expect(seen.env).not.toContain('CRAWLER_TEST_SECRET_TOKEN');
      // PWD is the sandbox's working folder, set as it starts the server there.
      expect(seen.env.filter((k) => !['PATH', 'HOME', 'TMPDIR', 'PWD', 'NO_COLOR', 'DO_NOT_TRACK', 'npm_config_update_notifier', 'SERVICE_API_KEY'].includes(k))).toEqual([]);
      expect(seen.env).toEqual(expect.arrayContaining(['PATH', 'HOME', 'SERVICE_API_KEY']));
      expect(seen.home).toBe(INSIDE.home);
      expect(seen.cwd).toBe(seen.home);
      expect(readdirSync(tmpdir()).filter((f) => f.startsWith('mcp-crawl-env-'))).toEqual([]);
      expect(out.warnings.join()).toMatch(/skipped 2 non-JSON-RPC line\(s\) on stdout \(first: "env-echo starting up"\)/);
    } finally {
      delete process.env['CRAWLER_TEST_SECRET_TOKEN'];
    }
  });

  test('gives every crawl the same HOME path inside its sandbox, so descriptions that print it stay the same, and concurrent crawls their own folders', async () => {
    const seen = async (out: Awaited<ReturnType<typeof crawlSource>>) => {
      if (!out.ok) throw new Error(out.error);
      return JSON.parse((out.tools as ToolLike[])[0]!.description!) as { home: string; file: { content: string } | null };
    };
    const first = await seen(await crawlSource(fixtureSource('same-home', 'env-echo.ts'), opts()));
    expect(first.home).toBe(INSIDE.home);
    // Two at once, each writing its own placeholder file at the same path inside: neither sees the other's.
    const both = await Promise.all(
      ['one', 'two'].map(async (v) =>
        seen(await crawlSource(fixtureSource('same-home', 'env-echo.ts', { env: { PLACEHOLDER_FILE: '$HOME/key' }, files: { key: v } }), opts())),
      ),
    );
    expect(both.map((s) => [s.home, s.file?.content])).toEqual([
      [INSIDE.home, 'one'],
      [INSIDE.home, 'two'],
    ]);
  });

  test('writes placeholder files into the private HOME and expands $HOME in env and args', async () => {
    const loaded = fixtureSource('files', 'env-echo.ts', {
      args: ['--config', '$HOME/.config/app'],
      env: { PLACEHOLDER_FILE: '$HOME/.config/app/key.json' },
      files: { '.config/app/key.json': '{"client_id":"placeholder"}' },
    });
    const out = await crawlSource(loaded, opts());
    if (!out.ok) throw new Error(out.error);
    const seen = JSON.parse((out.tools as ToolLike[])[0]!.description!) as { home: string; argv: string[]; file: { path: string; content: string } };
    expect(seen.argv).toEqual(['--config', `${seen.home}/.config/app`]);
    expect(seen.file).toEqual({ path: `${seen.home}/.config/app/key.json`, content: '{"client_id":"placeholder"}' });
  });

  test('expands $CATALOG in the command and args, so sources can name programs beside the catalog', async () => {
    const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
    const loaded = source('catalog-var', { transport: 'command', command: '$CATALOG/../../node_modules/.bin/node', args: ['$CATALOG/servers/env-echo.ts', '--data', '$CATALOG/data'], paths: [projectModules] }, fixtures);
    const out = await crawlSource(loaded, opts());
    if (!out.ok) throw new Error(out.error);
    const seen = JSON.parse((out.tools as ToolLike[])[0]!.description!) as { argv: string[] };
    expect(seen.argv).toEqual(['--data', join(fixtures, 'data')]);
  });

  test('ends the whole process tree, escaped daemons included', async () => {
    const token = `tree-${process.pid}-${Date.now()}`;
    const out = await crawlSource(fixtureSource('tree', 'spawns-grandchild.ts', { args: [token] }), opts());
    if (!out.ok) throw new Error(out.error);
    // The pids it reports are its sandbox's own; on the host its children are found by the token they carry.
    const { pids } = JSON.parse((out.tools as ToolLike[])[0]!.description!) as { pids: number[] };
    expect(pids).toHaveLength(3);
    expect(withToken(token)).toEqual([]);
  });

  test('ends a server that never answers within the step timeout', async () => {
    const started = Date.now();
    const out = await crawlSource(fixtureSource('silent', 'silent.ts'), opts({ timeouts: { step: 1_000 } }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatch(/^initialize: .*timed out after 1000 ms/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  test('lists a slow server in full when every answer comes within the step timeout', async () => {
    const out = await crawlSource(fixtureSource('slow', 'slow.ts', { args: ['300', '3'] }), opts({ timeouts: { step: 2_000 } }));
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(['read_page_1', 'read_page_2', 'read_page_3']);
    expect(out).toMatchObject({ truncated: false, warnings: [] });
  });

  test('keeps the pages listed when a server\'s time runs out with pages still coming', async () => {
    const started = Date.now();
    // A step long enough for a start on a loaded machine; the session ends long before the pages do.
    const out = await crawlSource(fixtureSource('slow-endless', 'slow.ts', { args: ['200', 'endless'] }), opts({ timeouts: { step: 2_500, session: 3_000 } }));
    if (!out.ok) throw new Error(out.error);
    expect(out.tools.length).toBeGreaterThanOrEqual(1);
    expect(out.tools.length).toBeLessThan(3_000 / 200);
    expect(out.truncated).toBe(true);
    expect(out.warnings).toEqual([`stopped after ${out.tools.length} pages of tools/list: the time for this server ran out (cap)`]);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  test('fails when a server\'s time runs out before its first page', async () => {
    const out = await crawlSource(fixtureSource('too-slow', 'slow.ts', { args: ['700', '3'] }), opts({ timeouts: { step: 5_000, session: 1_000 } }));
    // Usually page 1 is cut; on a loaded machine the start alone may use up the time.
    expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/^(initialize|tools\/list page 1): the overall time for this server ran out/) });
  });

  describe('when the live crawl fails', () => {
    const dir = new URL('../fixtures/servers/catalog', import.meta.url).pathname;

    test('falls back to the snapshot and says why', async () => {
      const loaded = source('gone', { transport: 'command', command: 'no-such-command-here', snapshot: 'snapshots/tiny.json' }, dir);
      const out = await crawlSource(loaded, opts());
      if (!out.ok) throw new Error(out.error);
      expect(out.method).toBe('snapshot');
      expect(names(out.tools)).toEqual(['read_thing', 'erase_thing']);
      expect(out.serverInfo).toEqual({ name: 'tiny', version: '0.1.0' });
      expect(out.snapshotSource).toBe('recorded by hand for the crawler tests');
      expect(out.warnings).toEqual([expect.stringMatching(/^live crawl failed, tools from the snapshot: .*cannot start no-such-command-here: not found on the PATH/)]);
    });

    test('fails with the reason when there is no snapshot', async () => {
      const out = await crawlSource(source('gone', { transport: 'command', command: 'no-such-command-here' }, dir), opts());
      expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/not found on the PATH/) });
    });

    test('reports how the server died', async () => {
      const loaded = source('crash', { transport: 'command', command: process.execPath, args: ['-e', 'console.error("boom: missing config"); process.exit(3)'] });
      const out = await crawlSource(loaded, opts());
      expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/exited with code 3.*stderr: boom: missing config/) });
    });
  });
});

afterEach(() => {
  // Every test ends what it started: no crawler child may survive a test.
  expect(process.listenerCount('exit')).toBeLessThan(20);
});
