/**
 * XML for the sitemap and the Atom feed. Third-party names end up in the feed, so text is escaped
 * and characters XML 1.0 forbids (most control characters, lone surrogates) are dropped.
 */
import { clip } from './view.ts';

const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type SitemapUrl = { loc: string; lastmod?: string | undefined };

/** Search engines read at most 50,000 URLs per sitemap file. */
export const SITEMAP_CHUNK = 45_000;

export function sitemap(urls: readonly SitemapUrl[]): string {
  const body = urls
    .map((u) => `<url><loc>${xmlText(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlText(u.lastmod)}</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

export function sitemapIndex(locs: readonly string[]): string {
  const body = locs.map((loc) => `<sitemap><loc>${xmlText(loc)}</loc></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

export type FeedEntry = { id: string; title: string; updated: string; link: string; content: string };

export function atomFeed(feed: { id: string; title: string; link: string; self: string; updated: string; entries: readonly FeedEntry[] }): string {
  const entries = feed.entries
    .map(
      (e) =>
        `<entry>\n<id>${xmlText(e.id)}</id>\n<title type="text">${xmlText(clip(e.title, 300))}</title>\n<updated>${xmlText(e.updated)}</updated>\n` +
        `<link rel="alternate" href="${xmlText(e.link)}"/>\n<content type="text">${xmlText(clip(e.content, 4000))}</content>\n</entry>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<id>${xmlText(feed.id)}</id>\n` +
    `<title>${xmlText(feed.title)}</title>\n<updated>${xmlText(feed.updated)}</updated>\n` +
    `<link rel="alternate" href="${xmlText(feed.link)}"/>\n<link rel="self" href="${xmlText(feed.self)}"/>\n` +
    `<author><name>MCP Tool Risk Catalog</name></author>\n${entries}\n</feed>\n`
  );
}
