/**
 * Recorded `tools/list` results (catalog/snapshots/*.json): the data of `snapshot` sources and
 * the fallback of live sources that cannot be reached from here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { LoadedSource } from '../catalog/sources.ts';
import { formatIssues, SnapshotSchema, type Snapshot } from '../schema.ts';

export function catalogDirOf(loaded: LoadedSource, catalogDir?: string): string {
  return resolve(catalogDir ?? resolve(dirname(loaded.file), '..'));
}

export function readSnapshot(loaded: LoadedSource, catalogDir?: string): { snapshot: Snapshot; file: string } {
  const rel = loaded.source.snapshot;
  if (!rel) throw new Error('snapshot: the source names none');
  const root = catalogDirOf(loaded, catalogDir);
  const file = resolve(root, rel);
  if (!file.startsWith(root + sep)) throw new Error(`snapshot: ${rel} is outside the catalog folder`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`snapshot: cannot read ${rel}: ${(e as Error).message}`);
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (!parsed.success) throw new Error(`snapshot: ${rel}: ${formatIssues(parsed.error)}`);
  return { snapshot: parsed.data, file };
}
