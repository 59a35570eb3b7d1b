import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { feedEntries } from '../lib/data.ts';
import { atomFeed } from '../lib/xml.ts';

/** Atom feed of tool changes (added, removed, changed definitions) from the servers' changelogs. */
export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL('https://example.invalid');
  const catalog = getCatalog();
  const entries = feedEntries(catalog, base);
  const newestCrawl = catalog.servers.map((s) => s.record.provenance.crawledAt).sort().at(-1);
  const updated = entries[0]?.updated ?? newestCrawl ?? new Date(0).toISOString();
  return new Response(
    atomFeed({
      id: new URL('/changes.xml', base).href,
      title: 'MCP Tool Risk Catalog: tool changes',
      link: new URL('/', base).href,
      self: new URL('/changes.xml', base).href,
      updated,
      entries,
    }),
    { headers: { 'Content-Type': 'application/atom+xml' } },
  );
};
