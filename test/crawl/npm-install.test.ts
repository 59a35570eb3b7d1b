import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { crawlOptions, crawlSource, defaultCacheDir } from '../../src/crawl/index.ts';
import { boundCache, npmContentDir } from '../../src/crawl/cache-budget.ts';
import { cachePeak, cacheSize, diskUsage, formatBytes, walkFiles } from '../../src/crawl/cache-size.ts';
import { installCause, InstallError, npmFailure } from '../../src/crawl/install-failure.ts';
import { installPackage, releaseInstall } from '../../src/crawl/npm-install.ts';
import { binScore, packageEntry, pickBin } from '../../src/crawl/package-entry.ts';
import { fixture, source, type ToolLike } from './helpers.ts';
import { INSIDE } from '../../src/sandbox/index.ts';

describe('pickBin', () => {
  test.each([
    ['a string bin, named after the package', { name: '@acme/tool', bin: 'cli.js' }, undefined, 'cli.js'],
    ['the only bin', { name: 'x', bin: { serve: 's.js' } }, undefined, 's.js'],
    ['the bin named like the package among several', { name: '@acme/srv', bin: { srv: 'a.js', admin: 'b.js' } }, undefined, 'a.js'],
    ['the bin the source names', { name: 'x', bin: { a: 'a.js', b: 'b.js' } }, 'b', 'b.js'],
    ['a scoped bin name, as npm links it', { name: '@brightdata/mcp', bin: { '@brightdata/mcp': 'server.js' } }, 'mcp', 'server.js'],
    ['the router among setup and install helpers', { name: '@acme/mcp-router', bin: { 'acme-setup': 's.js', 'acme-install': 'i.js', 'acme-router': 'r.js' } }, undefined, 'r.js'],
    ['the server over its check helper, neither named like the package', { name: '@acme/jira-mcp', bin: { 'acme-jira-mcp': './build/index.js', 'acme-jira-mcp-check': './build/check.js' } }, undefined, './build/index.js'],
    ['the bin marked mcp over a plain one', { name: 'weekly-report', bin: { wr: 'bin/wr.js', 'wr-mcp': 'bin/wr-mcp.js' } }, undefined, 'bin/wr-mcp.js'],
    ['the bin with mcp inside a word', { name: 'weekly-report', bin: { wrmcp: 'bin/m.js', wr: 'bin/wr.js' } }, undefined, 'bin/m.js'],
    ['the server over its CLI', { name: 'acme', bin: { 'acme-mcp-cli': 'c.js', 'acme-mcp': 'm.js' } }, undefined, 'm.js'],
    ['a plain bin over a helper', { name: 'acme', bin: { 'acme-tool': 'a.js', 'acme-login': 'l.js' } }, undefined, 'a.js'],
    ['several names for one file, as one program', { name: 'figma-context', bin: { 'figma-developer-mcp': 'dist/cli.js', 'figma-mcp': './dist/cli.js' } }, undefined, 'dist/cli.js'],
    ['several plain names for one file', { name: '@acme/cli', bin: { ac: 'dist/cli.js', acme: 'dist/cli.js' } }, undefined, 'dist/cli.js'],
  ])('returns %s', (_what, pkg, wanted, expected) => {
    expect(pickBin(pkg, wanted)).toBe(expected);
  });

  test.each([
    ['several bins and none named', { name: 'x', bin: { a: 'a.js', b: 'b.js' } }, undefined, 'bin: x has several bins (a, b); name one with `bin` in the source'],
    ['two servers equally likely', { name: 'x', bin: { 'a-mcp': 'a.js', 'b-mcp': 'b.js' } }, undefined, 'bin: x has several bins (a-mcp, b-mcp); name one with `bin` in the source'],
    ['helpers only', { name: 'x', bin: { 'x-setup': 's.js', 'x-init': 'i.js' } }, undefined, 'bin: x has several bins (x-setup, x-init); name one with `bin` in the source'],
    ['a bin the package lacks', { name: 'x', bin: { a: 'a.js' } }, 'z', 'bin: "z" is not a bin of x (it has: a)'],
    ['no bin at all', { name: 'x' }, undefined, 'bin: x has no bin: the package declares no program to start'],
    ['an empty bin object', { name: 'x', bin: {} }, undefined, 'bin: x has no bin: the package declares no program to start'],
  ])('throws on %s, as a no-bin cause', (_what, pkg, wanted, message) => {
    let thrown: unknown;
    try {
      pickBin(pkg, wanted);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InstallError);
    expect((thrown as Error).message).toBe(message);
    // The crawl passes the message on as text; the cause reads the same from it.
    expect(installCause(thrown)).toEqual({ cause: 'no-bin', reason: 'no-bin' });
    expect(installCause(message)).toEqual({ cause: 'no-bin', reason: 'no-bin' });
  });
});

