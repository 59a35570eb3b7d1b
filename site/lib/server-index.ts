/**
 * The rows of the servers index, listed and unlisted alike, and the choices of its filters. At
 * thousands of servers the page is one table the browser filters by data attributes, so a row
 * carries only what the table shows and the filters compare: the search text (name, package,
 * vendor and slug, hidden characters revealed, lower case), vendor, transport, status, cause and
 * the highest risk among the tools.
 */
import type { Catalog } from './catalog.ts';
import { revealHidden } from './view.ts';
import { RISK_VALUES, RISKS, type Risk, type Transport, type UnlistedCause } from '../../src/taxonomy.ts';

export type ServerStatus = 'live' | 'snapshot' | 'unlisted';

export type IndexRow = {
  slug: string;
  /** The server's own name, untrusted: printed through Shown. */
  name: string;
  vendor: string | null;
  transport: Transport;
  status: ServerStatus;
  cause: UnlistedCause | null;
  /** Null for an unlisted server: nothing was listed, which is not zero tools. */
  tools: number | null;
  worst: Risk | null;
  /** The crawl (listed) or the last attempt (unlisted). */
  at: string;
  stale: boolean;
  /** What the name box matches against. */
  search: string;
};

/** How many characters of each third-party string the search text keeps. */
const SEARCH_CHARS = 200;

/** The key a vendor is filtered by: its name as shown, in lower case, so "Acme" and "acme" are one. */
export function vendorKey(vendor: string | null): string {
  return vendor ? revealHidden(vendor.slice(0, SEARCH_CHARS)).trim().toLowerCase() : '';
}

function searchText(...parts: (string | null)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => revealHidden(p.slice(0, SEARCH_CHARS)).toLowerCase())
    .join(' ');
}

export function worstRisk(counts: Record<Risk, number>): Risk | null {
  return [...RISK_VALUES].reverse().find((r) => counts[r] > 0) ?? null;
}

/** Every server of the catalog as an index row, by slug (listed and unlisted interleaved). */
export function indexRows(catalog: Pick<Catalog, 'servers' | 'unlisted'>): IndexRow[] {
  const rows: IndexRow[] = catalog.servers.map(({ record, riskCounts }) => ({
    slug: record.slug,
    name: record.name,
    vendor: record.vendor,
    transport: record.transport,
    status: record.provenance.method,
    cause: null,
    tools: record.tools.length,
    worst: worstRisk(riskCounts),
    at: record.provenance.crawledAt,
    stale: record.provenance.stale,
    search: searchText(record.name, record.package, record.vendor, record.slug),
  }));
  for (const u of catalog.unlisted) {
    rows.push({
      slug: u.slug,
      name: u.name,
      vendor: u.vendor,
      transport: u.transport,
      status: 'unlisted',
      cause: u.cause,
      tools: null,
      worst: null,
      at: u.lastAttemptAt,
      stale: false,
      search: searchText(u.name, u.package, u.vendor, u.slug),
    });
  }
  return rows.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** The rank a row's worst risk filters by; -1 when it has none (no tools, or not listed). */
export function worstRank(row: Pick<IndexRow, 'worst'>): number {
  return row.worst ? RISKS[row.worst].rank : -1;
}

export type VendorChoice = { key: string; label: string; servers: number };

/**
 * The vendors the filter offers: those with at least `min` servers, most servers first. A vendor
 * with a single server is found by the name box (which matches vendors too); listing thousands of
 * one-server vendors would make the page heavier than the table it filters.
 */
export function vendorChoices(rows: readonly IndexRow[], min = 2, max = 300): VendorChoice[] {
  const byKey = new Map<string, VendorChoice>();
  for (const row of rows) {
    const key = vendorKey(row.vendor);
    if (!key) continue;
    const choice = byKey.get(key) ?? { key, label: revealHidden(row.vendor!.slice(0, 80)).trim(), servers: 0 };
    choice.servers++;
    byKey.set(key, choice);
  }
  return [...byKey.values()]
    .filter((c) => c.servers >= min)
    .sort((a, b) => b.servers - a.servers || a.key.localeCompare(b.key))
    .slice(0, max);
}

/** How many of each status, and of unlisted servers per cause, most first. */
export function statusCounts(rows: readonly IndexRow[]): { status: Record<ServerStatus, number>; causes: [UnlistedCause, number][] } {
  const status: Record<ServerStatus, number> = { live: 0, snapshot: 0, unlisted: 0 };
  const causes = new Map<UnlistedCause, number>();
  for (const row of rows) {
    status[row.status]++;
    if (row.cause) causes.set(row.cause, (causes.get(row.cause) ?? 0) + 1);
  }
  return { status, causes: [...causes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) };
}
