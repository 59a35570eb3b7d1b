/**
 * Crawls one source: installs and starts it (npm, command), or connects to it (http, sse), lists
 * its tools, and ends everything it started. A live crawl that fails falls back to the source's
 * snapshot when it names one; the outcome then says why the live crawl failed.
 */
import { dirname } from 'node:path';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { LoadedSource } from '../catalog/sources.ts';
import { makeHome, serverEnv } from './env.ts';
import { installPackage } from './npm-install.ts';
import type { CrawlOptions } from './options.ts';
import { listTools, StepError, type SessionResult } from './session.ts';
import { readSnapshot } from './snapshot.ts';
import { ChildStdioTransport, type Launch } from './stdio-transport.ts';
import { errorMessage, oneLine } from './text.ts';
import type { CrawlOutcome } from './types.ts';

type Live = SessionResult & { packageVersion: string | null };

/** Installs (npm) and builds the command line of a stdio source. */
async function stdioLaunch(
  loaded: LoadedSource,
  opts: CrawlOptions,
  deadline: number,
  home: { home: string; tmp: string },
): Promise<{ launch: Launch; packageVersion: string | null }> {
  const { source, slug } = loaded;
  if (source.transport === 'command') {
    const env = serverEnv(source.env, home);
    return { launch: { command: source.command!, args: source.args, env, cwd: home.home, home: home.home }, packageVersion: null };
  }
  const left = deadline - Date.now();
  const installOpts = { ...opts, timeouts: { ...opts.timeouts, install: Math.max(1, Math.min(opts.timeouts.install, left)) } };
  const installed = await installPackage(slug, source, installOpts);
  const args = source.args.map((a) => a.replaceAll('$CACHE', installed.dir));
  const env = serverEnv(source.env, { ...home, nodeDir: dirname(installed.node) });
  return {
    launch: { command: installed.command, args: [...installed.prefix, ...args], env, cwd: home.home, home: home.home },
    packageVersion: installed.version,
  };
}

/** Explains a failed stdio session with what the server said on its way out. */
function explain(e: unknown, transport: ChildStdioTransport): string {
  const base = errorMessage(e);
  const exit = transport.exit;
  const how = exit ? ` (the server exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`})` : '';
  const stderr = transport.stderrTail(400);
  return `${base}${how}${stderr ? `; stderr: ${oneLine(stderr, 400)}` : ''}`;
}

async function crawlStdio(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Live> {
  const home = makeHome();
  try {
    const { launch, packageVersion } = await stdioLaunch(loaded, opts, deadline, home);
    const transport = new ChildStdioTransport(launch);
    let result: SessionResult;
    try {
      result = await listTools(transport, { caps: opts.caps, step: opts.timeouts.step, deadline });
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

/** A streamable-HTTP endpoint that answers initialize with 4xx may speak only the older SSE protocol. */
function refusedByStreamableHttp(e: unknown): boolean {
  const cause = e instanceof StepError ? e.cause : e;
  return cause instanceof StreamableHTTPError && cause.code !== undefined && cause.code >= 400 && cause.code < 500;
}

async function crawlHttp(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Live> {
  const { source } = loaded;
  const url = new URL(source.url!);
  const session = { caps: opts.caps, step: opts.timeouts.step, deadline };
  if (source.transport === 'sse') return { ...(await listTools(new SSEClientTransport(url), session)), packageVersion: null };
  try {
    return { ...(await listTools(new StreamableHTTPClientTransport(url), session)), packageVersion: null };
  } catch (e) {
    if (!refusedByStreamableHttp(e)) throw e;
    const result = await listTools(new SSEClientTransport(url), session).catch((sse: unknown) => {
      throw new Error(`${errorMessage(e)}; legacy SSE fallback: ${errorMessage(sse)}`);
    });
    result.warnings.push(`streamable HTTP refused (${errorMessage(e)}): listed over legacy SSE`);
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
