/**
 * `tsx site/search-index.ts [--site DIR] [--shard-pages N]` builds the Pagefind search index of a
 * built site (the second step of `npm run build`). Pagefind's memory grows with the pages it
 * indexes (about 1.5 GB per 25,000 tool pages, measured), so a large catalog is indexed in shards
 * of whole servers, one Pagefind process after another: `pagefind/` holds the first shard and
 * `pagefind/shards.json` lists the others, which the search page merges. It runs as its own step,
 * after Astro has exited, so the two never hold memory at the same time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Tool pages per shard: about 1.7 GB of Pagefind memory at the measured rate. */
export const DEFAULT_SHARD_PAGES = 25_000;

export type Shard = { servers: string[]; pages: number };

/** Packs servers, in order, into shards of at most `maxPages` tool pages (a bigger server gets a shard of its own). */
export function planShards(servers: readonly { slug: string; pages: number }[], maxPages: number): Shard[] {
  const shards: Shard[] = [];
  let current: Shard = { servers: [], pages: 0 };
  for (const s of servers) {
    if (s.pages === 0) continue;
    if (current.servers.length && current.pages + s.pages > maxPages) {
      shards.push(current);
      current = { servers: [], pages: 0 };
    }
    current.servers.push(s.slug);
    current.pages += s.pages;
  }
  if (current.servers.length) shards.push(current);
  return shards;
}

/** Bundle folder of the n-th shard, relative to the site root. */
export function bundleDir(n: number): string {
  return n === 0 ? 'pagefind' : `pagefind-${n}`;
}

/** Tool pages per server, counted from the built site (servers/<server>/<tool>/index.html). */
function countToolPages(outDir: string): { slug: string; pages: number }[] {
  const root = join(outDir, 'servers');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((slug) => statSync(join(root, slug)).isDirectory())
    .sort()
    .map((slug) => ({
      slug,
      pages: readdirSync(join(root, slug)).filter((tool) => existsSync(join(root, slug, tool, 'index.html'))).length,
    }));
}

/** The pagefind package's launcher, found in the nearest node_modules (its exports hide the path). */
function pagefindBin(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', 'pagefind', 'lib', 'runner', 'bin.cjs');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error('the pagefind package is not installed');
  }
}

export function buildSearchIndex(outDir: string, maxPages: number, log: (line: string) => void = console.log): Shard[] {
  const shards = planShards(countToolPages(outDir), maxPages);
  shards.forEach((shard, n) => {
    // Server slugs are [a-z0-9_-], so they are safe inside a glob.
    const glob = `servers/{${shard.servers.join(',')}}/*/index.html`;
    const args = [pagefindBin(), '--site', outDir, '--output-subdir', bundleDir(n), '--glob', glob, '--silent'];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`pagefind failed on shard ${n} (${run.status}):\n${run.stdout}\n${run.stderr}`);
    log(`search index ${bundleDir(n)}/: ${shard.pages} tool pages of ${shard.servers.length} servers`);
  });
  if (shards.length) {
    const others = shards.slice(1).map((_, i) => `/${bundleDir(i + 1)}/`);
    writeFileSync(join(outDir, bundleDir(0), 'shards.json'), `${JSON.stringify({ merge: others })}\n`);
  }
  return shards;
}

export function run(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { site: { type: 'string' }, 'shard-pages': { type: 'string' } } });
  const site = values.site ?? 'dist';
  const maxPages = Number(values['shard-pages'] ?? process.env['SEARCH_SHARD_PAGES']) || DEFAULT_SHARD_PAGES;
  if (!existsSync(site)) {
    console.error(`${site}: no built site here (run astro build first)`);
    return 2;
  }
  const shards = buildSearchIndex(site, maxPages);
  console.log(`search index: ${shards.reduce((n, s) => n + s.pages, 0)} tool pages in ${shards.length} ${shards.length === 1 ? 'shard' : 'shards'}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = run(process.argv.slice(2));
