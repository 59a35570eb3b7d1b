/**
 * Turns what listings name into source files. Each candidate is checked against the catalog
 * (`catalogued.ts`): a server already there is skipped with the file that holds it, a
 * machine-written source of the same server is refreshed in place (its version and discovery, the
 * rest of the file kept), and a new server gets a new file under a slug no other source has. A
 * hand-written source is never written. Every file is parsed back through the source schema
 * before it is written, so a listing can never leave a source the crawler cannot read.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { parseSource } from '../catalog/sources.ts';
import { renderSource } from '../catalog/source-writer.ts';
import { writeFileAtomic } from '../catalog/store.ts';
import type { Discovered } from '../schema.ts';
import type { Catalogued, ServerKeys } from './catalogued.ts';
import { freeSlug } from './names.ts';

/** One server a listing names, ready to become a source. */
export type Candidate = {
  /** Where the listing names it, for messages: `list.tsv:12`, a registry name, a config key. */
  where: string;
  /** What the listing calls it (a package name, a registry name, a config key), as safe text. */
  id: string;
  /** What the slug is made from, when not `id` (a registry name without its `io.github.` prefix). */
  slugFrom?: string;
  /** The listing's own name for it, kept in `discovered.id` (registry and config entries). */
  discoveredId?: string;
  /** Front matter in the order it is written (no `discovered`: the run adds it). */
  front: Record<string, unknown>;
  /** The "about" text: Markdown paragraphs, third-party text already escaped. */
  body: string[];
  /** The keys the server is known by, for "already catalogued". */
  keys: ServerKeys;
};

export type Outcome =
  | { kind: 'written'; slug: string; id: string }
  | { kind: 'refreshed'; slug: string; id: string; from?: string; to?: string }
  | { kind: 'unchanged'; slug: string; id: string }
  | { kind: 'skipped'; id: string; why: string }
  | { kind: 'invalid'; message: string };

/**
 * Writes each candidate (new, refreshed, or skipped) into `outDir`, in order, and says what
 * happened to each. `catalogued` learns every server written, so a second entry for the same
 * server in one run is skipped too.
 */
export function writeCandidates(candidates: readonly Candidate[], outDir: string, catalogued: Catalogued, discovered: Discovered): Outcome[] {
  mkdirSync(outDir, { recursive: true });
  return candidates.map((c) => {
    try {
      return writeOne(c, outDir, catalogued, discovered);
    } catch (e) {
      return { kind: 'invalid', message: `${c.where}: ${(e as Error).message}` };
    }
  });
}

function withId(discovered: Discovered, id: string | undefined): Discovered {
  return id === undefined ? discovered : { ...discovered, id };
}

function writeOne(c: Candidate, outDir: string, catalogued: Catalogued, discovered: Discovered): Outcome {
  const holder = catalogued.find(c.keys);
  if (holder?.refreshable) return refresh(c, holder.refreshable.file, holder.refreshable.slug, withId(discovered, c.discoveredId));
  if (holder) return { kind: 'skipped', id: c.id, why: `already catalogued: ${holder.file}` };

  const slug = freeSlug(c.slugFrom ?? c.id, catalogued.slugs);
  const file = join(outDir, `${slug}.md`);
  const here = withId(discovered, c.discoveredId);
  const text = renderSource({ ...c.front, discovered: here }, c.body.join('\n\n'));
  const loaded = parseSource(file, text);
  writeFileAtomic(file, text);
  catalogued.add(c.keys, { file }, slug);
  return { kind: 'written', slug: loaded.slug, id: c.id };
}

/**
 * A machine-written source named again: its version follows the listing and its discovery is
 * renewed; everything else in the file (arguments, placeholders, the text) stays. The same version
 * leaves the file as it is, so a re-run changes nothing it need not.
 */
function refresh(c: Candidate, file: string, slug: string, discovered: Discovered): Outcome {
  const parsed = matter(readFileSync(file, 'utf8'), {});
  const data = { ...(parsed.data as Record<string, unknown>) };
  const before = typeof data.version === 'string' ? data.version : undefined;
  const after = typeof c.front.version === 'string' ? c.front.version : before;
  if (after === before) return { kind: 'unchanged', slug, id: c.id };
  data.version = after;
  data.discovered = discovered;
  const text = renderSource(data, parsed.content);
  parseSource(file, text);
  writeFileAtomic(file, text);
  return { kind: 'refreshed', slug, id: c.id, ...(before !== undefined && { from: before }), ...(after !== undefined && { to: after }) };
}
