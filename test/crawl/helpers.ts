/** Shared helpers for the crawler tests: fixture paths and sources built through the real schema. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoadedSource } from '../../src/catalog/sources.ts';
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
