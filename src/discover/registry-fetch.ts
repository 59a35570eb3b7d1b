/**
 * Reads every page of a registry's server list (`GET /v0.1/servers`), following
 * `metadata.nextCursor` to the end. Bounded: at most `maxPages` pages, at most `maxBytes` per
 * response, at most `maxEntries` entries in all, and a cursor seen before ends the walk with an
 * error rather than looping forever.
 */
import { formatIssues } from '../schema.ts';
import { ServerListSchema } from './registry-schema.ts';

export type FetchLimits = { maxPages: number; maxBytes: number; maxEntries: number; pageSize: number; timeoutMs: number };
/** The official registry holds about ten thousand servers: these leave it room to grow tenfold. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxPages: 1_000, maxBytes: 8 * 1024 * 1024, maxEntries: 100_000, pageSize: 100, timeoutMs: 60_000 };

export type FetchedEntry = { page: number; index: number; entry: unknown };
/** Every entry read, and the error that ended the walk early (then the run is incomplete). */
export type FetchResult = { entries: FetchedEntry[]; pages: number; error: string | null };

/** The list endpoint of a registry given by its base URL (or by the endpoint itself). */
export function serversEndpoint(registry: string): URL {
  const url = new URL(registry);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`--registry ${registry}: not an http(s) URL`);
  if (!/\/v0(?:\.\d+)?\/servers\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v0.1/servers`;
  return url;
}

export async function fetchServerList(registry: string, opts: { updatedSince?: string | undefined; limits?: Partial<FetchLimits> } = {}): Promise<FetchResult> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...opts.limits };
  const entries: FetchedEntry[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    if (page > limits.maxPages) return { entries, pages: page - 1, error: `stopped after ${limits.maxPages} pages (the page cap): the list may go on` };
    const url = serversEndpoint(registry);
    url.searchParams.set('limit', String(limits.pageSize));
    url.searchParams.set('version', 'latest');
    if (opts.updatedSince) url.searchParams.set('updated_since', opts.updatedSince);
    if (cursor !== undefined) url.searchParams.set('cursor', cursor);
    let body: unknown;
    try {
      body = JSON.parse(await readBounded(url, limits));
    } catch (e) {
      return { entries, pages: page - 1, error: `page ${page} (${url.href}): ${(e as Error).message}` };
    }
    const parsed = ServerListSchema.safeParse(body);
    if (!parsed.success) return { entries, pages: page - 1, error: `page ${page} (${url.href}): not a server list: ${formatIssues(parsed.error)}` };
    parsed.data.servers.forEach((entry, index) => entries.push({ page, index, entry }));
    if (entries.length > limits.maxEntries) {
      return { entries: entries.slice(0, limits.maxEntries), pages: page, error: `stopped after ${limits.maxEntries} entries (the entry cap): the list may go on` };
    }
    const next = parsed.data.metadata?.nextCursor;
    if (!next) return { entries, pages: page, error: null };
    if (seen.has(next)) return { entries, pages: page, error: `page ${page}: the cursor "${next.slice(0, 100)}" came back again; stopped rather than loop` };
    seen.add(next);
    cursor = next;
  }
}

/** A response body as text, refused past `maxBytes` or after `timeoutMs`, and refused on a status other than 200. */
async function readBounded(url: URL, limits: FetchLimits): Promise<string> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'follow', signal: AbortSignal.timeout(limits.timeoutMs) });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new Error(`response of ${declared} bytes is over the cap of ${limits.maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limits.maxBytes) throw new Error(`response over the cap of ${limits.maxBytes} bytes`);
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
