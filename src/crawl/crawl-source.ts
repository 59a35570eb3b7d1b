/**
 * Crawls one source: installs and starts it (npm, command), or connects to it (http, sse), lists
 * its tools, and ends everything it started. A live crawl that fails falls back to the source's
 * snapshot when it names one; the outcome then says why the live crawl failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { LoadedSource } from '../catalog/sources.ts';
import { makeHome, serverEnv } from './env.ts';
import { installPackage } from './npm-install.ts';
import type { CrawlOptions } from './options.ts';
import { listTools, StepError, type SessionResult } from './session.ts';
import { catalogDirOf, readSnapshot } from './snapshot.ts';
import { ChildStdioTransport, type Launch } from './stdio-transport.ts';
import { errorMessage, oneLine } from './text.ts';
import type { CrawlOutcome } from './types.ts';

type Live = SessionResult & { packageVersion: string | null };

type Vars = { home: string; cache: string | null; catalog: string };

/**
 * Replaces `$HOME` (the private HOME), `$CACHE` (the install folder) and `$CATALOG` (the catalog
 * folder, where snapshots are found too) in the command, an arg or an env value. The server starts
 * in its private HOME, so a path beside the catalog can only be named through `$CATALOG`.
 */
function expand(text: string, vars: Vars): string {
  const known = text.replaceAll('$HOME', vars.home).replaceAll('$CATALOG', vars.catalog);
  return vars.cache === null ? known : known.replaceAll('$CACHE', vars.cache);
}

/** The end of one session: its own budget from now, within what is left of the server's whole time. */
function sessionDeadline(opts: CrawlOptions, deadline: number): number {
  return Math.min(deadline, Date.now() + opts.timeouts.session);
}

/** Writes the source's placeholder files into the private HOME. */
function writeFiles(files: Readonly<Record<string, string>>, home: string): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = resolve(home, rel);
    if (!file.startsWith(home + sep)) throw new Error(`files: "${oneLine(rel, 100)}" is outside the server's HOME`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Installs (npm) and builds the command line of a stdio source. */
async function stdioLaunch(
  loaded: LoadedSource,
  opts: CrawlOptions,
  deadline: number,
  home: { home: string; tmp: string },
): Promise<{ launch: Launch; packageVersion: string | null }> {
  const { source, slug } = loaded;
  writeFiles(source.files ?? {}, home.home);
  let command = source.command ?? '';
  let prefix: string[] = [];
  let nodeDir: string | undefined;
  let vars: Vars = { home: home.home, cache: null, catalog: catalogDirOf(loaded, opts.catalogDir) };
  let packageVersion: string | null = null;
  if (source.transport === 'npm') {
    const left = deadline - Date.now();
    const install = Math.max(1, Math.min(opts.timeouts.install, left));
    const installed = await installPackage(slug, source, { ...opts, timeouts: { ...opts.timeouts, install } });
    ({ command, prefix } = installed);
    nodeDir = dirname(installed.node);
    vars = { ...vars, cache: installed.dir };
    packageVersion = installed.version;
  }
  const env = serverEnv(Object.fromEntries(Object.entries(source.env).map(([k, v]) => [k, expand(v, vars)])), { ...home, nodeDir });
  const args = [...prefix, ...source.args.map((a) => expand(a, vars))];
  return { launch: { command: expand(command, vars), args, env, cwd: home.home, home: home.home }, packageVersion };
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
  const home = await makeHome(loaded.slug);
  // A note about the crawl machine, not about the server's tools, so not a warning in the record.
  if (home.orphans > 0) opts.log?.(`${loaded.slug}: ended ${home.orphans} process(es) left running by an earlier crawl that was killed`);
  try {
    const { launch, packageVersion } = await stdioLaunch(loaded, opts, deadline, home);
    const transport = new ChildStdioTransport(launch);
    let result: SessionResult;
    try {
      result = await listTools(transport, { caps: opts.caps, step: opts.timeouts.step, deadline: sessionDeadline(opts, deadline) });
    } catch (e) {
      throw new Error(explain(e, transport), { cause: e });
    } finally {
      await transport.close();
    }
    if (transport.noiseLines > 0) {
      const first = transport.noiseSamples[0];
      result.warnings.push(`skipped ${transport.noiseLines} non-JSON-RPC line(s) on stdout${first ? ` (first: "${first}")` : ''}`);
    }
    return { ...result, packageVersion };
  } finally {
    home.remove();
  }
}

/** The 4xx status with which a streamable-HTTP endpoint refused initialize: it may speak only the older SSE protocol. */
function refusedStatus(e: unknown): number | null {
  const cause = e instanceof StepError ? e.cause : e;
  const code = cause instanceof StreamableHTTPError ? cause.code : undefined;
  return code !== undefined && code >= 400 && code < 500 ? code : null;
}

async function crawlHttp(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Live> {
  const { source } = loaded;
  const url = new URL(source.url!);
  const session = { caps: opts.caps, step: opts.timeouts.step, deadline: sessionDeadline(opts, deadline) };
  if (source.transport === 'sse') return { ...(await listTools(new SSEClientTransport(url), session)), packageVersion: null };
  try {
    return { ...(await listTools(new StreamableHTTPClientTransport(url), session)), packageVersion: null };
  } catch (e) {
    const status = refusedStatus(e);
    if (status === null) throw e;
    const result = await listTools(new SSEClientTransport(url), session).catch((sse: unknown) => {
      throw new Error(`${errorMessage(e)} (HTTP ${status}); legacy SSE fallback: ${errorMessage(sse)}`);
    });
    result.warnings.push(`streamable HTTP refused with HTTP ${status} (${errorMessage(e)}): listed over legacy SSE`);
    return { ...result, packageVersion: null };
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