describe('binScore', () => {
  test.each([
    ['acme-router', 1],
    ['mcp', 1],
    ['Acme_MCP', 1],
    ['swrmcp', 1],
    ['stdio-server', 1],
    ['serve', 1],
    ['vibgrate', 0],
    ['vg', 0],
    ['observer', 0],
    ['acme-setup', -1],
    ['acme-mcp-check', -1],
    ['cli', -1],
    ['acme-doctor', -1],
    ['mcp-auth', -1],
  ])('scores %s as %d', (name, score) => {
    expect(binScore(name)).toBe(score);
  });
});

describe('packageEntry', () => {
  // A package folder as npm leaves it: its real path, files for each kind of main entry, and a link out of it.
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'package-entry-test-')));
  const root = join(base, 'pkg');
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  mkdirSync(join(root, 'lib', 'dir'), { recursive: true });
  for (const file of ['lib/server.js', 'lib/x.mjs', 'lib/x.cjs', 'lib/dir/index.js', 'bin/cli.js']) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  writeFileSync(join(base, 'outside.js'), '');
  symlinkSync(join(base, 'outside.js'), join(root, 'lib', 'link.js'));

  test.each([
    ['main', { main: 'lib/server.js' }, 'lib/server.js'],
    ['main without its extension, as Node resolves it', { main: './lib/server' }, 'lib/server.js'],
    ['main naming a folder, as Node resolves it', { main: 'lib/dir' }, 'lib/dir/index.js'],
    ['exports as a string', { exports: './lib/x.mjs' }, 'lib/x.mjs'],
    ['exports["."] by its import condition', { exports: { '.': { types: './lib/x.d.ts', import: './lib/x.mjs' }, './other': './lib/x.cjs' } }, 'lib/x.mjs'],
    ['exports["."] by a nested default condition', { exports: { '.': { source: './src/x.ts', import: { types: './lib/x.d.mts', default: './lib/x.mjs' } } } }, 'lib/x.mjs'],
    ['exports as conditions without subpaths', { exports: { require: './lib/x.cjs' } }, 'lib/x.cjs'],
    ['exports when main is missing', { main: 'dist/gone.js', exports: { '.': { require: './lib/x.cjs' } } }, 'lib/x.cjs'],
    ['main before exports', { main: 'lib/server.js', exports: './lib/x.mjs' }, 'lib/server.js'],
  ])('starts the main entry given by %s when the package declares no bin', (_what, manifest, file) => {
    expect(packageEntry({ name: 'x', ...manifest }, undefined, root)).toEqual({ file: join(root, file), main: true });
  });

  test('starts the bin, not the main entry, when the package declares one', () => {
    expect(packageEntry({ name: 'x', main: 'lib/server.js', bin: { x: 'bin/cli.js' } }, undefined, root)).toEqual({ file: join(root, 'bin/cli.js'), main: false });
  });

  test.each([
    ['no main at all', { name: 'x' }, 'bin: x has no bin: the package declares no program to start', 'no-bin'],
    ['a main that is not in the package', { name: 'x', main: 'dist/index.js' }, 'bin: x has no bin: the package declares no program to start, and its main entry dist/index.js is missing from it', 'no-bin'],
    ['exports with subpaths only', { name: 'x', exports: { './a': './lib/x.mjs' } }, 'bin: x has no bin: the package declares no program to start', 'no-bin'],
    ['exports under conditions Node does not run', { name: 'x', exports: { '.': { types: './lib/x.d.ts', browser: './lib/x.mjs' } } }, 'bin: x has no bin: the package declares no program to start', 'no-bin'],
    ['a main that climbs out of the package', { name: 'x', main: '../outside.js' }, 'bin: "../outside.js" points outside the package', 'bad-bin'],
    ['a main that links out of the package', { name: 'x', main: 'lib/link.js' }, 'bin: "lib/link.js" points outside the package', 'bad-bin'],
    ['a bin that links out of the package', { name: 'x', bin: 'lib/link.js' }, 'bin: "lib/link.js" points outside the package', 'bad-bin'],
    ['a source naming a bin the package lacks, though it has a main', { name: 'x', main: 'lib/server.js' }, 'bin: "srv" is not a bin of x (it has: none)', 'no-bin'],
  ])('throws on %s', (what, manifest, message, reason) => {
    const wanted = what.startsWith('a source naming') ? 'srv' : undefined;
    let thrown: unknown;
    try {
      packageEntry(manifest, wanted, root);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toBe(message);
    expect(installCause(thrown)?.reason).toBe(reason);
  });
});

