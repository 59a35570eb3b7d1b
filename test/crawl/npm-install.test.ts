import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { crawlOptions, crawlSource, defaultCacheDir } from '../../src/crawl/index.ts';
import { installPackage, pickBin, releaseInstall } from '../../src/crawl/npm-install.ts';
import { fixture, source, type ToolLike } from './helpers.ts';
import { INSIDE } from '../../src/sandbox/index.ts';

describe('pickBin', () => {
  test.each([
    ['a string bin, named after the package', { name: '@acme/tool', bin: 'cli.js' }, undefined, 'cli.js'],
    ['the only bin', { name: 'x', bin: { serve: 's.js' } }, undefined, 's.js'],
    ['the bin named like the package among several', { name: '@acme/srv', bin: { srv: 'a.js', admin: 'b.js' } }, undefined, 'a.js'],
    ['the bin the source names', { name: 'x', bin: { a: 'a.js', b: 'b.js' } }, 'b', 'b.js'],
    ['a scoped bin name, as npm links it', { name: '@brightdata/mcp', bin: { '@brightdata/mcp': 'server.js' } }, 'mcp', 'server.js'],
  ])('returns %s', (_what, pkg, wanted, expected) => {
    expect(pickBin(pkg, wanted)).toBe(expected);
  });

  test.each([
    ['several bins and none named', { name: 'x', bin: { a: 'a.js', b: 'b.js' } }, undefined, /several bins \(a, b\); name one with `bin`/],
    ['a bin the package lacks', { name: 'x', bin: { a: 'a.js' } }, 'z', /"z" is not a bin of x \(it has: a\)/],
    ['no bin at all', { name: 'x' }, undefined, /has no bin/],
  ])('throws on %s', (_what, pkg, wanted, message) => {
    expect(() => pickBin(pkg, wanted)).toThrow(message);
  });
});

describe('defaultCacheDir', () => {
  test('is outside the project, under the user\'s cache folder, unless MCP_CATALOG_CACHE names one', () => {
    const saved = process.env['MCP_CATALOG_CACHE'];
    try {
      delete process.env['MCP_CATALOG_CACHE'];
      expect(defaultCacheDir()).toBe(join(homedir(), '.cache', 'mcp-risk-catalog'));
      expect(relative(process.cwd(), defaultCacheDir()).startsWith('..')).toBe(true);
      process.env['MCP_CATALOG_CACHE'] = '/var/cache/crawl';
      expect(defaultCacheDir()).toBe('/var/cache/crawl');
    } finally {
      if (saved === undefined) delete process.env['MCP_CATALOG_CACHE'];
      else process.env['MCP_CATALOG_CACHE'] = saved;
    }
  });
});

