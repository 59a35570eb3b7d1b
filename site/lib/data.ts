/**
 * The site's data for machines: the catalog index, the sitemap's URL list and the change feed's
 * entries, all derived from the loaded catalog.
 */
import type { Catalog } from './catalog.ts';
import { revealHidden, serverPath, toolPath } from './view.ts';
import type { FeedEntry, SitemapUrl } from './xml.ts';

/**
 * /catalog.json: every server and tool with its verdict (the full records are at
 * /servers/<slug>.json), then the servers that could not be listed, with why.
 */
export function catalogIndex(catalog: Catalog) {
  return {
    version: '1',
    servers: catalog.servers.length,
    tools: catalog.toolCount,
    risk: catalog.riskCounts,
    entries: catalog.servers.map(({ record, riskCounts }) => ({
      slug: record.slug,
      name: record.name,
      page: serverPath(record.slug),
      record: `/servers/${record.slug}.json`,
      method: record.provenance.method,
      crawledAt: record.provenance.crawledAt,
      stale: record.provenance.stale,
      risk: riskCounts,
      tools: record.tools.map((t) => ({
        name: t.name,
        slug: t.slug,
        effect: t.classification.effect,
        risk: t.classification.risk,
        confidence: t.classification.confidence,
      })),
    })),
    // Servers known but not listed, apart from the servers above, so no reader counts them as
    // servers with zero tools.
    unlisted: catalog.unlisted.map((u) => ({
      slug: u.slug,
      name: u.name,
      page: serverPath(u.slug),
      transport: u.transport,
      package: u.package,
      packageVersion: u.packageVersion,
      cause: u.cause,
      needs: u.needs,
      attempts: u.attempts.length,
      firstAttemptAt: u.firstAttemptAt,
      lastAttemptAt: u.lastAttemptAt,
    })),
  };
}

/** An RFC 3339 date, or date and time with a zone, as the crawler writes them. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A record's date as the feed and the sitemap may print it: normalised to UTC, or null. A record
 * is third-party data in the end (a forged or broken one can say anything), so a date that is not
 * RFC 3339, does not parse, or lies after `now` is left out rather than printed: feed readers and
 * search engines would reject the file for a non-date, and a future date would pin an entry to the
 * top of the feed and claim a change that never happened.
 */
export function publishableDate(text: string, now: number): string | null {
  if (!RFC3339.test(text)) return null;
  const time = Date.parse(text);
  if (Number.isNaN(time) || time > now) return null;
  return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

/** The newest publishable date of the records' crawls, or null when none is. */
export function newestCrawl(catalog: Catalog, now: number): string | null {
  let newest: string | null = null;
  for (const { record } of catalog.servers) {
    const date = publishableDate(record.provenance.crawledAt, now);
    if (date && (!newest || Date.parse(date) > Date.parse(newest))) newest = date;
  }
  return newest;
}

export function sitemapUrls(catalog: Catalog, site: URL, now = Date.now()): SitemapUrl[] {
  const at = (path: string) => new URL(path, site).href;
  const urls: SitemapUrl[] = ['/', '/servers/', '/search/', '/methodology/'].map((p) => ({ loc: at(p) }));
  for (const { record } of catalog.servers) {
    // A crawl date that cannot be published leaves the page without a lastmod, which is allowed.
    const lastmod = publishableDate(record.provenance.crawledAt, now)?.slice(0, 10);
    urls.push({ loc: at(serverPath(record.slug)), lastmod });
    for (const t of record.tools) urls.push({ loc: at(toolPath(record.slug, t.slug)), lastmod });
  }
  for (const u of catalog.unlisted) urls.push({ loc: at(serverPath(u.slug)), lastmod: publishableDate(u.lastAttemptAt, now)?.slice(0, 10) });
  return urls;
}

const FEED_ENTRIES = 500;

/**
 * One entry per change of a server's tools, newest first. A change whose date cannot be published
 * (see publishableDate) is left out of the feed; the server page still lists it. Names are quoted
 * with hidden characters revealed, as on the pages.
 */
export function feedEntries(catalog: Catalog, site: URL, now = Date.now()): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const { record } of catalog.servers) {
    for (const change of record.changelog) {
      const updated = publishableDate(change.at, now);
      if (!updated) continue;
      const parts = (
        [
          ['added', change.added],
          ['removed', change.removed],
          ['changed', change.changed],
        ] as const
      ).filter(([, names]) => names.length);
      const title = `${revealHidden(record.name)}: ${parts.map(([what, names]) => `${names.length} ${names.length === 1 ? 'tool' : 'tools'} ${what}`).join(', ') || 'no tool changes'}`;
      const content = parts.map(([what, names]) => `${what[0]!.toUpperCase()}${what.slice(1)}: ${names.map((n) => revealHidden(n)).join(', ')}.`).join('\n');
      entries.push({
        id: new URL(`${serverPath(record.slug)}#changes-${updated}`, site).href,
        title,
        updated,
        link: new URL(serverPath(record.slug), site).href,
        content,
      });
    }
  }
  return entries.sort((a, b) => Date.parse(b.updated) - Date.parse(a.updated)).slice(0, FEED_ENTRIES);
}