describe('installCause', () => {
  test.each([
    ['install: npm install x@1.0.0: registry unreachable (ENOTFOUND: getaddrinfo ENOTFOUND r.invalid)', 'install', 'network'],
    ['install: npm install x@9.9.9: not published (ETARGET: No matching version found for x@9.9.9.)', 'install', 'not-published'],
    ['install: npm install x@1: timed out (after 300000 ms)', 'install', 'timeout'],
    ['install: npm install x@1: failed (exit 1: ERESOLVE could not resolve)', 'install', 'failed'],
    ['bin: bin/x.js does not exist in the installed package', 'broken', 'bad-bin'],
    ['bin: "../../x" points outside the package', 'broken', 'bad-bin'],
    ['install: npm install x@1: registry unreachable (EAI_AGAIN: x); snapshot: not found', 'install', 'network'],
  ])('reads %s', (message, cause, reason) => {
    expect(installCause(message)).toEqual({ cause, reason });
  });

  // npm's own reports, as npm 11 writes them at `--loglevel=http`, read into a short message.
  test.each([
    [
      'a refused connection, with its stack',
      'npm http fetch GET http://127.0.0.1:9/left-pad attempt 1 failed with ECONNREFUSED\nnpm error code ECONNREFUSED\nnpm error syscall connect\nnpm error errno ECONNREFUSED\nnpm error FetchError: request to http://127.0.0.1:9/left-pad failed, reason: connect ECONNREFUSED 127.0.0.1:9\nnpm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)\nnpm error }\nnpm error A complete log of this run can be found in: /home/x/.npm/_logs/debug-0.log',
      { reason: 'network', detail: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' },
    ],
    [
      'a registry that never answered',
      'npm http fetch GET http://127.0.0.1:45999/left-pad attempt 1 failed with FETCH_ERROR\nnpm error code FETCH_ERROR\nnpm error errno FETCH_ERROR\nnpm error network timeout at: http://127.0.0.1:45999/left-pad',
      { reason: 'network', detail: 'FETCH_ERROR: GET http://127.0.0.1:45999/left-pad' },
    ],
    [
      'a missing version',
      'npm http fetch GET 200 https://registry.npmjs.org/left-pad 290ms (cache miss)\nnpm error code ETARGET\nnpm error notarget No matching version found for left-pad@9.9.9.\nnpm error notarget In most cases you or one of your dependencies are requesting a package version that doesn\'t exist.',
      { reason: 'not-published', detail: 'ETARGET: No matching version found for left-pad@9.9.9.' },
    ],
    [
      'a dependency conflict',
      'npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree\nnpm error\nnpm error Found: zod@3.25.0',
      { reason: 'failed', detail: 'ERESOLVE: ERESOLVE unable to resolve dependency tree | Found: zod@3.25.0' },
    ],
  ])('reads npm\'s report of %s', (_what, stderr, expected) => {
    expect(npmFailure(stderr)).toEqual(expected);
  });

  test.each([['timeout: no answer to initialize'], ['cannot start /usr/bin: not found'], ['spawn ENOENT']])('is null for a message it did not write: %s', (message) => {
    expect(installCause(message)).toBeNull();
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

describe('crawlSource for an npm package with no bin', () => {
  const cache = mkdtempSync(join(tmpdir(), 'crawl-main-test-'));
  // Copies of the fixture package, so a test can change what its package.json declares.
  const copy = (name: string, manifest: (m: Record<string, unknown>) => Record<string, unknown>) => {
    const dir = join(cache, 'pkgs', name);
    cpSync(fixture('npm-main-package'), dir, { recursive: true });
    const file = join(dir, 'package.json');
    writeFileSync(file, JSON.stringify(manifest(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)));
    return dir;
  };
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const crawl = (slug: string, dir: string) =>
    crawlSource(source(slug, { transport: 'npm', package: 'fixture-npm-main', version: `file:${dir}`, args: ['--root', '$CACHE'] }), crawlOptions({ cacheDir: cache, timeouts: { step: 10_000 } }));

  test('starts its main module under Node and says the entry was a guess', async () => {
    const out = await crawl('main', fixture('npm-main-package'));
    if (!out.ok) throw new Error(out.error);
    expect(out).toMatchObject({ method: 'live', packageVersion: '1.4.0', serverInfo: { name: 'fixture-npm-main' } });
    const tool = (out.tools as ToolLike[])[0]!;
    expect(tool.name).toBe('started_from_main');
    // The module has no shebang and is not executable: it ran under the crawl's Node, inside the sandbox.
    expect(JSON.parse(tool.description!)).toEqual({ argv: ['--root', INSIDE.server], node: `${INSIDE.nodeDir}/node` });
    expect(out.warnings).toContain('started its main entry: the package declares no bin (lib/server.js)');
  });

  test('starts exports["."] when the package has no main field', async () => {
    const dir = copy('exports-only', ({ main: _main, ...m }) => m);
    const out = await crawl('exports-only', dir);
    if (!out.ok) throw new Error(out.error);
    expect((out.tools as ToolLike[]).map((t) => t.name)).toEqual(['started_from_main']);
    expect(out.warnings).toContain('started its main entry: the package declares no bin (lib/server.js)');
  });

  test('keeps no-bin as the cause, with the guess in the attempts, when the main module is a library', async () => {
    // A library module: it loads and exits with code 0 without a word.
    const dir = copy('library', ({ exports: _exports, ...m }) => ({ ...m, main: 'lib/helper.js' }));
    const out = await crawl('library', dir);
    expect(out).toMatchObject({ ok: false, cause: 'no-bin', error: expect.stringMatching(/exited with code 0/) });
    if (out.ok) return;
    expect(out.attempts?.[0]?.why).toBe('as the source says; started its main entry: the package declares no bin (lib/helper.js)');
  });

  test('reports how a main module that is a server failed, as for a bin', async () => {
    // The server's own module, ended with an error before it answers: its cause is what it said, not no-bin.
    const dir = copy('failing', (m) => m);
    writeFileSync(join(dir, 'lib', 'server.js'), "console.error('Error: ACME_API_KEY is required');\nprocess.exit(1);\n");
    const out = await crawl('failing', dir);
    expect(out).toMatchObject({ ok: false, cause: 'credentials', needs: ['ACME_API_KEY'] });
    if (out.ok) return;
    expect(out.attempts?.[0]?.why).toBe('as the source says; started its main entry: the package declares no bin (lib/server.js)');
  });

  test('keeps no-bin as the cause when the main entry is not in the package', async () => {
    const dir = copy('missing-main', ({ exports: _exports, ...m }) => ({ ...m, main: 'dist/index.js' }));
    const out = await crawl('missing-main', dir);
    expect(out).toMatchObject({
      ok: false,
      cause: 'no-bin',
      error: 'bin: fixture-npm-main has no bin: the package declares no program to start, and its main entry dist/index.js is missing from it',
    });
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
    expect(log).toEqual(['npm-released: its lockfile differs from what was installed; installing afresh', `installing fixture-npm-server@file:${pkgDir}`, expect.stringMatching(/^installed /)]);
    expect(JSON.parse(readFileSync(lockfile, 'utf8')).packages['node_modules/fixture-npm-server'].version).toBe('0.3.1');
  });

  test('installs afresh when the kept lockfile is gone', async () => {
    releaseInstall('released', crawlOptions({ cacheDir: cache }));
    rmSync(join(folder, 'package-lock.json'));
    const { log } = await install();
    expect(log).toEqual(['npm-released: its lockfile is gone; installing afresh', `installing fixture-npm-server@file:${pkgDir}`, expect.stringMatching(/^installed /)]);
    expect(existsSync(join(folder, 'package-lock.json'))).toBe(true);
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

describe('install failures', () => {
  const cache = mkdtempSync(join(tmpdir(), 'crawl-fail-test-'));
  // A registry that has nothing: every package and version is a 404, as npm's answers for an unpublished name.
  let registry: Server;
  let registryUrl = '';
  beforeAll(async () => {
    registry = createServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}'));
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((done) => registry.close(done));
    rmSync(cache, { recursive: true, force: true });
  });
  const attempt = async (slug: string, registryAt: string, front: Record<string, unknown>) => {
    const loaded = source(slug, { transport: 'npm', ...front });
    try {
      await installPackage(slug, loaded.source, crawlOptions({ cacheDir: cache, registry: registryAt }));
    } catch (e) {
      return e;
    }
    throw new Error('the install did not fail');
  };

  test.each([
    ['a registry that refuses connections', 'http://127.0.0.1:9/', /registry unreachable \(ECONNREFUSED: .*127\.0\.0\.1:9/],
    ['a registry whose name does not resolve', 'http://registry.invalid/', /registry unreachable \((ENOTFOUND|EAI_AGAIN): .*registry\.invalid/],
  ])('says the registry is unreachable for %s, without npm\'s codes', async (_what, at, message) => {
    const error = await attempt('unreachable', at, { package: 'left-pad', version: '1.3.0' });
    expect(installCause(error)).toEqual({ cause: 'install', reason: 'network' });
    expect((error as Error).message).toMatch(/^install: npm install left-pad@1\.3\.0: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/npm error|errno|syscall|A complete log|at ClientRequest/);
  });

  test('says a package the registry does not have is not published', async () => {
    const error = await attempt('unpublished', registryUrl, { package: 'no-such-package', version: '1.0.0' });
    expect(installCause(error)).toEqual({ cause: 'install', reason: 'not-published' });
    expect((error as Error).message).toMatch(/^install: npm install no-such-package@1\.0\.0: not published \(E404: /);
    expect((error as Error).message).not.toMatch(/npm error|Note that you can|A complete log/);
  });

  test('says a tag the registry does not have is not published', async () => {
    const error = await attempt('unpublished-tag', registryUrl, { package: 'no-such-package' });
    expect(installCause(error)).toEqual({ cause: 'install', reason: 'not-published' });
  });
});

/**
 * A registry on a local port serving real tarballs packed by npm from small packages written
 * here: what npm downloads from it lands in npm's download cache as from the real registry.
 */
async function localRegistry(root: string, packages: { name: string; dependencies?: Record<string, string> }[]): Promise<{ url: string; close: () => Promise<void> }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  const server = createServer((req, res) => {
    const file = files.get(decodeURIComponent(req.url ?? ''));
    if (!file) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    else res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  for (const pkg of packages) {
    const dir = join(root, 'src', pkg.name);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    // Bytes that do not compress away, so each tarball takes real room in the cache.
    writeFileSync(join(dir, 'data.txt'), randomBytes(48 * 1024).toString('base64'));
    writeFileSync(join(dir, 'bin', 'cli.js'), '#!/usr/bin/env node\n');
    const manifest = { name: pkg.name, version: '1.0.0', bin: { [pkg.name]: 'bin/cli.js' }, dependencies: pkg.dependencies ?? {} };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', join(root, 'src')], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: root } }).trim();
    const tarball = readFileSync(join(root, 'src', packed));
    const dist = {
      tarball: `${url}${pkg.name}/-/${packed}`,
      shasum: createHash('sha1').update(tarball).digest('hex'),
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
    };
    const packument = { name: pkg.name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { ...manifest, dist } } };
    files.set(`/${pkg.name}`, { body: Buffer.from(JSON.stringify(packument)), type: 'application/json' });
    files.set(`/${pkg.name}/-/${packed}`, { body: tarball, type: 'application/octet-stream' });
  }
  return { url, close: () => new Promise((done) => server.close(() => done())) };
}

describe('formatBytes', () => {
  test.each([
    [0, '0 B'],
    [999, '999 B'],
    [12_345, '12.3 kB'],
    [306_000_000, '306 MB'],
    [14_960_000_000, '15.0 GB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('install cache budget', () => {
  const cache = mkdtempSync(join(tmpdir(), 'crawl-budget-test-'));
  let registry: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    registry = await localRegistry(join(cache, 'registry'), [{ name: 'budget-dep' }, { name: 'budget-one', dependencies: { 'budget-dep': '1.0.0' } }, { name: 'budget-two' }]);
  });
  afterAll(async () => {
    await registry.close();
    rmSync(cache, { recursive: true, force: true });
  });
  const opts = (extra: Parameters<typeof crawlOptions>[0] = {}) => crawlOptions({ cacheDir: join(cache, 'install'), registry: registry.url, cacheBudget: null, ...extra });
  const install = (slug: string, pkg: string, extra: Parameters<typeof crawlOptions>[0] = {}) => {
    const log: string[] = [];
    return installPackage(slug, source(slug, { transport: 'npm', package: pkg, version: '1.0.0' }).source, opts({ log: (l) => log.push(l), ...extra })).then((installed) => ({ installed, log }));
  };
  const content = async () => {
    const files: { path: string; mtimeMs: number }[] = [];
    await walkFiles(npmContentDir(opts()), (path, _bytes, mtimeMs) => files.push({ path, mtimeMs }));
    return files.sort((a, b) => a.mtimeMs - b.mtimeMs).map((f) => f.path);
  };

  test('measures the whole cache, as du does, and keeps its peak', async () => {
    const { installed } = await install('one', 'budget-one');
    expect(existsSync(join(installed.dir, 'node_modules', 'budget-dep', 'data.txt'))).toBe(true);
    const size = await cacheSize(opts());
    expect(size).toBe(await diskUsage(join(cache, 'install')));
    const du = Number(execFileSync('du', ['-s', '-B1', join(cache, 'install')], { encoding: 'utf8' }).split('\t')[0]);
    // du also counts the folders' own blocks; the files are nearly all of it.
    expect(size).toBeLessThanOrEqual(du);
    expect(size).toBeGreaterThan(du * 0.5);
    installed.release();
    const released = await cacheSize(opts());
    expect(released).toBeLessThan(size);
    expect(cachePeak(opts())).toBe(size);
  });

  test('leaves a cache within its budget alone', async () => {
    const before = await content();
    const size = await cacheSize(opts());
    expect(await boundCache(opts({ cacheBudget: size }))).toEqual({ bytes: size, evicted: 0 });
    expect(await content()).toEqual(before);
  });

  test('evicts no more than it must: down to a tenth under budget, the newest downloads kept', async () => {
    const older = await content();
    const size = await cacheSize(opts());
    const budget = size - 1;
    const { bytes, evicted } = await boundCache(opts({ cacheBudget: budget }));
    expect(bytes).toBeLessThanOrEqual(budget * 0.9);
    expect(bytes).toBe(await cacheSize(opts()));
    expect(evicted).toBe(size - bytes);
    const left = await content();
    expect(left.length).toBeGreaterThan(0);
    expect(older.slice(older.length - left.length)).toEqual(left);
  });

  test('evicts npm\'s oldest downloads first when an install takes the cache past its budget', async () => {
    const older = await content();
    expect(older.length).toBeGreaterThan(0);
    // Budget: the cache as it is now, so the downloads of the next install pass it.
    const budget = await cacheSize(opts());
    const log: string[] = [];
    const { installed } = await install('two', 'budget-two', { cacheBudget: budget, log: (l) => log.push(l) });
    expect(log.at(-1)).toMatch(/^install cache at .*, over its budget of .*: evicted .* of npm's oldest downloads$/);
    const left = await content();
    const gone = older.filter((f) => !left.includes(f));
    // Oldest first: what went is the start of the list sorted by download time.
    expect(gone.length).toBeGreaterThan(0);
    expect(older.slice(0, gone.length)).toEqual(gone);
    // The tree just installed is never evicted.
    expect(existsSync(join(installed.dir, installed.entry))).toBe(true);
  });

  test('reinstalls a released tree whose downloads were evicted, fetching them again', async () => {
    rmSync(npmContentDir(opts()), { recursive: true, force: true });
    const { installed, log } = await install('one', 'budget-one');
    expect(log).toEqual([
      'reinstalling budget-one@1.0.0 from its lockfile',
      "npm-one: not all of the lockfile is in npm's cache; fetching what is missing",
    ]);
    expect(installed.installMs).toBeGreaterThan(0);
    expect(existsSync(join(installed.dir, 'node_modules', 'budget-dep', 'data.txt'))).toBe(true);
    expect((await content()).length).toBeGreaterThan(0);
  });
});
