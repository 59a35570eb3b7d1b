/**
 * The crawl run in progress, kept in `crawl-run.json` beside the records folder (committed with
 * them), so a crawl cut off mid-way can be resumed from the catalog alone, on any machine:
 * `--resume` takes the interrupted run's start and skips every server attempted since. One entry
 * per kind of run (sources folder, shard, `--only`), so shards resume independently.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './store.ts';

const RunsSchema = z.record(z.string(), z.object({ startedAt: z.string(), finishedAt: z.string().nullable() }));

export type RunKey = { sources: string; shard: string | null; only: string | null };
export type Run = { file: string; key: string; startedAt: string };

function runsFile(out: string): string {
  return join(dirname(resolve(out)), 'crawl-run.json');
}

function readRuns(file: string): z.infer<typeof RunsSchema> {
  let text: string;
  try {
    if (!lstatSync(file).isFile()) throw new Error(`${file}: not a plain file`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  const parsed = RunsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a crawl run file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

function writeRuns(file: string, runs: z.infer<typeof RunsSchema>): void {
  writeFileAtomic(file, `${JSON.stringify(runs, null, 2)}\n`);
}

/**
 * Starts a run, or with `resume` takes up the unfinished one of the same kind (a finished or
 * missing one starts afresh: there is nothing to resume).
 */
export function startRun(out: string, what: RunKey, resume: boolean, now = new Date()): Run {
  const file = runsFile(out);
  // A long --only list is named by its hash, so the file stays small.
  const only = what.only !== null && what.only.length > 100 ? `sha256:${createHash('sha256').update(what.only).digest('hex').slice(0, 16)}` : what.only;
  const key = JSON.stringify([what.sources, what.shard, only]);
  const runs = readRuns(file);
  const open = runs[key];
  if (resume && open && open.finishedAt === null) return { file, key, startedAt: open.startedAt };
  const startedAt = now.toISOString();
  runs[key] = { startedAt, finishedAt: null };
  writeRuns(file, runs);
  return { file, key, startedAt };
}

export function finishRun(run: Run, now = new Date()): void {
  const runs = readRuns(run.file);
  runs[run.key] = { startedAt: run.startedAt, finishedAt: now.toISOString() };
  writeRuns(run.file, runs);
}
