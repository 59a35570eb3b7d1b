import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { buildRecord } from '../../src/catalog/record.ts';
import { inShard, mergeRecords, parseShard, recordDifferences, shardOf, type MergeInput } from '../../src/catalog/shard.ts';
import type { LoadedSource } from '../../src/catalog/sources.ts';
import { readCatalog, writeRecordAtomic } from '../../src/catalog/store.ts';
import type { CrawlOutcome } from '../../src/crawl/types.ts';
import { SourceSchema, type ServerRecord } from '../../src/schema.ts';
import { run as merge } from '../../scripts/merge.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');

const TOOLS = [
  { name: 'list_items', description: 'List the items in a folder.', inputSchema: { type: 'object', properties: { folder: { type: 'string' } } } },
  { name: 'delete_item', description: 'Permanently delete an item.', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
];

type Crawl = { tools?: unknown[]; warnings?: string[]; version?: string; durationMs?: number };

/** A record as a crawl shard writes it: built by the record builder from a live answer. */
function crawled(slug: string, crawledAt: string, crawl: Crawl = {}): ServerRecord {
  const loaded: LoadedSource = {
    slug,
    file: `/catalog/sources/${slug}.md`,
    source: SourceSchema.parse({ name: slug, transport: 'command', command: `${slug}-mcp` }),
    about: '',
  };
  const outcome: CrawlOutcome = {
    ok: true,
    method: 'live',
    tools: crawl.tools ?? TOOLS,
    serverInfo: { name: slug, version: crawl.version ?? '1.0.0' },
    protocolVersion: '2025-06-18',
    packageVersion: null,
    snapshotSource: null,
    truncated: false,
    warnings: crawl.warnings ?? [],
    durationMs: crawl.durationMs ?? 5,
  };
  return structuredClone(buildRecord({ loaded, outcome, previous: null, now: crawledAt }).record!);
}

/** The record a failed crawl leaves: the previous one, marked stale. */
function stale(previous: ServerRecord, at: string): ServerRecord {
  const loaded = { slug: previous.slug, file: '', source: SourceSchema.parse({ name: previous.name, transport: 'command', command: 'x' }), about: '' };
  return buildRecord({ loaded, outcome: { ok: false, error: 'initialize: timed out', durationMs: 1 }, previous, now: at }).record!;
}

const input = (origin: string, record: ServerRecord): MergeInput => ({ origin, file: `${origin}/servers/${record.slug}.json`, record });

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
  test('keeps the freshest good copy, comparing dates as dates', () => {
    // As strings "2026-01-02T00:00:00+05:00" sorts after "2026-01-01T20:00:00Z"; as dates it is earlier.
    const early = crawled('offset', '2026-01-02T00:00:00+05:00', { version: '1.0.0' });
    const late = crawled('offset', '2026-01-01T20:00:00Z', { version: '1.1.0' });
    const good = crawled('flaky', '2026-01-01T00:00:00Z');
    const report = mergeRecords([input('a', early), input('b', late), input('a', stale(good, '2026-02-01T00:00:00Z')), input('b', good)], NOW);
    expect(report.rejected).toEqual([]);
    expect(report.merged.map((r) => [r.slug, r.provenance.crawledAt, r.provenance.stale])).toEqual([
      ['flaky', '2026-01-01T00:00:00Z', false],
      ['offset', '2026-01-01T20:00:00Z', false],
    ]);
    expect(report.conflicts.map((c) => [c.slug, c.kept, c.dropped])).toEqual([
      ['flaky', 'b', [{ origin: 'a', differences: ['provenance.error', 'provenance.stale'] }]],
      ['offset', 'b', [{ origin: 'a', differences: ['provenance.serverInfo'] }]],
    ]);
  });

  test('calls copies the same record only when they differ in when and how long alone', () => {
    const a = crawled('same', '2026-01-01T00:00:00Z', { durationMs: 5 });
    const b = crawled('same', '2026-01-02T00:00:00Z', { durationMs: 900 });
    const report = mergeRecords([input('a', a), input('b', b)], NOW);
    expect(report.duplicates).toEqual([{ slug: 'same', from: ['a', 'b'] }]);
    expect(report.merged[0]!.provenance.crawledAt).toBe('2026-01-02T00:00:00Z');
  });

  test('reports what differs when the tool hashes match but the records do not', () => {
    const kept = crawled('warned', '2026-01-02T00:00:00Z');
    const other = crawled('warned', '2026-01-01T00:00:00Z', { warnings: ['tool #3 skipped: duplicate name'] });
    expect(other.tools.map((t) => t.hash)).toEqual(kept.tools.map((t) => t.hash));
    expect(recordDifferences(kept, other)).toEqual(['provenance.warnings']);
    const report = mergeRecords([input('a', kept), input('b', other)], NOW);
    expect(report.duplicates).toEqual([]);
    expect(report.conflicts).toEqual([
      { slug: 'warned', kept: 'a', dropped: [{ origin: 'b', differences: ['provenance.warnings'] }], why: 'copies differ; kept the freshest good crawl' },
    ]);
  });

  test('names the tools and fields that differ, down to a parameter named __proto__', () => {
    const kept = crawled('tools', '2026-01-02T00:00:00Z');
    // The same tools plus a parameter named __proto__ on the first, and one more tool.
    const proto = JSON.parse('{"type":"object","properties":{"folder":{"type":"string"},"__proto__":{"type":"string"}}}');
    const other = crawled('tools', '2026-01-01T00:00:00Z', {
      tools: [{ ...TOOLS[0]!, inputSchema: proto }, TOOLS[1]!, { name: 'extra', description: 'Read extras.', inputSchema: { type: 'object' } }],
    });
    const differences = recordDifferences(kept, other);
    expect(differences[0]).toBe('tools only in this copy: "extra"');
    // The hash may or may not see the __proto__ key; the comparison of whole records always does.
    expect(differences[1]).toMatch(/^tool "list_items": (classification, )?(hash, )?inputSchema(, policy)?$/);
    expect(differences.slice(2)).toContain('policy');
    expect(recordDifferences(kept, structuredClone(kept))).toEqual([]);
  });

  test('drops a forged copy and a future-dated copy, naming them and their problems', () => {
    const honest = crawled('target', '2026-11-30T00:00:00Z');
    const forged = structuredClone(honest);
    forged.provenance.crawledAt = '2026-12-01T00:00:00Z';
    for (const t of forged.tools) {
      t.classification = { ...t.classification, effect: 'read', risk: 'low' };
      t.policy = { action: 'allow' };
      forged.policy.tools[t.name] = { action: 'allow' };
    }
    const future = crawled('target', '9999-01-01T00:00:00Z');
    const report = mergeRecords([input('shard-1', honest), input('shard-2', forged), input('shard-3', future)], NOW);
    expect(report.merged).toEqual([honest]);
    expect(report.rejected).toEqual([
      {
        slug: 'target',
        origin: 'shard-2',
        problems: [
          expect.stringMatching(/^shard-2\/servers\/target\.json: tool "list_items": policy\.limits differs from the recomputation; /),
          expect.stringMatching(/^shard-2\/servers\/target\.json: tool "delete_item": effect is "read", recomputed "delete"; risk is "low", recomputed "high"; policy\.action is "allow", recomputed "require_approval"/),
        ],
      },
      { slug: 'target', origin: 'shard-3', problems: ['shard-3/servers/target.json: provenance.crawledAt: "9999-01-01T00:00:00Z" is in the future', 'shard-3/servers/target.json: provenance.lastAttemptAt: "9999-01-01T00:00:00Z" is in the future', 'shard-3/servers/target.json: provenance.firstCrawledAt: "9999-01-01T00:00:00Z" is in the future'] },
    ]);
    expect(report.duplicates).toEqual([]);
    expect(report.conflicts).toEqual([]);
  });
});

