/**
 * PyPI and container sources, started with the runtime the machine has (uvx, docker). The
 * runtimes here are stand-ins: scripts named `uvx` and `docker` in a temporary folder on the
 * crawler's PATH that start the env-echo fixture server with the arguments they were given, so
 * the command line the crawler builds is read back from a real MCP session, run through the real
 * CLI and the real sandbox. The Docker daemon is stood in for by a listening unix socket, which
 * the docker stand-in reports whether it can see.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
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

/**
 * A folder holding stand-ins for uvx and docker that run the env-echo server with their name and
 * arguments; docker's first says whether it sees the daemon's socket (`socket`) from where it runs.
 */
function standIns(socket: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'runtimes-'));
  const echo = `${JSON.stringify(node)} ${JSON.stringify(fixture('env-echo.ts'))}`;
  writeFileSync(join(dir, 'uvx'), `#!/bin/sh\nexec ${echo} uvx "$@"\n`);
  writeFileSync(join(dir, 'docker'), `#!/bin/sh\nif [ -S ${JSON.stringify(socket)} ]; then seen=socket-seen; else seen=socket-hidden; fi\nexec ${echo} docker "$seen" "$@"\n`);
  for (const program of ['uvx', 'docker']) chmodSync(join(dir, program), 0o755);
  return dir;
}

/** A listening unix socket standing in for the Docker daemon's. */
async function daemonSocket(): Promise<{ path: string; server: Server }> {
  const path = join(mkdtempSync(join(tmpdir(), 'daemon-')), 'docker.sock');
  const server = createServer((c) => c.end());
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { path, server };
}

describe('runtimeLaunch', () => {
  let bin: string;
  let daemon: { path: string; server: Server };
  let host: { path: string; env: Record<string, string> };
  beforeAll(async () => {
    daemon = await daemonSocket();
    bin = standIns(daemon.path);
    host = { path: bin, env: { DOCKER_HOST: `unix://${daemon.path}` } };
  });
  afterAll(() => {
    daemon.server.close();
    rmSync(bin, { recursive: true, force: true });
  });
  const opts = { sandbox: null, sandboxUnavailable: undefined };
  const limits = ['--memory=4294967296', '--pids-limit=512'];

  test.each([
    [{ transport: 'pypi', package: 'mcp-weather' }, ['mcp-weather']],
    [{ transport: 'pypi', package: 'mcp-weather', version: '1.2.0', args: ['--stdio'] }, ['mcp-weather@1.2.0', '--stdio']],
    [{ transport: 'pypi', package: 'weather-tools', version: '1.2.0', bin: 'weather-mcp', runtimeArgs: ['--python', '3.12'] }, ['--python', '3.12', '--from', 'weather-tools==1.2.0', 'weather-mcp']],
    [{ transport: 'oci', package: 'ghcr.io/acme/mcp', version: '2.0.0', args: ['serve'] }, ['run', '-i', '--rm', '--network', 'none', ...limits, 'ghcr.io/acme/mcp:2.0.0', 'serve']],
    [{ transport: 'oci', package: 'localhost:5000/acme/mcp:1.0', version: '2.0.0' }, ['run', '-i', '--rm', '--network', 'none', ...limits, 'localhost:5000/acme/mcp:1.0']],
    [{ transport: 'oci', package: 'acme/mcp@sha256:abc', network: true, env: { API_KEY: 'placeholder' } }, ['run', '-i', '--rm', '--network', 'bridge', ...limits, '-e', 'API_KEY', 'acme/mcp@sha256:abc']],
  ])('%j starts as the runtime with %j', (front, args) => {
    const got = runtimeLaunch(source('s', front).source, opts, host);
    if (front.transport === 'pypi') expect(got).toEqual({ command: join(bin, 'uvx'), args, paths: [] });
    else expect(got).toEqual({ command: join(bin, 'docker'), args: ['--host', `unix://${daemon.path}`, ...args], paths: [daemon.path] });
  });

  test('says the runtime is not available here when it is not on the PATH, or no Docker daemon can be reached', () => {
    expect(() => runtimeLaunch(source('s', { transport: 'pypi', package: 'x' }).source, opts, { path: '/nonexistent' })).toThrow(
      /^runtime not available here: uvx \(not on the PATH\)$/,
    );
    const oci = source('s', { transport: 'oci', package: 'x' }).source;
    expect(() => runtimeLaunch(oci, opts, { path: '/nonexistent' })).toThrow(/^runtime not available here: docker \(not on the PATH\)$/);
    expect(() => runtimeLaunch(oci, opts, { path: bin, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } })).toThrow(
      'runtime not available here: docker (no Docker daemon socket at /nonexistent/docker.sock)',
    );
    expect(() => runtimeLaunch(oci, opts, { path: bin, env: { DOCKER_HOST: 'tcp://10.0.0.1:2375' } })).toThrow(
      'runtime not available here: docker (DOCKER_HOST tcp://10.0.0.1:2375 is not a unix socket the sandbox can be shown)',
    );
  });

  test('starts nothing when the sandbox was wanted but could not be found', () => {
    expect(() => runtimeLaunch(source('s', { transport: 'pypi', package: 'x' }).source, { sandbox: null, sandboxUnavailable: 'bwrap is not installed' }, host)).toThrow(
      'cannot start uvx without the sandbox: bwrap is not installed',
    );
  });

  test('refuses a package that would read as an option', () => {
    expect(() => runtimeLaunch(source('s', { transport: 'pypi', package: '--with=evil' }).source, opts, host)).toThrow(/not a package name/);
    expect(() => runtimeLaunch(source('s', { transport: 'oci', package: '--privileged' }).source, opts, host)).toThrow(/not an image name/);
  });
});

