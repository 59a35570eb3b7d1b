/**
 * Reading and writing catalog records. Writes go to a temporary file in the same folder and are
 * renamed into place, so a crash never leaves half a record; reads validate against the schema and
 * name the file in every error.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { stableJson } from '../json.ts';
import { formatIssues, ServerRecordSchema, UnlistedSchema, type ServerRecord, type Unlisted } from '../schema.ts';
import { oneLine } from '../text.ts';
import { isSafeSlug } from './slug.ts';

export function recordPath(dir: string, slug: string): string {
  if (!isSafeSlug(slug)) throw new Error(`refusing unsafe server slug "${slug}"`);
  return join(dir, `${slug}.json`);
}

/**
 * Where the servers that could not be listed are kept: `unlisted/` beside the records folder
 * (`catalog/servers/` → `catalog/unlisted/`).
 */
export function unlistedDirOf(recordsDir: string): string {
  return join(dirname(resolve(recordsDir)), 'unlisted');
}

function parseJsonFile<S extends z.ZodType>(schema: S, file: string, text: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new Error(`${file}: ${formatIssues(result.error)}`);
  return result.data;
}

export function parseRecord(file: string, text: string): ServerRecord {
  return parseJsonFile(ServerRecordSchema, file, text);
}

export function parseUnlisted(file: string, text: string): Unlisted {
  return parseJsonFile(UnlistedSchema, file, text);
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
  return readOne(dir, slug, parseRecord);
}

/** The unlisted entry of a server in an unlisted folder, or null. */
export function readUnlisted(dir: string, slug: string): Unlisted | null {
  return readOne(dir, slug, parseUnlisted);
}

function readOne<T>(dir: string, slug: string, parse: (file: string, text: string) => T): T | null {
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
  return parse(file, text);
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

export function writeUnlistedAtomic(dir: string, entry: Unlisted): void {
  mkdirSync(dir, { recursive: true });
  const parsed = UnlistedSchema.safeParse(entry);
  if (!parsed.success) throw new Error(`unlisted entry ${oneLine(entry.slug, 80)} not written: ${formatIssues(parsed.error)}`);
  writeFileAtomic(recordPath(dir, parsed.data.slug), stableJson(parsed.data));
}

/** Removes a server's unlisted entry (it has been listed since); a missing file is fine. */
export function removeUnlisted(dir: string, slug: string): void {
  rmSync(recordPath(dir, slug), { force: true });
}

export type RecordFile = { file: string; record: ServerRecord };
export type RecordFileError = { file: string; message: string };

/**
 * Every record in a folder, each validated and kept with the file it came from, so every problem
 * can name it; bad files (invalid, links, not plain files) are reported, not thrown. Each message
 * names its file.
 */
export function readRecordFiles(dir: string): { records: RecordFile[]; errors: RecordFileError[] } {
  const { items, errors } = readFolder(dir, parseRecord);
  return { records: items.map(({ file, item }) => ({ file, record: item })), errors };
}

/** Every unlisted entry in a folder (a missing folder is an empty one), each validated; bad files are reported. */
export function readUnlistedFiles(dir: string): { entries: { file: string; entry: Unlisted }[]; errors: RecordFileError[] } {
  let exists = true;
  try {
    lstatSync(dir);
  } catch {
    exists = false;
  }
  if (!exists) return { entries: [], errors: [] };
  const { items, errors } = readFolder(dir, parseUnlisted);
  return { entries: items.map(({ file, item }) => ({ file, entry: item })), errors };
}

function readFolder<T>(dir: string, parse: (file: string, text: string) => T): { items: { file: string; item: T }[]; errors: RecordFileError[] } {
  const items: { file: string; item: T }[] = [];
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
      items.push({ file, item: parse(file, readPlainFile(file)) });
    } catch (e) {
      errors.push({ file, message: (e as Error).message });
    }
  }
  return { items, errors };
}

/** Every record in a folder, each validated; bad files are reported, not thrown. */
export function readCatalog(dir: string): { records: ServerRecord[]; errors: RecordFileError[] } {
  const { records, errors } = readRecordFiles(dir);
  return { records: records.map((r) => r.record), errors };
}
