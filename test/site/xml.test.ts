import { describe, expect, test } from 'vitest';
import { atomFeed, sitemap, sitemapIndex, xmlText } from '../../site/lib/xml.ts';

describe('xmlText', () => {
  test('escapes markup and drops characters XML forbids', () => {
    expect(xmlText(`<a href="x">&'</a>\u0000\u0008\ud800ok\u{1f600}`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;ok\u{1f600}');
  });
});

describe('sitemap', () => {
  test('lists URLs with their last modification date', () => {
    const xml = sitemap([{ loc: 'https://x.example/a/?b=1&c=2', lastmod: '2026-11-20' }, { loc: 'https://x.example/' }]);
    expect(xml).toContain('<url><loc>https://x.example/a/?b=1&amp;c=2</loc><lastmod>2026-11-20</lastmod></url>');
    expect(xml).toContain('<url><loc>https://x.example/</loc></url>');
    expect(sitemapIndex(['https://x.example/sitemap-0.xml'])).toContain('<sitemap><loc>https://x.example/sitemap-0.xml</loc></sitemap>');
  });
});

describe('atomFeed', () => {
  test('writes third-party names as escaped text', () => {
    const xml = atomFeed({
      id: 'https://x.example/changes.xml',
      title: 'Changes',
      link: 'https://x.example/',
      self: 'https://x.example/changes.xml',
      updated: '2026-11-20T08:00:00Z',
      entries: [{ id: 'https://x.example/s/#1', title: 'S: 1 tool added', updated: '2026-11-20T08:00:00Z', link: 'https://x.example/s/', content: 'Added: </content><script>x</script>.' }],
    });
    expect(xml).toContain('<content type="text">Added: &lt;/content&gt;&lt;script&gt;x&lt;/script&gt;.</content>');
    expect(xml).not.toContain('<script>');
    expect(xml.match(/<entry>/g)).toHaveLength(1);
  });
});
