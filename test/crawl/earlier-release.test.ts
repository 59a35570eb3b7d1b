/**
 * A listing's newest release that leans on a dependency the registry lacks: the crawl installs the
 * newest earlier releases instead, and says so in the record. Served by a stand-in npm registry
 * with one package in two releases, the newer one depending on a package it does not have.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { installError, InstallError } from '../../src/crawl/install-failure.ts';
import { missingDependency } from '../../src/crawl/npm-install.ts';
import { fixture, source, type ToolLike } from './helpers.ts';

describe('missingDependency', () => {
  test.each([
    ['an E404 naming a dependency', "E404: Not Found - GET https://registry.npmjs.org/@yuna0x0%2fanilist-node | The requested resource '@yuna0x0/anilist-node@^1.15.1' could not be found", 'anilist-mcp', '@yuna0x0/anilist-node'],
    ['an ETARGET naming a dependency', 'ETARGET: No matching version found for @doist/todoist-mcp@^9.0.0.', '@doist/todoist-ai', '@doist/todoist-mcp'],
    ['an E404 naming the package itself', "E404: Not Found - GET https://registry.npmjs.org/no-such | The requested resource 'no-such@1.0.0' could not be found", 'no-such', null],
  ])('reads %s', (_what, detail, pkg, expected) => {
    expect(missingDependency(installError('not-published', `npm install ${pkg}@1.0.0`, detail), pkg)).toBe(expected);
  });

  test('reads nothing from other failures', () => {
    expect(missingDependency(installError('network', 'npm install x@1.0.0', "ENOTFOUND: GET https://registry.npmjs.org/y | The requested resource 'y@1' could not be found"), 'x')).toBeNull();
    expect(missingDependency(new InstallError('no-bin', 'bin: x has no bin'), 'x')).toBeNull();
    expect(missingDependency(new Error('not published'), 'x')).toBeNull();
  });
});

describe('crawlSource of a release whose dependency is not published', () => {
  const work = mkdtempSync(join(tmpdir(), 'crawl-earlier-test-'));
  const cache = join(work, 'cache');
  let registry: Server;
  let url = '';
  const tarballs = new Map<string, Buffer>();
  const pkg = 'fixture-earlier';

  /** A release of the package: the fixture npm server's bin, with the given dependencies. */
  function pack(version: string, dependencies: Record<string, string>): void {
    const dir = join(work, `pkg-${version}`);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'bin', 'server.mjs'), readFileSync(fixture('npm-package/bin/server.mjs')));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg, version, type: 'module', bin: 'bin/server.mjs', dependencies }));
    const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
    tarballs.set(version, readFileSync(join(work, file)));
  }

  beforeAll(async () => {
    pack('1.0.0', {});
    pack('1.1.0-beta.1', { 'not-published-dep': '^1.0.0' });
    pack('2.0.0', { 'not-published-dep': '^1.0.0' });
    registry = createServer((req, res) => {
      const path = decodeURIComponent(req.url ?? '');
      const tgz = new RegExp(`^/${pkg}/-/${pkg}-(.+)\\.tgz$`).exec(path);
      if (path === `/${pkg}`) {
        const versions = Object.fromEntries(
          [...tarballs.keys()].map((v) => [
            v,
            { name: pkg, version: v, bin: { [pkg]: 'bin/server.mjs' }, dependencies: v === '1.0.0' ? {} : { 'not-published-dep': '^1.0.0' }, dist: { tarball: `${url}${pkg}/-/${pkg}-${v}.tgz` } },
          ]),
        );
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: pkg, 'dist-tags': { latest: '2.0.0' }, versions }));
      } else if (tgz && tarballs.has(tgz[1]!)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarballs.get(tgz[1]!));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      }
    });
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((done) => registry.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  const discovered = { via: 'npm-list', from: 'candidates.tsv', at: '2026-01-01T00:00:00.000Z' };

  test('a discovered source: the newest stable earlier release is installed, and the record says why', async () => {
    const loaded = source('earlier', { transport: 'npm', package: pkg, version: '2.0.0', discovered });
    const out = await crawlSource(loaded, crawlOptions({ cacheDir: cache, registry: url, timeouts: { step: 10_000 } }));
    if (!out.ok) throw new Error(out.error);
    expect(out.packageVersion).toBe('1.0.0');
    expect((out.tools as ToolLike[]).map((t) => t.name)).toEqual(['whoami']);
    expect(out.warnings[0]).toMatch(/^installed 1\.0\.0: install: npm install fixture-earlier@2\.0\.0: not published \(.*not-published-dep/);
  });

  test('a version a person pinned is that version: the failure stands', async () => {
    const loaded = source('pinned', { transport: 'npm', package: pkg, version: '2.0.0' });
    const out = await crawlSource(loaded, crawlOptions({ cacheDir: cache, registry: url, timeouts: { step: 10_000 } }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatch(/^install: npm install fixture-earlier@2\.0\.0: not published \(.*not-published-dep/);
  });
});
