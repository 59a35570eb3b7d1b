/**
 * Builds the fixture catalog's site once into a temporary folder (Astro, then the search index) and
 * serves it from a small static file server on 127.0.0.1, for the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';

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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Serves `root` on 127.0.0.1 at a free port; paths never leave the folder. */
export async function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': TYPES['.html']! }).end(existsSync(join(base, '404.html')) ? readFileSync(join(base, '404.html')) : 'not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export function removeSite(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  // The build's record of what it was made from sits beside the output.
  rmSync(join(dirname(dir), `.${basename(dir)}.build.json`), { force: true });
}
