/**
 * Names in listings are third-party text: an npm name is checked against npm's own rules before
 * it becomes a source, and every name becomes a slug and a display name that are safe to show and
 * to use as a path.
 */
import { createHash } from 'node:crypto';
import { slugBase } from '../catalog/slug.ts';
import { revealHidden } from '../reveal.ts';
import { cutText, wellFormed } from '../text.ts';

/** npm's rules for a package name: lower case, URL-safe characters, an optional scope, at most 214 characters. */
const NPM_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

export function isNpmName(name: string): boolean {
  return name.length <= 214 && NPM_NAME.test(name);
}

/** An exact semantic version (`1.2.3`, `1.2.3-beta.1+build`), as a listing names what it saw. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function isExactVersion(version: string): boolean {
  return version.length <= 100 && EXACT_VERSION.test(version);
}

/** The scope of a scoped npm name, without `@` (`@acme/mcp` → `acme`), or undefined. */
export function npmScope(name: string): string | undefined {
  return name.startsWith('@') ? name.slice(1, name.indexOf('/')) : undefined;
}

/** Words people write in capitals; the rest are capitalised. */
const UPPER = new Set(['mcp', 'ai', 'api', 'cli', 'sdk', 'llm', 'ui', 'db', 'sql', 'url', 'http', 'aws', 'gcp', 'css', 'html', 'json', 'pdf', 'lsp']);

function titleWord(word: string): string {
  return UPPER.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * A readable name from an npm package name: its words capitalised, with the scope in front when
 * the name alone does not say whose it is (`@storybook/mcp` → "Storybook MCP",
 * `@acme/acme-mcp-server` → "Acme MCP Server", `nx-mcp` → "Nx MCP").
 */
export function readableName(pkg: string): string {
  const scope = npmScope(pkg);
  const bare = scope === undefined ? pkg : pkg.slice(pkg.indexOf('/') + 1);
  const words = bare.split(/[-_.]+/).filter(Boolean);
  const scopeWords = (scope ?? '').split(/[-_.]+/).filter(Boolean);
  const named = scopeWords.length === 0 || words.some((w) => w === scopeWords[0]);
  const all = named ? words : [...scopeWords.filter((w) => w !== 'oss'), ...words];
  return all.length > 0 ? all.map(titleWord).join(' ') : pkg;
}

/** Text from a listing as one safe line: well-formed, hidden characters shown as escapes, capped. */
export function safeLine(text: string, max = 200): string {
  const line = revealHidden(wellFormed(text).replace(/[\t\n\r]+/g, ' '), 'line').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${cutText(line, max - 1)}…` : line;
}

/**
 * Third-party text as one Markdown paragraph that reads as plain text: hidden characters shown as
 * escapes, and every character Markdown gives a meaning (emphasis, code, links, HTML, a list or a
 * heading at the start) escaped with a backslash.
 */
export function markdownText(text: string, max = 2_000): string {
  return inlineMarkdown(text, max).replace(/^([#+=-]|\d+[.)])/, (m) => `\\${m}`);
}

/** Third-party text inside a sentence of ours: as `markdownText`, for text that does not start a line. */
export function inlineMarkdown(text: string, max = 2_000): string {
  return safeLine(text, max).replace(/[\\`*_[\]<>|!]/g, (ch) => `\\${ch}`);
}

const SLUG_MAX = 80;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * A source slug for a listed name: its readable base when that is free and whole, otherwise the
 * base (cut to fit) and a short hash of the name, so the slug depends only on the name and never
 * takes one already in `taken` (hand-written or not).
 */
export function freeSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugBase(name.replace(/^@/, '')) || 'server';
  if (base.length <= SLUG_MAX && !taken.has(base)) return base;
  for (let n = 0; ; n++) {
    const hash = shortHash(n === 0 ? name : `${name}#${n}`);
    const slug = `${base.slice(0, SLUG_MAX - hash.length - 1).replace(/[-_]+$/, '')}-${hash}`;
    if (!taken.has(slug)) return slug;
  }
}
