/**
 * `npm run build -- [--out DIR] [--full]` builds the site from the catalog (CATALOG_DIR, or
 * catalog/) into dist/: Astro writes the pages, then site/search-index.ts the search index.
 *
 * A rebuild writes again only what changed. The build remembers a hash of every record (unlisted
 * entries included) and of the site's own code; when the code is the same and only some servers
 * changed, Astro builds just those servers' pages (and the pages about the whole catalog) into a
 * temporary folder, which then replaces them in the output. The result is the same tree a full build writes, which a test
 * checks. Anything else (new code, a missing or foreign output folder, a third of the servers
 * changed, --full) is a full build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveServersDir, unlistedDir } from './lib/catalog.ts';
import { buildSearchIndex, shardTools } from './search-index.ts';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * What the pages are made by: a change here rebuilds everything. The site imports these parts of
 * src/ and nothing else of it (a test follows the imports to keep this list whole), so work on
 * the crawler or the classifier leaves a rebuild partial.
 */
export const CODE = ['site', 'src/schema.ts', 'src/taxonomy.ts', 'src/json.ts', 'src/text.ts', 'src/reveal.ts', 'src/classify/refs.ts', 'src/policy', 'src/scan', 'src/catalog/store.ts', 'src/catalog/slug.ts', 'src/catalog/sources.ts', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Past this share of changed servers, a full build is as quick as a partial one. */
const PARTIAL_MAX_SHARE = 1 / 3;
const MANIFEST_VERSION = 1;

export type Manifest = { version: number; code: string; global: string; records: Record<string, string> };
export type Plan = { kind: 'full'; why: string } | { kind: 'partial'; changed: string[]; removed: string[] } | { kind: 'none' };

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function hashTree(paths: readonly string[]): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    const abs = join(PROJECT, p);
    const entries = readdirSync(abs, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = join(p, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.isFile()) h.update(`${rel}\0${sha(readFileSync(join(PROJECT, rel)))}\n`);
    }
  };
  for (const p of paths) {
    const abs = join(PROJECT, p);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) walk(p);
    else h.update(`${p}\0${sha(readFileSync(abs))}\n`);
  }
  // The site's address is in every page (canonical links, Open Graph).
  h.update(`SITE_URL\0${process.env['SITE_URL'] ?? ''}`);
  return h.digest('hex');
}

/** The inputs of a build: the code, the catalog-wide files and every record. */
export function currentManifest(catalogDir: string): Manifest {
  const { root, serversDir } = resolveServersDir(catalogDir);
  const records: Record<string, string> = {};
  for (const f of readdirSync(serversDir).filter((n) => n.endsWith('.json')).sort()) {
    records[f.slice(0, -'.json'.length)] = sha(readFileSync(join(serversDir, f)));
  }
  // An unlisted server has a page at the same place a listed one would, so it is one more
  // "record" here: a change to its entry rebuilds its page (a slug in both folders fails the build).
  const unlisted = unlistedDir(serversDir);
  if (existsSync(unlisted)) {
    for (const f of readdirSync(unlisted).filter((n) => n.endsWith('.json')).sort()) {
      records[f.slice(0, -'.json'.length)] = sha(Buffer.concat([Buffer.from('unlisted\0'), readFileSync(join(unlisted, f))]));
    }
  }
  const evalFile = join(root, 'eval.json');
  const global = existsSync(evalFile) ? sha(readFileSync(evalFile)) : 'none';
  return { version: MANIFEST_VERSION, code: hashTree(CODE), global, records };
}

/** Full, partial or nothing, and why. */
export function planBuild(previous: Manifest | null, current: Manifest, outReady: boolean): Plan {
  if (!previous || previous.version !== MANIFEST_VERSION) return { kind: 'full', why: 'no earlier build here' };
  if (!outReady) return { kind: 'full', why: 'the output folder is missing or incomplete' };
  if (previous.code !== current.code) return { kind: 'full', why: 'the site code changed' };
  const changed = Object.keys(current.records).filter((s) => previous.records[s] !== current.records[s]);
  const removed = Object.keys(previous.records).filter((s) => !(s in current.records));
  if (!changed.length && !removed.length && previous.global === current.global) return { kind: 'none' };
  const total = Math.max(1, Object.keys(current.records).length, Object.keys(previous.records).length);
  if (changed.length + removed.length > total * PARTIAL_MAX_SHARE) return { kind: 'full', why: `${changed.length + removed.length} of ${total} servers changed` };
  return { kind: 'partial', changed, removed };
}

