import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCatalog } from '../../site/lib/catalog.ts';
import { catalogIndex } from '../../site/lib/data.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/catalog');
const kestraText = readFileSync(join(FIXTURE, 'servers/kestra.json'), 'utf8');
const weatherText = readFileSync(join(FIXTURE, 'unlisted/weather-key.json'), 'utf8');
const dirs: string[] = [];

function tempCatalog(records: Record<string, string>, nested = true): { root: string; servers: string } {
  const root = mkdtempSync(join(tmpdir(), 'site-catalog-'));
  dirs.push(root);
  // A folder of records itself sits one level down, so whatever is beside it (an eval.json) is this test's own.
  const servers = nested ? join(root, 'servers') : join(root, 'records');
  mkdirSync(servers, { recursive: true });
  for (const [name, text] of Object.entries(records)) writeFileSync(join(servers, name), text);
  return { root, servers };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadCatalog', () => {
  test('reads a catalog folder holding servers/', () => {
    const catalog = loadCatalog(FIXTURE);
    expect(catalog.servers.map((s) => s.record.slug)).toEqual(['hostile', 'kestra', 'mailbox']);
    expect(catalog.unlisted.map((u) => u.slug)).toEqual(['hostile-unlisted', 'http-default', 'weather-key']);
    expect(catalog.evaluation.status).toBe('ok');
    expect(catalog.toolCount).toBe(catalog.servers.reduce((n, s) => n + s.record.tools.length, 0));
    const kestra = catalog.bySlug.get('kestra')!;
    expect(Object.values(kestra.riskCounts).reduce((a, b) => a + b, 0)).toBe(kestra.record.tools.length);
  });

  test('reads a folder of records itself', () => {
    const { servers } = tempCatalog({ 'kestra.json': kestraText }, false);
    expect(loadCatalog(servers).servers.map((s) => s.record.slug)).toEqual(['kestra']);
  });

  test('sorts each server\'s tools most dangerous first', () => {
    const ranks = { low: 0, medium: 1, high: 2, critical: 3 };
    const briefs = loadCatalog(FIXTURE).bySlug.get('kestra')!.briefs.map((b) => ranks[b.risk]);
    expect(briefs).toEqual([...briefs].sort((a, b) => b - a));
  });

  test('fails naming the file and the field when a record does not validate', () => {
    const bad = JSON.parse(kestraText);
    bad.tools[3].classification.risk = 'apocalyptic';
    const { root, servers } = tempCatalog({ 'kestra.json': JSON.stringify(bad) });
    expect(() => loadCatalog(root)).toThrow(`${join(servers, 'kestra.json')}: tools.3.classification.risk:`);
  });

  test('fails naming the file when it is not JSON', () => {
    const { root, servers } = tempCatalog({ 'broken.json': '{"slug": ' });
    expect(() => loadCatalog(root)).toThrow(`${join(servers, 'broken.json')}: not valid JSON`);
  });

  test('fails when a record\'s slug does not match its file name', () => {
    const { root } = tempCatalog({ 'other.json': kestraText });
    expect(() => loadCatalog(root)).toThrow('slug: "kestra" does not match the file name');
  });

  test('fails when two tools of a server share a slug', () => {
    const bad = JSON.parse(kestraText);
    bad.tools[1].slug = bad.tools[0].slug;
    const { root } = tempCatalog({ 'kestra.json': JSON.stringify(bad) });
    expect(() => loadCatalog(root)).toThrow(`tools.1.slug: "${bad.tools[0].slug}" is used by two tools`);
  });

  test('reports an evaluation as missing when there is no eval.json', () => {
    const { root } = tempCatalog({ 'kestra.json': kestraText });
    expect(loadCatalog(root).evaluation).toEqual({ status: 'missing' });
  });

  test('fails naming the file and the field when eval.json does not validate', () => {
    const { root } = tempCatalog({ 'kestra.json': kestraText });
    const report = JSON.parse(readFileSync(join(FIXTURE, 'eval.json'), 'utf8'));
    report.calibration.cvEce = 'small';
    writeFileSync(join(root, 'eval.json'), JSON.stringify(report));
    expect(() => loadCatalog(root)).toThrow(`${join(root, 'eval.json')}: calibration.cvEce:`);
  });

  test('fails when the catalog folder does not exist', () => {
    expect(() => loadCatalog(join(tmpdir(), 'no-such-catalog-folder'))).toThrow('does not exist');
  });

  test('reads no unlisted servers when the catalog has no unlisted folder', () => {
    const { root } = tempCatalog({ 'kestra.json': kestraText });
    expect(loadCatalog(root).unlisted).toEqual([]);
  });

  test('fails naming the file and the field when an unlisted entry does not validate, or is filed under another slug', () => {
    const { root } = tempCatalog({ 'kestra.json': kestraText });
    const unlisted = join(root, 'unlisted');
    mkdirSync(unlisted);
    writeFileSync(join(unlisted, 'weather-key.json'), weatherText.replace('"credentials"', '"bad-luck"'));
    expect(() => loadCatalog(root)).toThrow(`${join(unlisted, 'weather-key.json')}: cause:`);
    writeFileSync(join(unlisted, 'weather-key.json'), '{');
    expect(() => loadCatalog(root)).toThrow(`${join(unlisted, 'weather-key.json')}: not valid JSON`);
    rmSync(join(unlisted, 'weather-key.json'));
    writeFileSync(join(unlisted, 'other.json'), weatherText);
    expect(() => loadCatalog(root)).toThrow(`${join(unlisted, 'other.json')}: slug: "weather-key" does not match the file name`);
  });

  test('fails when a server is both listed and unlisted: one page cannot say both', () => {
    const { root } = tempCatalog({ 'kestra.json': kestraText });
    mkdirSync(join(root, 'unlisted'));
    writeFileSync(join(root, 'unlisted', 'kestra.json'), weatherText.replace('"slug": "weather-key"', '"slug": "kestra"'));
    expect(() => loadCatalog(root)).toThrow(`${join(root, 'unlisted', 'kestra.json')}: "kestra" has a server record too`);
  });

  test('catalog.json keeps every server field and lists the unlisted apart, with their cause', () => {
    const catalog = loadCatalog(FIXTURE);
    const index = catalogIndex(catalog);
    expect(Object.keys(index)).toEqual(['version', 'servers', 'tools', 'risk', 'entries', 'unlisted']);
    expect(index.servers).toBe(3);
    expect(index.entries.map((e) => e.slug)).toEqual(['hostile', 'kestra', 'mailbox']);
    expect(Object.keys(index.entries[0]!)).toEqual(['slug', 'name', 'page', 'record', 'method', 'crawledAt', 'stale', 'risk', 'tools']);
    expect(index.unlisted.find((u) => u.slug === 'weather-key')).toEqual({
      slug: 'weather-key',
      name: 'Weather Forecast MCP',
      page: '/servers/weather-key/',
      transport: 'npm',
      package: '@example/weather-forecast-mcp',
      packageVersion: '2.1.0',
      cause: 'credentials',
      needs: ['WEATHER_API_KEY', '--api-url'],
      attempts: 2,
      firstAttemptAt: '2026-11-01T08:00:00Z',
      lastAttemptAt: '2026-11-20T08:00:00Z',
    });
  });

  test('reads a copy of the fixture catalog like the original', () => {
    const root = mkdtempSync(join(tmpdir(), 'site-catalog-'));
    dirs.push(root);
    cpSync(join(FIXTURE, 'servers'), join(root, 'servers'), { recursive: true });
    expect(loadCatalog(root).toolCount).toBe(loadCatalog(FIXTURE).toolCount);
  });
});
