/**
 * A server whose native module was never built (installs run without scripts) is installed again
 * with its install scripts, which build the module against the server's own Node headers (no
 * download), and the same start is tried again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { diagnose } from '../../src/crawl/diagnose.ts';
import { nodeHeaders } from '../../src/crawl/npm-install.ts';
import { fixture, source, type ToolLike } from './helpers.ts';

const said = (stderr: string) => ({ error: 'initialize: MCP error -32000: Connection closed', stderr, stdout: '', exited: true, timedOut: false });

describe('a native module missing its build', () => {
  test.each([
    ['bindings finding no compiled file', "/opt/mcp/server/node_modules/bindings/bindings.js:126 err = new Error( ^ Error: Could not locate the bindings file. Tried: → /opt/mcp/server/node_modules/better-sqlite3/build/better_sqlite3.node"],
    ['a required .node file', "Error: Cannot find module '../build/Release/keytar.node' Require stack: - /opt/mcp/server/node_modules/keytar/lib/keytar.js"],
    ["node-pty's loader", '/opt/mcp/server/node_modules/node-pty/lib/utils.js:36 throw new Error("Failed to load native module: " + name + ".node'],
    ['node-gyp-build finding no prebuild', 'Error: No native build was found for platform=linux arch=x64 runtime=node abi=137 uv=1 libc=glibc node=24.21.0'],
    ['a build for another Node', "Error: The module '/x/build/Release/y.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137."],
  ])('is read from %s, before any setting it names', (_what, stderr) => {
    const d = diagnose(said(`${stderr}\nDATABASE_URL is required`));
    expect(d.native).toBe(true);
    expect(d.cause).toBe('broken');
  });

  test.each([
    ['a missing JavaScript module', "Error: Cannot find module 'zod' Require stack: - /opt/mcp/server/index.js"],
    ['a missing setting', 'Error: API_KEY is required'],
  ])('is not read from %s', (_what, stderr) => {
    expect(diagnose(said(stderr)).native).toBe(false);
  });
});

describe('nodeHeaders', () => {
  test("finds the headers of the Node running this test, for its exact version and for its major", () => {
    const found = nodeHeaders(process.execPath, process.version);
    expect(found).not.toBeNull();
    expect(nodeHeaders(process.execPath, `v${process.versions.node.split('.')[0]}`)).toBe(found);
  });

  test('finds none for another version, or for a binary outside a Node tree', () => {
    expect(nodeHeaders(process.execPath, 'v1.2.3')).toBeNull();
    expect(nodeHeaders('/nonexistent/bin/node', process.version)).toBeNull();
  });
});

describe('crawlSource of a package whose install script builds its native module', () => {
  const cache = mkdtempSync(join(tmpdir(), 'crawl-native-test-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  test('installs it again with its scripts, in the sandbox, and lists the tool the module names', async () => {
    const log: string[] = [];
    const loaded = source('native-fixture', { transport: 'npm', package: 'fixture-native-server', version: `file:${fixture('native-package')}` });
    const out = await crawlSource(loaded, crawlOptions({ cacheDir: cache, timeouts: { step: 20_000 }, log: (l) => log.push(l) }));
    if (!out.ok) throw new Error(out.error);
    expect((out.tools as ToolLike[]).map((t) => t.name)).toEqual(['built_natively']);
    expect(out.isolation).toMatchObject({ sandbox: 'bubblewrap', network: false });
    // The first start failed on the missing module; the second, after the install with scripts, listed.
    expect(out.attempts?.map((a) => a.why)).toEqual(['as the source says', 'a native module was not built: installed again with its install scripts']);
    expect(out.attempts?.[0]?.result).toMatch(/Cannot find module '[^']*addon\.node'/);
    expect(out.attempts?.[1]?.result).toBe('listed 1 tools');
    // The source written back asks for the scripts, so the next crawl builds the module at once.
    expect(out.healed).toEqual({ args: [], env: {}, installScripts: true });
    expect(log.filter((l) => l.startsWith('installing '))).toHaveLength(2);
  });
});
