/**
 * The lock file: what each configured server's tools looked like when it was written, so a later
 * scan can say which tools were added, removed or changed (description, schema, annotations) under
 * the same server name: the rug pull a client would not notice. The format is stable and
 * documented in the README; a new field comes with a new `lockVersion`.
 */
import { z } from 'zod';
import type { ScanTool } from './catalog.ts';
import type { Match } from './match.ts';

const PartsSchema = z.object({ description: z.string(), schema: z.string(), annotations: z.string() });

export const LockSchema = z
  .object({
    lockVersion: z.literal(1),
    catalogGeneratedAt: z.string().describe('The catalog the lock was written from.'),
    servers: z.record(
      z.string().describe("The server's name in the user's config."),
      z.object({
        catalog: z.string().describe('The catalog entry it matched.'),
        runs: z.string().describe('What the config runs (npm package and version, image, URL or command).'),
        tools: z.record(z.string(), z.object({ hash: z.string(), parts: PartsSchema })),
      }),
    ),
  })
  .strict();
export type Lock = z.infer<typeof LockSchema>;

export type Drift = {
  server: string;
  file: string;
  added: string[];
  removed: string[];
  changed: { tool: string; what: (keyof z.infer<typeof PartsSchema>)[] }[];
};

type Described = { match: Match; runs: string };

export function buildLock(matched: readonly Described[], catalogGeneratedAt: string): Lock {
  const servers: Lock['servers'] = {};
  for (const { match, runs } of matched) {
    if (!match.entry) continue;
    const tools: Lock['servers'][string]['tools'] = {};
    for (const t of [...match.entry.tools].sort((a, b) => a.name.localeCompare(b.name))) {
      Object.defineProperty(tools, t.name, { value: { hash: t.hash, parts: t.parts }, enumerable: true, writable: true, configurable: true });
    }
    Object.defineProperty(servers, match.server.name, { value: { catalog: match.entry.slug, runs, tools }, enumerable: true, writable: true, configurable: true });
  }
  return { lockVersion: 1, catalogGeneratedAt, servers };
}

/** Drift of one configured server against the lock; null when the lock does not know the server. */
export function driftOf(lock: Lock, match: Match): Drift | null {
  if (!Object.hasOwn(lock.servers, match.server.name) || !match.entry) return null;
  const locked = lock.servers[match.server.name]!.tools;
  const now = new Map<string, ScanTool>(match.entry.tools.map((t) => [t.name, t]));
  const drift: Drift = { server: match.server.name, file: match.server.file, added: [], removed: [], changed: [] };
  for (const [name, tool] of now) {
    if (!Object.hasOwn(locked, name)) drift.added.push(name);
    else if (locked[name]!.hash !== tool.hash) {
      const before = locked[name]!.parts;
      const what = (['description', 'schema', 'annotations'] as const).filter((k) => before[k] !== tool.parts[k]);
      drift.changed.push({ tool: name, what: what.length ? [...what] : ['description'] });
    }
  }
  for (const name of Object.keys(locked)) if (!now.has(name)) drift.removed.push(name);
  drift.added.sort();
  drift.removed.sort();
  drift.changed.sort((a, b) => a.tool.localeCompare(b.tool));
  return drift;
}

export function parseLock(file: string, text: string): Lock {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = LockSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: not a lock file: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
