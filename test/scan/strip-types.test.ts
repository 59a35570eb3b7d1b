/**
 * The package command runs its TypeScript with Node's own type stripping, `--crawl` included: an
 * installed tarball has no tsx (a devDependency), so every module the scan can load must keep to
 * the syntax stripping accepts (no enums, namespaces, constructor parameter properties or
 * `import x = require`). Both checks run the pinned Node 24 with no loader of any kind.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fixture } from '../crawl/helpers.ts';

const ROOT = join(import.meta.dirname, '../..');
const NODE24 = join(ROOT, 'node_modules/node/bin/node');
const work = mkdtempSync(join(tmpdir(), 'strip-types-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A clean environment: no NODE_OPTIONS (so no `--import tsx`), no npm-added PATH entries. */
const cleanEnv = { PATH: '/usr/bin:/bin', HOME: work, MCP_CATALOG_CACHE: join(work, 'cache') };

function runNode(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(NODE24, args, { cwd, env: cleanEnv });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

/**
 * Every project module reachable from `start` through relative imports, static or dynamic (the
 * crawler is imported dynamically, only for --crawl). The project imports by literal path only.
 */
function importGraph(start: string): string[] {
  const seen = new Set<string>();
  const queue = [start];
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+\.ts)'/gm;
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(specifier)) queue.push(resolve(dirname(file), m[1]!));
  }
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

describe('Node type stripping runs the scan and the crawler', () => {
  test('the pinned Node strips types', async () => {
    const r = await runNode(['-p', 'process.versions.node + " " + process.features.typescript'], ROOT);
    expect(r.out.trim()).toMatch(/^(2[3-9]|[3-9]\d)\.\d+\.\d+ strip$/);
  });

  test('every module scripts/scan.ts can reach, the crawler included, loads with no loader', { timeout: 120_000 }, async () => {
    const files = importGraph(join(ROOT, 'scripts/scan.ts'));
    // The walk reaches the crawler through the dynamic import and the classes that once held parameter properties.
    expect(files).toEqual(expect.arrayContaining(['src/crawl/index.ts', 'src/crawl/session.ts', 'src/crawl/modern-session.ts', 'src/crawl/stdio-transport.ts', 'src/crawl/crawl-source.ts', 'src/crawl/install-failure.ts', 'src/classify/prepare.ts', 'src/scan/crawl.ts']));
    // Each file on its own, so a failure names the file (Node's message does not).
    const script = `const failed = [];
for (const f of ${JSON.stringify(files)}) {
  try { await import('./' + f); } catch (e) { failed.push(f + ': ' + e.message); }
}
process.stdout.write(JSON.stringify(failed));`;
    const r = await runNode(['--input-type=module', '-e', script], ROOT);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('mcp-risk scan --crawl lists a server where tsx cannot be found', { timeout: 120_000 }, async () => {
    // The command beside the project's scripts, as in an installed package, but with no node_modules
    // above it: the only loader it could find is none.
    const pkg = join(work, 'pkg');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin/mcp-risk.mjs'), join(pkg, 'bin/mcp-risk.mjs'));
    symlinkSync(join(ROOT, 'scripts'), join(pkg, 'scripts'));
    expect(() => createRequire(join(pkg, 'bin/mcp-risk.mjs')).resolve('tsx/esm/api')).toThrow(/Cannot find module/);

    const catalog = join(work, 'empty-catalog.json');
    writeFileSync(catalog, JSON.stringify({ version: '1', generatedAt: '2026-01-01T00:00:00.000Z', servers: [] }));
    const config = join(work, '.mcp.json');
    writeFileSync(config, JSON.stringify({ mcpServers: { 'my-notes': { command: NODE24, args: [fixture('scan-notes.ts')] } } }));

    const r = await runNode([join(pkg, 'bin/mcp-risk.mjs'), 'scan', '--crawl', '--format', 'json', '--catalog', catalog, config], work);
    expect(r.err).not.toMatch(/tsx|cannot be loaded/);
    expect(r.code).toBe(0);
    const [server] = JSON.parse(r.out).servers as { name: string; origin: string; tools: { name: string; effect: string }[] }[];
    expect(server).toMatchObject({ name: 'my-notes', origin: 'crawled' });
    expect(Object.fromEntries(server!.tools.map((t) => [t.name, t.effect]))).toEqual({ list_notes: 'read', update_note: 'write', delete_note: 'delete' });
  });
});
