/**
 * The crawler: reaches MCP servers (npm, command, streamable HTTP, legacy SSE, snapshot) and
 * returns their tools as listed, with provenance. `crawlSources` crawls many at a time.
 */
import type { LoadedSource } from '../catalog/sources.ts';
import { crawlSource } from './crawl-source.ts';
import type { CrawlOptions } from './options.ts';
import { mapPool } from './pool.ts';
import type { CrawlOutcome } from './types.ts';

export { crawlSource } from './crawl-source.ts';
export { crawlOptions, defaultCacheDir, DEFAULT_CAPS, DEFAULT_TIMEOUTS, type CrawlOptions } from './options.ts';
export { killTreesOnExit } from './process-tree.ts';
export { mapPool } from './pool.ts';
export type { CrawlOutcome } from './types.ts';

export function crawlSources(
  sources: readonly LoadedSource[],
  opts: CrawlOptions & { concurrency: number },
  onDone?: (outcome: CrawlOutcome, loaded: LoadedSource) => void | Promise<void>,
): Promise<CrawlOutcome[]> {
  return mapPool(sources, opts.concurrency, (loaded) => crawlSource(loaded, opts), onDone && ((outcome, loaded) => onDone(outcome, loaded)));
}
