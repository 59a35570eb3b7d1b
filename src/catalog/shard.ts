/**
 * Sharding and merging, for crawls spread over several machines. A source belongs to shard
 * `hash(slug) mod n`, so shares stay stable as sources come and go; merging takes every shard's
 * records, keeps the freshest good one per server and reports what collided.
 */
import { createHash } from 'node:crypto';
import type { ServerRecord } from '../schema.ts';

export type ShardSpec = { index: number; count: number };

/** Parses `i/n` with 1 <= i <= n. */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard: expected i/n with 1 <= i <= n, got "${text}"`);
  }
  return { index, count };
}

export function shardOf(slug: string, count: number): number {
  const h = createHash('sha256').update(slug).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard<T extends { slug: string }>(items: readonly T[], spec: ShardSpec): T[] {
  return items.filter((s) => shardOf(s.slug, spec.count) === spec.index);
}

export type MergeReport = {
  merged: ServerRecord[];
  duplicates: { slug: string; from: string[] }[];
  conflicts: { slug: string; kept: string; dropped: string[]; why: string }[];
};

/** Orders two copies of a record: a good record beats a stale one, then the newer crawl wins. */
function better(a: ServerRecord, b: ServerRecord): boolean {
  if (a.provenance.stale !== b.provenance.stale) return !a.provenance.stale;
  return a.provenance.crawledAt > b.provenance.crawledAt;
}

export function mergeRecords(inputs: readonly { origin: string; record: ServerRecord }[]): MergeReport {
  const bySlug = new Map<string, { origin: string; record: ServerRecord }[]>();
  for (const input of inputs) {
    const list = bySlug.get(input.record.slug) ?? [];
    list.push(input);
    bySlug.set(input.record.slug, list);
  }
  const report: MergeReport = { merged: [], duplicates: [], conflicts: [] };
  for (const [slug, copies] of [...bySlug].sort(([a], [b]) => a.localeCompare(b))) {
    let best = copies[0]!;
    for (const c of copies.slice(1)) if (better(c.record, best.record)) best = c;
    report.merged.push(best.record);
    if (copies.length === 1) continue;
    const sameTools = (r: ServerRecord) => r.tools.map((t) => t.hash).join(',');
    if (copies.every((c) => sameTools(c.record) === sameTools(best.record))) {
      report.duplicates.push({ slug, from: copies.map((c) => c.origin) });
    } else {
      report.conflicts.push({
        slug,
        kept: best.origin,
        dropped: copies.filter((c) => c !== best).map((c) => c.origin),
        why: best.record.provenance.stale ? 'all copies stale; kept the newest' : 'tools differ; kept the freshest good crawl',
      });
    }
  }
  return report;
}