describe('npm run merge (scripts/merge.ts run)', () => {
  async function mergeCli(argv: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      return { code: await merge(argv, NOW), lines };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  test('combines shard folders, names invalid files and rejected copies, and escapes what it prints', async () => {
    const root = mkdtempSync(join(tmpdir(), 'merge-'));
    writeRecordAtomic(join(root, 's1', 'servers'), crawled('one', '2026-01-01T00:00:00Z'));
    writeRecordAtomic(join(root, 's2', 'servers'), crawled('two', '2026-01-01T00:00:00Z'));
    writeRecordAtomic(join(root, 's2', 'servers'), crawled('one', '2026-01-02T00:00:00Z', { warnings: ['\u001b[2Jcleared'] }));
    const hostile = crawled('two', '2026-01-03T00:00:00Z');
    hostile.policy.tools['\u001b]0;owned\u0007'] = { action: 'allow' };
    mkdirSync(join(root, 's3', 'servers'), { recursive: true });
    writeFileSync(join(root, 's3', 'servers', 'two.json'), JSON.stringify(hostile));
    writeFileSync(join(root, 's3', 'servers', 'broken.json'), '{"slug": 1}');
    const out = join(root, 'out');

    const { code, lines } = await mergeCli(['--out', out, join(root, 's1'), join(root, 's2'), join(root, 's3')]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['one.json', 'two.json']);
    const merged = readCatalog(out).records;
    expect(merged.find((r) => r.slug === 'one')!.provenance.crawledAt).toBe('2026-01-02T00:00:00Z');
    expect(merged.find((r) => r.slug === 'two')!.provenance.crawledAt).toBe('2026-01-01T00:00:00Z');
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(lines).toEqual([
      expect.stringMatching(/broken\.json: slug: /),
      `rejected   two from ${join(root, 's3')}: 1 problem`,
      `  ${join(root, 's3', 'servers', 'two.json')}: the server policy has a rule for "\\x1b]0;owned\\x07", which is not a tool of this server`,
      `conflict   one: kept ${join(root, 's2')} (copies differ; kept the freshest good crawl)`,
      `  ${join(root, 's1')}: differs in provenance.warnings`,
      `merged 2 servers from 3 shards into ${out}: 0 duplicates, 1 conflicts, 1 rejected copies, 1 invalid files`,
    ]);
  });
});
