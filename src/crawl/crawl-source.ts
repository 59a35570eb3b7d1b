/**
 * Crawls one source: installs and starts it (npm, command), or connects to it (http, sse), lists
 * its tools, and ends everything it started. A live crawl that fails falls back to the source's
 * snapshot when it names one; the outcome then says why the live crawl failed.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { LoadedSource } from '../catalog/sources.ts';
import { inSystemDirs, INSIDE, makePrivateDir, mount, realExisting, sandboxCommand, which, type Isolation, type Mount, type PrivateDir } from '../sandbox/index.ts';
import { basePath, serverEnv } from './env.ts';
import { installPackage } from './npm-install.ts';
import type { CrawlOptions } from './options.ts';
import { boundedFetch } from './bounded-fetch.ts';
import { isRuntimeTransport, runtimeLaunch } from './runtimes.ts';
import { listTools, StepError, Tripwire, type SessionResult } from './session.ts';
import { catalogDirOf, readSnapshot } from './snapshot.ts';
import { ChildStdioTransport, type Launch } from './stdio-transport.ts';
import { errorMessage, oneLine } from './text.ts';
import type { CrawlOutcome } from './types.ts';

type Live = SessionResult & { packageVersion: string | null; isolation: Isolation | null };

type Vars = { HOME: string; CACHE: string | null; CATALOG: string };

/**
 * Replaces `$HOME` (the private HOME), `$CACHE` (the install folder) and `$CATALOG` (the catalog
 * folder, where snapshots are found too), written `$NAME` or `${NAME}`, in the command, an arg or
 * an env value; `$HOME_DIR` and other longer names are left alone. The server starts in its
 * private HOME, so a path beside the catalog can only be named through `$CATALOG`.
 */
export function expand(text: string, vars: Vars): string {
  return text.replace(/\$(?:\{(HOME|CACHE|CATALOG)\}|(HOME|CACHE|CATALOG)(?![A-Za-z0-9_]))/g, (whole, braced?: string, bare?: string) => {
    const value = vars[(braced ?? bare) as keyof Vars];
    return value ?? whole;
  });
}

/** The end of one session: its own budget from now, within what is left of the server's whole time. */
function sessionDeadline(opts: CrawlOptions, deadline: number): number {
  return Math.min(deadline, Date.now() + opts.timeouts.session);
}

/** Writes the source's placeholder files into the private HOME, never through a link. */
function writeFiles(files: Readonly<Record<string, string>>, home: string): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = resolve(home, rel);
    if (!file.startsWith(home + sep)) throw new Error(`files: "${oneLine(rel, 100)}" is outside the server's HOME`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content, { flag: 'wx' });
  }
}

/**
 * The host files a command source needs inside the sandbox, bound read-only at the same paths:
 * the program itself, the folder of every argument that names an existing file (a script finds its
 * siblings) or the folder an argument names, and the source's `paths`.
 */
function commandMounts(command: string, args: readonly string[], paths: readonly string[]): Mount[] {
  const mounts: Mount[] = [];
  const add = (path: string) => {
    const real = realExisting(path);
    if (real && !inSystemDirs(real)) mounts.push(mount(real, resolve(path)));
  };
  add(command);
  for (const arg of args) {
    if (!isAbsolute(arg)) continue;
    try {
      const st = statSync(arg);
      add(st.isDirectory() ? arg : dirname(arg));
    } catch {
      // Not a path on this machine: an ordinary argument.
    }
  }
  for (const path of paths) {
    if (!isAbsolute(path)) throw new Error(`paths: "${oneLine(path, 100)}" is not an absolute path (use $CATALOG)`);
    if (!realExisting(path)) throw new Error(`paths: ${oneLine(path, 100)} does not exist`);
    add(path);
  }
  return mounts;
}

/** Finds a command the way a shell would, on the crawler's PATH (without the project's own tools). */
function resolveCommand(command: string): string {
  if (command.includes('/')) {
    if (!isAbsolute(command)) throw new Error(`cannot start ${oneLine(command, 100)}: a relative path (use $CATALOG or an absolute path)`);
    return resolve(command);
  }
  const found = which(command, basePath().join(':'));
  if (!found) throw new Error(`cannot start ${oneLine(command, 100)}: not found on the PATH`);
  return found;
}

