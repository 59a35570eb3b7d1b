/** Shared helpers for the crawler tests: fixture paths and sources built through the real schema. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoadedSource } from '../../src/catalog/sources.ts';
import { readRecord } from '../../src/catalog/store.ts';
import type { ServerRecord } from '../../src/schema.ts';
import { SourceSchema } from '../../src/schema.ts';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/servers/${name}`, import.meta.url));

/** A source as it would load from `<dir>/sources/<slug>.md`. */
export function source(slug: string, front: Record<string, unknown>, dir = '/nonexistent/catalog'): LoadedSource {
  return { slug, file: `${dir}/sources/${slug}.md`, source: SourceSchema.parse({ name: slug, ...front }), about: '' };
}

/** The project's own packages: the SDK-based fixture servers import from there, so their sources show it to the sandbox. */
export const projectModules = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** A stdio source that runs a fixture server under our own Node (which strips the types). */
export function fixtureSource(slug: string, file: string, extra: Record<string, unknown> = {}, dir?: string): LoadedSource {
  const { args = [], ...rest } = extra as { args?: string[] };
  return source(slug, { transport: 'command', command: process.execPath, args: [fixture(file), ...args], paths: [projectModules], ...rest }, dir);
}

/** Whether a process is still running (a zombie waiting for its parent counts as gone). */
export function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '');
  } catch {
    return false;
  }
}

export type ToolLike = { name: string; description?: string; [k: string]: unknown };
export const names = (tools: unknown[]): string[] => (tools as ToolLike[]).map((t) => t.name);

export type CliRun = { code: number | null; output: string; wallMs: number; pid: number };

/**
 * Runs the crawl CLI in a process of its own, as a user would (`npm run crawl -- ARGS`), with
 * `env` as its whole environment and `node` options (e.g. `--import` of a probe) before the script.
 */
export function crawlCli(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; node?: readonly string[] } = {}): Promise<CliRun> {
  const started = Date.now();
  const cli = spawn(process.execPath, ['--import', 'tsx', ...(opts.node ?? []), 'scripts/crawl.ts', ...args], {
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  cli.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  return new Promise((resolve) => cli.once('close', (code) => resolve({ code, output, wallMs: Date.now() - started, pid: cli.pid ?? 0 })));
}

/** The lines the CLI printed for one server: its progress line and its warnings or error. */
export function block(output: string, slug: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\[ ?\\d+/\\d+\\] ${slug} `).test(l));
  if (start === -1) throw new Error(`no progress line for ${slug}`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('      '));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

/** Every running process on the host whose command line holds `token` as one argument. */
export function withToken(token: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(token) && alive(Number(name))) found.push(Number(name));
    } catch {
      // Gone.
    }
  }
  return found;
}

/** The record a crawl wrote for `slug` into `out`; a missing one fails the test that wanted it. */
export function recordIn(out: string, slug: string): ServerRecord {
  const r = readRecord(out, slug);
  if (!r) throw new Error(`no record for ${slug}`);
  return r;
}
