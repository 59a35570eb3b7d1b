import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCatalog, type Catalog, type ServerEntry } from '../../site/lib/catalog.ts';
import { coverage, lastCrawl, LAST_CRAWL_WINDOW_MS } from '../../site/lib/coverage.ts';
import { indexRows, statusCounts, vendorChoices } from '../../site/lib/server-index.ts';
import { CAUSE_HELP, suggestedSource } from '../../site/lib/unlisted.ts';
import type { Unlisted } from '../../src/schema.ts';
import { UNLISTED_CAUSE_VALUES } from '../../src/taxonomy.ts';

const FIXTURE = loadCatalog(join(import.meta.dirname, '../fixtures/catalog'));
const NOW = Date.parse('2026-12-01T00:00:00Z');

/** The fixture catalog with each server's crawl date, method and changelog dates set as given. */
function withDates(crawls: Record<string, { at: string; method?: 'live' | 'snapshot'; changes?: string[]; first?: string | null }>, unlisted: Partial<Unlisted>[] = []): Catalog {
  const servers: ServerEntry[] = FIXTURE.servers.map((s) => {
    const c = crawls[s.record.slug];
    if (!c) return s;
    const changelog = (c.changes ?? []).map((at, i) => ({ ...s.record.changelog[0]!, at, added: i === 0 ? s.record.changelog[0]!.added : ['x'] }));
    return { ...s, record: { ...s.record, changelog, provenance: { ...s.record.provenance, crawledAt: c.at, firstCrawledAt: c.first ?? null, method: c.method ?? s.record.provenance.method } } };
  });
  const base = FIXTURE.unlisted[0]!;
  return { ...FIXTURE, servers, unlisted: unlisted.map((u, i) => ({ ...base, slug: `u${i}`, ...u })) };
}

describe('coverage', () => {
  test('counts listed servers, tools, the live share and the unlisted by cause, most first', () => {
    const catalog = withDates({ kestra: { at: '2026-11-20T08:00:00Z', method: 'live' } }, [{ cause: 'network' }, { cause: 'credentials' }, { cause: 'credentials' }]);
    expect(coverage(catalog)).toEqual({
      listed: 3,
      tools: FIXTURE.toolCount,
      live: 1,
      snapshot: 2,
      liveShare: 1 / 3,
      unlisted: 3,
      causes: [
        ['credentials', 2],
        ['network', 1],
      ],
    });
  });

  test('gives a live share of 0, not NaN, for an empty catalog', () => {
    expect(coverage({ servers: [], unlisted: [], toolCount: 0 }).liveShare).toBe(0);
  });
});

describe('lastCrawl', () => {
  test('counts what the crawls of the last day changed, and leaves out older crawls and changes', () => {
    const catalog = withDates(
      {
        kestra: { at: '2026-11-30T20:00:00Z', method: 'live', changes: ['2026-11-30T20:00:00Z', '2026-11-10T08:00:00Z'], first: '2026-11-10T08:00:00Z' },
        // Listed for the first time in this crawl.
        mailbox: { at: '2026-11-30T02:00:00Z', changes: ['2026-11-30T02:00:00Z'], first: '2026-11-30T02:00:00Z' },
        // Crawled more than a day before the newest crawl: not part of it.
        hostile: { at: '2026-11-29T19:59:00Z', changes: ['2026-11-29T19:59:00Z'] },
      },
      [
        { firstAttemptAt: '2026-11-30T10:00:00Z', lastAttemptAt: '2026-11-30T10:00:00Z' },
        { firstAttemptAt: '2026-11-01T10:00:00Z', lastAttemptAt: '2026-11-30T11:00:00Z' },
        { firstAttemptAt: '2026-11-01T10:00:00Z', lastAttemptAt: '2026-11-02T11:00:00Z' },
      ],
    );
    const kestra = FIXTURE.bySlug.get('kestra')!.record.changelog[0]!;
    const mailbox = FIXTURE.bySlug.get('mailbox')!.record.changelog[0]!;
    const last = lastCrawl(catalog, NOW)!;
    expect(last.to).toBe('2026-11-30T20:00:00.000Z');
    expect(Date.parse(last.to) - Date.parse(last.from)).toBe(LAST_CRAWL_WINDOW_MS);
    expect(last).toMatchObject({ crawled: 2, live: 1, newServers: 1, unlisted: 2, newUnlisted: 1 });
    expect(last.added).toBe(kestra.added.length + mailbox.added.length);
    expect(last.changed).toBe(kestra.changed.length + mailbox.changed.length);
    expect(last.servers.map((s) => s.slug)).toEqual(['kestra', 'mailbox']);
  });

  test('is not moved by a date in the future or one that is not a date', () => {
    const catalog = withDates({
      kestra: { at: '9999-01-01T00:00:00Z', changes: ['9999-01-01T00:00:00Z'] },
      mailbox: { at: 'yesterday' },
      hostile: { at: '2026-11-30T08:00:00Z' },
    });
    const last = lastCrawl(catalog, NOW)!;
    expect(last.to).toBe('2026-11-30T08:00:00.000Z');
    expect(last.crawled).toBe(1);
  });

  test('is null when nothing has a publishable date', () => {
    expect(lastCrawl(withDates({ kestra: { at: 'x' }, mailbox: { at: 'x' }, hostile: { at: 'x' } }), NOW)).toBeNull();
  });
});

