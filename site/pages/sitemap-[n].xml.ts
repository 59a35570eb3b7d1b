import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { sitemapUrls } from '../lib/data.ts';
import { SITEMAP_CHUNK, sitemap } from '../lib/xml.ts';

const SITE = new URL(import.meta.env.SITE ?? 'https://example.invalid');

export const getStaticPaths = (() => {
  const urls = sitemapUrls(getCatalog(), SITE);
  const chunks = Math.max(1, Math.ceil(urls.length / SITEMAP_CHUNK));
  return Array.from({ length: chunks }, (_, n) => ({
    params: { n: String(n) },
    props: { urls: urls.slice(n * SITEMAP_CHUNK, (n + 1) * SITEMAP_CHUNK) },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ urls: ReturnType<typeof sitemapUrls> }> = ({ props }) =>
  new Response(sitemap(props.urls), { headers: { 'Content-Type': 'application/xml' } });
