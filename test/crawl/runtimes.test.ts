/**
 * PyPI and container sources, started with the runtime the machine has (uvx, docker). The
 * runtimes here are stand-ins: scripts named `uvx` and `docker` in a temporary folder on the
 * crawler's PATH that start the env-echo fixture server with the arguments they were given, so
 * the command line the crawler builds is read back from a real MCP session, run through the real
 * CLI and the real sandbox.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRecord } from '../../src/catalog/store.ts';
import { runtimeLaunch } from '../../src/crawl/runtimes.ts';
import { crawlCli, fixture, projectModules, source, type ToolLike } from './helpers.ts';

const front = (fields: Record<string, unknown>) => `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n---\n`;
const node = process.execPath;

/** The argv the env-echo fixture reported in its one tool's description. */
const argvOf = (tools: unknown[]): string[] => (JSON.parse((tools as ToolLike[])[0]!.description!) as { argv: string[] }).argv;

/** A folder holding stand-ins named `programs` that run the env-echo server with their name and arguments. */
function standIns(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'runtimes-'));
  for (const program of programs) {
    const file = join(dir, program);
    writeFileSync(file, `#!/bin/sh\nexec ${JSON.stringify(node)} ${JSON.stringify(fixture('env-echo.ts'))} ${program} "$@"\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

describe('runtimeLaunch', () => {
  const bin = standIns('uvx', 'docker');
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const opts = { sandbox: null, sandboxUnavailable: undefined };

  test.each([
    [{ transport: 'pypi', package: 'mcp-weather' }, ['mcp-weather']],
    [{ transport: 'pypi', package: 'mcp-weather', version: '1.2.0', args: ['--stdio'] }, ['mcp-weather@1.2.0', '--stdio']],
    [{ transport: 'pypi', package: 'weather-tools', version: '1.2.0', bin: 'weather-mcp', runtimeArgs: ['--python', '3.12'] }, ['--python', '3.12', '--from', 'weather-tools==1.2.0', 'weather-mcp']],
    [{ transport: 'oci', package: 'ghcr.io/acme/mcp', version: '2.0.0', args: ['serve'] }, ['run', '-i', '--rm', '--network', 'none', 'ghcr.io/acme/mcp:2.0.0', 'serve']],
    [{ transport: 'oci', package: 'localhost:5000/acme/mcp:1.0', version: '2.0.0' }, ['run', '-i', '--rm', '--network', 'none', 'localhost:5000/acme/mcp:1.0']],
    [{ transport: 'oci', package: 'acme/mcp@sha256:abc', network: true, env: { API_KEY: 'placeholder' } }, ['run', '-i', '--rm', '-e', 'API_KEY', 'acme/mcp@sha256:abc']],
  ])('%j starts as the runtime with %j', (front, args) => {
    const program = front.transport === 'pypi' ? 'uvx' : 'docker';
    expect(runtimeLaunch(source('s', front).source, opts, bin)).toEqual({ command: join(bin, program), args });
  });

  test('says the runtime is not available here when it is not on the PATH', () => {
    expect(() => runtimeLaunch(source('s', { transport: 'pypi', package: 'x' }).source, opts, '/nonexistent')).toThrow(
      /^runtime not available here: uvx \(a pypi source needs it on the PATH\)$/,
    );
    expect(() => runtimeLaunch(source('s', { transport: 'oci', package: 'x' }).source, opts, '/nonexistent')).toThrow(/^runtime not available here: docker/);
  });

  test('starts nothing when the sandbox was wanted but could not be found', () => {
    expect(() => runtimeLaunch(source('s', { transport: 'pypi', package: 'x' }).source, { sandbox: null, sandboxUnavailable: 'bwrap is not installed' }, bin)).toThrow(
      'cannot start uvx without the sandbox: bwrap is not installed',
    );
  });

  test('refuses a package that would read as an option', () => {
    expect(() => runtimeLaunch(source('s', { transport: 'pypi', package: '--with=evil' }).source, opts, bin)).toThrow(/not a package name/);
    expect(() => runtimeLaunch(source('s', { transport: 'oci', package: '--privileged' }).source, opts, bin)).toThrow(/not an image name/);
  });
});

describe('a crawl of pypi and oci sources through the CLI, inside the sandbox', () => {
  let root: string;
  let bin: string;
  const shown = [projectModules, dirname(fixture('env-echo.ts')), node];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'runtime-crawl-'));
    bin = standIns('uvx', 'docker');
    mkdirSync(join(root, 'sources'));
    writeFileSync(
      join(root, 'sources', 'py.md'),
      front({ name: 'Py', transport: 'pypi', package: 'mcp-weather', version: '1.2.0', args: ['--stdio'], env: { WEATHER_KEY: 'placeholder' }, paths: shown }),
    );
    writeFileSync(join(root, 'sources', 'box.md'), front({ name: 'Box', transport: 'oci', package: 'ghcr.io/acme/mcp', version: '2.0.0', env: { API_KEY: 'placeholder' }, paths: shown }));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  });

  test('starts each with its runtime and the command line it builds, sandboxed, without network', async () => {
    const run = await crawlCli(['--sources', join(root, 'sources'), '--out', join(root, 'servers')], { env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` } });
    expect(run.output).toMatch(/2 servers in .*: 2 live/);
    const py = readRecord(join(root, 'servers'), 'py')!;
    expect(py.transport).toBe('pypi');
    expect(argvOf(py.tools)).toEqual(['uvx', 'mcp-weather@1.2.0', '--stdio']);
    expect(py.provenance.sandbox).toMatchObject({ sandbox: 'bubblewrap', network: false });
    const box = readRecord(join(root, 'servers'), 'box')!;
    expect(box.transport).toBe('oci');
    expect(argvOf(box.tools)).toEqual(['docker', 'run', '-i', '--rm', '--network', 'none', '-e', 'API_KEY', 'ghcr.io/acme/mcp:2.0.0']);
    expect(run.code).toBe(0);
  });

  test('reports "runtime not available here" for each where the machine has no runtime', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-runtimes-'));
    try {
      const run = await crawlCli(['--sources', join(root, 'sources'), '--out', join(empty, 'servers')], { env: { ...process.env, PATH: '/usr/bin:/bin' } });
      expect(run.output).toContain('runtime not available here: uvx');
      expect(run.output).toContain('runtime not available here: docker');
      expect(readRecord(join(empty, 'servers'), 'py')).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