describe('crawlSource for npm packages', () => {
  const projectManifest = readFileSync('package.json', 'utf8');
  const cache = mkdtempSync(join(tmpdir(), 'crawl-cache-test-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const pkgSource = (extra: Record<string, unknown> = {}) =>
    source('npm-fixture', { transport: 'npm', package: 'fixture-npm-server', version: `file:${fixture('npm-package')}`, args: ['--root', '$CACHE'], ...extra });
  const crawl = async (extra: Record<string, unknown> = {}) => {
    const log: string[] = [];
    // The installs are kept between these tests, as `--keep-installs` does, except where a test releases them.
    const out = await crawlSource(pkgSource(extra), crawlOptions({ cacheDir: cache, timeouts: { step: 10_000 }, log: (l) => log.push(l), keepInstalls: true }));
    if (!out.ok) throw new Error(out.error);
    return { out, log, seen: JSON.parse((out.tools as ToolLike[])[0]!.description!) as { argv: string[]; node: string; ownFolderWrite: string } };
  };
  const folder = join(cache, 'npm', 'npm-fixture');

  test('installs into its own cache folder without install scripts and starts the package-named bin', async () => {
    const { out, log, seen } = await crawl();
    expect(log[0]).toBe(`installing fixture-npm-server@file:${fixture('npm-package')}`);
    expect(out).toMatchObject({ method: 'live', packageVersion: '0.3.1', serverInfo: { name: 'fixture-npm-server' } });
    // Inside the sandbox the install folder and Node sit at fixed paths, whatever the host's are.
    expect(seen.argv).toEqual(['--root', INSIDE.server]);
    expect(seen.node).toBe(`${INSIDE.nodeDir}/node`);
    expect(out.isolation).toMatchObject({ sandbox: 'bubblewrap', network: false });
    // Its own installed files are read-only to it: a server cannot poison the cache it runs from.
    expect(seen.ownFolderWrite).toBe('EROFS');
    expect(existsSync(join(folder, 'node_modules', 'fixture-npm-server', 'bin', 'written-by-server.txt'))).toBe(false);
    expect(existsSync(join(folder, 'node_modules', 'fixture-npm-server', 'package.json'))).toBe(true);
    expect(existsSync(join(folder, 'preinstall-ran'))).toBe(false);
    // Nothing of the server reaches the project: not its node_modules, not its manifest.
    expect(existsSync(join('node_modules', 'fixture-npm-server'))).toBe(false);
    expect(readFileSync('package.json', 'utf8')).toBe(projectManifest);
    // The stamp lies outside every install folder, where neither a server nor an install script can reach it.
    expect(JSON.parse(readFileSync(join(cache, 'stamps', 'npm-npm-fixture.json'), 'utf8'))).toMatchObject({
      want: { package: 'fixture-npm-server', installScripts: false, node: process.version },
      version: '0.3.1',
      tree: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });

  test('does not reinstall an unchanged package', async () => {
    const { log } = await crawl();
    expect(log).toEqual([]);
  });

  test('keeps a folder restored with the same contents (as a CI cache is), checking its contents once', async () => {
    const moved = `${folder}-moved`;
    renameSync(folder, moved);
    cpSync(moved, folder, { recursive: true, verbatimSymlinks: true });
    rmSync(moved, { recursive: true, force: true });
    const { log, out } = await crawl();
    expect(log).toEqual([]);
    expect(out.ok).toBe(true);
  });

  test('installs afresh when the installed files were changed (a poisoned cache)', async () => {
    const bin = join(folder, 'node_modules', 'fixture-npm-server', 'bin', 'server.mjs');
    const original = readFileSync(bin, 'utf8');
    // What a server outside the sandbox, an install script or a restored CI cache could do: same size, other code.
    writeFileSync(bin, original.replace("name: 'whoami'", "name: 'pwned!'"));
    const { out, log } = await crawl();
    expect(log[0]).toBe('npm-npm-fixture: the installed files differ from what was installed; installing afresh');
    expect((out.tools as ToolLike[]).map((t) => t.name)).toEqual(['whoami']);
    expect(readFileSync(bin, 'utf8')).toBe(original);
  });

  test('reinstalls, with install scripts, when the source opts in', async () => {
    const { log } = await crawl({ installScripts: true });
    expect(log[0]).toMatch(/^installing /);
    expect(existsSync(join(folder, 'preinstall-ran'))).toBe(true);
  });

  test('writes overrides into the install folder', async () => {
    await crawl({ overrides: { 'left-pad': '1.3.0' } });
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))).toMatchObject({ overrides: { 'left-pad': '1.3.0' } });
  });

  test('fails naming the bins when the source names a missing one', async () => {
    const out = await crawlSource(pkgSource({ bin: 'nope' }), crawlOptions({ cacheDir: cache }));
    expect(out).toMatchObject({ ok: false, error: 'bin: "nope" is not a bin of fixture-npm-server (it has: fixture-npm-server, fixture-other)' });
  });
});

describe('released installs', () => {
  const cache = mkdtempSync(join(tmpdir(), 'crawl-release-test-'));
  // A copy of the fixture package, so a test can change what its `file:` spec installs.
  const pkgDir = join(cache, 'pkg');
  cpSync(fixture('npm-package'), pkgDir, { recursive: true });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const folder = join(cache, 'npm', 'released');
  const loaded = source('released', { transport: 'npm', package: 'fixture-npm-server', version: `file:${pkgDir}` });
  const install = async () => {
    const log: string[] = [];
    const opts = crawlOptions({ cacheDir: cache, log: (l) => log.push(l) });
    const installed = await installPackage('released', loaded.source, opts);
    return { installed, log, opts };
  };
  const stamp = () => JSON.parse(readFileSync(join(cache, 'stamps', 'npm-released.json'), 'utf8')) as { tree: string; lock: string };

  test('installs with a lockfile, and release deletes the tree but keeps package.json, the lockfile and the stamp', async () => {
    const { installed, log } = await install();
    expect(log[0]).toBe(`installing fixture-npm-server@file:${pkgDir}`);
    expect(installed.installMs).toBeGreaterThan(0);
    expect(existsSync(join(folder, 'package-lock.json'))).toBe(true);
    expect(stamp().lock).toMatch(/^sha256:[0-9a-f]{64}$/);
    installed.release();
    expect(existsSync(join(folder, 'node_modules'))).toBe(false);
    expect(existsSync(join(folder, 'package.json'))).toBe(true);
    expect(existsSync(join(folder, 'package-lock.json'))).toBe(true);
    expect(existsSync(join(cache, 'stamps', 'npm-released.json'))).toBe(true);
  });

  test('reinstalls a released tree from its lockfile, offline, into the very tree first installed', async () => {
    const before = stamp();
    const { installed, log } = await install();
    // One offline `npm ci`, without the network: no fallback to fetching, no fresh install.
    expect(log).toEqual([`reinstalling fixture-npm-server@file:${pkgDir} from its lockfile`]);
    expect(installed.installMs).toBeGreaterThan(0);
    expect(installed.version).toBe('0.3.1');
    expect(existsSync(join(installed.dir, installed.entry))).toBe(true);
    expect(stamp()).toEqual(expect.objectContaining({ tree: before.tree, lock: before.lock }));
  });

  test('uses a tree it did not release as it is, in no time', async () => {
    const { installed, log, opts } = await install();
    expect(log).toEqual([]);
    expect(installed.installMs).toBe(0);
    // Kept when the crawl keeps its installs.
    releaseInstall('released', { ...opts, keepInstalls: true });
    expect(existsSync(join(folder, 'node_modules'))).toBe(true);
  });

  test('installs afresh when the kept lockfile was changed', async () => {
    releaseInstall('released', crawlOptions({ cacheDir: cache }));
    const lockfile = join(folder, 'package-lock.json');
    const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, { version?: string }> };
    lock.packages['node_modules/fixture-npm-server']!.version = '0.3.2';
    writeFileSync(lockfile, JSON.stringify(lock));
    const { log } = await install();
    expect(log).toEqual([`npm-released: the lockfile differs from what was installed; installing afresh`, `installing fixture-npm-server@file:${pkgDir}`, expect.stringMatching(/^installed /)]);
    expect(JSON.parse(readFileSync(lockfile, 'utf8')).packages['node_modules/fixture-npm-server'].version).toBe('0.3.1');
  });

  test('installs afresh when the lockfile gives another tree than the first install', async () => {
    releaseInstall('released', crawlOptions({ cacheDir: cache }));
    const before = stamp();
    // The same lockfile now packs other code from the `file:` folder (as a changed tarball would).
    const bin = join(pkgDir, 'bin', 'server.mjs');
    writeFileSync(bin, readFileSync(bin, 'utf8').replace("name: 'whoami'", "name: 'changed'"));
    const { installed, log } = await install();
    expect(log).toEqual([
      `reinstalling fixture-npm-server@file:${pkgDir} from its lockfile`,
      'npm-released: the files installed from the lockfile differ from what was installed first; installing afresh',
      `installing fixture-npm-server@file:${pkgDir}`,
      expect.stringMatching(/^installed /),
    ]);
    expect(readFileSync(join(installed.dir, installed.entry), 'utf8')).toContain("name: 'changed'");
    expect(stamp().tree).not.toBe(before.tree);
  });

  test('releases the tree when the bin cannot be picked', async () => {
    const other = source('released', { transport: 'npm', package: 'fixture-npm-server', version: `file:${pkgDir}`, bin: 'nope' });
    await expect(installPackage('released', other.source, crawlOptions({ cacheDir: cache }))).rejects.toThrow(/^bin: "nope" is not a bin/);
    expect(existsSync(join(folder, 'node_modules'))).toBe(false);
    expect(existsSync(join(folder, 'package-lock.json'))).toBe(true);
  });
});
