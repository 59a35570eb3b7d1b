/**
 * What a record keeps of a modern server: era, negotiated and supported versions, instructions,
 * ttl and cache scope with the re-crawl date, and per tool title, icons, outputSchema, _meta and
 * the parameters marked `x-mcp-header`; the record passes the integrity check, which recomputes
 * the derived fields and catches them edited.
 */
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../src/catalog/integrity.ts';
import { buildRecord } from '../../src/catalog/record.ts';
import { crawlSource } from '../../src/crawl/index.ts';
import { crawlOptions } from '../../src/crawl/options.ts';
import { ServerRecordSchema, type ServerRecord } from '../../src/schema.ts';
import { fixtureSource } from './helpers.ts';

const NOW = '2026-12-01T00:00:00.000Z';

describe('the record of a modern server', async () => {
  const loaded = fixtureSource('era-modern-only', 'era-modern-only.ts');
  const outcome = await crawlSource(loaded, crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 10_000 } }));
  const built = buildRecord({ loaded, outcome, previous: null, now: NOW });
  const record = ServerRecordSchema.parse(JSON.parse(JSON.stringify(built.record))) as ServerRecord;
  const check = (r: ServerRecord) => checkRecord(r, { file: '/catalog/servers/era-modern-only.json', now: Date.parse(NOW) });

  it('keeps the era, the versions, the instructions and when a re-crawl is due', () => {
    expect(record.provenance).toMatchObject({
      era: 'modern',
      protocolVersion: '2026-07-28',
      supportedVersions: ['2026-07-28'],
      ttlMs: 300_000,
      cacheScope: 'public',
      recrawlDueAt: '2026-12-01T00:05:00.000Z',
    });
    expect(record.instructions).toBe('Use get_weather for forecasts; execute_sql changes the database.');
  });

  it('keeps the tool fields of the revision', () => {
    const [weather, sql] = record.tools;
    expect(weather).toMatchObject({
      title: 'Weather Information Provider',
      icons: [{ src: 'https://example.com/weather-icon.png', mimeType: 'image/png', sizes: ['48x48'] }],
      outputSchema: { type: 'object', properties: { temperature: { type: 'number' } }, required: ['temperature'] },
      _meta: { 'com.example/owner': 'weather-team' },
      headerParams: [],
    });
    expect(sql!.headerParams).toEqual([{ parameter: 'region', header: 'Mcp-Param-Region' }]);
  });

  it('passes the integrity check, and fails it when a derived field is edited', () => {
    expect(check(record)).toEqual([]);
    const dueLater = { ...record, provenance: { ...record.provenance, recrawlDueAt: '2027-01-01T00:00:00.000Z' } };
    expect(check(dueLater).join('\n')).toMatch(/recrawlDueAt/);
    const noHeader = { ...record, tools: record.tools.map((t) => ({ ...t, headerParams: [] })) };
    expect(check(noHeader).join('\n')).toMatch(/headerParams differ/);
    const otherIcon = { ...record, tools: record.tools.map((t, i) => (i === 0 ? { ...t, icons: [{ src: 'https://evil.example/x.png' }] } : t)) };
    expect(check(otherIcon).join('\n')).toMatch(/hash .* does not match/);
  });
});
