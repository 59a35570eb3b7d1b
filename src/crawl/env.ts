/**
 * The environment a crawled server sees: a PATH, a fresh HOME of its own, the placeholder values
 * its source names, and a few switches that keep tools quiet and offline-friendly. Nothing else of
 * the crawler's environment (tokens, CI variables, npm's own variables) reaches it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { endOrphans, homeInUse } from './process-tree.ts';

/** Harmless switches: no colour codes on stdout, no update checks, no telemetry where honoured. */
const QUIET = { NO_COLOR: '1', DO_NOT_TRACK: '1', npm_config_update_notifier: 'false' } as const;

/**
 * The crawler's PATH without the `node_modules/.bin` folders that `npm run` puts first: those
 * are the project's own tools, not the server's.
 */
export function basePath(path = process.env['PATH'] ?? ''): string[] {
  return path.split(delimiter).filter((dir) => dir !== '' && !dir.endsWith(`${sep}node_modules${sep}.bin`));
}

/**
 * A fresh HOME (with a TMPDIR inside) for one server; `remove` deletes it once the tree is gone.
 * The path is the same on every crawl of a slug, because servers print it into their tool
 * descriptions and schema defaults, and a random one would make every re-crawl look changed.
 */
export async function makeHome(slug: string): Promise<{ home: string; tmp: string; orphans: number; remove: () => void }> {
  const root = join(tmpdir(), 'mcp-crawl-home');
  mkdirSync(root, { recursive: true });
  let home = join(root, slug);
  const claimed = await claim(home);
  if (!claimed.ok) home = mkdtempSync(`${home}-`);
  const tmp = join(home, 'tmp');
  mkdirSync(tmp);
  return {
    home,
    tmp,
    orphans: claimed.orphans,
    remove: () => {
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
      rmSync(`${home}.lock`, { force: true });
    },
  };
}

/**
 * Takes the stable HOME folder unless another running crawl holds it; one left by an interrupted
 * crawl is reused, once the servers that crawl left running in it (`orphans`) are ended.
 */
async function claim(home: string): Promise<{ ok: boolean; orphans: number }> {
  const lock = `${home}.lock`;
  let orphans = 0;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const text = readFileSync(lock, 'utf8');
    const holder = Number(text);
    // An empty lock is one another crawl is writing this very moment.
    if (text === '' || holder === process.pid || pidAlive(holder)) return { ok: false, orphans };
    // The crawl that held the lock is gone, so whatever still runs with this HOME is its orphan.
    orphans = await endOrphans(home);
    if (homeInUse(home)) return { ok: false, orphans };
    writeFileSync(lock, String(process.pid));
  }
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home);
  return { ok: true, orphans };
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function serverEnv(
  placeholders: Readonly<Record<string, string>>,
  opts: { home: string; tmp: string; nodeDir?: string | undefined },
): Record<string, string> {
  const path = [...(opts.nodeDir ? [opts.nodeDir] : []), ...basePath()];
  return {
    PATH: [...new Set(path)].join(delimiter),
    ...QUIET,
    TMPDIR: opts.tmp,
    ...placeholders,
    // Set last: the private HOME is also how escaped descendants are found and ended.
    HOME: opts.home,
  };
}

/**
 * The environment for `npm install`: PATH, the real HOME (npm's cache and config live there) and
 * npm's registry, certificate and proxy settings, without `npm run`'s per-project variables.
 */
export function installEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: basePath().join(delimiter), ...QUIET };
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const k = key.toLowerCase();
    const keep =
      key === 'HOME' ||
      k === 'http_proxy' ||
      k === 'https_proxy' ||
      k === 'no_proxy' ||
      k === 'npm_config_registry' ||
      k === 'npm_config_cafile' ||
      k === 'npm_config_cache' ||
      k === 'node_extra_ca_certs';
    if (keep) env[key] = value;
  }
  return env;
}
