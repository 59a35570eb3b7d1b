/**
 * Sharding and merging, for crawls spread over several machines. A source belongs to shard
 * `hash(slug) mod n`, so shares stay stable as sources come and go. Merging trusts no shard: every
 * copy of a record is checked (src/catalog/integrity.ts) and a forged or future-dated copy is
 * rejected by name; of the copies left, the freshest good one is kept, and the others are reported
 * as duplicates (the same record) or conflicts (with what differs).
 */
import { createHash } from 'node:crypto';
import { checkRecord, differingKeys, parseDate, quote } from './integrity.ts';
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

export type MergeInput = { origin: string; file: string; record: ServerRecord };

export type MergeReport = {
  merged: ServerRecord[];
  /** Copies that are the same record as the one kept (volatile fields aside). */
  duplicates: { slug: string; from: string[] }[];
  /** Copies that differ from the one kept, each with what differs. */
  conflicts: { slug: string; kept: string; dropped: { origin: string; differences: string[] }[]; why: string }[];
  /** Copies that failed the integrity check (forged, future-dated, malformed): never merged. */
  rejected: { slug: string; origin: string; problems: string[] }[];
};

/**
 * Fields that say when and how long a crawl took rather than what it found: two copies that differ
 * only there are the same record. Everything else counts, down to the last warning.
 */
export const VOLATILE_PROVENANCE = ['crawledAt', 'firstCrawledAt', 'lastAttemptAt', 'durationMs', 'installMs', 'sessionMs'] as const;

/**
 * What differs between two copies of one server's record, in words: tools only in one copy, each
 * tool whose fields differ (with the fields), then every other field that differs (provenance to
 * its second level, so `provenance.warnings`). Empty when they are the same record.
 */
export function recordDifferences(kept: ServerRecord, other: ServerRecord): string[] {
  const out: string[] = [];
  const mine = new Map(kept.tools.map((t) => [t.name, t]));
  const theirs = new Map(other.tools.map((t) => [t.name, t]));
  const only = (a: Map<string, unknown>, b: Map<string, unknown>) => [...a.keys()].filter((n) => !b.has(n)).map(quote);
  const onlyKept = only(mine, theirs);
  const onlyOther = only(theirs, mine);
  if (onlyKept.length) out.push(`tools only in the kept copy: ${onlyKept.join(', ')}`);
  if (onlyOther.length) out.push(`tools only in this copy: ${onlyOther.join(', ')}`);
  for (const [name, t] of mine) {
    const u = theirs.get(name);
    const fields = u ? differingKeys(t, u) : [];
    if (fields.length) out.push(`tool ${quote(name)}: ${fields.join(', ')}`);
  }
  if (onlyKept.length + onlyOther.length === 0 && kept.tools.some((t, i) => t.name !== other.tools[i]?.name)) out.push('tool order');
  const volatile = new Set<string>(VOLATILE_PROVENANCE);
  for (const field of differingKeys(kept, other)) {
    if (field === 'tools') continue;
    if (field !== 'provenance') out.push(field);
    else out.push(...differingKeys(kept.provenance, other.provenance).filter((k) => !volatile.has(k)).map((k) => `provenance.${k}`));
  }
  return out;
}

/** Orders two checked copies of a record: a good record beats a stale one, then the newer crawl. */
function better(a: ServerRecord, b: ServerRecord): boolean {
  if (a.provenance.stale !== b.provenance.stale) return !a.provenance.stale;
  // Both dates parsed already in the integrity check; a tie keeps the copy seen first.
  return parseDate(a.provenance.crawledAt)! > parseDate(b.provenance.crawledAt)!;
}

/**
 * Merges shard records: each copy is checked at `now` (no sources: a shard holds records only) and
 * rejected on any problem, so a record forged by another server in the same shard, or dated ahead
 * to win, never reaches the catalog. Pure: the caller reads and writes.
 */
export function mergeRecords(inputs: readonly MergeInput[], now: number): MergeReport {
  const report: MergeReport = { merged: [], duplicates: [], conflicts: [], rejected: [] };
  const bySlug = new Map<string, MergeInput[]>();
  for (const input of inputs) {
    const problems = checkRecord(input.record, { file: input.file, now });
    if (problems.length) {
      report.rejected.push({ slug: input.record.slug, origin: input.origin, problems });
      continue;
    }
    const list = bySlug.get(input.record.slug) ?? [];
    list.push(input);
    bySlug.set(input.record.slug, list);
  }
  for (const [slug, copies] of [...bySlug].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let best = copies[0]!;
    for (const c of copies.slice(1)) if (better(c.record, best.record)) best = c;
    report.merged.push(best.record);
    if (copies.length === 1) continue;
    const others = copies.filter((c) => c !== best).map((c) => ({ origin: c.origin, differences: recordDifferences(best.record, c.record) }));
    const differing = others.filter((o) => o.differences.length > 0);
    if (differing.length === 0) {
      report.duplicates.push({ slug, from: copies.map((c) => c.origin) });
    } else {
      report.conflicts.push({
        slug,
        kept: best.origin,
        dropped: others,
        why: best.record.provenance.stale ? 'all copies stale; kept the newest' : 'copies differ; kept the freshest good crawl',
      });
    }
  }
  return report;
}
