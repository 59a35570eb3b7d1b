/**
 * What the home page says about the catalog as a whole: how much of it is listed, how much was
 * crawled live, why the rest is not listed, and what the last crawl changed. Derived from the
 * records' provenance and changelog and the unlisted entries; dates go through publishableDate,
 * so a forged or future date in a record cannot move "the last crawl".
 */
import type { Catalog } from './catalog.ts';
import { publishableDate } from './data.ts';
import type { UnlistedCause } from '../../src/taxonomy.ts';

export type Coverage = {
  /** Servers with a record, and their tools. */
  listed: number;
  tools: number;
  live: number;
  snapshot: number;
  /** Share of the listed servers crawled live, 0 when none is listed. */
  liveShare: number;
  unlisted: number;
  /** Unlisted servers per cause, most first. */
  causes: [UnlistedCause, number][];
};

export function coverage(catalog: Pick<Catalog, 'servers' | 'unlisted' | 'toolCount'>): Coverage {
  const live = catalog.servers.filter((s) => s.record.provenance.method === 'live').length;
  const causes = new Map<UnlistedCause, number>();
  for (const u of catalog.unlisted) causes.set(u.cause, (causes.get(u.cause) ?? 0) + 1);
  return {
    listed: catalog.servers.length,
    tools: catalog.toolCount,
    live,
    snapshot: catalog.servers.length - live,
    liveShare: catalog.servers.length ? live / catalog.servers.length : 0,
    unlisted: catalog.unlisted.length,
    causes: [...causes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}

/**
 * How far back from the newest crawl "the last crawl" reaches. A crawl of the whole catalog runs
 * for hours, not days (every candidate in under two hours on two cores), so everything crawled in
 * the day before the newest crawl belongs to it, and a server crawled days earlier does not.
 */
export const LAST_CRAWL_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ServerChange = { slug: string; name: string; added: number; removed: number; changed: number };

export type LastCrawl = {
  /** The newest crawl or attempt, and the start of the window. */
  to: string;
  from: string;
  /** Listed servers crawled in the window, of those crawled live, and listed for the first time. */
  crawled: number;
  live: number;
  newServers: number;
  /** Tool changes the crawls in the window recorded, over all servers. */
  added: number;
  removed: number;
  changed: number;
  /** The servers whose tools changed, most changes first. */
  servers: ServerChange[];
  /** Servers tried in the window that could not be listed, and of those tried for the first time. */
  unlisted: number;
  newUnlisted: number;
};

/** The last crawl, or null when no record or entry has a publishable date. */
export function lastCrawl(catalog: Pick<Catalog, 'servers' | 'unlisted'>, now = Date.now()): LastCrawl | null {
  const at = (text: string) => {
    const date = publishableDate(text, now);
    return date === null ? null : Date.parse(date);
  };
  let newest = -Infinity;
  for (const { record } of catalog.servers) newest = Math.max(newest, at(record.provenance.crawledAt) ?? -Infinity);
  for (const u of catalog.unlisted) newest = Math.max(newest, at(u.lastAttemptAt) ?? -Infinity);
  if (newest === -Infinity) return null;
  const start = newest - LAST_CRAWL_WINDOW_MS;
  const inWindow = (text: string) => {
    const t = at(text);
    return t !== null && t >= start;
  };

  const result: LastCrawl = {
    to: new Date(newest).toISOString(),
    from: new Date(start).toISOString(),
    crawled: 0,
    live: 0,
    newServers: 0,
    added: 0,
    removed: 0,
    changed: 0,
    servers: [],
    unlisted: 0,
    newUnlisted: 0,
  };
  for (const { record } of catalog.servers) {
    if (!inWindow(record.provenance.crawledAt)) continue;
    result.crawled++;
    if (record.provenance.method === 'live') result.live++;
    if (record.provenance.firstCrawledAt !== null && inWindow(record.provenance.firstCrawledAt)) result.newServers++;
    const change: ServerChange = { slug: record.slug, name: record.name, added: 0, removed: 0, changed: 0 };
    for (const c of record.changelog) {
      if (!inWindow(c.at)) continue;
      change.added += c.added.length;
      change.removed += c.removed.length;
      change.changed += c.changed.length;
    }
    if (change.added + change.removed + change.changed === 0) continue;
    result.added += change.added;
    result.removed += change.removed;
    result.changed += change.changed;
    result.servers.push(change);
  }
  for (const u of catalog.unlisted) {
    if (!inWindow(u.lastAttemptAt)) continue;
    result.unlisted++;
    if (inWindow(u.firstAttemptAt)) result.newUnlisted++;
  }
  const total = (c: ServerChange) => c.added + c.removed + c.changed;
  result.servers.sort((a, b) => total(b) - total(a) || a.slug.localeCompare(b.slug));
  return result;
}
