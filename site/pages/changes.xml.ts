import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { feedEntries, newestCrawl } from '../lib/data.ts';
import { atomFeed } from '../lib/xml.ts';

/** Atom feed of tool changes (added, removed, changed definitions) from the servers' changelogs. */
export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL('https://example.invalid');
  const catalog = getCatalog();
  const now = Date.now();
  const entries = feedEntries(catalog, base, now);
  // Only dates that parse and are not in the future are printed (publishableDate says why).
  const updated = entries[0]?.updated ?? newestCrawl(catalog, now) ?? new Date(0).toISOString().replace(/\.000Z$/, 'Z');
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
