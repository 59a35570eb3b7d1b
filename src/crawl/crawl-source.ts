/**
 * Crawls one source: installs and starts it (npm, command), or connects to it (http, sse), lists
 * its tools, and ends everything it started. A live crawl that fails falls back to the source's
 * snapshot when it names one; the outcome then says why the live crawl failed.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { LoadedSource } from '../catalog/sources.ts';
import { inSystemDirs, INSIDE, makePrivateDir, mount, realExisting, sandboxCommand, which, type Isolation, type Mount, type PrivateDir } from '../sandbox/index.ts';
import { basePath, serverEnv } from './env.ts';
import { installCause } from './install-failure.ts';
import { installPackage, releaseInstall } from './npm-install.ts';
import type { CrawlOptions } from './options.ts';
import { boundedFetch } from './bounded-fetch.ts';
import { isRuntimeTransport, runtimeLaunch } from './runtimes.ts';
import { EraMemory } from './era.ts';
import { probeHttp, stdioSession } from './modern-session.ts';
import { listTools, StepError, Tripwire, type SessionResult } from './session.ts';
import { catalogDirOf, readSnapshot } from './snapshot.ts';
import { ChildStdioTransport, type Launch } from './stdio-transport.ts';
import { errorMessage, oneLine } from './text.ts';
import type { CrawlOutcome } from './types.ts';
import type { Attempt } from '../schema.ts';
import type { UnlistedCause } from '../taxonomy.ts';
import { diagnose, listensOnHttp, type Diagnosis, type Said } from './diagnose.ts';
import { isGuess, nextStart, type Start } from './heal.ts';
import { packageHints, type Hints } from './hints.ts';

type Live = SessionResult & {
  packageVersion: string | null;
  isolation: Isolation | null;
  installMs?: number | null;
  sessionMs?: number | null;
  attempts?: Attempt[];
  /** The start that listed the tools, when it was not the source's own. */
  healed?: { args: string[]; env: Record<string, string>; files?: Record<string, string>; installScripts?: true };
};

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

/** What an installed npm package says about starting it: its own folder, its bins, README and server.json. */
function hintsOf(installDir: string, pkg: string): Hints | null {
  const dir = join(installDir, 'node_modules', ...pkg.split('/'));
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin?: unknown };
    const bin = manifest.bin;
    const bins = typeof bin === 'string' ? [pkg.split('/').pop() ?? pkg] : bin && typeof bin === 'object' ? Object.keys(bin).map((b) => b.split('/').pop() ?? b) : [];
    return packageHints(dir, pkg, bins);
  } catch {
    return null;
  }
}

/** A stdio server made ready to start: installed (npm), with how to build each start's command line. */
type Prepared = {
  /** The command line of one start, in its own private folder, inside the sandbox unless the crawl runs without one. */
  launch(start: Start, box: PrivateDir): { launch: Launch; isolation: Isolation };
  packageVersion: string | null;
  installMs: number | null;
  /** Notes on the install for the record's warnings (an earlier release installed). */
  notes: string[];
  /** Said in the record when the program started is a guess (an npm package's main entry); else null. */
  entryNote: string | null;
  /** What the installed package says about starting it (README, server.json), read once when first needed. */
  hints(): Hints | null;
  /**
   * Installs the package again with its install scripts, which build its native modules; null
   * when they ran already or the source installs nothing. The caller gives it its own deadline.
   */
  rebuild: ((deadline: number) => Promise<void>) | null;
};

