/**
 * `scan --crawl`: servers of a config that the catalog does not know are started by the real
 * crawler in its real sandbox, their tools judged, reported and written like catalog servers; the
 * user's environment (the scanner's own and the config's `env` values) reaches a server only for
 * the names given to `--pass-env`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/scan.ts';
import { crawlOptions } from '../../src/crawl/index.ts';
import { INSIDE } from '../../src/sandbox/index.ts';
import { formatReport, matchServer, type ConfiguredServer, type ScanCatalog } from '../../src/scan/index.ts';
import { crawlUnknown, scanSource } from '../../src/scan/crawl.ts';
import { readConfigFile } from '../../src/scan/files.ts';
import { fixture } from '../crawl/helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'scan-crawl-'));
const cache = join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A catalog that knows no server, so every configured server is unknown to it. */
const EMPTY: ScanCatalog = { version: '1', generatedAt: '2026-01-01T00:00:00.000Z', servers: [] };
const emptyCatalog = join(work, 'empty-catalog.json');
writeFileSync(emptyCatalog, JSON.stringify(EMPTY));

/** A Claude Code `.mcp.json` of its own folder, naming fixture servers as a user names their own: by command. */
function config(name: string, servers: Record<string, unknown>): string {
  const file = join(work, name, '.mcp.json');
  mkdirSync(join(work, name), { recursive: true });
  writeFileSync(file, JSON.stringify({ mcpServers: servers }, null, 2));
  return file;
}

async function scan(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: work, env, crawl: { cacheDir: cache } });
  return { code, out, err };
}

type Tool = { name: string; effect: string; risk: string; decision: string };
type Server = { name: string; origin: string; catalog: string | null; note: string | null; risk: string | null; tools: Tool[] };

