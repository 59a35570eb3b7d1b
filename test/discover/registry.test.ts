/**
 * `npm run discover -- --registry URL` against a stand-in of the MCP Registry API: a real HTTP
 * server on this machine serving the recorded pages of test/fixtures/registry/ (see its README)
 * by cursor, as the official registry serves them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSources } from '../../src/catalog/sources.ts';
import { discover, filesIn, NOW, tempCatalog } from './helpers.ts';

const page = (name: string) => readFileSync(new URL(`../fixtures/registry/${name}.json`, import.meta.url), 'utf8');

/** What the stand-in serves for one request; `requests` keeps every URL asked for. */
type Mode = (url: URL) => { status?: number; body: string };
const recorded: Mode = (url) => {
  const cursor = url.searchParams.get('cursor');
  if (url.searchParams.has('updated_since')) return { body: page('updated-since') };
  return { body: page(cursor === 'cursor-2' ? 'page-2' : cursor === 'cursor-3' ? 'page-3' : 'page-1') };
};

let server: Server;
let base = '';
let mode: Mode = recorded;
const requests: URL[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push(url);
    if (url.pathname !== '/v0.1/servers') {
      res.writeHead(404).end('{"error":"not found"}');
      return;
    }
    const { status = 200, body } = mode(url);
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const HAND = '---\nname: Hand\ntransport: npm\npackage: hand-mcp\n---\nWritten by hand.\n';
/** A hand-written source of another server that already holds the slug the remote entry would get. */
const SQUATTER = '---\nname: Another remote\ntransport: http\nurl: https://another.example.org/mcp\n---\nA different server.\n';

function fresh(): string {
  mode = recorded;
  requests.length = 0;
  return tempCatalog({ 'sources/hand.md': HAND, 'sources/com-example-remote.md': SQUATTER });
}

describe('npm run discover -- --registry', () => {
  test('follows every page and writes exactly the sources it can start, with safe slugs, naming what it skipped and why', async () => {
    const catalog = fresh();
    const { code, out } = await discover(['--registry', base, '--catalog', catalog]);
    expect(requests.map((u) => [u.searchParams.get('cursor'), u.searchParams.get('version'), u.searchParams.get('limit')])).toEqual([
      [null, 'latest', '100'],
      ['cursor-2', 'latest', '100'],
      ['cursor-3', 'latest', '100'],
    ]);

    const files = filesIn(join(catalog, 'sources'));
    const written = Object.keys(files).filter((f) => f !== 'hand.md' && f !== 'com-example-remote.md');
    const remoteSlug = written.find((f) => f.startsWith('com-example-remote-'));
    const hostileSlug = written.find((f) => f.startsWith('etc-passwd-script-'));
    expect(remoteSlug).toMatch(/^com-example-remote-[0-9a-f]{8}\.md$/);
    expect(hostileSlug).toMatch(/^etc-passwd-script-x+-[0-9a-f]{8}\.md$/);
    expect(hostileSlug!.length).toBeLessThanOrEqual(83);
    expect(written.sort()).toEqual(['acme-weather.md', 'com-boxes-box.md', remoteSlug, hostileSlug, 'net-legacy-sse.md', 'pyco-pytool.md'].sort());
    // The hand-written sources are as they were.
    expect(files['hand.md']).toBe(HAND);
    expect(files['com-example-remote.md']).toBe(SQUATTER);

    const lines = out.split('\n');
    expect(lines[0]).toBe(`${base}: 3 page(s), 11 entries`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '= io.github.gone/server: deleted in the registry',
        `= io.github.hand/hand: already catalogued: ${join(catalog, 'sources/hand.md')}`,
        '= com.dotnet/tool: nothing here can start it: nuget package Dotnet.Mcp (no runtime for nuget packages here); mcpb package https://github.com/dotnet/tool/releases/download/v1/tool.mcpb (no runtime for mcpb packages here)',
        '= io.github.snoop/metadata: nothing here can start it: remote http://169.254.169.254/latest/meta-data (not https); remote https://localhost/sse (not a public host name)',
        `! ${base} page 3, entry 2: server.name: Invalid input: expected string, received undefined`,
      ]),
    );
    expect(lines.at(-1)).toBe('6 written, 0 refreshed, 0 unchanged, 4 skipped, 1 invalid');
    expect(code).toBe(1);

    const { sources, errors } = loadSources(join(catalog, 'sources'));
    expect(errors).toEqual([]);
    const bySlug = Object.fromEntries(sources.map((s) => [s.slug, s]));
    const discovered = (id: string) => ({ via: 'registry', from: base, at: NOW.toISOString(), id });

    // npm is picked over the remote of the same server; the remote is named in the text.
    expect(bySlug['acme-weather']!.source).toMatchObject({
      name: 'Acme Weather',
      transport: 'npm',
      package: '@acme/weather-mcp',
      version: '1.0.0',
      args: ['$HOME/placeholder', '--port=8080', '--api-key=placeholder'],
      env: { ACME_API_KEY: 'placeholder', ACME_REGION: 'eu-west-1' },
      repository: 'https://github.com/acme/weather',
      homepage: 'https://acme.dev/weather',
      vendor: 'acme',
      discovered: discovered('io.github.acme/weather'),
    });
    expect(bySlug['acme-weather']!.about).toContain('Also published as: a streamable HTTP endpoint (https://weather.acme.dev/mcp).');

    expect(bySlug['pyco-pytool']!.source).toMatchObject({
      transport: 'pypi',
      package: 'pytool-mcp',
      version: '0.3.1',
      env: { PYTOOL_BASE_URL: 'https://example.com', LOG_LEVEL: 'info', PYTOOL_TOKEN: 'your-token-here' },
    });
    expect(bySlug['pyco-pytool']!.about).toContain('"LD\\_PRELOAD" cannot be set by a source');

    // The image keeps its own tag; of the docker options only the variable's name is kept.
    expect(bySlug['com-boxes-box']!.source).toMatchObject({ transport: 'oci', package: 'ghcr.io/boxes/box-mcp:2.0.0', args: ['serve'], env: { BOX_TOKEN: 'placeholder' }, runtimeArgs: [] });
    expect(bySlug['com-boxes-box']!.source.version).toBeUndefined();
    expect(bySlug['com-boxes-box']!.about).toContain('left out (a container runs outside the sandbox): "--volume", "--privileged"');

    const remote = bySlug[remoteSlug!.slice(0, -3)]!;
    expect(remote.source).toMatchObject({ name: 'Example Remote', transport: 'http', url: 'https://demo.example.com/mcp', vendor: 'example' });
    expect(remote.about).toContain('expects the header "Authorization" (secret); the crawl sends none');

    // A remote is preferred to a PyPI package.
    expect(bySlug['net-legacy-sse']!.source).toMatchObject({ transport: 'sse', url: 'https://sse.legacy.net/sse' });
    expect(bySlug['net-legacy-sse']!.about).toContain('Also published as: the pypi package legacy-sse.');
  });

  test('turns a hostile entry into safe text: hidden characters shown, markup and links inert, no flag that is not a flag', async () => {
    const catalog = fresh();
    await discover(['--registry', base, '--catalog', catalog]);
    const files = filesIn(join(catalog, 'sources'));
    const [name, text] = Object.entries(files).find(([f]) => f.startsWith('etc-passwd-'))!;
    expect(name).toMatch(/^[a-z0-9][a-z0-9_-]{0,79}\.md$/);
    // Nothing invisible or raw reaches the file: controls and bidirectional characters are escapes.
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u202e]/u);
    const { sources } = loadSources(join(catalog, 'sources'));
    const hostile = sources.find((s) => `${s.slug}.md` === name)!;
    expect(hostile.source.name).toBe('Evil\\u001B[31m Title\\u202E');
    expect(hostile.source.repository).toBeUndefined();
    expect(hostile.source.args).toEqual(['$(whoami)']);
    expect(hostile.about).toContain('\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))');
    expect(hostile.about).toContain('The argument "--x; rm -rf /" is not a flag and was left out.');
    // The registry's own name is kept as it was sent, for the next discovery to recognise.
    expect(hostile.source.discovered?.id).toBe(`../../etc/passwd\u202e\u200b<script>${'x'.repeat(174)}`);
  });

  test('never writes a value the listing marks or names as a secret', async () => {
    const catalog = fresh();
    await discover(['--registry', base, '--catalog', catalog]);
    const all = Object.values(filesIn(join(catalog, 'sources'))).join('\n');
    for (const secret of ['sk-live-0123456789', 'real-looking-secret', '/tmp/evil.so', '/:/host']) expect(all).not.toContain(secret);
  });

  test('remembers the last complete read and next asks only for what changed since: a new version refreshes, a deletion is skipped', async () => {
    const catalog = fresh();
    await discover(['--registry', base, '--catalog', catalog]);
    const state = JSON.parse(readFileSync(join(catalog, 'discover-state.json'), 'utf8'));
    expect(state).toEqual({ registries: { [base]: { lastRunAt: NOW.toISOString() } } });
    const before = readFileSync(join(catalog, 'sources', 'pyco-pytool.md'), 'utf8');

    requests.length = 0;
    const later = new Date('2026-12-02T10:00:00.000Z');
    const { code, out } = await discover(['--registry', base, '--catalog', catalog], later);
    expect(requests.map((u) => u.searchParams.get('updated_since'))).toEqual([NOW.toISOString()]);
    expect(out.split('\n')).toEqual([
      `${base}: 1 page(s), 2 entries updated since ${NOW.toISOString()}`,
      '= io.github.pyco/pytool: deleted in the registry',
      '~ acme-weather: io.github.acme/weather 1.0.0 → 1.1.0',
      '0 written, 1 refreshed, 0 unchanged, 1 skipped, 0 invalid',
    ]);
    expect(code).toBe(0);
    expect(loadSources(join(catalog, 'sources')).sources.find((s) => s.slug === 'acme-weather')!.source).toMatchObject({
      version: '1.1.0',
      args: ['$HOME/placeholder', '--port=8080', '--api-key=placeholder'],
      discovered: { via: 'registry', at: later.toISOString(), id: 'io.github.acme/weather' },
    });
    expect(readFileSync(join(catalog, 'sources', 'pyco-pytool.md'), 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(join(catalog, 'discover-state.json'), 'utf8')).registries[base].lastRunAt).toBe(later.toISOString());

    // --full reads everything again; --updated-since names the date itself.
    requests.length = 0;
    await discover(['--registry', base, '--catalog', catalog, '--full']);
    expect(requests.map((u) => u.searchParams.has('updated_since'))).toEqual([false, false, false]);
    requests.length = 0;
    await discover(['--registry', base, '--catalog', catalog, '--updated-since', '2026-01-01T00:00:00Z']);
    expect(requests.map((u) => u.searchParams.get('updated_since'))).toEqual(['2026-01-01T00:00:00Z']);
  });

  test('names a state file it cannot read and reads nothing from that registry', async () => {
    const catalog = fresh();
    writeFileSync(join(catalog, 'discover-state.json'), '{"registries": {"x": {"lastRunAt": "yesterday"}}}');
    const { code, out } = await discover(['--registry', base, '--catalog', catalog]);
    expect(code).toBe(1);
    expect(out).toContain(`! ${join(catalog, 'discover-state.json')}: registries.x.lastRunAt:`);
    expect(requests).toEqual([]);
  });

  test('ends a walk whose cursor comes back, keeps what it read, and does not move the state on', async () => {
    const catalog = fresh();
    const entry = { server: { name: 'io.github.loop/loop', description: 'Loops.', version: '1.0.0', packages: [{ registryType: 'npm', identifier: 'loop-mcp', version: '1.0.0', transport: { type: 'stdio' } }] } };
    mode = () => ({ body: JSON.stringify({ servers: [entry], metadata: { nextCursor: 'again' } }) });
    const { code, out } = await discover(['--registry', base, '--catalog', catalog]);
    expect(code).toBe(1);
    expect(requests).toHaveLength(2);
    expect(out).toContain('+ loop-loop: io.github.loop/loop');
    expect(out).toContain(`! ${base}: page 2: the cursor "again" came back again; stopped rather than loop`);
    expect(() => readFileSync(join(catalog, 'discover-state.json'))).toThrow(/ENOENT/);
  });

  test('stops at the page cap and at the byte cap, and names an HTTP error and a body that is not a server list', async () => {
    const catalog = fresh();
    let n = 0;
    mode = () => ({ body: JSON.stringify({ servers: [], metadata: { nextCursor: `c${++n}` } }) });
    const capped = await discover(['--registry', base, '--catalog', catalog], NOW, { maxPages: 3 });
    expect(capped.out).toContain(`! ${base}: stopped after 3 pages (the page cap): the list may go on`);
    expect(requests).toHaveLength(3);

    mode = recorded;
    const many = await discover(['--registry', base, '--catalog', catalog], NOW, { maxEntries: 5 });
    expect(many.out).toContain(`! ${base}: stopped after 5 entries (the entry cap): the list may go on`);
    expect(requests.slice(-2).map((u) => u.searchParams.get('cursor'))).toEqual([null, 'cursor-2']);

    const big = await discover(['--registry', base, '--catalog', catalog], NOW, { maxBytes: 1_000 });
    expect(big.out).toMatch(new RegExp(`! ${base}: page 1 \\(.*\\): response over the cap of 1000 bytes`));
    expect(big.out).toContain('0 written');

    mode = () => ({ status: 500, body: '{"error":"down"}' });
    expect((await discover(['--registry', base, '--catalog', catalog])).out).toMatch(/page 1 \(.*\): HTTP 500/);
    mode = () => ({ body: '{"items":[]}' });
    expect((await discover(['--registry', base, '--catalog', catalog])).out).toMatch(/page 1 \(.*\): not a server list: servers:/);
    mode = () => ({ body: 'not json' });
    expect((await discover(['--registry', base, '--catalog', catalog])).out).toMatch(/page 1 \(.*\): Unexpected token/);
  });
});