/** Installs (npm) and resolves the program of a stdio source. */
async function prepareStdio(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Prepared> {
  const { source, slug } = loaded;
  const sandbox = opts.sandbox;
  const catalog = catalogDirOf(loaded, opts.catalogDir);
  let program: (vars: Vars) => { command: string; args: string[]; mounts: Mount[]; paths?: readonly string[] };
  let nodeDir: string | undefined;
  let packageVersion: string | null = null;
  let installMs: number | null = null;
  let entryNote: string | null = null;
  let hints: () => Hints | null = () => null;
  let cacheDir: string | null = null;
  let rebuild: Prepared['rebuild'] = null;
  const notes: string[] = [];
  if (source.transport === 'npm') {
    const install = async (from: LoadedSource['source'], until: number) => {
      const left = until - Date.now();
      const budget = Math.max(1, Math.min(opts.timeouts.install, left));
      const began = Date.now();
      const installed = await installPackage(slug, from, { ...opts, timeouts: { ...opts.timeouts, install: budget } });
      installMs = (installMs ?? 0) + (Date.now() - began);
      packageVersion = installed.version;
      if (installed.note) notes.push(installed.note);
      entryNote = installed.entryNote;
      const dir = sandbox ? INSIDE.server : installed.dir;
      const node = sandbox ? `${INSIDE.nodeDir}/node` : installed.node;
      const mounts = sandbox ? [mount(installed.dir, INSIDE.server), mount(realExisting(installed.node) ?? installed.node, node)] : [];
      cacheDir = dir;
      nodeDir = dirname(node);
      const entry = `${dir}/${installed.entry.split(sep).join('/')}`;
      program = () => ({ command: installed.js ? node : entry, args: installed.js ? [entry] : [], mounts });
      let read: Hints | null | undefined;
      hints = () => (read === undefined ? (read = hintsOf(installed.dir, source.package!)) : read);
    };
    await install(source, deadline);
    if (!source.installScripts) {
      rebuild = async (until) => {
        rebuild = null;
        await install({ ...source, installScripts: true }, until);
      };
    }
  } else {
    const vars: Vars = { HOME: sandbox ? INSIDE.home : '', CACHE: null, CATALOG: catalog };
    // A pypi or oci source runs its runtime (uvx, docker), which then is the command; each start's arguments follow.
    const runtime = isRuntimeTransport(source.transport) ? runtimeLaunch({ ...source, args: [] }, opts) : { command: source.command ?? '', args: [], paths: [] };
    const command = resolveCommand(expand(runtime.command, vars));
    program = (v) => ({ command, args: runtime.args.map((a) => expand(a, v)), mounts: [], paths: runtime.paths });
  }

  const launch = (start: Start, box: PrivateDir): { launch: Launch; isolation: Isolation } => {
    writeFiles({ ...source.files, ...start.files }, box.home);
    const vars: Vars = { HOME: sandbox ? INSIDE.home : box.home, CACHE: cacheDir, CATALOG: catalog };
    const base = program(vars);
    const args = [...base.args, ...start.args.map((a) => expand(a, vars))];
    const placeholders = Object.fromEntries(Object.entries(start.env).map(([k, v]) => [k, expand(v, vars)]));
    if (!sandbox) {
      const env = serverEnv(placeholders, { home: box.home, tmp: box.tmp, nodeDir, sandboxed: false });
      return { launch: { command: base.command, args, env, cwd: box.home, home: box.home }, isolation: { sandbox: 'none', network: true, limits: [] } };
    }
    const mounts: Mount[] = [mount(box.home, INSIDE.home, true), ...base.mounts];
    // A command source's program, the files its arguments name and its `paths`: shown read-only.
    if (source.transport !== 'npm') mounts.push(...commandMounts(base.command, args, [...source.paths, ...(base.paths ?? [])].map((p) => expand(p, vars))));
    const env = serverEnv(placeholders, { home: INSIDE.home, tmp: INSIDE.tmp, nodeDir, sandboxed: true });
    const wrapped = sandboxCommand(sandbox, { name: slug, mounts, env, cwd: INSIDE.home, network: source.network, etcFiles: box.etc }, base.command, args);
    return {
      launch: {
        command: wrapped.command,
        args: wrapped.args,
        env: wrapped.env,
        cwd: wrapped.cwd,
        home: null,
        fd3: wrapped.fd3,
        ...(wrapped.cgroup ? { cleanup: wrapped.cgroup.remove } : {}),
      },
      isolation: wrapped.isolation,
    };
  };
  return {
    launch,
    get packageVersion() {
      return packageVersion;
    },
    get installMs() {
      return installMs;
    },
    notes,
    get entryNote() {
      return entryNote;
    },
    hints: () => hints(),
    get rebuild() {
      return rebuild;
    },
  };
}

/** Explains a failed stdio session with what the server said on its way out. */
function explain(e: unknown, transport: ChildStdioTransport): string {
  const base = errorMessage(e);
  const exit = transport.exit;
  const how = exit ? ` (the server exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`})` : '';
  const stderr = oneLine(transport.stderrSummary(700), 700);
  return `${base}${how}${stderr ? `; stderr: ${stderr}` : ''}`;
}

/**
 * A server that says it listens on HTTP and has sent no message within this time is ended: it
 * will not answer on stdio, and waiting for the step timeout would only cost the crawl.
 */
const HTTP_GRACE_MS = 2_000;

/**
 * A start that did not list tools, with what the server said, for the diagnosis; `quiet` when
 * the program ended on its own with code 0 and printed nothing, as a library's module does.
 */
type FailedStart = { error: string; said: Said; quiet?: boolean };

/**
 * One start: a session in a fresh private folder, its process tree ended afterwards. The session
 * probes the server's era first unless `era` knows it from an earlier start (modern-session.ts).
 */
async function tryStart(prepared: Prepared, start: Start, loaded: LoadedSource, opts: CrawlOptions, deadline: number, era: EraMemory): Promise<{ ok: SessionResult; isolation: Isolation } | { failed: FailedStart; isolation: Isolation | null }> {
  const box = makePrivateDir(loaded.slug);
  let isolation: Isolation | null = null;
  try {
    const built = prepared.launch(start, box);
    isolation = built.isolation;
    const transport = new ChildStdioTransport(built.launch);
    let printed = '';
    let httpTimer: NodeJS.Timeout | undefined;
    transport.onOutput = (text) => {
      if (httpTimer || printed.length > 16_384) return;
      printed += text;
      if (listensOnHttp(printed)) {
        httpTimer = setTimeout(() => {
          if (transport.messages === 0) void transport.close();
        }, HTTP_GRACE_MS);
      }
    };
    try {
      const result = await stdioSession(transport, { caps: opts.caps, step: opts.timeouts.step, probe: opts.timeouts.probe, deadline: sessionDeadline(opts, deadline) }, era);
      if (transport.noiseLines > 0) {
        const first = transport.noiseSamples[0];
        result.warnings.push(`skipped ${transport.noiseLines} non-JSON-RPC line(s) on stdout${first ? ` (first: "${first}")` : ''}`);
      }
      if (result.tools.length === 0) {
        const output = transport.output();
        return { failed: { error: 'the server answered tools/list with no tools', said: { error: '', ...output, exited: false, timedOut: false, noTools: true } }, isolation };
      }
      return { ok: result, isolation };
    } catch (e) {
      const output = transport.output();
      const error = explain(e, transport);
      const quiet = transport.exit?.code === 0 && !output.stdout.trim() && !output.stderr.trim();
      return { failed: { error, said: { error: errorMessage(e), ...output, exited: transport.exit !== null, timedOut: /timed out/.test(errorMessage(e)) }, quiet }, isolation };
    } finally {
      clearTimeout(httpTimer);
      await transport.close();
      await built.launch.cleanup?.();
    }
  } finally {
    box.remove();
  }
}

/** A stdio server that listed no tools after every start worth trying. */
export class StartFailed extends Error {
  readonly needs: string[];
  readonly attempts: Attempt[];
  readonly timing: { installMs: number | null; sessionMs: number | null };
  readonly packageVersion: string | null;
  readonly isolation: Isolation | null;

  constructor(
    message: string,
    readonly reason: UnlistedCause,
    more: Partial<Pick<StartFailed, 'needs' | 'attempts' | 'timing' | 'packageVersion' | 'isolation'>> = {},
  ) {
    super(message);
    this.needs = more.needs ?? [];
    this.attempts = more.attempts ?? [];
    this.timing = more.timing ?? { installMs: null, sessionMs: null };
    this.packageVersion = more.packageVersion ?? null;
    this.isolation = more.isolation ?? null;
  }
}

const attemptOf = (start: Start, result: string): Attempt => ({ args: start.args, env: Object.keys(start.env), why: start.why, result: oneLine(result, 600) });

async function crawlStdio(loaded: LoadedSource, opts: CrawlOptions, deadline: number): Promise<Live> {
  if (opts.sandboxUnavailable) throw new StartFailed(`sandbox: ${opts.sandboxUnavailable}`, 'runtime');
  let prepared: Prepared;
  try {
    prepared = await prepareStdio(loaded, opts, deadline);
  } catch (e) {
    const error = errorMessage(e);
    const cause = installCause(e)?.cause ?? diagnose({ error, stderr: '', stdout: '', exited: false, timedOut: false }).cause;
    throw new StartFailed(error, cause);
  }
  try {
    return await startUntilListed(loaded, opts, deadline, prepared);
  } finally {
    // The installed tree is not needed once the starts are over; its lockfile brings it back.
    if (loaded.source.transport === 'npm') releaseInstall(loaded.slug, opts);
  }
}

/** Why a start follows an install with scripts. */
const REBUILT = 'a native module was not built: installed again with its install scripts';

/** Starts the server, healing failed starts, until one lists tools or nothing new is worth trying. */
async function startUntilListed(loaded: LoadedSource, opts: CrawlOptions, deadline: number, prepared: Prepared): Promise<Live> {
  const { source } = loaded;
  let rebuilt = false;
  const tried: Start[] = [];
  const attempts: Attempt[] = [];
  const needs = new Set<string>();
  // A guessed program (a main entry) is said with the first start, so a failure's attempts show it too.
  let start: Start | null = { args: source.args, env: source.env, why: prepared.entryNote ? `as the source says; ${prepared.entryNote}` : 'as the source says' };
  let sessionMs = 0;
  let last: { error: string; cause: UnlistedCause; isolation: Isolation | null } | null = null;
  let basis: { start: Start; diagnosis: Diagnosis } = { start, diagnosis: diagnose({ error: '', stderr: '', stdout: '', exited: false, timedOut: false }) };
  // The server's era, found by the first start's probe and kept for the others.
  const era = new EraMemory();
  while (start && Date.now() < deadline) {
    tried.push(start);
    const began = Date.now();
    const before = era.era;
    let result = await tryStart(prepared, start, loaded, opts, deadline, era);
    // Taken for legacy after a silent probe, it answered the probe late as a modern server: the same start again, modern.
    if ('failed' in result && before === null && era.era === 'modern' && Date.now() < deadline) {
      result = await tryStart(prepared, start, loaded, opts, deadline, era);
    }
    sessionMs += Date.now() - began;
    if ('ok' in result) {
      result.ok.warnings.unshift(...prepared.notes);
      const healed = tried.length > 1;
      if (healed) {
        result.ok.warnings.push(`listed on start ${tried.length} of ${tried.length}: ${start.why}`);
        attempts.push(attemptOf(start, `listed ${result.ok.tools.length} tools`));
      }
      if (prepared.entryNote) result.ok.warnings.push(prepared.entryNote);
      return {
        ...result.ok,
        packageVersion: prepared.packageVersion,
        isolation: result.isolation,
        installMs: prepared.installMs,
        sessionMs,
        attempts,
        ...(healed ? { healed: { args: start.args, env: start.env, ...(start.files ? { files: { ...source.files, ...start.files } } : {}), ...(rebuilt ? { installScripts: true as const } : {}) } } : {}),
      };
    }
    const { failed } = result;
    const diagnosis = diagnose({ ...failed.said, error: failed.said.error || failed.error });
    // A guessed main entry that ends at once without a word is a library's module, not a program: still no bin to start.
    const cause = prepared.entryNote && failed.quiet && diagnosis.cause === 'crash' ? 'no-bin' : diagnosis.cause;
    for (const name of diagnosis.env) needs.add(name);
    for (const o of diagnosis.options) needs.add(o.flag);
    for (const p of diagnosis.positional) needs.add(`<${p}>`);
    attempts.push(attemptOf(start, failed.error));
    // A native module that was never built: the package again with its install scripts, then the same start.
    const rebuild = prepared.rebuild;
    if (diagnosis.native && rebuild) {
      const began = Date.now();
      try {
        // A second install gets a budget of its own, and the starts after it a session's.
        await rebuild(Date.now() + opts.timeouts.install);
        deadline = Math.max(deadline, Date.now() + opts.timeouts.session);
        rebuilt = true;
        start = { ...start, why: REBUILT };
        continue;
      } catch (e) {
        attempts.push(attemptOf({ ...start, why: REBUILT }, errorMessage(e)));
        last = { error: `${failed.error}; installed again with its install scripts to build it: ${errorMessage(e)}`, cause: 'broken', isolation: result.isolation };
        break;
      } finally {
        opts.log?.(`${loaded.slug}: the install with scripts took ${((Date.now() - began) / 1000).toFixed(1)} s`);
      }
    }
    // A guessed switch to stdio that fails ("unknown option") says less about the server than the
    // failure it tried to get past: that start and its diagnosis stay the basis of the next guess,
    // and its error is the one kept, unless the guess got further and the server named something new.
    const guess = isGuess(start);
    const namedNew = diagnosis.env.some((n) => !(n in start!.env)) || diagnosis.options.some((o) => !start!.args.some((a) => a === o.flag || a.startsWith(`${o.flag}=`)));
    if (!guess || namedNew) {
      basis = { start, diagnosis };
      last = { error: failed.error, cause, isolation: result.isolation };
    } else {
      // What a guess showed of the server's options (its --help) serves the guesses that follow.
      const seen = new Set(basis.diagnosis.stdioArgs.map((a) => a.join(' ')));
      basis.diagnosis.stdioArgs.push(...diagnosis.stdioArgs.filter((a) => !seen.has(a.join(' '))));
      basis.diagnosis.subcommands.push(...diagnosis.subcommands.filter((c) => !basis.diagnosis.subcommands.includes(c)));
    }
    start = nextStart({ last: basis.start, diagnosis: basis.diagnosis, hints: prepared.hints(), tried, subcommandFirst: source.transport !== 'command' });
  }
  const error = last?.error ?? 'the time for this server ran out before a start';
  throw new StartFailed(error, last?.cause ?? 'timeout', {
    needs: [...needs],
    attempts,
    timing: { installMs: prepared.installMs, sessionMs },
    packageVersion: prepared.packageVersion,
    isolation: last?.isolation ?? null,
  });
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

/** A remote server that answers with no tools is not listed: a warning, never a record of zero tools. */
function someTools(live: Live): Live {
  if (live.tools.length > 0) return live;
  throw new StartFailed('the server answered tools/list with no tools', 'no-tools');
}

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
  if (source.transport === 'sse') return someTools({ ...(await sse()), era: 'legacy', packageVersion: null, isolation: null });
  // The era check of the HTTP binding: a modern request first; null means legacy.
  const probe = session();
  const modern = await probeHttp(url, probe.fetch, { ...probe.opts, probe: opts.timeouts.probe });
  if (modern) return someTools({ ...modern, packageVersion: null, isolation: null });
  try {
    const s = session();
    return someTools({ ...(await listTools(new StreamableHTTPClientTransport(url, { fetch: s.fetch }), s.opts)), era: 'legacy', packageVersion: null, isolation: null });
  } catch (e) {
    const status = refusedStatus(e);
    if (status === null) throw e;
    const result = await sse().catch((sse: unknown) => {
      throw new Error(`${errorMessage(e)} (HTTP ${status}); legacy SSE fallback: ${errorMessage(sse)}`);
    });
    result.warnings.push(`streamable HTTP refused with HTTP ${status} (${errorMessage(e)}): listed over legacy SSE`);
    return someTools({ ...result, era: 'legacy', packageVersion: null, isolation: null });
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
      era: live.era ?? null,
      supportedVersions: live.supportedVersions ?? [],
      ttlMs: live.ttlMs ?? null,
      cacheScope: live.cacheScope ?? null,
      instructions: live.instructions,
      packageVersion: live.packageVersion,
      isolation: live.isolation,
      snapshotSource: null,
      truncated: live.truncated,
      warnings: live.warnings,
      durationMs: Date.now() - started,
      installMs: live.installMs ?? null,
      sessionMs: live.sessionMs ?? null,
      attempts: live.attempts ?? [],
      ...(live.healed ? { healed: live.healed } : {}),
    };
  } catch (e) {
    const error = errorMessage(e);
    if (!source.snapshot) {
      if (!(e instanceof StartFailed)) {
        const d = diagnose({ error, stderr: '', stdout: '', exited: false, timedOut: /timed out/.test(error) });
        return { ok: false, error, cause: d.cause, durationMs: Date.now() - started };
      }
      return {
        ok: false,
        error,
        cause: e.reason,
        needs: e.needs,
        attempts: e.attempts,
        packageVersion: e.packageVersion,
        isolation: e.isolation,
        durationMs: Date.now() - started,
        installMs: e.timing.installMs,
        sessionMs: e.timing.sessionMs,
      };
    }
    try {
      return fromSnapshot(loaded, opts, [`live crawl failed, tools from the snapshot: ${error}`], started);
    } catch (s) {
      return { ok: false, error: `${error}; ${errorMessage(s)}`, durationMs: Date.now() - started };
    }
  }
}
