/**
 * Reading and writing catalog records. Writes go to a temporary file in the same folder and are
 * renamed into place, so a crash never leaves half a record; reads validate against the schema and
 * name the file in every error.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../json.ts';
import { formatIssues, ServerRecordSchema, type ServerRecord } from '../schema.ts';
import { oneLine } from '../text.ts';
import { isSafeSlug } from './slug.ts';

export function recordPath(dir: string, slug: string): string {
  if (!isSafeSlug(slug)) throw new Error(`refusing unsafe server slug "${slug}"`);
  return join(dir, `${slug}.json`);
}

export function parseRecord(file: string, text: string): ServerRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const result = ServerRecordSchema.safeParse(json);
  if (!result.success) throw new Error(`${file}: ${formatIssues(result.error)}`);
  return result.data;
}

/**
 * A record file's text. No link is followed in the catalog: a record must be the file it claims
 * to be, not a pointer to something outside it.
 */
function readPlainFile(file: string): string {
  const stat = lstatSync(file);
  if (stat.isSymbolicLink()) throw new Error(`${file}: is a symbolic link; records must be plain files`);
  if (!stat.isFile()) throw new Error(`${file}: is not a plain file`);
  return readFileSync(file, 'utf8');
}

export function readRecord(dir: string, slug: string): ServerRecord | null {
  const file = recordPath(dir, slug);
  let text: string;
  try {
    text = readPlainFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    // A system error does not name the file; ours (a link, not a plain file) do.
    throw code === undefined ? e : new Error(`${file}: ${(e as Error).message}`);
  }
  return parseRecord(file, text);
}

export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    // A rename that fails (a folder in the way, a full disk) leaves no stray temporary file behind.
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeRecordAtomic(dir: string, record: ServerRecord): void {
  mkdirSync(dir, { recursive: true });
  // Parsing through the schema puts keys in schema order, which keeps files diffable.
  const parsed = ServerRecordSchema.safeParse(record);
  if (!parsed.success) throw new Error(`record ${oneLine(record.slug, 80)} not written: ${formatIssues(parsed.error)}`);
  // The schema bounds the depth of every third-party object, so this cannot overflow the stack.
  writeFileAtomic(recordPath(dir, parsed.data.slug), stableJson(parsed.data));
}

export type RecordFile = { file: string; record: ServerRecord };
export type RecordFileError = { file: string; message: string };

/**
 * Every record in a folder, each validated and kept with the file it came from, so every problem
 * can name it; bad files (invalid, links, not plain files) are reported, not thrown. Each message
 * names its file.
 */
export function readRecordFiles(dir: string): { records: RecordFile[]; errors: RecordFileError[] } {
  const records: RecordFile[] = [];
  const errors: RecordFileError[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    errors.push({ file: dir, message: `${dir}: ${(e as Error).message}` });
  }
  for (const name of names) {
    const file = join(dir, name);
    try {
      records.push({ file, record: parseRecord(file, readPlainFile(file)) });
    } catch (e) {
      errors.push({ file, message: (e as Error).message });
    }
  }
  return { records, errors };
}

/** Every record in a folder, each validated; bad files are reported, not thrown. */
export function readCatalog(dir: string): { records: ServerRecord[]; errors: RecordFileError[] } {
  const { records, errors } = readRecordFiles(dir);
  return { records: records.map((r) => r.record), errors };
}
