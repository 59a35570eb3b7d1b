import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CODE, planBuild, type Manifest } from '../../site/build.ts';

const PROJECT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(PROJECT, 'test/fixtures/catalog');

const manifest = (records: Record<string, string>, code = 'c', global = 'g'): Manifest => ({ version: 1, code, global, records });

describe('planBuild', () => {
  const before = manifest({ a: '1', b: '1', c: '1', d: '1', e: '1', f: '1' });

  test('builds in full without an earlier build, a ready output or the same code', () => {
    expect(planBuild(null, before, true)).toMatchObject({ kind: 'full' });
    expect(planBuild(before, before, false)).toMatchObject({ kind: 'full' });
    expect(planBuild(before, manifest(before.records, 'other'), true)).toMatchObject({ kind: 'full', why: 'the site code changed' });
  });

  test('rebuilds only the servers that changed or went, and nothing when nothing did', () => {
    expect(planBuild(before, manifest({ a: '2', b: '1', c: '1', e: '1', f: '1' }), true)).toEqual({ kind: 'partial', changed: ['a'], removed: ['d'] });
    expect(planBuild(before, manifest({ ...before.records, g: '1' }), true)).toEqual({ kind: 'partial', changed: ['g'], removed: [] });
    expect(planBuild(before, manifest(before.records, 'c', 'new eval'), true)).toEqual({ kind: 'partial', changed: [], removed: [] });
    expect(planBuild(before, before, true)).toEqual({ kind: 'none' });
  });

  test('builds in full when more than a third of the servers changed', () => {
    expect(planBuild(before, manifest({ a: '2', b: '2', c: '2', d: '1', e: '1', f: '1' }), true)).toMatchObject({ kind: 'full', why: '3 of 6 servers changed' });
  });
});

describe('CODE', () => {
  test('covers every file of src/ that the site imports, directly or through other files', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), m[1]!);
        if (existsSync(target) && statSync(target).isFile()) visit(target);
      }
    };
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|astro|mjs)$/.test(e.name) ? [join(dir, e.name)] : []));
    for (const f of walk(join(PROJECT, 'site'))) visit(f);
    const fromSrc = [...seen].map((f) => relative(PROJECT, f)).filter((f) => f.startsWith('src/'));
    expect(fromSrc.length).toBeGreaterThan(3);
    for (const f of fromSrc) expect(CODE.some((c) => f === c || f.startsWith(`${c}/`)), f).toBe(true);
  });
});

/** Every file of a tree, with its bytes, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const p = join(rel, name);
      if (statSync(join(dir, p)).isDirectory()) walk(p);
      else out.set(p, readFileSync(join(dir, p)));
    }
  };
  walk('');
  return out;
}

function build(catalog: string, out: string): string {
  const run = spawnSync(join(PROJECT, 'node_modules/.bin/tsx'), ['site/build.ts', '--out', out], {
    cwd: PROJECT,
    env: { ...process.env, CATALOG_DIR: catalog, PATH: `${join(PROJECT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describe('npm run build, again after a change', () => {
  const work = mkdtempSync(join(tmpdir(), 'catalog-rebuild-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('writes the same site as a full build when one server changed, one came, one went and one was listed at last', () => {
    // Twelve servers: the fixture's three listed and three unlisted, and six copies of kestra, so four changes are a partial build.
    const catalog = join(work, 'catalog');
    cpSync(FIXTURE, catalog, { recursive: true });
    const kestra = JSON.parse(readFileSync(join(catalog, 'servers/kestra.json'), 'utf8'));
    for (const n of ['copy', '2', '3', '4', '5', '6']) {
      writeFileSync(join(catalog, `servers/kestra-${n}.json`), JSON.stringify({ ...kestra, slug: `kestra-${n}`, name: `Kestra ${n}` }, null, 2));
    }
    const site = join(work, 'site');
    expect(build(catalog, site)).toMatch(/^full build \(no earlier build here\)/m);
    expect(build(catalog, site)).toMatch(/^nothing changed since the last build/m);

    // One tool's description changes, the copy goes, another server comes, and a server that
    // was not listed is listed now (its unlisted entry gives way to a record).
    kestra.tools[0].description = 'A description changed since the last crawl.';
    writeFileSync(join(catalog, 'servers/kestra.json'), JSON.stringify(kestra, null, 2));
    rmSync(join(catalog, 'servers/kestra-copy.json'));
    writeFileSync(join(catalog, 'servers/kestra-new.json'), JSON.stringify({ ...kestra, slug: 'kestra-new', name: 'Kestra new' }, null, 2));
    rmSync(join(catalog, 'unlisted/weather-key.json'));
    writeFileSync(join(catalog, 'servers/weather-key.json'), JSON.stringify({ ...kestra, slug: 'weather-key', name: 'Weather, listed at last' }, null, 2));
    expect(build(catalog, site)).toMatch(/^partial build: 3 servers changed, 1 removed/m);

    const fresh = join(work, 'fresh');
    build(catalog, fresh);
    const got = tree(site);
    const want = tree(fresh);
    expect([...got.keys()]).toEqual([...want.keys()]);
    const differ = [...want].filter(([p, bytes]) => !got.get(p)!.equals(bytes)).map(([p]) => p);
    expect(differ).toEqual([]);
    expect(existsSync(join(site, 'servers/kestra-copy'))).toBe(false);
    expect(readFileSync(join(site, 'servers/weather-key/index.html'), 'utf8')).toContain('Weather, listed at last');
    expect(readFileSync(join(site, 'servers/weather-key/index.html'), 'utf8')).not.toContain('Not listed yet');
    expect(readFileSync(join(site, `servers/kestra/${kestra.tools[0].slug}/index.html`), 'utf8')).toContain('A description changed since the last crawl.');
    // Five real builds: on a busy machine each can take half a minute, so the bound is a hang's.
  }, 600_000);
});
