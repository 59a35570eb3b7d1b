/**
 * Why an install failed, in a few words a reader can act on, and which unlisted cause it is.
 * npm's own report is long — its `code`/`errno`/`syscall` lines, stack frames, advice about
 * proxies — and says the one useful thing once: the code (E404, ENOTFOUND…) and a sentence.
 *
 * The crawl passes failures on as text (an outcome's `error`), so every message this module
 * writes carries its reason in a fixed phrase, and `installCause` reads the phrase back.
 */
import type { UnlistedCause } from '../taxonomy.ts';
import { cleanText, oneLine } from './text.ts';

/**
 * What went wrong: the registry could not be reached; the package or version is not published;
 * npm ran out of time or failed otherwise; the package has no bin the crawl could start; its bin
 * is declared but missing or outside the package (a broken publish).
 */
export type InstallReason = 'network' | 'not-published' | 'timeout' | 'failed' | 'no-bin' | 'bad-bin';

/**
 * Errors that say the registry (or a tarball's host) cannot be reached at all: its name does not
 * resolve, nothing listens, no route, or no answer (FETCH_ERROR is npm's code for a request that
 * got no response within `fetch-timeout`). npm would retry them, and a retry seconds later almost
 * never helps, so the install stops at the first one. A reset connection is not here: that one
 * is worth npm's retry.
 */
export const NETWORK_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'FETCH_ERROR'] as const;

/** The line npm logs (at `--loglevel=http`) when a request fails with one of NETWORK_CODES. */
export const NETWORK_ATTEMPT = new RegExp(`^npm http fetch .* attempt \\d+ failed with (${NETWORK_CODES.join('|')})\\b`, 'm');

/** npm's codes for a name or version the registry does not have. */
const NOT_PUBLISHED = ['E404', 'ETARGET', 'ENOVERSIONS'];

/** The fixed phrase each install reason puts in a message; `installCause` reads it back. */
const PHRASES = {
  network: 'registry unreachable',
  'not-published': 'not published',
  timeout: 'timed out',
  failed: 'failed',
} as const satisfies Partial<Record<InstallReason, string>>;

/** What a bin message says when the package's bin is declared but unusable (its other messages mean no bin to start). */
const BAD_BIN = /does not exist in the installed package|points outside the package/;

const CAUSES: Record<InstallReason, UnlistedCause> = {
  network: 'install',
  'not-published': 'install',
  timeout: 'install',
  failed: 'install',
  'no-bin': 'no-bin',
  'bad-bin': 'broken',
};

export class InstallError extends Error {
  readonly reason: InstallReason;

  constructor(reason: InstallReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** An install error: `install: <what>: <phrase> (<detail>)`. */
export function installError(reason: keyof typeof PHRASES, what: string, detail: string): InstallError {
  return new InstallError(reason, `install: ${oneLine(what, 200)}: ${PHRASES[reason]}${detail ? ` (${detail})` : ''}`);
}

/** A bin error: `bin: <what is wrong>`. */
export function binError(detail: string): InstallError {
  return new InstallError(BAD_BIN.test(detail) ? 'bad-bin' : 'no-bin', `bin: ${detail}`);
}

/** Lines of npm's report that carry nothing: its codes, stack frames, brackets, log path and boilerplate. */
const NOISE = [
  /^npm (error|ERR!) (code|errno|path|syscall|type)\b/,
  /^npm (error|ERR!)\s+at /,
  /^npm (error|ERR!)\s*[{}[\]]?\s*$/,
  /^npm (error|ERR!)\s+\w+: ['"[{]/,
  /^npm (error|ERR!) A complete log/,
  /^npm (error|ERR!) (network|404)\s*$/,
  /^npm (error|ERR!) network (This is a problem|In most cases|If you are behind)/,
  /^npm (error|ERR!) 404 (Note that you can|tarball, folder)/,
  /^npm (error|ERR!) notarget In most cases/,
];

/** Reads npm's stderr: why it failed, and the one or few lines that say so. */
export function npmFailure(stderr: string): { reason: 'network' | 'not-published' | 'failed'; detail: string } {
  const text = cleanText(stderr, 64 * 1024);
  const code = /^npm (?:error|ERR!) code (\S+)/m.exec(text)?.[1] ?? NETWORK_ATTEMPT.exec(text)?.[1] ?? null;
  const errors = text.split('\n').filter((l) => /^npm (error|ERR!)/.test(l));
  const useful = errors.filter((l) => !NOISE.some((n) => n.test(l))).map((l) => l.replace(/^npm (error|ERR!)\s*(?:(?:network|notarget|404)\s+)?/, '').trim());
  const said = [...new Set(useful.filter((l) => l !== ''))].slice(0, 3).join(' | ');
  if (code && (NETWORK_CODES as readonly string[]).includes(code)) {
    // npm's own "request to URL failed, reason: getaddrinfo ENOTFOUND host" when it got that far; else the request it stopped at.
    const reason = /reason: (.*)$/m.exec(errors.join('\n'))?.[1] ?? /^npm http fetch (\S+ \S+) attempt/m.exec(text)?.[1] ?? '';
    return { reason: 'network', detail: oneLine(reason ? `${code}: ${reason}` : code, 300) };
  }
  if (code && NOT_PUBLISHED.includes(code)) return { reason: 'not-published', detail: oneLine(`${code}: ${said}`, 300) };
  const fallback = said || cleanText(stderr).split('\n').filter((l) => l.trim() !== '').slice(-3).join(' | ');
  return { reason: 'failed', detail: oneLine(code ? `${code}: ${fallback}` : fallback, 600) };
}

/**
 * The unlisted cause of a failed install or bin pick, from the error or its message (as an
 * outcome's `error` carries it); null for a message this module did not write.
 */
export function installCause(error: unknown): { cause: UnlistedCause; reason: InstallReason } | null {
  if (error instanceof InstallError) return { cause: CAUSES[error.reason], reason: error.reason };
  const message = error instanceof Error ? error.message : String(error);
  const phrase = /\binstall: .*?: (registry unreachable|not published|timed out|failed)\b/.exec(message)?.[1];
  const installReason = (Object.keys(PHRASES) as (keyof typeof PHRASES)[]).find((r) => PHRASES[r] === phrase);
  if (installReason) return { cause: CAUSES[installReason], reason: installReason };
  if (!/^bin: /.test(message)) return null;
  const reason = BAD_BIN.test(message) ? 'bad-bin' : 'no-bin';
  return { cause: CAUSES[reason], reason };
}
