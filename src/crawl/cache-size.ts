/**
 * How much disk the install cache takes, and the most it took: a crawl of hundreds of servers
 * must stay within a budget, and says at its end how close it came ("install cache peak N GB").
 * Sizes are the blocks the file system allocated (what `du` counts), links never followed.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrawlOptions } from './options.ts';

/** Files walked at once in a folder: enough to keep the disk busy, few enough to leave the crawl's sessions alone. */
const BATCH = 64;

/** Calls `visit` for every file under `root` (not folders, not through links); a path that vanishes meanwhile is skipped. */
export async function walkFiles(root: string, visit: (path: string, bytes: number, mtimeMs: number) => void): Promise<void> {
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (let i = 0; i < entries.length; i += BATCH) {
      await Promise.all(
        entries.slice(i, i + BATCH).map(async (entry) => {
          const path = join(folder, entry.name);
          if (entry.isDirectory()) {
            folders.push(path);
            return;
          }
          // Gone since the listing (npm's temporary files, a tree being released): nothing to count.
          const st = await lstat(path).catch(() => null);
          if (st && !st.isDirectory()) visit(path, st.blocks * 512, st.mtimeMs);
        }),
      );
    }
  }
}

/** Bytes on disk under `root`, folders' own blocks left out; 0 for a folder that does not exist. */
export async function diskUsage(root: string): Promise<number> {
  let total = 0;
  await walkFiles(root, (_path, bytes) => (total += bytes));
  return total;
}

const peaks = new Map<string, number>();

/** Records a measured size of the cache at `cacheDir`; the peak is the largest one recorded. */
export function recordCacheSize(cacheDir: string, bytes: number): void {
  peaks.set(cacheDir, Math.max(peaks.get(cacheDir) ?? 0, bytes));
}

/**
 * The whole install cache's size now (install folders, npm's download cache, Node runtimes,
 * stamps), recorded towards its peak. The crawl samples it after each server; installs record it
 * too, when they measure it against the budget.
 */
export async function cacheSize(opts: Pick<CrawlOptions, 'cacheDir'>): Promise<number> {
  const bytes = await diskUsage(opts.cacheDir);
  recordCacheSize(opts.cacheDir, bytes);
  return bytes;
}

/** The largest size of the install cache measured in this process (0 before any measurement). */
export function cachePeak(opts: Pick<CrawlOptions, 'cacheDir'>): number {
  return peaks.get(opts.cacheDir) ?? 0;
}

/** Bytes as a reader wants them: "1.4 GB", "310 MB", "12 kB" (powers of 1000, as `df -H`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 || value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
