/**
 * Installs an npm-published server into its own cache folder (never the project's node_modules)
 * and finds how to start it. npm runs inside the sandbox too, with the network (to reach the
 * registry), its own install folder and npm's download cache writable, and nothing else of the
 * machine; install scripts stay off unless the source opts in.
 *
 * The cache is checked before every use: a stamp kept outside the install folders (where no
 * server or install script can reach) holds what was installed, a hash of its lockfile and a hash
 * of the installed tree. A folder that no longer matches its hash — another server, a script or a
 * restored CI cache changed it — is installed afresh. An unpinned version (a range, a tag) is
 * resolved again once its resolution is a day old.
 *
 * A crawl of hundreds of servers cannot keep every tree: once a server's crawl is over its
 * `node_modules` is released (deleted) and only `package.json` and `package-lock.json` stay. The
 * next crawl reinstalls that exact lockfile with `npm ci` from npm's own download cache, offline
 * and without the network first, and checks the tree it got against the stamp like any other.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Source } from '../schema.ts';
import { inSystemDirs, INSIDE, makePrivateDir, mount, realExisting, sandboxCommand, which, type Mount } from '../sandbox/index.ts';
import { boundCache } from './cache-budget.ts';
import { basePath, installEnv } from './env.ts';
import { binError, installError, InstallError, NETWORK_ATTEMPT, npmFailure } from './install-failure.ts';
import type { CrawlOptions } from './options.ts';
import { spawnTree } from './process-tree.ts';
import { MAIN_ENTRY_NOTE, packageEntry } from './package-entry.ts';
import { oneLine } from './text.ts';
import { filesHash, treeFingerprint, treeHash } from './tree-hash.ts';

export type Installed = {
  /** The cache folder the package is installed in (`$CACHE` in args), resolved through links. */
  dir: string;
  version: string;
  /** The file to start, relative to `dir`. */
  entry: string;
  /** Whether the entry is JavaScript, run under `node`; else it is run itself. */
  js: boolean;
  /** Said in the record when the entry is a guess (the package's main module, as it declares no bin); else null. */
  entryNote: string | null;
  /** The Node binary the server runs under. */
  node: string;
  /** How long installing took now: 0 when the installed tree was used as it was. */
  installMs: number;
  /** Deletes the installed tree, keeping its lockfile, once the server's crawl is over (see releaseInstall). */
  release: () => void;
  /** Why an earlier release than the source names was installed, for the record's warnings. */
  note?: string;
};

/** How long a resolved version of an unpinned spec (a range or a tag) is trusted before it is resolved again. */
const RESOLVE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

type Stamp = {
  /** What was asked for: package, spec, overrides, scripts, Node. */
  want: Record<string, unknown>;
  /** The exact version installed, and when the spec was last resolved to it. */
  version: string;
  resolvedAt: string;
  /** Hash of the installed tree's contents (package.json, package-lock.json and node_modules). */
  tree: string;
  /** Hash of package.json and package-lock.json, which a released tree is reinstalled from. */
  lock?: string;
  /** What the file system said of that tree when its contents last matched `tree` (see treeFingerprint). */
  fingerprint?: string;
};

type Run = { code: number | null; stdout: string; stderr: string; timedOut: boolean; stopped: boolean };

/**
 * Runs a command to its end within `timeoutMs`, ending its whole tree on timeout, or as soon as
 * its stderr shows `stopOn` (a failure not worth waiting out).
 */
export function runToEnd(
  command: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number; fd3?: Buffer | undefined; stopOn?: RegExp | undefined },
): Promise<Run> {
  return new Promise((done) => {
    const tree = spawnTree(command, args, { env: opts.env, cwd: opts.cwd, home: null, fd3: opts.fd3 });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let stopped = false;
    tree.child.stdin.end();
    tree.child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-64 * 1024)));
    tree.child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-64 * 1024);
      if (!stopped && opts.stopOn?.test(stderr)) {
        stopped = true;
        void tree.kill();
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      void tree.kill();
    }, opts.timeoutMs);
    tree.child.once('error', (e) => {
      clearTimeout(timer);
      void tree.kill();
      done({ code: null, stdout, stderr: `${stderr}${e.message}`, timedOut, stopped });
    });
    tree.child.once('close', (code) => {
      clearTimeout(timer);
      // The installer may leave helpers behind (e.g. a post-install download); they go too.
      void tree.kill().then(() => done({ code, stdout, stderr, timedOut, stopped }));
    });
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The npm program the crawler itself uses: its JavaScript entry, run under our Node inside the sandbox. */
function npmCli(): string {
  const npm = which('npm', basePath().join(':'));
  if (!npm) throw new Error('install: npm is not on the PATH');
  const real = realpathSync(npm);
  if (extname(real) === '.js' || extname(real) === '.cjs') return real;
  const beside = resolve(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(beside)) return beside;
  throw new Error(`install: cannot find npm's entry script from ${npm}`);
}

