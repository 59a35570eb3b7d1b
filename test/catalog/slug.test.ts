import { describe, expect, test } from 'vitest';
import { isSafeSlug, uniqueSlugs } from '../../src/catalog/slug.ts';

describe('uniqueSlugs', () => {
  test('keeps names that are already safe slugs', () => {
    expect(uniqueSlugs(['generate_flow', 'list-flows', 'a1'])).toEqual(['generate_flow', 'list-flows', 'a1']);
  });

  test.each([
    ['../../etc/passwd', /^etc-passwd$/],
    ['<script>alert(1)</script>', /^script-alert-1-script$/],
    ['Créer un flux', /^creer-un-flux$/],
    ['getUser', /^getuser$/],
    ['a\u200bb', /^a-b$/],
    ['...', /^tool$/],
    ['CON', /^con$/],
  ])('turns %j into a safe slug', (name, expected) => {
    const [slug] = uniqueSlugs([name]);
    expect(slug).toMatch(expected);
    expect(isSafeSlug(slug!)).toBe(true);
  });

  test('gives names that collide after slugging different slugs, and the exact name keeps its own', () => {
    const slugs = uniqueSlugs(['Get User', 'get-user', 'GET_USER', 'get user', 'get-user']);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs[1]).toBe('get-user');
    for (const s of slugs) expect(isSafeSlug(s)).toBe(true);
  });

  test('cuts very long names to 80 characters and keeps them unique', () => {
    const long = 'x'.repeat(500);
    const slugs = uniqueSlugs([long, `${long}y`, `${'x'.repeat(79)}`]);
    for (const s of slugs) {
      expect(s.length).toBeLessThanOrEqual(80);
      expect(isSafeSlug(s)).toBe(true);
    }
    expect(new Set(slugs).size).toBe(3);
  });
});
