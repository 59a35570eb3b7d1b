/**
 * Values a discovered source may hold. A listing's value or default is copied only when nothing
 * says it is a secret: not marked secret, and neither its name nor its format speaks of a key,
 * token, secret or password. Anything else becomes a placeholder that has the right shape for
 * its format (a URL, a number, a boolean, a path), so a server that checks the shape of a setting
 * still starts. No real credential ever reaches a source.
 */

/** Names that say a value is a credential. */
const SECRET_NAME = /key|token|secret|passw|pwd|credential|auth|bearer|cookie|session|private|signature|cert/i;

/** Values that look like a credential whatever their name (well-known token prefixes, a password in a URL). */
const SECRET_VALUE = /^(?:sk-|sk_|pk_|rk_|ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|xox[abposr]-|AKIA|ASIA|AIza|ya29\.|eyJ)|:\/\/[^/\s:@]+:[^/\s@]+@/;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function looksSecret(value: string): boolean {
  return SECRET_VALUE.test(value);
}

/** What a listing says about one input (an argument, an environment variable, a header, a URL variable). */
export type InputFacts = {
  /** The input's name: an environment variable, a flag, a value hint. */
  name?: string | undefined;
  value?: string | undefined;
  default?: string | undefined;
  placeholder?: string | undefined;
  format?: string | undefined;
  isSecret?: boolean | undefined;
  choices?: readonly string[] | undefined;
  description?: string | undefined;
};

/** The placeholder for an input: its listing's own placeholder when it has one, else a dummy of the right shape. */
export function placeholderFor(input: InputFacts): string {
  const own = input.placeholder?.trim();
  if (own && own.length <= 200 && !/[\r\n]/.test(own) && !looksSecret(own)) return own;
  return dummyFor(input.format, input.name ?? '');
}

/** A well-formed stand-in for a format, or for what a name says the value is. */
export function dummyFor(format: string | undefined, name: string): string {
  if (format === 'number') return '1';
  if (format === 'boolean') return 'true';
  if (format === 'filepath' || /(?:^|[_-])(?:path|dir|directory|file|folder)$/i.test(name)) return '$HOME/placeholder';
  if (/(?:^|[_-])(?:url|uri|endpoint|base)$/i.test(name) || /url|uri/i.test(format ?? '')) return 'https://example.com';
  if (/(?:^|[_-])(?:host|hostname|domain)$/i.test(name)) return 'example.com';
  if (/(?:^|[_-])port$/i.test(name)) return '1';
  return 'placeholder';
}

/**
 * The value a source gets for an input: the listing's value, else its default, else its first
 * choice, when none of them can be a secret; otherwise a placeholder.
 */
export function valueFor(input: InputFacts): string {
  const secret = input.isSecret === true || isSecretName(input.name ?? '') || isSecretName(input.format ?? '');
  const given = input.value ?? input.default ?? input.choices?.[0];
  if (!secret && given !== undefined && given.length <= 500 && !/[\r\n\0]/.test(given) && !looksSecret(given)) return given;
  return placeholderFor(input);
}