type NpmRun = {
  scripts: boolean;
  read?: string[];
  timeoutMs: number;
  name: string;
  network?: boolean;
  /** Node's headers for the server's Node (see nodeHeaders), for install scripts that build a native module. */
  headers?: string | null;
};

/**
 * The folder holding the C headers (`include/node`) of a Node binary, or null when none is found
 * for exactly its version. Install scripts that build a native module need them, and node-gyp's
 * own way of getting them is a download from nodejs.org, which is not to be counted on (a crawl
 * host may reach the npm registry and nothing else). An official Node tree has them beside `bin`;
 * the npm package `node` keeps that tree in its per-platform package.
 */
export function nodeHeaders(binary: string, version: string): string | null {
  const real = realExisting(binary) ?? binary;
  const roots = [dirname(dirname(real)), dirname(dirname(binary))];
  const candidates = roots.flatMap((root) => [root, join(root, 'node_modules', `node-${process.platform}-${process.arch}`)]);
  const wanted = version.replace(/^v/, '').split('.');
  for (const root of candidates) {
    let text: string;
    try {
      text = readFileSync(join(root, 'include', 'node', 'node_version.h'), 'utf8');
    } catch {
      continue;
    }
    const found = ['MAJOR', 'MINOR', 'PATCH'].map((part) => new RegExp(`^#define NODE_${part}_VERSION (\\d+)`, 'm').exec(text)?.[1]);
    // `wanted` may name a major alone (a source's `node: "22"`) or a whole version.
    if (wanted.every((w, i) => found[i] === w)) return root;
  }
  return null;
}

/**
 * Runs npm in `dir` (the install folder; null for a command that installs nothing, run in a
 * private folder) — inside the sandbox unless the crawl runs without one, with the network unless
 * `network` is false. `read` names host paths npm must read (a `file:` spec's folder). npm logs
 * each request (`--loglevel=http`), so the run stops at the first sign of an unreachable registry
 * instead of waiting out npm's retries.
 */
async function runNpm(dir: string | null, npmArgs: string[], opts: CrawlOptions, how: NpmRun): Promise<Run> {
  const args = [...npmArgs, '--loglevel=http'];
  const stopOn = NETWORK_ATTEMPT;
  const box = makePrivateDir(`install-${how.name}`);
  const work = dir ?? box.tmp;
  // Install scripts are the package's own code: they get a download cache of their own, not the shared one.
  const cache = how.scripts ? join(box.root, 'npm-cache') : join(opts.cacheDir, 'npm-cache');
  mkdirSync(cache, { recursive: true });
  const cli = npmCli();
  try {
    // Install scripts that build a native module get the server's Node headers, read-only.
    const headers = how.scripts ? (how.headers ?? null) : null;
    if (!opts.sandbox) {
      const env = installEnv({ home: box.home, path: basePath(), cache, registry: opts.registry });
      if (headers) env['npm_config_nodedir'] = headers;
      return await runToEnd(process.execPath, [cli, ...args], { cwd: work, env, timeoutMs: how.timeoutMs, stopOn });
    }
    const node = `${INSIDE.nodeDir}/node`;
    const mounts: Mount[] = [
      mount(box.home, INSIDE.home, true),
      mount(cache, `${INSIDE.home}/.npm`, true),
      mount(work, INSIDE.server, true),
      mount(realpathSync(process.execPath), node),
      mount(dirname(dirname(cli))),
      ...(how.read ?? []).flatMap((p) => {
        const real = realExisting(p);
        return real ? [mount(real, p)] : [];
      }),
    ];
    // A certificate file named outside the system folders is shown too (the sandbox has only parts of /etc).
    for (const key of ['npm_config_cafile', 'NODE_EXTRA_CA_CERTS']) {
      const file = process.env[key] && realExisting(process.env[key]!);
      if (file && !inSystemDirs(file)) mounts.push(mount(file, process.env[key]!));
    }
    const env = installEnv({ home: INSIDE.home, path: [INSIDE.nodeDir, '/usr/local/bin', '/usr/bin', '/bin'], cache: `${INSIDE.home}/.npm`, registry: opts.registry });
    if (headers) {
      mounts.push(mount(join(headers, 'include'), `${INSIDE.nodeHeaders}/include`));
      env['npm_config_nodedir'] = INSIDE.nodeHeaders;
    }
    const wrapped = sandboxCommand(opts.sandbox, { name: how.name, mounts, env, cwd: INSIDE.server, network: how.network ?? true, etcFiles: box.etc }, node, [cli, ...args]);
    try {
      return await runToEnd(wrapped.command, wrapped.args, { cwd: wrapped.cwd, env: wrapped.env, timeoutMs: how.timeoutMs, fd3: wrapped.fd3, stopOn });
    } finally {
      await wrapped.cgroup?.remove();
    }
  } finally {
    box.remove();
  }
}

