import type { Isolation } from '../sandbox/index.ts';
import type { Attempt } from '../schema.ts';
import type { UnlistedCause } from '../taxonomy.ts';

/** Where one server's time went: installing (npm) and the sessions (start, handshake, pages). */
export type Timing = { durationMs: number; installMs?: number | null; sessionMs?: number | null };

/** What one crawl attempt of one source produced. The record builder turns it into a catalog record. */
export type CrawlOutcome =
  | {
      ok: true;
      method: 'live' | 'snapshot';
      /** Tools exactly as the server returned them (untrusted: validated by the record builder). */
      tools: unknown[];
      serverInfo: { name: string; version: string; [k: string]: unknown } | null;
      protocolVersion: string | null;
      /** The era of MCP the live session spoke (see era.ts); absent for snapshots. */
      era?: 'modern' | 'legacy' | null;
      /** Modern servers: the versions they support, and how long their tool list stays fresh. */
      supportedVersions?: string[];
      ttlMs?: number | null;
      cacheScope?: 'public' | 'private' | null;
      /** The `instructions` of the initialize result (or the snapshot), as sent; absent or null when none. */
      instructions?: string | null;
      /** npm sources: the exact version installed. */
      packageVersion: string | null;
      /** How the server's process was isolated; null when no process ran (snapshot, remote HTTP). */
      isolation?: Isolation | null;
      /** snapshot: where the recorded list came from. */
      snapshotSource: string | null;
      /** A cap (pages, tools, bytes) cut the list. */
      truncated: boolean;
      /** Non-fatal notes: a live crawl that failed before a snapshot fallback, caps hit, stderr noise. */
      warnings: string[];
      /** The starts tried before the one that worked (self-healing); empty when the first did. */
      attempts?: Attempt[];
      /** The start that listed the tools, when self-healing changed the source's (placeholders only). */
      healed?: { args: string[]; env: Record<string, string>; files?: Record<string, string>; installScripts?: true };
    } & Timing
  | ({
      ok: false;
      error: string;
      /** Why, as a class (UNLISTED_CAUSES); absent when the crawl could not tell. */
      cause?: UnlistedCause;
      /** Variables and options the server named as missing. */
      needs?: string[];
      attempts?: Attempt[];
      packageVersion?: string | null;
      isolation?: Isolation | null;
    } & Timing);
