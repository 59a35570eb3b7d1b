import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { run } from '../../scripts/discover.ts';
import type { FetchLimits } from '../../src/discover/index.ts';

/** A temporary catalog (`sources/`, `servers/`, `unlisted/`) holding the given files. */
export function tempCatalog(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'discover-'));
  for (const dir of ['sources', 'servers', 'unlisted']) mkdirSync(join(root, dir));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

/** A file in a fresh temporary folder. */
export function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'listing-')), name);
  writeFileSync(file, text);
  return file;
}

/** The `.md` files of a folder, by name, with their text. */
export function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

export const NOW = new Date('2026-12-01T10:00:00.000Z');

/** Runs the discover script in-process and returns its exit code and what it printed. */
export async function discover(argv: string[], now = NOW, limits: Partial<FetchLimits> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await run(argv, now, limits);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
