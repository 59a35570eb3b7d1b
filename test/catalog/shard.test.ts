import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inShard, mergeRecords, parseShard, shardOf } from '../../src/catalog/shard.ts';
import { readCatalog, writeRecordAtomic } from '../../src/catalog/store.ts';
import { ServerRecordSchema, type ServerRecord } from '../../src/schema.ts';
import { run as merge } from '../../scripts/merge.ts';

function record(slug: string, crawledAt: string, hash: string, stale = false): ServerRecord {
  return ServerRecordSchema.parse({
    slug,
    name: slug,
    transport: 'npm',
    provenance: { method: 'live', transport: 'npm', crawledAt, serverInfo: null, protocolVersion: null, stale, error: stale ? 'boom' : null },
    policy: { version: '1', default: 'deny', tools: { t: { action: 'allow' } } },
    tools: [
      {
        name: 't',
        slug: 't',
        title: null,
        description: '',
        inputSchema: { type: 'object' },
        annotations: null,
        hash: `sha256:${hash.repeat(64).slice(0, 64)}`,
        classification: {
          effect: 'read', risk: 'low', confidence: 0.9, domains: [], flags: [], summary: 'Reads.',
          evidence: [{ signal: 'name-verb', says: 'read', weight: 0.8, detail: 'verb "get"' }],
        },
        policy: { action: 'allow' },
      },
    ],
  });
}

describe('shards', () => {
  test('parseShard accepts i/n and refuses nonsense', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', 'a/b', '1', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  test('every source lands in exactly one shard, and shares are stable and roughly even', () => {
    const slugs = Array.from({ length: 400 }, (_, i) => ({ slug: `server-${i}` }));
    const shares = [1, 2, 3, 4].map((index) => inShard(slugs, { index, count: 4 }));
    expect(shares.flat().length).toBe(400);
    expect(new Set(shares.flat().map((s) => s.slug)).size).toBe(400);
    for (const share of shares) expect(share.length).toBeGreaterThan(60);
    expect(shardOf('kestra', 4)).toBe(shardOf('kestra', 4));
  });
});

describe('mergeRecords', () => {
  test('keeps the freshest good copy and reports duplicates and conflicts', () => {
    const report = mergeRecords([
      { origin: 'a', record: record('same', '2026-01-01', 'a') },
      { origin: 'b', record: record('same', '2026-01-02', 'a') },
      { origin: 'a', record: record('differs', '2026-01-03', 'a') },
      { origin: 'b', record: record('differs', '2026-01-01', 'b') },
      { origin: 'a', record: record('stale', '2026-02-01', 'a', true) },
      { origin: 'b', record: record('stale', '2026-01-01', 'b') },
      { origin: 'c', record: record('alone', '2026-01-01', 'c') },
    ]);
    expect(report.merged.map((r) => r.slug)).toEqual(['alone', 'differs', 'same', 'stale']);
    expect(report.duplicates).toEqual([{ slug: 'same', from: ['a', 'b'] }]);
    expect(report.conflicts.map((c) => [c.slug, c.kept])).toEqual([['differs', 'a'], ['stale', 'b']]);
    expect(report.merged.find((r) => r.slug === 'stale')!.provenance.stale).toBe(false);
  });

  test('npm run merge combines shard folders and names invalid files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'merge-'));
    writeRecordAtomic(join(root, 's1', 'servers'), record('one', '2026-01-01', 'a'));
    writeRecordAtomic(join(root, 's2', 'servers'), record('two', '2026-01-01', 'b'));
    writeRecordAtomic(join(root, 's2', 'servers'), record('one', '2026-01-02', 'a'));
    mkdirSync(join(root, 's3'));
    writeFileSync(join(root, 's3', 'broken.json'), '{"slug": 1}');
    const out = join(root, 'out');
    const code = await merge(['--out', out, join(root, 's1'), join(root, 's2'), join(root, 's3')]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['one.json', 'two.json']);
    expect(readCatalog(out).records.find((r) => r.slug === 'one')!.provenance.crawledAt).toBe('2026-01-02');
  });
});