/** Installs (npm) and builds the command line of a stdio source, inside the sandbox unless the crawl runs without one. */
async function stdioLaunch(
  loaded: LoadedSource,
  opts: CrawlOptions,
  deadline: number,
  box: PrivateDir,
): Promise<{ launch: Launch; packageVersion: string | null; isolation: Isolation }> {
  const { source, slug } = loaded;
  const sandbox = opts.sandbox;
  writeFiles(source.files ?? {}, box.home);
  const vars: Vars = { HOME: sandbox ? INSIDE.home : box.home, CACHE: null, CATALOG: catalogDirOf(loaded, opts.catalogDir) };
  const mounts: Mount[] = [mount(box.home, INSIDE.home, true)];
  let command: string;
  let args: string[];
  let nodeDir: string | undefined;
  let packageVersion: string | null = null;
  if (source.transport === 'npm') {
    const left = deadline - Date.now();
    const install = Math.max(1, Math.min(opts.timeouts.install, left));
    const installed = await installPackage(slug, source, { ...opts, timeouts: { ...opts.timeouts, install } });
    packageVersion = installed.version;
    const dir = sandbox ? INSIDE.server : installed.dir;
    const node = sandbox ? `${INSIDE.nodeDir}/node` : installed.node;
    if (sandbox) mounts.push(mount(installed.dir, INSIDE.server), mount(realExisting(installed.node) ?? installed.node, node));
    vars.CACHE = dir;
    nodeDir = dirname(node);
    const entry = `${dir}/${installed.entry.split(sep).join('/')}`;
    command = installed.js ? node : entry;
    args = [...(installed.js ? [entry] : []), ...source.args.map((a) => expand(a, vars))];
  } else {
    // A pypi or oci source runs its runtime (uvx, docker), which then is the command.
    const start = isRuntimeTransport(source.transport) ? runtimeLaunch(source, opts) : { command: source.command ?? '', args: source.args, paths: [] };
    command = resolveCommand(expand(start.command, vars));
    args = start.args.map((a) => expand(a, vars));
    if (sandbox) mounts.push(...commandMounts(command, args, [...source.paths, ...start.paths].map((p) => expand(p, vars))));
  }
  const placeholders = Object.fromEntries(Object.entries(source.env).map(([k, v]) => [k, expand(v, vars)]));
  if (!sandbox) {
    const env = serverEnv(placeholders, { home: box.home, tmp: box.tmp, nodeDir, sandboxed: false });
    const isolation: Isolation = { sandbox: 'none', network: true, limits: [] };
    return { launch: { command, args, env, cwd: box.home, home: box.home }, packageVersion, isolation };
  }
  const env = serverEnv(placeholders, { home: INSIDE.home, tmp: INSIDE.tmp, nodeDir, sandboxed: true });
  const wrapped = sandboxCommand(sandbox, { name: slug, mounts, env, cwd: INSIDE.home, network: source.network, etcFiles: box.etc }, command, args);
  const launch: Launch = {
    command: wrapped.command,
    args: wrapped.args,
    env: wrapped.env,
    cwd: wrapped.cwd,
    home: null,
    fd3: wrapped.fd3,
    ...(wrapped.cgroup ? { cleanup: wrapped.cgroup.remove } : {}),
  };
  return { launch, packageVersion, isolation: wrapped.isolation };
}

