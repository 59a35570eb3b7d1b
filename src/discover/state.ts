/**
 * When each registry was last read to the end, kept in `discover-state.json` beside the output
 * folder (`catalog/discover-state.json` for `catalog/sources`), so the next run asks only for what
 * changed since (`updated_since`). A run that stopped early leaves the time as it was, so nothing
 * it missed is skipped next time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { stableJson } from '../json.ts';
import { writeFileAtomic } from '../catalog/store.ts';
import { formatIssues } from '../schema.ts';

export const DiscoverStateSchema = z
  .object({
    registries: z
      .record(z.string(), z.object({ lastRunAt: z.iso.datetime().describe('When the last complete read of this registry began.') }))
      .default({}),
  })
  .describe('discover-state.json: per registry URL, when it was last read to the end.');
export type DiscoverState = z.infer<typeof DiscoverStateSchema>;

export function stateFileFor(outDir: string): string {
  return join(dirname(resolve(outDir)), 'discover-state.json');
}

/** The state, or an empty one when there is no file yet; a broken file is an error naming it. */
export function readState(file: string): DiscoverState {
  if (!existsSync(file)) return { registries: {} };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = DiscoverStateSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

export function lastRunOf(state: DiscoverState, registry: string): string | undefined {
  return Object.hasOwn(state.registries, registry) ? state.registries[registry]?.lastRunAt : undefined;
}

export function writeState(file: string, state: DiscoverState, registry: string, at: string): void {
  const entries: [string, { lastRunAt: string }][] = [...Object.entries(state.registries).filter(([url]) => url !== registry), [registry, { lastRunAt: at }]];
  const registries = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  writeFileAtomic(file, stableJson({ registries }));
}
