import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCatalog } from '../../site/lib/catalog.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/catalog');
const kestraText = readFileSync(join(FIXTURE, 'servers/kestra.json'), 'utf8');
const dirs: string[] = [];

function tempCatalog(records: Record<string, string>, nested = true): { root: string; servers: string } {
  const root = mkdtempSync(join(tmpdir(), 'site-catalog-'));
  dirs.push(root);
  const servers = nested ? join(root, 'servers') : root;
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
    report.calibration.ece = 'small';
    writeFileSync(join(root, 'eval.json'), JSON.stringify(report));
    expect(() => loadCatalog(root)).toThrow(`${join(root, 'eval.json')}: calibration.ece:`);
  });

  test('fails when the catalog folder does not exist', () => {
    expect(() => loadCatalog(join(tmpdir(), 'no-such-catalog-folder'))).toThrow('does not exist');
  });

  test('reads a copy of the fixture catalog like the original', () => {
    const root = mkdtempSync(join(tmpdir(), 'site-catalog-'));
    dirs.push(root);
    cpSync(join(FIXTURE, 'servers'), join(root, 'servers'), { recursive: true });
    expect(loadCatalog(root).toolCount).toBe(loadCatalog(FIXTURE).toolCount);
  });
});
