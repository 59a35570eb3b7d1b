/**
 * Installs an npm-published server into its own cache folder (never the project's node_modules)
 * and finds how to start it. Install scripts stay off unless the source opts in; a stamp file
 * (package, version, overrides, scripts, Node) lets an unchanged server skip the install.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Source } from '../schema.ts';
import { installEnv } from './env.ts';
import type { CrawlOptions } from './options.ts';
import { spawnTree } from './process-tree.ts';
import { cleanText, oneLine } from './text.ts';

export type Installed = {
  /** The cache folder the package is installed in (`$CACHE` in args). */
  dir: string;
  version: string;
  /** How to start it: `command` then `args` before the source's own args. */
  command: string;
  prefix: string[];
  /** The Node binary the server runs under. */
  node: string;
};

const STAMP = '.crawl-stamp.json';

/** Runs a command to its end within `timeoutMs`, ending its whole tree on timeout. */
export function runToEnd(
  command: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((done) => {
    const tree = spawnTree(command, args, { env: opts.env, cwd: opts.cwd, home: null });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    tree.child.stdin.end();
    tree.child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-64 * 1024)));
    tree.child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-64 * 1024)));
    const timer = setTimeout(() => {
      timedOut = true;
      void tree.kill();
    }, opts.timeoutMs);
    tree.child.once('error', (e) => {
      clearTimeout(timer);
      void tree.kill();
      done({ code: null, stdout, stderr: `${stderr}${e.message}`, timedOut });
    });
    tree.child.once('close', (code) => {
      clearTimeout(timer);
      // The installer may leave helpers behind (e.g. a post-install download); they go too.
      void tree.kill().then(() => done({ code, stdout, stderr, timedOut }));
    });
  });
}

/** The lines of npm's output that say what went wrong, not its whole log. */
function npmFailure(stderr: string): string {
  const lines = cleanText(stderr, 20_000).split('\n').filter((l) => /npm (error|ERR!)/.test(l));
  const useful = lines.filter((l) => !/A complete log|npm error (code|errno|path|syscall)$/.test(l)).slice(0, 6);
  return oneLine((useful.length ? useful : cleanText(stderr).split('\n').slice(-6)).join(' | '), 600);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function npmInstall(dir: string, stamp: object, opts: CrawlOptions, what: string, scripts: boolean): Promise<void> {
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...(scripts ? [] : ['--ignore-scripts'])];
  opts.log?.(`installing ${what}`);
  const started = Date.now();
  const run = await runToEnd('npm', args, { cwd: dir, env: installEnv(), timeoutMs: opts.timeouts.install });
  if (run.timedOut) throw new Error(`install: npm install ${what} timed out after ${opts.timeouts.install} ms`);
  if (run.code !== 0) throw new Error(`install: npm install ${what} failed (exit ${run.code}): ${npmFailure(run.stderr)}`);
  writeFileSync(join(dir, STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
  opts.log?.(`installed ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function isCurrent(dir: string, stamp: object, probe: string): boolean {
  return existsSync(probe) && JSON.stringify(readJson(join(dir, STAMP))) === JSON.stringify(stamp);
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
      const binary = join(dir, 'node_modules', 'node', 'bin', 'node');
      const stamp = { package: 'node', version: major };
      if (!isCurrent(dir, stamp, binary)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'crawl-node', private: true, dependencies: { node: major } }, null, 2)}\n`);
        // The `node` package fetches the binary for this platform in its install script (another npm package).
        await npmInstall(dir, stamp, opts, `node@${major}`, true);
      }
      const check = await runToEnd(binary, ['--version'], { cwd: dir, env: installEnv(), timeoutMs: 30_000 });
      if (!check.stdout.startsWith(`v${major}.`)) throw new Error(`install: node@${major} did not install a working Node ${major} binary`);
      return binary;
    })();
    pending.catch(() => nodeInstalls.delete(dir));
    nodeInstalls.set(dir, pending);
  }
  return pending;
}

/** Picks the bin to start: the source's `bin`, the only one, or the one named like the package. */
export function pickBin(pkg: { name?: unknown; bin?: unknown }, wanted: string | undefined): string {
  const name = String(pkg.name ?? '');
  const unscoped = name.split('/').pop() ?? name;
  const bins: Record<string, string> =
    typeof pkg.bin === 'string'
      ? { [unscoped]: pkg.bin }
      : pkg.bin && typeof pkg.bin === 'object'
        ? Object.fromEntries(
            Object.entries(pkg.bin)
              .filter((e): e is [string, string] => typeof e[1] === 'string')
              // npm links a scoped bin name ("@scope/x") under its last part ("x").
              .map(([k, v]) => [k.split('/').pop() ?? k, v]),
          )
        : {};
  const names = Object.keys(bins);
  const list = names.map((b) => oneLine(b, 60)).join(', ') || 'none';
  if (wanted !== undefined) {
    const path = bins[wanted.split('/').pop() ?? wanted];
    if (path === undefined) throw new Error(`bin: "${oneLine(wanted, 60)}" is not a bin of ${oneLine(name, 100)} (it has: ${list})`);
    return path;
  }
  if (names.length === 1) return bins[names[0]!]!;
  const named = bins[unscoped];
  if (named !== undefined) return named;
  throw new Error(`bin: ${oneLine(name, 100)} has ${names.length ? `several bins (${list})` : 'no bin'}; name one with \`bin\` in the source`);
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

export async function installPackage(slug: string, source: Source, opts: CrawlOptions): Promise<Installed> {
  const pkgName = source.package;
  if (!pkgName) throw new Error('package: missing for an npm source');
  const node = source.node ? await ensureNode(source.node, opts) : process.execPath;
  const dir = cacheFolder(opts, slug);
  const packageDir = join(dir, 'node_modules', ...pkgName.split('/'));
  const spec = source.version ?? 'latest';
  const stamp = {
    package: pkgName,
    version: spec,
    overrides: source.overrides ?? {},
    installScripts: source.installScripts,
    node: source.node ? `v${source.node}` : process.version,
  };

  if (!isCurrent(dir, stamp, join(packageDir, 'package.json'))) {
    // A changed stamp means a clean install: npm would keep packages already there and skip
    // their install scripts, or keep dependencies an old override chose.
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    rmSync(join(dir, STAMP), { force: true });
    mkdirSync(dir, { recursive: true });
    const manifest = {
      name: `crawl-${slug}`,
      private: true,
      description: 'Install folder of one crawled MCP server; written by the crawler.',
      dependencies: { [pkgName]: spec },
      ...(source.overrides ? { overrides: source.overrides } : {}),
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await npmInstall(dir, stamp, opts, `${pkgName}@${spec}`, source.installScripts);
  }

  const pkg = readJson(join(packageDir, 'package.json')) as { name?: unknown; version?: unknown; bin?: unknown } | null;
  if (!pkg) throw new Error(`install: ${pkgName} is not in ${dir} after npm install`);
  const binRel = pickBin(pkg, source.bin);
  const root = realpathSync(packageDir);
  const bin = resolve(root, binRel);
  // A package's bin path is untrusted: it must stay inside the package.
  if (!bin.startsWith(root + sep)) throw new Error(`bin: "${oneLine(binRel, 100)}" points outside the package`);
  if (!existsSync(bin)) throw new Error(`bin: ${oneLine(binRel, 100)} does not exist in the installed package`);

  const js = isJavaScript(bin);
  return {
    dir,
    version: typeof pkg.version === 'string' ? pkg.version : spec,
    command: js ? node : bin,
    prefix: js ? [bin] : [],
    node,
  };
}

export const nodeDirOf = (node: string): string => dirname(node);
