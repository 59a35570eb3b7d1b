/**
 * Recorded `tools/list` results (catalog/snapshots/*.json): the data of `snapshot` sources and
 * the fallback of live sources that cannot be reached from here.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
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
  // No link is followed in the catalog: a snapshot that is one, or sits in a linked folder, could
  // put the start of any file on the machine into a record.
  let real: string;
  try {
    if (lstatSync(file).isSymbolicLink()) throw new Error(`snapshot: ${rel} is a link; a snapshot must be a plain file inside the catalog`);
    real = realpathSync(file);
  } catch (e) {
    if ((e as Error).message.startsWith('snapshot:')) throw e;
    throw new Error(`snapshot: cannot read ${rel}: ${(e as Error).message}`);
  }
  if (real !== resolve(realpathSync(root), rel)) throw new Error(`snapshot: ${rel} lies in a linked folder; a snapshot must be a plain file inside the catalog`);
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