/** Explains a failed stdio session with what the server said on its way out. */
function explain(e: unknown, transport: ChildStdioTransport): string {
  const base = errorMessage(e);
  const exit = transport.exit;
  const how = exit ? ` (the server exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`})` : '';
  const stderr = oneLine(transport.stderrSummary(700), 700);
  return `${base}${how}${stderr ? `; stderr: ${stderr}` : ''}`;
}

async function crawlStdio(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Live> {
  if (opts.sandboxUnavailable) throw new Error(`sandbox: ${opts.sandboxUnavailable}`);
  const box = makePrivateDir(loaded.slug);
  try {
    const { launch, packageVersion, isolation } = await stdioLaunch(loaded, opts, deadline, box);
    const transport = new ChildStdioTransport(launch);
    let result: SessionResult;
    try {
      result = await listTools(transport, { caps: opts.caps, step: opts.timeouts.step, deadline: sessionDeadline(opts, deadline) });
    } catch (e) {
      throw new Error(explain(e, transport), { cause: e });
    } finally {
      await transport.close();
      await launch.cleanup?.();
    }
    if (transport.noiseLines > 0) {
      const first = transport.noiseSamples[0];
      result.warnings.push(`skipped ${transport.noiseLines} non-JSON-RPC line(s) on stdout${first ? ` (first: "${first}")` : ''}`);
    }
    return { ...result, packageVersion, isolation };
  } finally {
    box.remove();
  }
}

/** The 4xx status with which a streamable-HTTP endpoint refused initialize: it may speak only the older SSE protocol. */
function refusedStatus(e: unknown): number | null {
  const cause = e instanceof StepError ? e.cause : e;
  const code = cause instanceof StreamableHTTPError ? cause.code : undefined;
  return code !== undefined && code >= 400 && code < 500 ? code : null;
}

/**
 * Bytes one HTTP response body may carry: a legacy SSE stream carries every page of the list, so
 * twice the cap on tool JSON leaves room for the protocol around it.
 */
const responseBytes = (opts: CrawlOptions) => 2 * opts.caps.bytes;

async function crawlHttp(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Live> {
  const { source } = loaded;
  const url = new URL(source.url!);
  const ends = sessionDeadline(opts, deadline);
  // Each session has its own tripwire: a body past the byte cap ends that session with the cap's error.
  const session = () => {
    const tripwire = new Tripwire();
    const fetch = boundedFetch(responseBytes(opts), (e) => tripwire.trip(e));
    return { fetch, opts: { caps: opts.caps, step: opts.timeouts.step, deadline: ends, tripwire } };
  };
  const sse = () => {
    const s = session();
    return listTools(new SSEClientTransport(url, { fetch: s.fetch }), s.opts);
  };
  if (source.transport === 'sse') return { ...(await sse()), packageVersion: null, isolation: null };
  try {
    const s = session();
    return { ...(await listTools(new StreamableHTTPClientTransport(url, { fetch: s.fetch }), s.opts)), packageVersion: null, isolation: null };
  } catch (e) {
    const status = refusedStatus(e);
    if (status === null) throw e;
    const result = await sse().catch((sse: unknown) => {
      throw new Error(`${errorMessage(e)} (HTTP ${status}); legacy SSE fallback: ${errorMessage(sse)}`);
    });
    result.warnings.push(`streamable HTTP refused with HTTP ${status} (${errorMessage(e)}): listed over legacy SSE`);
    return { ...result, packageVersion: null, isolation: null };
  }
}

function fromSnapshot(loaded: LoadedSource, opts: CrawlOptions, warnings: string[], started: number): CrawlOutcome {
  const { snapshot } = readSnapshot(loaded, opts.catalogDir);
  const truncated = snapshot.tools.length > opts.caps.tools;
  if (truncated) warnings.push(`snapshot cut to ${opts.caps.tools} tools (cap)`);
  return {
    ok: true,
    method: 'snapshot',
    tools: snapshot.tools.slice(0, opts.caps.tools),
    serverInfo: snapshot.serverInfo ?? null,
    protocolVersion: null,
    instructions: snapshot.instructions ?? null,
    packageVersion: null,
    isolation: null,
    snapshotSource: snapshot.source ?? loaded.source.snapshotNote ?? `catalog/${loaded.source.snapshot}`,
    truncated,
    warnings,
    durationMs: Date.now() - started,
  };
}

export async function crawlSource(loaded: LoadedSource, opts: CrawlOptions): Promise<CrawlOutcome> {
  const started = Date.now();
  const deadline = started + opts.timeouts.total;
  const { source } = loaded;
  if (source.transport === 'snapshot') {
    try {
      return fromSnapshot(loaded, opts, [], started);
    } catch (e) {
      return { ok: false, error: errorMessage(e), durationMs: Date.now() - started };
    }
  }

  try {
    const live = source.transport === 'http' || source.transport === 'sse' ? await crawlHttp(loaded, opts, deadline) : await crawlStdio(loaded, opts, deadline);
    return {
      ok: true,
      method: 'live',
      tools: live.tools,
      serverInfo: live.serverInfo,
      protocolVersion: live.protocolVersion,
      instructions: live.instructions,
      packageVersion: live.packageVersion,
      isolation: live.isolation,
      snapshotSource: null,
      truncated: live.truncated,
      warnings: live.warnings,
      durationMs: Date.now() - started,
    };
  } catch (e) {
    const error = errorMessage(e);
    if (!source.snapshot) return { ok: false, error, durationMs: Date.now() - started };
    try {
      return fromSnapshot(loaded, opts, [`live crawl failed, tools from the snapshot: ${error}`], started);
    } catch (s) {
      return { ok: false, error: `${error}; ${errorMessage(s)}`, durationMs: Date.now() - started };
    }
  }
}
