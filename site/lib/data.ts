/**
 * The site's data for machines: the catalog index, the sitemap's URL list and the change feed's
 * entries, all derived from the loaded catalog.
 */
import type { Catalog } from './catalog.ts';
import { serverPath, toolPath } from './view.ts';
import type { FeedEntry, SitemapUrl } from './xml.ts';

/** /catalog.json: every server and tool with its verdict; the full records are at /servers/<slug>.json. */
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
  };
}

function dateOnly(iso: string): string | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

export function sitemapUrls(catalog: Catalog, site: URL): SitemapUrl[] {
  const at = (path: string) => new URL(path, site).href;
  const urls: SitemapUrl[] = ['/', '/servers/', '/search/', '/methodology/'].map((p) => ({ loc: at(p) }));
  for (const { record } of catalog.servers) {
    const lastmod = dateOnly(record.provenance.crawledAt);
    urls.push({ loc: at(serverPath(record.slug)), lastmod });
    for (const t of record.tools) urls.push({ loc: at(toolPath(record.slug, t.slug)), lastmod });
  }
  return urls;
}

const FEED_ENTRIES = 500;

/** One entry per change of a server's tools, newest first. */
export function feedEntries(catalog: Catalog, site: URL): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const { record } of catalog.servers) {
    for (const change of record.changelog) {
      const parts = (
        [
          ['added', change.added],
          ['removed', change.removed],
          ['changed', change.changed],
        ] as const
      ).filter(([, names]) => names.length);
      const title = `${record.name}: ${parts.map(([what, names]) => `${names.length} ${names.length === 1 ? 'tool' : 'tools'} ${what}`).join(', ') || 'no tool changes'}`;
      const content = parts.map(([what, names]) => `${what[0]!.toUpperCase()}${what.slice(1)}: ${names.join(', ')}.`).join('\n');
      entries.push({
        id: new URL(`${serverPath(record.slug)}#changes-${change.at}`, site).href,
        title,
        updated: change.at,
        link: new URL(serverPath(record.slug), site).href,
        content,
      });
    }
  }
  const time = (iso: string) => new Date(iso).getTime() || 0;
  return entries.sort((a, b) => time(b.updated) - time(a.updated)).slice(0, FEED_ENTRIES);
}