/** The error a failed npm run stands for: timed out, registry unreachable, not published, or failed. */
function npmError(run: Run, what: string, timeoutMs: number): Error {
  if (run.timedOut) return installError('timeout', what, `after ${timeoutMs} ms`);
  const failure = npmFailure(run.stderr);
  return installError(failure.reason, what, failure.reason === 'failed' && run.code !== null ? `exit ${run.code}: ${failure.detail}` : failure.detail);
}

/** Flags of every install: no audit or funding requests, scripts off unless asked for. */
function installFlags(scripts: boolean): string[] {
  return [
    '--no-audit',
    '--no-fund',
    // A `file:` folder is copied in, not linked to where it lies on the host.
    '--install-links',
    ...(scripts ? [] : ['--ignore-scripts']),
  ];
}

/** A clean install of the folder's package.json, which writes its package-lock.json. */
async function npmInstall(dir: string, opts: CrawlOptions, what: string, how: { scripts: boolean; read: string[]; name: string; headers: string | null }): Promise<void> {
  const { scripts, read, name, headers } = how;
  opts.log?.(`installing ${what}`);
  const started = Date.now();
  const run = await runNpm(dir, ['install', '--package-lock', ...installFlags(scripts)], opts, { scripts, read, timeoutMs: opts.timeouts.install, name, headers });
  if (run.timedOut || run.stopped || run.code !== 0) throw npmError(run, `npm install ${what}`, opts.timeouts.install);
  opts.log?.(`installed ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Installs the folder's lockfile again (`npm ci`) after its tree was released: first offline,
 * without the network, from npm's download cache; when something is no longer there (evicted,
 * or an install script's private cache), the same lockfile with the network. False when npm
 * could not install the lockfile for another reason (the caller then installs afresh).
 */
async function npmCi(dir: string, opts: CrawlOptions, what: string, run: { scripts: boolean; read: string[]; name: string; headers: string | null }): Promise<boolean> {
  opts.log?.(`reinstalling ${what} from its lockfile`);
  const { scripts, name } = run;
  const how = { ...run, timeoutMs: opts.timeouts.install };
  const offline = await runNpm(dir, ['ci', '--offline', ...installFlags(scripts)], opts, { ...how, network: false });
  if (offline.code === 0 && !offline.timedOut) return true;
  opts.log?.(`${name}: not all of the lockfile is in npm's cache; fetching what is missing`);
  const online = await runNpm(dir, ['ci', '--prefer-offline', ...installFlags(scripts)], opts, how);
  if (online.code === 0 && !online.timedOut && !online.stopped) return true;
  const error = npmError(online, `npm ci ${what}`, opts.timeouts.install);
  if (online.timedOut || online.stopped || npmFailure(online.stderr).reason !== 'failed') throw error;
  opts.log?.(`${name}: ${error.message}; installing afresh`);
  return false;
}

/** An exact version (`1.2.3`, `1.2.3-beta.1`) needs no resolving; anything else may move. */
const EXACT = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const isRegistrySpec = (spec: string) => !/^(file|link|git|git\+\w+|https?|github|npm):/.test(spec) && !spec.includes('/');

/**
 * `npm view <what> <field> --json`, asked of the registry inside the sandbox: its answer (null
 * when it is not JSON), or the error of the failed run.
 */
async function npmView(what: string, field: string, opts: CrawlOptions, name: string): Promise<{ value: unknown } | { error: Error }> {
  const timeoutMs = Math.min(opts.timeouts.install, 60_000);
  const run = await runNpm(null, ['view', what, field, '--json'], opts, { scripts: false, timeoutMs, name });
  if (run.timedOut || run.stopped || run.code !== 0) return { error: npmError(run, `npm view ${what}`, timeoutMs) };
  try {
    return { value: JSON.parse(run.stdout.trim() || 'null') };
  } catch {
    return { value: null };
  }
}

/** The exact version a spec resolves to now, asked of the registry (inside the sandbox). */
async function resolveVersion(pkg: string, spec: string, opts: CrawlOptions, name: string): Promise<string> {
  const view = await npmView(`${pkg}@${spec}`, 'version', opts, name);
  if ('error' in view) throw view.error;
  const parsed = view.value;
  const versions = Array.isArray(parsed) ? parsed : [parsed];
  const last = versions.filter((v): v is string => typeof v === 'string').pop();
  if (!last) throw installError('not-published', `${pkg}@${spec}`, 'no published version matches');
  return last;
}

function stampFile(opts: CrawlOptions, key: string): string {
  return join(opts.cacheDir, 'stamps', `${key}.json`);
}

function readStamp(opts: CrawlOptions, key: string): Stamp | null {
  const json = readJson(stampFile(opts, key)) as Stamp | null;
  return json && typeof json.tree === 'string' && typeof json.version === 'string' ? json : null;
}

function writeStamp(opts: CrawlOptions, key: string, stamp: Stamp): void {
  mkdirSync(join(opts.cacheDir, 'stamps'), { recursive: true });
  writeFileSync(stampFile(opts, key), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** The files a released tree is reinstalled from. */
const LOCK_FILES = ['package.json', 'package-lock.json'];

/**
 * What to install into `dir`; a stamp says whether that is already there, unchanged, or was
 * released and can be installed again from its lockfile. Returns the version and how long
 * installing took now (0 when nothing was installed).
 */
async function ensureInstalled(
  key: string,
  dir: string,
  want: { package: string; spec: string; overrides?: Record<string, string> | undefined; scripts: boolean; node: string; nodeBinary?: string | undefined },
  opts: CrawlOptions,
): Promise<{ version: string; installMs: number }> {
  const wanted = { package: want.package, spec: want.spec, overrides: want.overrides ?? {}, installScripts: want.scripts, node: want.node };
  const stamp = readStamp(opts, key);
  let exact = EXACT.test(want.spec) ? want.spec.replace(/^v/, '') : null;
  const same = stamp !== null && JSON.stringify(stamp.want) === JSON.stringify(wanted);
  let resolvedNow = false;
  if (same && stamp && exact === null && isRegistrySpec(want.spec)) {
    const age = Date.now() - Date.parse(stamp.resolvedAt);
    resolvedNow = !(age >= 0 && age < RESOLVE_MAX_AGE_MS);
    exact = resolvedNow ? await resolveVersion(want.package, want.spec, opts, key) : stamp.version;
  }
  const started = Date.now();
  const read = want.spec.startsWith('file:') ? [want.spec.slice('file:'.length)] : [];
  const how = { scripts: want.scripts, read, name: key, headers: want.scripts && want.nodeBinary ? nodeHeaders(want.nodeBinary, want.node) : null };
  const what = `${want.package}@${want.spec}`;
  if (same && stamp && (exact === null || exact === stamp.version)) {
    const resolvedAt = resolvedNow ? new Date().toISOString() : stamp.resolvedAt;
    if (existsSync(join(dir, 'node_modules'))) {
      // The tree must be exactly what the install left; anything else (a server or a script wrote into
      // it, a cache restored from elsewhere) is installed afresh. Unwritten since the last check, it
      // needs no reading; otherwise its contents are hashed again.
      const fingerprint = await treeFingerprint(dir);
      if (fingerprint === stamp.fingerprint || (await treeHash(dir)) === stamp.tree) {
        if (fingerprint !== stamp.fingerprint || resolvedAt !== stamp.resolvedAt) writeStamp(opts, key, { ...stamp, resolvedAt, fingerprint });
        return { version: stamp.version, installMs: 0 };
      }
      opts.log?.(`${key}: the installed files differ from what was installed; installing afresh`);
    } else if (stamp.lock !== undefined && existsSync(dir) && (await filesHash(dir, LOCK_FILES)) === stamp.lock) {
      // Released after its last crawl: the same lockfile again, and the tree it gives must be the one installed first.
      if (await npmCi(dir, opts, what, how)) {
        if ((await treeHash(dir)) === stamp.tree) {
          writeStamp(opts, key, { ...stamp, resolvedAt, fingerprint: await treeFingerprint(dir) });
          return { version: stamp.version, installMs: Date.now() - started };
        }
        opts.log?.(`${key}: the files installed from the lockfile differ from what was installed first; installing afresh`);
      }
    } else {
      const why = stamp.lock === undefined ? 'installed without a lockfile' : existsSync(join(dir, 'package-lock.json')) ? 'its lockfile differs from what was installed' : 'its lockfile is gone';
      opts.log?.(`${key}: ${why}; installing afresh`);
    }
  }
  // A clean install every time: npm would keep packages already there and skip their install
  // scripts, or keep dependencies an old override chose.
  rmSync(dir, { recursive: true, force: true });
  rmSync(stampFile(opts, key), { force: true });
  mkdirSync(dir, { recursive: true });
  const spec = exact ?? want.spec;
  const manifest = {
    name: `crawl-${key}`,
    private: true,
    description: 'Install folder of one crawled MCP server; written by the crawler.',
    dependencies: { [want.package]: spec },
    ...(want.overrides ? { overrides: want.overrides } : {}),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npmInstall(dir, opts, what, how);
  const installed = readJson(join(dir, 'node_modules', ...want.package.split('/'), 'package.json')) as { version?: unknown } | null;
  const version = typeof installed?.version === 'string' ? installed.version : spec;
  const [tree, lock, fingerprint] = [await treeHash(dir), await filesHash(dir, LOCK_FILES), await treeFingerprint(dir)];
  writeStamp(opts, key, { want: wanted, version, resolvedAt: new Date().toISOString(), tree, lock, fingerprint });
  return { version, installMs: Date.now() - started };
}

const nodeInstalls = new Map<string, Promise<string>>();

/**
 * A Node binary of the given major: ours when it already is that major, else the npm package
 * `node@<major>` installed once into the cache and shared by every server that needs it.
 */
export function ensureNode(major: string, opts: CrawlOptions): Promise<string> {
  if (process.versions.node.split('.')[0] === major) return Promise.resolve(process.execPath);
  const dir = join(opts.cacheDir, 'node', major);
  let pending = nodeInstalls.get(dir);
  if (!pending) {
    pending = (async () => {
      // The `node` package fetches the binary for this platform in its install script (another npm package).
      await ensureInstalled(`node-${major}`, dir, { package: 'node', spec: major, scripts: true, node: process.version }, opts);
      const binary = join(realpathSync(dir), 'node_modules', 'node', 'bin', 'node');
      const check = await runToEnd(binary, ['--version'], { cwd: dir, env: { PATH: '/usr/bin:/bin' }, timeoutMs: 30_000 });
      if (!check.stdout.startsWith(`v${major}.`)) throw new Error(`install: node@${major} did not install a working Node ${major} binary`);
      return binary;
    })();
    pending.catch(() => nodeInstalls.delete(dir));
    nodeInstalls.set(dir, pending);
  }
  return pending;
}

/** Whether a bin file is JavaScript (run under our chosen Node) rather than a native program or script. */
function isJavaScript(file: string): boolean {
  if (['.js', '.mjs', '.cjs'].includes(extname(file))) return true;
  const head = Buffer.alloc(200);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 200, 0);
  } finally {
    closeSync(fd);
  }
  const first = head.toString('utf8').split('\n')[0] ?? '';
  return first.startsWith('#!') && /\bnode\b/.test(first);
}

export function cacheFolder(opts: CrawlOptions, slug: string): string {
  return join(opts.cacheDir, 'npm', slug);
}

/**
 * Deletes a server's installed tree once its crawl is over, keeping `package.json`,
 * `package-lock.json` and the stamp: the next crawl reinstalls the same lockfile from npm's
 * download cache. Nothing is deleted when the crawl keeps its installs (`keepInstalls`).
 */
export function releaseInstall(slug: string, opts: CrawlOptions): void {
  if (opts.keepInstalls) return;
  rmSync(join(cacheFolder(opts, slug), 'node_modules'), { recursive: true, force: true });
}

/**
 * Installs (or reuses, or reinstalls from its lockfile) the source's package and finds its bin.
 * When that fails the tree is released at once: a crawl of hundreds of failures keeps none.
 */
export async function installPackage(slug: string, source: Source, opts: CrawlOptions): Promise<Installed> {
  const pkgName = source.package;
  if (!pkgName) throw new Error('package: missing for an npm source');
  const node = source.node ? await ensureNode(source.node, opts) : process.execPath;
  mkdirSync(cacheFolder(opts, slug), { recursive: true });
  try {
    return await installInto(slug, pkgName, source, node, opts);
  } catch (e) {
    releaseInstall(slug, opts);
    // A version a person pinned is that version; a listing's newest one may lean on what the registry lacks.
    const missing = missingDependency(e, pkgName);
    if (!missing || (source.version !== undefined && source.discovered === undefined)) throw e;
    for (const version of await earlierReleases(pkgName, source.version, opts, slug)) {
      opts.log?.(`${slug}: ${missing} is not published; installing the earlier release ${version}`);
      try {
        const installed = await installInto(slug, pkgName, { ...source, version }, node, opts);
        return { ...installed, note: `installed ${version}: ${e instanceof Error ? e.message : String(e)}` };
      } catch {
        releaseInstall(slug, opts);
      }
    }
    throw e;
  }
}

/** Earlier releases tried when the one named cannot be installed because a dependency of it is not published. */
const EARLIER_RELEASES = 2;

/**
 * The dependency an install could not find, when the registry lacks it (npm's E404 or ETARGET
 * names it) and it is not the package itself; null for any other failure.
 */
export function missingDependency(e: unknown, pkgName: string): string | null {
  if (!(e instanceof InstallError) || e.reason !== 'not-published') return null;
  const named =
    /resource '((?:@[^/\s'@]+\/)?[^\s'@]+)@/.exec(e.message)?.[1] ??
    /No matching version found for ((?:@[^/\s@]+\/)?[^\s@]+)@/.exec(e.message)?.[1] ??
    /Not Found - GET \S+\/((?:@[^/\s%]+(?:%2f|\/))?[^\s/%]+)(?:\s|$)/i.exec(e.message)?.[1]?.replace(/%2f/i, '/');
  return named && named !== pkgName ? named : null;
}

/**
 * The newest stable releases of the package older than `before` (or than its newest release),
 * newest first, asked of the registry inside the sandbox.
 */
async function earlierReleases(pkg: string, before: string | undefined, opts: CrawlOptions, name: string): Promise<string[]> {
  const view = await npmView(pkg, 'versions', opts, name);
  const parsed = 'value' in view ? view.value : null;
  // npm lists versions oldest first; prereleases are not offered in a listing's place.
  const stable = (Array.isArray(parsed) ? parsed : []).filter((v): v is string => typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v));
  const cut = before !== undefined && stable.includes(before) ? stable.indexOf(before) : stable.length - 1;
  return stable.slice(Math.max(0, cut - EARLIER_RELEASES), cut).reverse();
}

