/**
 * Keeps the install cache within its budget (`cacheBudget`, bytes). Of everything in it only
 * npm's download cache is evicted: the install folders hold just a lockfile once released, a
 * tree in use must stay, and the Node runtimes are few.
 *
 * npm's cache (`_cacache`) is content-addressed: its index maps a request to a digest, and the
 * content is a file named by that digest. When a content file is gone npm treats the entry as a
 * miss and downloads it again (make-fetch-happen and pacote both retry on ENOENT from the cache),
 * so removing single content files is always safe, even while another npm reads the cache.
 * `npm cache clean --force` would be simpler but wrong here: it empties the whole cache, so every
 * released server loses its offline reinstall at once, and it pulls the folder from under an npm
 * that is installing at that moment. The oldest downloads go first — they belong to servers
 * crawled longest ago; what the servers just installed stays — until the cache is a tenth under
 * budget, so that not every install that follows has to evict again.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheSize, formatBytes, walkFiles } from './cache-size.ts';
import type { CrawlOptions } from './options.ts';

/** Eviction goes down to this share of the budget. */
const EVICT_TO = 0.9;

/** Where npm keeps the downloads' content, in the shared download cache. */
export function npmContentDir(opts: Pick<CrawlOptions, 'cacheDir'>): string {
  return join(opts.cacheDir, 'npm-cache', '_cacache', 'content-v2');
}

const running = new Map<string, Promise<{ bytes: number; evicted: number }>>();
const measured = new Map<string, { at: number; bytes: number }>();
const MEASURE_EVERY_MS = 60_000;

/**
 * Measures the install cache and, when it has passed `opts.cacheBudget`, removes npm's oldest
 * downloads until it is under budget again (or nothing of npm's is left). Concurrent calls share
 * one measurement. Returns the size after it and the bytes evicted.
 */
export function boundCache(opts: Pick<CrawlOptions, 'cacheDir' | 'cacheBudget' | 'log'>): Promise<{ bytes: number; evicted: number }> {
  let pending = running.get(opts.cacheDir);
  if (!pending) {
    // Walking a cache of a few hundred thousand files costs seconds of CPU: at most once a
    // minute, which a budget with a tenth of slack absorbs (no install adds gigabytes in a minute).
    const last = measured.get(opts.cacheDir);
    if (last && Date.now() - last.at < MEASURE_EVERY_MS && last.bytes <= (opts.cacheBudget ?? Infinity) * EVICT_TO) return Promise.resolve({ bytes: last.bytes, evicted: 0 });
    pending = evict(opts)
      .then((r) => (measured.set(opts.cacheDir, { at: Date.now(), bytes: r.bytes }), r))
      .finally(() => running.delete(opts.cacheDir));
    running.set(opts.cacheDir, pending);
  }
  return pending;
}

async function evict(opts: Pick<CrawlOptions, 'cacheDir' | 'cacheBudget' | 'log'>): Promise<{ bytes: number; evicted: number }> {
  const before = await cacheSize(opts);
  const budget = opts.cacheBudget;
  if (budget === null || before <= budget) return { bytes: before, evicted: 0 };
  const files: { path: string; bytes: number; mtimeMs: number }[] = [];
  await walkFiles(npmContentDir(opts), (path, bytes, mtimeMs) => files.push({ path, bytes, mtimeMs }));
  // Content files are written once, when downloaded, and never touched again: the oldest mtime is the oldest download.
  files.sort((a, b) => a.mtimeMs - b.mtimeMs);
  let bytes = before;
  let evicted = 0;
  for (const file of files) {
    if (bytes <= budget * EVICT_TO) break;
    await rm(file.path, { force: true });
    bytes -= file.bytes;
    evicted += file.bytes;
  }
  opts.log?.(`install cache at ${formatBytes(before)}, over its budget of ${formatBytes(budget)}: evicted ${formatBytes(evicted)} of npm's oldest downloads`);
  return { bytes, evicted };
}
