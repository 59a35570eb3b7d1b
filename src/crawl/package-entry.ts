/**
 * Which file of an installed npm package the crawl starts. A package names its programs in `bin`:
 * the source may name one; otherwise the only one, the one named like the package, or the one
 * whose name marks it as the server among helpers (setup, install, check…). A package that names
 * no program at all may still be a server whose main module starts itself when run: that module
 * is started under Node, and the record says it was a guess.
 *
 * Everything here comes from a third-party `package.json`: every path must stay inside the
 * package, and names appear in messages only cut to one short line.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { binError } from './install-failure.ts';
import { oneLine } from './text.ts';

type Manifest = { name?: unknown; bin?: unknown; main?: unknown; exports?: unknown };

/** What the crawl says, in the attempt and the record's warnings, when it started a main entry. */
export const MAIN_ENTRY_NOTE = 'started its main entry: the package declares no bin';

/** Words of a bin's name that mark the program serving MCP. */
const SERVER_WORDS = new Set(['mcp', 'server', 'serve', 'stdio', 'router']);

/** Words that mark a helper shipped beside the server: setting it up, checking it, signing in, a general CLI. */
const HELPER_WORDS = new Set(['setup', 'install', 'uninstall', 'init', 'config', 'configure', 'check', 'doctor', 'login', 'logout', 'auth', 'cli']);

/**
 * How much a bin's name looks like the server: -1 for a helper (a helper word wins, as in
 * `x-mcp-check`), 1 for a server word (`mcp` also inside a word, as in `swrmcp`), else 0.
 */
export function binScore(name: string): number {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => HELPER_WORDS.has(w))) return -1;
  return words.some((w) => SERVER_WORDS.has(w) || w.includes('mcp')) ? 1 : 0;
}

/** The package's bins by the name npm links them under, each with its path in the package. */
function binsOf(pkg: Manifest, unscoped: string): Record<string, string> {
  if (typeof pkg.bin === 'string') return { [unscoped]: pkg.bin };
  if (!pkg.bin || typeof pkg.bin !== 'object') return {};
  return Object.fromEntries(
    Object.entries(pkg.bin)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      // npm links a scoped bin name ("@scope/x") under its last part ("x").
      .map(([k, v]) => [k.split('/').pop() ?? k, v]),
  );
}

/** Two spellings of one path in a package (`./dist/cli.js`, `dist/cli.js`) are the same program. */
const samePath = (a: string, b: string) => resolve('/', a) === resolve('/', b);

/**
 * Picks the bin to start: the source's `bin`, the only one, the one named like the package, or
 * the unique best by `binScore`. Several names for one file are one program. Throws a no-bin
 * error when the package has no bin, or when several are equally likely.
 */
export function pickBin(pkg: Manifest, wanted: string | undefined): string {
  const name = String(pkg.name ?? '');
  const unscoped = name.split('/').pop() ?? name;
  const bins = binsOf(pkg, unscoped);
  const names = Object.keys(bins);
  const list = names.map((b) => oneLine(b, 60)).join(', ') || 'none';
  if (wanted !== undefined) {
    const key = wanted.split('/').pop() ?? wanted;
    const path = Object.hasOwn(bins, key) ? bins[key] : undefined;
    if (path === undefined) throw binError(`"${oneLine(wanted, 60)}" is not a bin of ${oneLine(name, 100)} (it has: ${list})`);
    return path;
  }
  if (names.length === 0) throw binError(`${oneLine(name, 100)} has no bin: the package declares no program to start`);
  const named = Object.hasOwn(bins, unscoped) ? bins[unscoped] : undefined;
  if (named !== undefined) return named;
  const top = Math.max(...names.map(binScore));
  const best = names.filter((b) => binScore(b) === top).map((b) => bins[b]!);
  if (best.every((path) => samePath(path, best[0]!))) return best[0]!;
  throw binError(`${oneLine(name, 100)} has several bins (${list}); name one with \`bin\` in the source`);
}

/** Conditions of `exports` that Node itself honours when it runs or loads a module. */
const NODE_CONDITIONS = new Set(['node', 'import', 'require', 'default']);

/** The file an `exports` value leads to under Node's conditions, in the order the package wrote them. */
function exportTarget(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value;
  if (depth > 4 || !value || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = exportTarget(v, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [condition, v] of Object.entries(value)) {
    if (!NODE_CONDITIONS.has(condition)) continue;
    const found = exportTarget(v, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The package's own module as `exports` gives it: `exports["."]`, or `exports` itself when it has no subpaths. */
function dotExport(exports: unknown): string | null {
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return exportTarget(exports);
  const keys = Object.keys(exports);
  if (!keys.some((k) => k.startsWith('.'))) return exportTarget(exports);
  return Object.hasOwn(exports, '.') ? exportTarget((exports as Record<string, unknown>)['.']) : null;
}

/** The main entries the package declares, most direct first: `main` (as Node resolves it), then `exports["."]`. */
function mainCandidates(pkg: Manifest): string[] {
  const main = typeof pkg.main === 'string' && pkg.main.trim() ? pkg.main : null;
  const exported = dotExport(pkg.exports);
  return [...(main ? [main, `${main}.js`, `${main}/index.js`] : []), ...(exported ? [exported] : [])];
}

/**
 * The real path of a file a package names, or null when it is missing or not a file. Throws
 * when the path (or the link it is) leads outside the package.
 */
export function fileInPackage(root: string, path: string): string | null {
  const escape = () => binError(`"${oneLine(path, 100)}" points outside the package`);
  const file = resolve(root, path);
  if (!file.startsWith(root + sep)) throw escape();
  if (!existsSync(file)) return null;
  const real = realpathSync(file);
  if (!real.startsWith(root + sep)) throw escape();
  return statSync(real).isFile() ? real : null;
}

/**
 * The file to start in the package installed at `root` (a real path): its bin (see pickBin), or,
 * when the package declares no bin and the source names none, its main entry (`main: true`).
 */
export function packageEntry(pkg: Manifest, wanted: string | undefined, root: string): { file: string; main: boolean } {
  const name = oneLine(String(pkg.name ?? ''), 100);
  if (wanted === undefined && Object.keys(binsOf(pkg, '')).length === 0) {
    const candidates = mainCandidates(pkg);
    for (const candidate of candidates) {
      const file = fileInPackage(root, candidate);
      if (file) return { file, main: true };
    }
    // Still no bin: a main entry that is not there is no program to start either.
    const main = candidates.length ? `, and its main entry ${oneLine(candidates[0]!, 100)} is missing from it` : '';
    throw binError(`${name} has no bin: the package declares no program to start${main}`);
  }
  const binRel = pickBin(pkg, wanted);
  const file = fileInPackage(root, binRel);
  if (!file) throw binError(`${oneLine(binRel, 100)} does not exist in the installed package`);
  return { file, main: false };
}
