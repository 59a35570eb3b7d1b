/**
 * The sandbox, attacked as a hostile server would attack it. Each fixture server tries one class
 * of attack (read secrets and files, forge records and poison the cache, signal the crawler, leave
 * daemons behind, grab memory or processes, reach the network) and reports how far it got in its
 * tool description, which the crawler records. The crawl runs through the real CLI, with
 * credential canaries in its own environment, exactly as a CI job holding a write token would.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRecord } from '../../src/catalog/store.ts';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { findSandbox } from '../../src/sandbox/index.ts';
import { crawlCli, fixture, fixtureSource, projectModules, source, withToken, type ToolLike } from './helpers.ts';

const canary = (name: string) => `sandbox-canary-${name.toLowerCase()}-${process.pid}`;
const SECRETS = ['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'NPM_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

const front = (fields: Record<string, unknown>) => `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n---\n`;
const node = process.execPath;

/** The JSON a fixture put in its one tool's description. */
const reportOf = (tools: unknown[]): Record<string, unknown> => JSON.parse((tools as ToolLike[])[0]!.description!) as Record<string, unknown>;

test('bubblewrap is here (npm test installs it), so nothing below is skipped', () => {
  expect(findSandbox()).toMatchObject({ ok: true });
});

describe('a crawl of hostile servers through the CLI, inside the sandbox', () => {
  let root: string;
  let out: string;
  let cache: string;
  let output = '';
  let exitCode: number | null = null;
  let cliPid = 0;
  const token = `daemon-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
    out = join(root, 'catalog', 'servers');
    cache = join(root, 'cache');
    const sources = join(root, 'catalog', 'sources');
    mkdirSync(sources, { recursive: true });
    mkdirSync(out, { recursive: true });
    mkdirSync(join(cache, 'npm', 'victim'), { recursive: true });
    const command = (file: string, ...args: string[]) => ({ transport: 'command', command: node, args: [fixture(file), ...args] });
    writeFileSync(join(sources, 'snoop.md'), front({ name: 'Snoop', ...command('snoop.ts'), env: { REAL_HOME_GUESS: process.env['HOME'] ?? '/root' } }));
    writeFileSync(join(sources, 'forger.md'), front({ name: 'Forger', ...command('forger.ts'), env: { TARGET_OUT: out, TARGET_CACHE: cache } }));
    // The test runner's own pids, as a server that guessed them would aim at them.
    writeFileSync(join(sources, 'parent-killer.md'), front({ name: 'Parent killer', ...command('parent-killer.ts'), env: { TARGET_PIDS: `${process.pid},${process.ppid}` } }));
    writeFileSync(join(sources, 'daemon.md'), front({ name: 'Daemon', ...command('daemon.ts', token) }));
    writeFileSync(join(sources, 'victim.md'), front({ name: 'Victim', ...command('toolbox.ts'), paths: [projectModules] }));

    const env = { ...process.env, ...Object.fromEntries(SECRETS.map((k) => [k, canary(k)])) };
    const run = await crawlCli(['--sources', sources, '--out', out, '--cache', cache, '--timeout', '20000'], { env });
    ({ output, code: exitCode, pid: cliPid } = run);
  });

  afterAll(() => {
    for (const pid of withToken(token)) process.kill(pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  test('finishes every server, the crawler untouched by a server that signals it', () => {
    expect(exitCode).toBe(0);
    expect(output).toMatch(/5 servers in .*: 5 live/);
    const killer = reportOf(readRecord(out, 'parent-killer')!.tools);
    // Inside its own PID namespace the server's parent is the sandbox's init, and no crawler process is visible.
    expect(killer['ppid']).toBe(1);
    const signalled = killer['signalled'] as string[];
    expect(signalled.filter((s) => s.includes('guessed'))).toHaveLength(4);
    // Our pids do not exist in its namespace; nothing it could see was ours.
    expect(signalled.filter((s) => !/refused: ESRCH$/.test(s))).toEqual([]);
  });

  test('lets a server see no secret, no other process and none of our files', () => {
    const seen = reportOf(readRecord(out, 'snoop')!.tools) as { visiblePids: string[]; found: Record<string, string> };
    // Only the sandbox's own init is there besides the server.
    expect(seen.visiblePids).toEqual(['1']);
    const readable = Object.entries(seen.found).filter(([, v]) => !v.startsWith('unreadable'));
    expect(readable.map(([k]) => k).sort()).toEqual(['cmdline 1', 'environ 1', 'parent cmdline', 'parent environ', 'passwd'].sort());
    expect(seen.found['passwd']).toMatch(/^root:x:0:0:root:\/root:\/usr\/sbin\/nologin\nmcp:x:65534/);
    // The sandbox's init is bubblewrap, whose arguments came on a descriptor: no host path, no value in sight.
    expect(seen.found['cmdline 1']).toBe(`/usr/bin/bwrap --args 3 -- ${node} ${fixture('snoop.ts')} `);
    expect(seen.found['environ 1']).toMatch(/^PATH=\/usr\/bin:\/bin (PWD=\/ )?$/);
    expect(seen.found['checkout .git/config']).toBe('unreadable: ENOENT');
    expect(seen.found['shadow']).toBe('unreadable: ENOENT');
  });

  test('writes no canary anywhere: not in a record, not in the output', () => {
    const everything = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')).join('\n') + output;
    for (const key of SECRETS) expect(everything).not.toContain(canary(key));
  });

  test('keeps a server from forging another record or poisoning another install', () => {
    const attempts = reportOf(readRecord(out, 'forger')!.tools);
    // The catalog's folder does not exist inside; the cache path, if made, lands in the server's private /tmp.
    expect(attempts).toMatchObject({ record: 'refused: ENOENT', 'own script folder': 'refused: EROFS', home: 'written' });
    expect(readRecord(out, 'victim')?.tools.map((t) => t.name)).toContain('delete_note');
    expect(readdirSync(join(cache, 'npm', 'victim'))).toEqual([]);
    expect(existsSync(fixture('forger-was-here.txt'))).toBe(false);
  });

  test('leaves no process behind, daemons that changed or dropped HOME included, and no folder or control group', () => {
    expect(output).toMatch(/daemon +live/);
    expect(withToken(token)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((f) => /^mcp-crawl-(snoop|forger|parent-killer|daemon|victim)-/.test(f))).toEqual([]);
    // Groups are named after the server and the crawl's pid.
    for (const hierarchy of ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/unified', '/sys/fs/cgroup']) {
      if (existsSync(hierarchy)) expect(readdirSync(hierarchy).filter((f) => f.includes(`-${cliPid}-`))).toEqual([]);
    }
  });

  test('says in each record that the server ran sandboxed, without network', () => {
    expect(readRecord(out, 'snoop')?.provenance.sandbox).toMatchObject({ sandbox: 'bubblewrap', network: false, limits: expect.arrayContaining(['memory', 'cpu']) });
  });
});

describe('a crawl on a machine without bubblewrap', () => {
  test('refuses to start any server, says how to get the sandbox, and starts them with --no-sandbox, loudly', async () => {
    const root = mkdtempSync(join(tmpdir(), 'no-bwrap-'));
    try {
      mkdirSync(join(root, 'sources'));
      writeFileSync(join(root, 'sources', 'plain.md'), front({ name: 'Plain', transport: 'command', command: node, args: [fixture('many-tools.ts'), '3'] }));
      const cli = (...extra: string[]) =>
        crawlCli(['--sources', join(root, 'sources'), '--out', join(root, 'servers'), ...extra], { env: { ...process.env, MCP_CATALOG_BWRAP: '/nonexistent/bwrap' } });
      const refused = await cli();
      expect(refused.code).toBe(2);
      expect(refused.output).toMatch(/cannot crawl: bubblewrap \(bwrap\) is not installed\. Install bubblewrap \(Debian\/Ubuntu: apt-get install bubblewrap.*or pass --no-sandbox/);
      expect(existsSync(join(root, 'servers', 'plain.json'))).toBe(false);
      const unsafe = await cli('--no-sandbox');
      expect(unsafe.code).toBe(0);
      expect(unsafe.output).toContain('!!! --no-sandbox: servers run WITHOUT isolation');
      expect(readRecord(join(root, 'servers'), 'plain')?.provenance.sandbox).toEqual({ sandbox: 'none', network: true, limits: [] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the sandbox\'s limits and network', () => {
  let listener: Server;
  let port = 0;
  beforeAll(async () => {
    listener = createServer((s) => s.end());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    port = (listener.address() as { port: number }).port;
  });
  afterAll(() => listener.close());

  test('gives a server no network unless its source opts in, and says so in the outcome', async () => {
    const closed = await crawlSource(fixtureSource('net', 'net-probe.ts', { args: ['127.0.0.1', String(port)] }), crawlOptions());
    if (!closed.ok) throw new Error(closed.error);
    expect(reportOf(closed.tools)).toMatchObject({ tcp: 'ECONNREFUSED' });
    expect(reportOf(closed.tools)['dns']).not.toBe('resolved');
    const open = await crawlSource(fixtureSource('net', 'net-probe.ts', { args: ['127.0.0.1', String(port)], network: true }), crawlOptions());
    if (!open.ok) throw new Error(open.error);
    expect(reportOf(open.tools)).toMatchObject({ tcp: 'connected' });
    expect(open.isolation).toMatchObject({ network: true });
  });

  test('caps the memory of a server process', async () => {
    const out = await crawlSource(fixtureSource('hog', 'resource-hog.ts', { args: ['memory'] }), crawlOptions({ limits: { memoryBytes: 768 * 1024 ** 2 } }));
    if (!out.ok) throw new Error(out.error);
    const report = reportOf(out.tools) as { megabytes: number; error: string | null };
    expect(report.error).not.toBeNull();
    expect(report.megabytes).toBeLessThan(768);
  });

  test('caps the processes of a server\'s tree where a control group can be made', async () => {
    const opts = crawlOptions({ limits: { processes: 40 } });
    const out = await crawlSource(fixtureSource('forks', 'resource-hog.ts', { args: ['processes'] }), opts);
    if (!out.ok) throw new Error(out.error);
    if (!out.isolation?.limits.includes('processes')) {
      // No writable control group on this machine: the record says the cap did not hold.
      expect(out.isolation?.limits).not.toContain('processes');
      return;
    }
    const report = reportOf(out.tools) as { started: number; refused: string | null };
    expect(report.refused).toBe('EAGAIN');
    expect(report.started).toBeLessThan(40);
  });
});

describe('local files the crawler writes and reads', () => {
  test('follows no link planted where a server\'s folder used to be predictable', async () => {
    const target = mkdtempSync(join(tmpdir(), 'planted-target-'));
    writeFileSync(join(target, 'keep.txt'), 'precious');
    const planted = join(tmpdir(), 'mcp-crawl-home');
    mkdirSync(planted, { recursive: true });
    const links = [join(planted, 'plant'), join(planted, 'plant.lock')];
    for (const link of links) {
      rmSync(link, { force: true, recursive: true });
      symlinkSync(target, link);
    }
    try {
      const out = await crawlSource(fixtureSource('plant', 'env-echo.ts'), crawlOptions());
      expect(out.ok).toBe(true);
      expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('precious');
      expect(readdirSync(target)).toEqual(['keep.txt']);
    } finally {
      for (const link of links) rmSync(link, { force: true });
      rmSync(target, { recursive: true, force: true });
    }
  });

  test('refuses a snapshot that is a link, naming it, rather than reading what it points to', async () => {
    const catalog = mkdtempSync(join(tmpdir(), 'snapshot-link-'));
    mkdirSync(join(catalog, 'snapshots'));
    const outside = join(catalog, '..', `outside-${process.pid}.json`);
    writeFileSync(outside, JSON.stringify({ tools: [{ name: 'secret_start_of_file', inputSchema: { type: 'object' } }] }));
    symlinkSync(outside, join(catalog, 'snapshots', 'linked.json'));
    try {
      const out = await crawlSource(source('linked', { transport: 'snapshot', snapshot: 'snapshots/linked.json' }, catalog), crawlOptions());
      expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/snapshot: snapshots\/linked\.json is a link/) });
    } finally {
      rmSync(outside, { force: true });
      rmSync(catalog, { recursive: true, force: true });
    }
  });
});