async function installInto(slug: string, pkgName: string, source: Source, node: string, opts: CrawlOptions): Promise<Installed> {
  const dir = realpathSync(cacheFolder(opts, slug));
  const spec = source.version ?? 'latest';
  const { version, installMs } = await ensureInstalled(
    `npm-${slug}`,
    dir,
    { package: pkgName, spec, overrides: source.overrides, scripts: source.installScripts, node: source.node ? `v${source.node}` : process.version, nodeBinary: node },
    opts,
  );
  // What an install downloaded stays in npm's cache: measured against the budget while this tree is still there.
  if (installMs > 0) await boundCache(opts);

  const packageDir = join(dir, 'node_modules', ...pkgName.split('/'));
  const pkg = readJson(join(packageDir, 'package.json')) as { name?: unknown; version?: unknown; bin?: unknown; main?: unknown; exports?: unknown } | null;
  if (!pkg) throw installError('failed', `npm install ${pkgName}`, `${dir} has no node_modules/${pkgName}/package.json after it`);
  const root = realpathSync(packageDir);
  // A package's paths are untrusted: the package must stay inside its folder (packageEntry keeps the entry inside the package).
  if (!root.startsWith(dir + sep)) throw binError(`node_modules/${oneLine(pkgName, 100)} points outside the package's install folder`);
  const entry = packageEntry(pkg, source.bin, root);
  return {
    dir,
    version: typeof pkg.version === 'string' ? pkg.version : version,
    entry: relative(dir, entry.file),
    // A main entry is a module, run under Node whatever its first line says.
    js: entry.main || isJavaScript(entry.file),
    entryNote: entry.main ? `${MAIN_ENTRY_NOTE} (${oneLine(relative(root, entry.file), 100)})` : null,
    node,
    installMs,
    release: () => releaseInstall(slug, opts),
  };
}