/** The manifest lives beside the output, outside what is published. */
export function manifestPath(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.build.json`);
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** A rename where it can be one; a copy across file systems. */
function moveDir(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** A new folder inside the project, for builds that must resolve the project's packages. */
function workDir(prefix: string): string {
  mkdirSync(join(PROJECT, '.cache'), { recursive: true });
  return mkdtempSync(join(PROJECT, '.cache', prefix));
}

function astroBuild(outDir: string, env: NodeJS.ProcessEnv): void {
  const bin = join(PROJECT, 'node_modules', '.bin', 'astro');
  // Astro writes its intermediate server build inside the output folder when that folder is in
  // the project, and into the project's shared .astro/ otherwise, where two builds at once would
  // overwrite each other's files. So Astro always builds inside the project, and an output
  // folder elsewhere is moved into place afterwards.
  const inside = outDir.startsWith(PROJECT + sep);
  const target = inside ? outDir : join(workDir('astro-build-'), 'out');
  try {
    const run = spawnSync(bin, ['build', '--outDir', target], { cwd: PROJECT, env, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`astro build failed (${run.status ?? run.signal})`);
    if (!inside) {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(dirname(outDir), { recursive: true });
      moveDir(target, outDir);
    }
  } finally {
    if (!inside) rmSync(dirname(target), { recursive: true, force: true });
  }
}

/**
 * Moves a partial build into the output: the changed servers' folders and records replace the
 * old ones, removed servers go, and every page about the whole catalog is replaced.
 */
export function mergePartial(partialDir: string, outDir: string, changed: readonly string[], removed: readonly string[]): void {
  const servers = join(outDir, 'servers');
  for (const slug of [...changed, ...removed]) {
    rmSync(join(servers, slug), { recursive: true, force: true });
    rmSync(join(servers, `${slug}.json`), { force: true });
  }
  for (const slug of changed) {
    for (const name of [slug, `${slug}.json`]) {
      const from = join(partialDir, 'servers', name);
      if (existsSync(from)) renameSync(from, join(servers, name));
    }
  }
  // What is left of the partial build is about the whole catalog (servers/index.html among it).
  const fresh = new Set(readdirSync(partialDir));
  for (const name of readdirSync(outDir)) {
    // A catalog that shrank needs fewer sitemap files; the search index is rebuilt after this.
    if (!fresh.has(name) && /^sitemap-\d+\.xml$/.test(name)) rmSync(join(outDir, name));
  }
  for (const name of fresh) {
    if (name === 'servers') continue;
    rmSync(join(outDir, name), { recursive: true, force: true });
    renameSync(join(partialDir, name), join(outDir, name));
  }
  for (const name of readdirSync(join(partialDir, 'servers'))) {
    cpSync(join(partialDir, 'servers', name), join(servers, name), { recursive: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, full: { type: 'boolean', default: false } } });
  const outDir = resolve(values.out ?? 'dist');
  const catalogDir = resolve(process.env['CATALOG_DIR'] || 'catalog');
  const env = { ...process.env, CATALOG_DIR: catalogDir, ASTRO_TELEMETRY_DISABLED: '1' };

  // 1. What changed since the last build into this folder.
  const manifestFile = manifestPath(outDir);
  const current = currentManifest(catalogDir);
  const outReady = existsSync(join(outDir, 'index.html')) && existsSync(join(outDir, 'pagefind'));
  const plan = values.full ? ({ kind: 'full', why: '--full' } as const) : planBuild(readManifest(manifestFile), current, outReady);
  // A build that fails half way must not leave a manifest saying the output is current.
  rmSync(manifestFile, { force: true });

  // 2. The pages.
  const t0 = performance.now();
  if (plan.kind === 'full') {
    console.log(`full build (${plan.why})`);
    astroBuild(outDir, env);
  } else if (plan.kind === 'partial') {
    console.log(`partial build: ${plan.changed.length} ${plan.changed.length === 1 ? 'server' : 'servers'} changed, ${plan.removed.length} removed`);
    const tmp = workDir('partial-build-');
    try {
      const list = join(tmp, 'servers.txt');
      writeFileSync(list, plan.changed.map((s) => `${s}\n`).join(''));
      const partialDir = join(tmp, 'out');
      astroBuild(partialDir, { ...env, CATALOG_BUILD_ONLY: list });
      mergePartial(partialDir, outDir, plan.changed, plan.removed);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    console.log('nothing changed since the last build');
    writeFileSync(manifestFile, `${JSON.stringify(current)}\n`);
    return 0;
  }
  const pagesMs = performance.now() - t0;

  // 3. The search index, always whole (it is made from the records, not the pages).
  const t1 = performance.now();
  const s = await buildSearchIndex(outDir, catalogDir, shardTools(undefined));
  const indexMs = performance.now() - t1;
  console.log(`search index: ${s.tools} tools of ${s.servers} servers in ${s.documents} documents, ${s.shards} ${s.shards === 1 ? 'shard' : 'shards'}`);
  console.log(`built in ${seconds(pagesMs + indexMs)}: pages ${seconds(pagesMs)}, search index ${seconds(indexMs)}`);

  // 4. Remember what this output was built from.
  writeFileSync(manifestFile, `${JSON.stringify(current)}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