describe('scan --crawl', () => {
  const notes = () => config('notes', { 'my-notes': { command: process.execPath, args: [fixture('scan-notes.ts')] } });

  test('without --crawl, a server the catalog does not know is reported unknown, with no tools', async () => {
    const r = await scan(['--format', 'json', '--catalog', emptyCatalog, notes()]);
    expect(r.code).toBe(0);
    const [server] = JSON.parse(r.out).servers as Server[];
    expect(server).toMatchObject({ name: 'my-notes', origin: 'unknown', catalog: null, risk: null, tools: [] });
    expect(server!.note).toMatch(/^not in the catalog \(command /);
    expect(r.err).not.toMatch(/crawling/);
  });

  test('with --crawl --format json, its tools are listed in the sandbox and judged, marked as crawled here', async () => {
    const r = await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, notes()]);
    expect(r.code).toBe(0);
    // stdout is one JSON document; the progress went to stderr.
    const report = JSON.parse(r.out) as { servers: Server[] };
    const [server] = report.servers;
    expect(server).toMatchObject({ name: 'my-notes', origin: 'crawled', catalog: null, note: 'crawled here, not in the catalog', risk: 'high' });
    expect(Object.fromEntries(server!.tools.map((t) => [t.name, [t.effect, t.decision]]))).toEqual({
      list_notes: ['read', 'allow'],
      update_note: ['write', 'ask'],
      delete_note: ['delete', 'ask'],
    });
    expect(r.err).toMatch(/^\[1\/1\] crawling my-notes…\n\[1\/1\] my-notes: 3 tools in \d+\.\d s\n/);
    // The same report as Markdown names where the tools came from.
    expect(formatReport(JSON.parse(r.out), 'markdown')).toContain('| my-notes | claude-code | crawled here, not in the catalog | high | 1 / 2 / 0 |');
  });

  test('the table, SARIF and written permissions carry the crawled server under the user\'s name', async () => {
    const table = await scan(['--crawl', '--catalog', emptyCatalog, notes()]);
    expect(table.out).toMatch(/^my-notes +claude-code +\(crawled here\) +high +1\/2\/0 +delete_note \(high delete, ask\)/m);
    expect(table.out).toContain('(crawled here)');
    expect(table.out).toContain('note: my-notes: crawled here, not in the catalog');

    const sarif = JSON.parse((await scan(['--crawl', '--format', 'sarif', '--catalog', emptyCatalog, notes()])).out);
    const [result] = sarif.runs[0].results;
    expect(result).toMatchObject({ ruleId: 'mcp-risk/high', properties: { origin: 'crawled' } });
    expect(result.message.text).toMatch(/^my-notes \(crawled here, not in the catalog\): /);

    const out = join(work, 'settings.json');
    const w = await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, '--write', 'claude-code', '--out', out, notes()]);
    expect(w.code).toBe(0);
    const { permissions } = JSON.parse(readFileSync(out, 'utf8'));
    expect(permissions.allow).toEqual(['mcp__my-notes__list_notes']);
    expect([...permissions.ask].sort()).toEqual(['mcp__my-notes__delete_note', 'mcp__my-notes__update_note']);
  });

  test('--lock records a crawled server\'s tools, marked crawled, and a later crawl compares with them', async () => {
    const lock = join(work, 'mcp.lock.json');
    const file = notes();
    expect((await scan(['--crawl', '--catalog', emptyCatalog, '--lock', lock, file])).err).toMatch(/lock: wrote/);
    const written = JSON.parse(readFileSync(lock, 'utf8'));
    expect(written.servers['my-notes'].catalog).toMatch(/^crawled:scan-my-notes-[0-9a-f]{8}$/);
    expect(Object.keys(written.servers['my-notes'].tools)).toEqual(['delete_note', 'list_notes', 'update_note']);
    // A tool the lock remembers differently is drift, found by crawling again.
    written.servers['my-notes'].tools.list_notes.hash = 'sha256:0000000000000000';
    written.servers['my-notes'].tools.list_notes.parts.schema = 'sha256:0000000000000000';
    writeFileSync(lock, JSON.stringify(written));
    const again = await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, '--lock', lock, '--fail-on', 'drift', file]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).drift).toEqual([{ server: 'my-notes', file, added: [], removed: [], changed: [{ tool: 'list_notes', what: ['schema'] }] }]);
  });

  test('a server that cannot be listed stays unknown, and its note says why', async () => {
    const file = config('crash', { broken: { command: process.execPath, args: [fixture('crash-at-start.ts')] } });
    const r = await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, file]);
    expect(r.code).toBe(0);
    const [server] = JSON.parse(r.out).servers as Server[];
    expect(server).toMatchObject({ origin: 'unknown', risk: null, tools: [] });
    expect(server!.note).toMatch(/; not crawled: .*MISSING_API_URL is not set/);
    expect(r.err).toMatch(/\[1\/1\] broken: not listed after \d+\.\d s: /);
  });

  test('a server is started as configured: no placeholder stands in for the key it wants; --pass-env gives it the config\'s', async () => {
    const file = config('acme', { acme: { command: process.execPath, args: [fixture('needs-setup.ts'), 'env'], env: { ACME_API_KEY: 'the-user-key' } } });
    // The catalog's crawler would start it again with a placeholder key and list it; a scan does not.
    const without = JSON.parse((await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, file])).out).servers[0] as Server;
    expect(without).toMatchObject({ origin: 'unknown', tools: [] });
    expect(without.note).toMatch(/not crawled: .*ACME_API_KEY environment variable is required/);
    const given = JSON.parse((await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, '--pass-env', 'ACME_API_KEY', file])).out).servers[0] as Server;
    expect(given).toMatchObject({ origin: 'crawled', note: 'crawled here, not in the catalog' });
    expect(given.tools.map((t) => t.name).sort()).toEqual(['get_project', 'list_projects']);
  });

  test('--help names --crawl, --pass-env and --timeout', async () => {
    const r = await scan(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n  --crawl .*\n  --pass-env NAMES .*\n.*\n  --timeout MS /);
  });

  test('--pass-env refuses names the crawler owns, and needs --crawl', async () => {
    const file = notes();
    expect((await scan(['--crawl', '--pass-env', 'PATH', file])).err).toMatch(/--pass-env PATH: set by the crawler/);
    expect((await scan(['--crawl', '--pass-env', 'A B', file])).code).toBe(2);
    expect((await scan(['--pass-env', 'TOKEN', file])).err).toMatch(/--pass-env and --timeout are for --crawl/);
    expect((await scan(['--crawl', '--timeout', '0', file])).code).toBe(2);
  });
});

