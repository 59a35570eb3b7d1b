/**
 * The environment a crawled server sees: a PATH, a fresh HOME of its own, the placeholder values
 * its source names, and a few switches that keep tools quiet and offline-friendly. Nothing else of
 * the crawler's environment (tokens, CI variables, npm's own variables) reaches it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';

/** Harmless switches: no colour codes on stdout, no update checks, no telemetry where honoured. */
const QUIET = { NO_COLOR: '1', DO_NOT_TRACK: '1', npm_config_update_notifier: 'false' } as const;

/**
 * The crawler's PATH without the `node_modules/.bin` folders that `npm run` puts first: those
 * are the project's own tools, not the server's.
 */
export function basePath(path = process.env['PATH'] ?? ''): string[] {
  return path.split(delimiter).filter((dir) => dir !== '' && !dir.endsWith(`${sep}node_modules${sep}.bin`));
}

/** A fresh HOME (with a TMPDIR inside) for one server; `remove` deletes it once the tree is gone. */
export function makeHome(): { home: string; tmp: string; remove: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'mcp-crawl-home-'));
  const tmp = join(home, 'tmp');
  mkdirSync(tmp);
  return { home, tmp, remove: () => rmSync(home, { recursive: true, force: true, maxRetries: 3 }) };
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
