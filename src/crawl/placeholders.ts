/**
 * Placeholder values for what a server asks for at start: never a real credential, only a value
 * of the right form, so a server that checks a setting is present (or is a URL, a number, a folder)
 * gets past its start and lists its tools. `$HOME` is the server's private, empty HOME.
 */

import type { Shape } from './diagnose.ts';

/**
 * A variable that names a file (a config or credentials file): a placeholder file written into the
 * private HOME (an empty JSON object, which most loaders accept) and its path as the value.
 */
export function placeholderFile(name: string): { value: string; path: string; content: string } | null {
  return /(_FILE|_FILE_PATH|_FILENAME|_CONFIG_PATH|(?:^|_)CREDENTIALS_PATH|_KEY_PATH|_JSON_PATH)$/.test(name.toUpperCase()) ? fileFor(name) : null;
}

/** The placeholder file for a variable, whatever its name says: the server showed it names a file. */
export function fileFor(name: string): { value: string; path: string; content: string } {
  const path = `placeholder/${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}.json`;
  return { value: `$HOME/${path}`, path, content: '{}\n' };
}

/**
 * Services whose clients take a URL of their own scheme, by the word a setting's name uses for
 * them: a `MONGODB_URI` must start `mongodb://`, a `<redis-url>` `redis://`.
 */
const SERVICE_SCHEMES: [RegExp, string][] = [
  [/MONGO/, 'mongodb'],
  [/REDIS/, 'redis'],
  [/POSTGRES|(^|[_-])PG([_-]|$)|DATABASE/, 'postgresql'],
  [/MYSQL|MARIADB/, 'mysql'],
  [/AMQP|RABBIT/, 'amqp'],
  [/NATS/, 'nats'],
];

/** A URL of a scheme that no one answers: the host is reserved and never resolves. */
export function placeholderUrl(scheme = 'https'): string {
  return scheme === 'http' || scheme === 'https' ? `${scheme}://example.invalid` : `${scheme}://example.invalid/placeholder`;
}

/** The scheme a URL setting of this name takes, by the service its name says. */
function schemeFor(name: string): string {
  const n = name.toUpperCase();
  return SERVICE_SCHEMES.find(([re]) => re.test(n))?.[1] ?? 'https';
}

/** The placeholder in the form a server's check asked for, starting from the one its name gave. */
export function shapedValue(value: string, shape: Shape): string {
  if (shape.scheme) return placeholderUrl(shape.scheme);
  if (shape.phone) return '+15555550100';
  if (shape.boolean) return 'false';
  let v = shape.prefix && !value.startsWith(shape.prefix) ? `${shape.prefix}${value}` : value;
  if (shape.minLength && v.length < shape.minLength) v = v.padEnd(shape.minLength, '0');
  return v;
}

/**
 * A database file a server opens, or creates when it is missing (SQLite and its kind): a path in
 * the private HOME where none exists yet. HOME itself, a folder, cannot be opened as a database.
 */
export const DATABASE_FILE = '$HOME/placeholder.db';

/** The placeholder for an environment variable, by what its name says it holds. */
export function placeholderEnv(name: string): string {
  const n = name.toUpperCase();
  if (/(^|_)(URL|URI|DSN|CONNECTION_STRING)$/.test(n) && schemeFor(n) !== 'https') return placeholderUrl(schemeFor(n));
  if (/(^|_)(URL|URI|ENDPOINT|BASE|BASEURL|API_BASE|WEBHOOK)$/.test(n) || /_URL_|_URI_/.test(n)) return 'https://example.invalid';
  if (/(^|_)(HOST|HOSTNAME|DOMAIN|SERVER)$/.test(n)) return 'example.invalid';
  if (/(^|_)PORT$/.test(n)) return '8080';
  if (/(^|_)(EMAIL|USER_EMAIL|MAIL)$/.test(n)) return 'placeholder@example.invalid';
  if (/(^|_)(DB|DATABASE|SQLITE|SQLITE_DB)(_PATH|_FILE)?$/.test(n)) return DATABASE_FILE;
  if (/(^|_)(DIR|DIRECTORY|FOLDER|PATH|ROOT|WORKSPACE|HOME|CWD|VAULT)$/.test(n)) return '$HOME';
  if (/(^|_)(REGION)$/.test(n)) return 'us-east-1';
  if (/(^|_)(TIMEOUT|LIMIT|MAX|COUNT|SIZE|TTL)$/.test(n)) return '30';
  if (/^(ENABLE|DISABLE|USE|DEBUG|VERBOSE|ALLOW)_|(_ENABLED|_DISABLED|_DEBUG|_SECURE|_SSL|_TLS|_READONLY|_READ_ONLY)$/.test(n)) return 'false';
  return 'placeholder';
}

/** The value for a required option or positional argument, by its name. */
export function placeholderArg(name: string): string {
  const form = /^([a-z][a-z0-9+.-]{1,20}):\/\//i.exec(name);
  if (form) return placeholderUrl(form[1]!.toLowerCase());
  const n = name.replace(/^-+/, '').toLowerCase();
  if (/(url|uri|dsn)$/.test(n) && schemeFor(n) !== 'https') return placeholderUrl(schemeFor(n));
  if (/(url|uri|endpoint|base|host-url|server-url)$/.test(n)) return 'https://example.invalid';
  if (/(^|-)(host|hostname|domain)$/.test(n)) return 'example.invalid';
  if (/(^|-)port$/.test(n)) return '8080';
  if (/(^|[-_ ])(db|database|sqlite)([-_ ](file|path))*$|\.(db|sqlite3?)$/.test(n)) return DATABASE_FILE;
  if (/(dir|directory|folder|path|root|workspace|project|vault|repo|cwd|paths|directories)$/.test(n)) return '$HOME';
  if (/email$/.test(n)) return 'placeholder@example.invalid';
  return 'placeholder';
}

/** Whether a value in someone's example config could be a real secret, so only its name is kept. */
export function looksSecret(name: string, value: string): boolean {
  if (/(key|token|secret|password|passwd|pwd|credential|auth|cookie|session|private)/i.test(name)) return true;
  // Long random-looking strings (prefixes of well-known token kinds, or high-entropy runs).
  if (/^(sk|pk|rk|ghp|gho|ghs|github_pat|xox[abpr]|AKIA|AIza|ya29|eyJ)[A-Za-z0-9_-]/.test(value)) return true;
  return /^[A-Za-z0-9_+/=-]{24,}$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}
