import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { sitemapUrls } from '../lib/data.ts';
import { SITEMAP_CHUNK, sitemapIndex } from '../lib/xml.ts';

/** A sitemap index: the URLs themselves are in /sitemap-<n>.xml, at most 45,000 a file. */
export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL('https://example.invalid');
  const chunks = Math.max(1, Math.ceil(sitemapUrls(getCatalog(), base).length / SITEMAP_CHUNK));
  const locs = Array.from({ length: chunks }, (_, n) => new URL(`/sitemap-${n}.xml`, base).href);
  return new Response(sitemapIndex(locs), { headers: { 'Content-Type': 'application/xml' } });
};