describe('a crawl of pypi and oci sources through the CLI, inside the sandbox', () => {
  let root: string;
  let bin: string;
  let daemon: { path: string; server: Server };
  const shown = [projectModules, dirname(fixture('env-echo.ts')), node];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'runtime-crawl-'));
    daemon = await daemonSocket();
    bin = standIns(daemon.path);
    mkdirSync(join(root, 'sources'));
    writeFileSync(
      join(root, 'sources', 'py.md'),
      front({ name: 'Py', transport: 'pypi', package: 'mcp-weather', version: '1.2.0', args: ['--stdio'], env: { WEATHER_KEY: 'placeholder' }, paths: shown }),
    );
    writeFileSync(join(root, 'sources', 'box.md'), front({ name: 'Box', transport: 'oci', package: 'ghcr.io/acme/mcp', version: '2.0.0', env: { API_KEY: 'placeholder' }, paths: shown }));
  });
  afterAll(() => {
    daemon.server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  });

  test('starts each with its runtime and the command line it builds, sandboxed, without network', async () => {
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH']}`, DOCKER_HOST: `unix://${daemon.path}` };
    const run = await crawlCli(['--sources', join(root, 'sources'), '--out', join(root, 'servers')], { env });
    expect(run.output).toMatch(/2 servers in .*: 2 live/);
    const py = readRecord(join(root, 'servers'), 'py')!;
    expect(py.transport).toBe('pypi');
    expect(argvOf(py.tools)).toEqual(['uvx', 'mcp-weather@1.2.0', '--stdio']);
    expect(py.provenance.sandbox).toMatchObject({ sandbox: 'bubblewrap', network: false });
    const box = readRecord(join(root, 'servers'), 'box')!;
    expect(box.transport).toBe('oci');
    // The daemon's socket is shown to the docker program in the sandbox, and named to it.
    expect(argvOf(box.tools)).toEqual([
      'docker',
      'socket-seen',
      '--host',
      `unix://${daemon.path}`,
      'run',
      '-i',
      '--rm',
      '--network',
      'none',
      expect.stringMatching(/^--memory=\d+$/),
      expect.stringMatching(/^--pids-limit=\d+$/),
      '-e',
      'API_KEY',
      'ghcr.io/acme/mcp:2.0.0',
    ]);
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