describe('the user\'s environment and a crawled server', () => {
  // Canaries: in the config's env and in this very process's environment, which runs the crawler.
  const CANARIES = { SCANNER_SECRET: 'scanner-canary-1', PASSED_FROM_ENV: 'scanner-canary-2', BOTH: 'scanner-canary-3' };
  Object.assign(process.env, CANARIES);
  afterAll(() => {
    for (const name of Object.keys(CANARIES)) delete process.env[name];
  });
  const file = config('env', {
    dump: {
      command: process.execPath,
      args: [fixture('env-dump.ts')],
      env: { CONFIG_SECRET: 'config-canary-1', PASSED_FROM_CONFIG: 'config-canary-2', BOTH: 'config-canary-3' },
    },
  });

  /** What the env-dump server saw, after a scan crawl passing `passEnv`. */
  async function seen(passEnv: string[]) {
    const read = readConfigFile(file, passEnv);
    const matches = read.servers.map((s) => matchServer(s, EMPTY));
    const crawl = crawlOptions({ cacheDir: cache, heal: false });
    const [crawled] = await crawlUnknown(matches, { crawl, passEnv, processEnv: process.env, concurrency: 1 });
    expect(crawled!.match.crawled).toEqual({ ms: expect.any(Number), error: null });
    const description = crawled!.record!.tools[0]!.description;
    return { env: JSON.parse(description.replace(/^My environment: /, '')) as Record<string, string>, description, passed: crawled!.passed };
  }

  test('none of the config\'s env values and none of the scanner\'s reach the server by default', async () => {
    const { env, description } = await seen([]);
    expect(Object.keys(env).sort()).toEqual(['DO_NOT_TRACK', 'HOME', 'NO_COLOR', 'PATH', 'PWD', 'TMPDIR', 'npm_config_update_notifier']);
    expect(env).toMatchObject({ HOME: INSIDE.home, TMPDIR: INSIDE.tmp });
    expect(description).not.toMatch(/canary/);
  });

  test('--pass-env gives exactly the named variables: the config\'s value first, else the scanner\'s', async () => {
    const { env, description, passed } = await seen(['PASSED_FROM_CONFIG', 'PASSED_FROM_ENV', 'BOTH', 'NOWHERE']);
    expect(env).toMatchObject({ PASSED_FROM_CONFIG: 'config-canary-2', PASSED_FROM_ENV: 'scanner-canary-2', BOTH: 'config-canary-3' });
    expect(Object.keys(env)).not.toContain('NOWHERE');
    expect(description).not.toMatch(/config-canary-1|scanner-canary-1|scanner-canary-3/);
    expect(passed).toEqual([
      { name: 'PASSED_FROM_CONFIG', from: 'config' },
      { name: 'PASSED_FROM_ENV', from: 'environment' },
      { name: 'BOTH', from: 'config' },
    ]);
  });

  test('the CLI says which variables it passed and where each value came from, never the value', async () => {
    const r = await scan(['--crawl', '--format', 'json', '--catalog', emptyCatalog, '--pass-env', 'PASSED_FROM_CONFIG,PASSED_FROM_ENV', file], process.env);
    expect(r.code).toBe(0);
    expect(r.err).toContain('crawl: dump was given PASSED_FROM_CONFIG (from the config), PASSED_FROM_ENV (from the scanning environment)');
    expect(r.err + r.out).not.toMatch(/canary/);
  });
});

describe('a config entry as a crawl source', () => {
  const server = (command: string | null, args: string[], url: string | null = null): ConfiguredServer => ({
    name: 'Srv',
    client: 'generic',
    file: '/x/.mcp.json',
    scope: null,
    command,
    args,
    url,
    alwaysAllow: [],
    disabled: false,
    envNames: [],
    line: 1,
  });

  test.each([
    [server('npx', ['-y', '@acme/mcp@1.2.0', '--stdio']), { transport: 'npm', package: '@acme/mcp', version: '1.2.0', args: ['--stdio'] }],
    [server('/opt/bin/my-server', ['--api-key', 'kept-as-configured']), { transport: 'command', command: '/opt/bin/my-server', args: ['--api-key', 'kept-as-configured'] }],
    [server(null, [], 'https://user:pw@mcp.example.com/mcp'), { transport: 'http', url: 'https://mcp.example.com/mcp' }],
  ])('%j becomes %j, with no placeholder environment', (s, fields) => {
    const made = scanSource(s, [], { HOME: '/home/me' });
    if (typeof made === 'string') throw new Error(made);
    expect(made.loaded.source).toMatchObject({ ...fields, env: {} });
    expect(made.loaded.slug).toMatch(/^scan-srv-[0-9a-f]{8}$/);
  });
});
