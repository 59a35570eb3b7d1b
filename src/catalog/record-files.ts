/**
 * Reads every record file of a folder for the checking commands (validate, merge), keeping the file
 * each record came from so every problem can name it. A symbolic link is refused rather than
 * followed: a record must be the file it claims to be, not a pointer to something outside the
 * catalog.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecord } from './store.ts';
import type { ServerRecord } from '../schema.ts';

export type RecordFile = { file: string; record: ServerRecord };

export function readRecordFiles(dir: string): { records: RecordFile[]; errors: { file: string; message: string }[] } {
  const records: RecordFile[] = [];
  const errors: { file: string; message: string }[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    errors.push({ file: dir, message: `${dir}: ${(e as Error).message}` });
  }
  for (const name of names) {
    const file = join(dir, name);
    try {
      const stat = lstatSync(file);
      if (stat.isSymbolicLink()) throw new Error(`${file}: is a symbolic link; records must be plain files`);
      if (!stat.isFile()) throw new Error(`${file}: is not a plain file`);
      records.push({ file, record: parseRecord(file, readFileSync(file, 'utf8')) });
    } catch (e) {
      errors.push({ file, message: (e as Error).message });
    }
  }
  return { records, errors };
}
