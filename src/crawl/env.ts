/**
 * The environment a crawled server sees: a PATH, its private HOME and TMPDIR, the placeholder
 * values its source names, and a few switches that keep tools quiet and offline-friendly. Nothing
 * else of the crawler's environment (tokens, CI variables, npm's own variables) reaches it.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, sep } from 'node:path';

/** Harmless switches: no colour codes on stdout, no update checks, no telemetry where honoured. */
const QUIET = { NO_COLOR: '1', DO_NOT_TRACK: '1', npm_config_update_notifier: 'false' } as const;

/** The PATH inside the sandbox: the server's Node first, then the system's programs. */
const SANDBOX_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * The crawler's PATH without the `node_modules/.bin` folders that `npm run` puts first: those
 * are the project's own tools, not the server's.
 */
export function basePath(path = process.env['PATH'] ?? ''): string[] {
  return path.split(delimiter).filter((dir) => dir !== '' && !dir.endsWith(`${sep}node_modules${sep}.bin`));
}

export function serverEnv(
  placeholders: Readonly<Record<string, string>>,
  opts: { home: string; tmp: string; nodeDir?: string | undefined; sandboxed: boolean },
): Record<string, string> {
  const path = [...(opts.nodeDir ? [opts.nodeDir] : []), ...(opts.sandboxed ? SANDBOX_PATH : basePath())];
  return {
    PATH: [...new Set(path)].join(delimiter),
    ...QUIET,
    ...placeholders,
    // Set last, so no placeholder can move them (the source schema refuses such names too).
    TMPDIR: opts.tmp,
    HOME: opts.home,
  };
}

let registry: string | null = null;

/** The registry the crawler's own npm uses (its config, read once), so a mirror set there is used inside the sandbox too. */
export function npmRegistry(): string {
  if (registry !== null) return registry;
  registry = process.env['npm_config_registry'] || '';
  if (!registry) {
    const got = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', timeout: 30_000, env: { PATH: basePath().join(delimiter), HOME: process.env['HOME'] ?? '/' } });
    registry = got.status === 0 && /^https?:\/\//.test(got.stdout.trim()) ? got.stdout.trim() : 'https://registry.npmjs.org/';
  }
  return registry;
}

/**
 * The environment for `npm install`: npm's registry, certificate, proxy and native-build settings,
 * without `npm run`'s per-project variables or anything else of the crawler's. Retries are few
 * and short, and a request that gets no answer is given up after 30 s, not npm's five minutes
 * (this bounds the wait for an answer, a connection gone silent and the reading of a package's
 * metadata, not a tarball download under way). As the install also stops at npm's first failed
 * attempt (see NETWORK_ATTEMPT), an unreachable registry fails in seconds, a silent one in 30 s.
 */
export function installEnv(opts: { home: string; path: string[]; cache: string; registry?: string | undefined }): Record<string, string> {
  const env: Record<string, string> = {
    PATH: opts.path.join(delimiter),
    HOME: opts.home,
    ...QUIET,
    npm_config_registry: opts.registry ?? npmRegistry(),
    npm_config_cache: opts.cache,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_fetch_retries: '1',
    npm_config_fetch_retry_mintimeout: '2000',
    npm_config_fetch_retry_maxtimeout: '5000',
    npm_config_fetch_timeout: '30000',
  };
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const k = key.toLowerCase();
    const keep =
      k === 'http_proxy' ||
      k === 'https_proxy' ||
      k === 'no_proxy' ||
      k === 'npm_config_cafile' ||
      k === 'npm_config_nodedir' ||
      k === 'node_extra_ca_certs';
    if (keep) env[key] = value;
  }
  return env;
}
