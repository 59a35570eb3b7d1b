/**
 * Builds the fixture catalog's site once into a temporary folder (Astro, then the search index) and
 * serves it from the static file server the benchmark uses, on 127.0.0.1, for the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifestPath } from '../../site/build.ts';

const PROJECT = resolve(import.meta.dirname, '../..');
export const FIXTURE_CATALOG = join(PROJECT, 'test/fixtures/catalog');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const bin = join(PROJECT, 'node_modules/.bin', command);
  const result = spawnSync(bin, args, { cwd: PROJECT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** Builds the site from a catalog folder into a new temporary folder and returns that folder. */
export function buildSite(catalogDir = FIXTURE_CATALOG): string {
  const out = mkdtempSync(join(tmpdir(), 'catalog-site-'));
  // Node 24 from node_modules runs both steps, as under `npm run build`. Shards of at most 20
  // tools give each fixture server a search index of its own, so the tests search across merged
  // shards as on a 100,000-tool catalog.
  const env = { CATALOG_DIR: catalogDir, SEARCH_SHARD_TOOLS: '20', PATH: `${join(PROJECT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
  run('tsx', ['site/build.ts', '--out', out], env);
  return out;
}

/** Serves a built site on 127.0.0.1 as a static host would (paths never leave the folder). */
export { serveStatic as serve } from '../../bench/static-server.ts';

export function removeSite(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  // The build's record of what it was made from sits beside the output.
  rmSync(manifestPath(dir), { force: true });
}
