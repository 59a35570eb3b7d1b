import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../../site/lib/catalog.ts';
import { indexRows, vendorKey, worstRank } from '../../site/lib/server-index.ts';
import { countText, PAGE_ROWS, selectRows, type Filters } from '../../site/scripts/servers-filter.ts';

const ANY: Filters = { q: '', vendor: '', risk: '', transport: '', status: '' };
/** The fixture catalog's rows as the script reads them from the page's data attributes. */
const rows = indexRows(loadCatalog(join(import.meta.dirname, '../fixtures/catalog'))).map((r) => ({
  slug: r.slug,
  q: r.search,
  v: vendorKey(r.vendor),
  t: r.transport,
  s: r.status,
  c: r.cause ?? '',
  w: worstRank(r),
}));
const shown = (f: Partial<Filters>, limit = PAGE_ROWS) => {
  const { visible } = selectRows(rows, { ...ANY, ...f }, limit);
  return rows.filter((_, i) => visible[i]).map((r) => r.slug);
};

describe('selectRows', () => {
  test.each([
    [{}, ['hostile', 'hostile-unlisted', 'http-default', 'kestra', 'mailbox', 'weather-key']],
    [{ q: '  Weather ' }, ['weather-key']],
    [{ q: '@example/' }, ['weather-key']],
    [{ vendor: 'example' }, ['http-default', 'mailbox', 'weather-key']],
    [{ risk: '2' }, ['hostile', 'kestra', 'mailbox']],
    [{ transport: 'npm' }, ['hostile-unlisted', 'http-default', 'weather-key']],
    [{ status: 'snapshot' }, ['hostile', 'kestra', 'mailbox']],
    [{ status: 'unlisted' }, ['hostile-unlisted', 'http-default', 'weather-key']],
    [{ status: 'unlisted:http-only' }, ['http-default']],
    // A status that names a cause of another status matches nothing rather than everything.
    [{ status: 'snapshot:http-only' }, []],
    [{ vendor: 'example', status: 'unlisted', q: 'notes' }, ['http-default']],
  ] as [Partial<Filters>, string[]][])('%j shows %j', (f, want) => {
    expect(shown(f)).toEqual(want);
  });

  test('shows only the first matches up to the limit, and counts them all', () => {
    expect(shown({}, 2)).toEqual(['hostile', 'hostile-unlisted']);
    expect(selectRows(rows, ANY, 2).matched).toBe(6);
  });
});

describe('countText', () => {
  test('says how many are shown, and of how many matches when a page cuts them', () => {
    expect(countText(6, 6, 6)).toBe('Showing 6 of 6 servers.');
    expect(countText(200, 4534, 5000)).toBe('Showing the first 200 of 4,534 matching servers (5,000 in all).');
  });
});