describe('servers index', () => {
  const rows = indexRows(FIXTURE);

  test('has a row for every server, listed or not, by slug; an unlisted row has no tool count, not zero', () => {
    expect(rows.map((r) => [r.slug, r.status, r.tools])).toEqual([
      ['hostile', 'snapshot', 14],
      ['hostile-unlisted', 'unlisted', null],
      ['http-default', 'unlisted', null],
      ['kestra', 'snapshot', 39],
      ['mailbox', 'snapshot', 4],
      ['weather-key', 'unlisted', null],
    ]);
    expect(rows.find((r) => r.slug === 'weather-key')).toMatchObject({ cause: 'credentials', worst: null, vendor: 'Example' });
  });

  test('searches revealed, lower-case text: hidden characters are escapes, never raw', () => {
    const hostile = rows.find((r) => r.slug === 'hostile-unlisted')!;
    expect(hostile.search).toContain('\\u202eevil');
    expect(hostile.search).not.toMatch(/[\u202e\u200b]/);
    expect(rows.find((r) => r.slug === 'weather-key')!.search).toBe('weather forecast mcp @example/weather-forecast-mcp example weather-key');
  });

  test('offers the vendors with at least two servers, most first, one choice per spelling in any case', () => {
    const twice = [...rows, { ...rows[0]!, slug: 'z1', vendor: 'KESTRA' }];
    expect(vendorChoices(twice)).toEqual([
      { key: 'example', label: 'Example', servers: 3 },
      { key: 'kestra', label: 'Kestra', servers: 2 },
    ]);
    expect(vendorChoices(rows, 1).map((v) => v.key)).toContain('<b onmouseover=alert(1)>evil</b>');
  });

  test('counts each status and each cause of not being listed', () => {
    expect(statusCounts(rows)).toEqual({
      status: { live: 0, snapshot: 3, unlisted: 3 },
      causes: [
        ['crash', 1],
        ['credentials', 1],
        ['http-only', 1],
      ],
    });
  });
});

describe('unlisted pages', () => {
  test('every cause has a way to help', () => {
    for (const cause of UNLISTED_CAUSE_VALUES) expect(CAUSE_HELP[cause].length, cause).toBeGreaterThan(20);
  });

  test.each([
    { needs: ['WEATHER_API_KEY', '--api-url'], want: 'args: ["--api-url"]\nenv:\n  WEATHER_API_KEY: placeholder' },
    { needs: ['API_KEY'], want: 'env:\n  API_KEY: placeholder' },
    // Names that are not shaped like a variable or an option are left to the page's list.
    { needs: ['</code><script>', 'TOKEN\u202e', 'token: x\nPATH', 'a readable sentence'], want: null },
    { needs: ['--mode="x"'], want: 'args: ["--mode=\\"x\\""]' },
    { needs: [], want: null },
  ])('suggests placeholders for $needs', ({ needs, want }) => {
    expect(suggestedSource({ needs })).toBe(want);
  });
});
