/**
 * Slugs for third-party names. A slug is `[a-z0-9_-]`, at most 80 characters, never empty and
 * unique within its server: names that collide after slugging, or that had to be cut, get a
 * short hash of the original name so two tools can never share a page or a file.
 */
import { createHash } from 'node:crypto';

const MAX = 80;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The readable part: folded to ASCII where it can be, everything else turned into `-`. */
export function slugBase(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/**
 * Slugs for a list of names, in order, unique among themselves. Names that are already safe slugs
 * keep themselves (they are claimed first); the others get a readable base, plus a hash of the
 * original name when the base collides or had to be cut.
 */
export function uniqueSlugs(names: readonly string[]): string[] {
  const slugs: (string | null)[] = names.map(() => null);
  const taken = new Set<string>();
  names.forEach((name, i) => {
    if (isSafeSlug(name) && !taken.has(name)) {
      slugs[i] = name;
      taken.add(name);
    }
  });
  names.forEach((name, i) => {
    if (slugs[i] !== null) return;
    const base = slugBase(name) || 'tool';
    let slug = base.length <= MAX ? base : '';
    for (let n = 0; !slug || taken.has(slug); n++) {
      const hash = shortHash(n === 0 ? name : `${name}#${n}`);
      slug = `${base.slice(0, MAX - hash.length - 1).replace(/[-_]+$/, '')}-${hash}`;
    }
    slugs[i] = slug;
    taken.add(slug);
  });
  return slugs as string[];
}

/** True when a server slug (a source file name) is already safe to use as a path segment. */
export function isSafeSlug(slug: string): boolean {
  return /^[a-z0-9][a-z0-9_-]{0,79}$/.test(slug);
}
