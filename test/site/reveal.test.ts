import { describe, expect, test } from 'vitest';
import { escapeHiddenJson, hasHidden, revealHidden, revealParts } from '../../src/reveal.ts';

describe('revealHidden', () => {
  test.each([
    ['a tag character', 'a\u{E0041}b', 'a\\u{E0041}b'],
    ['the cancel tag', 'x\u{E007F}', 'x\\u{E007F}'],
    ['a variation selector', 'a\ufe0fb', 'a\\uFE0Fb'],
    ['a supplementary variation selector', 'a\u{E0100}b\u{E01EF}', 'a\\u{E0100}b\\u{E01EF}'],
    ['a NUL', 'a\u0000b', 'a\\u0000b'],
    ['an escape (terminal colours)', '\u001b[31mred', '\\u001B[31mred'],
    ['DEL', 'a\u007fb', 'a\\u007Fb'],
    ['C1 controls', 'a\u0080b\u0085c\u009bd', 'a\\u0080b\\u0085c\\u009Bd'],
    ['a zero-width space and joiner', 'a\u200bb\u200dc', 'a\\u200Bb\\u200Dc'],
    ['a right-to-left override', 'txt\u202eexe', 'txt\\u202Eexe'],
    ['isolates', '\u2066a\u2069', '\\u2066a\\u2069'],
    ['directional marks', 'a\u200e\u200f\u061cb', 'a\\u200E\\u200F\\u061Cb'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['a byte order mark', '\ufeffname', '\\uFEFFname'],
    ['a lone high surrogate', 'a\ud800b', 'a\\uD800b'],
    ['a lone low surrogate', 'a\udc00', 'a\\uDC00'],
    ['a line feed and a tab in a name', 'a\nb\tc', 'a\\u000Ab\\u0009c'],
  ])('shows %s as a visible escape', (_, text, revealed) => {
    expect(revealHidden(text)).toBe(revealed);
    expect(hasHidden(text)).toBe(true);
    expect(hasHidden(revealed)).toBe(false);
  });

  test.each([
    ['plain ASCII', 'list_files'],
    ['accents and other scripts', 'café Ελληνικά 日本語'],
    ['an emoji, a surrogate pair', 'ok 😀'],
    ['an entity written out', 'delete&#95;everything &#x202E;'],
    ['a look-alike escape the server typed', 'x\\u202E'],
  ])('leaves %s as it is', (_, text) => {
    expect(revealHidden(text)).toBe(text);
    expect(hasHidden(text)).toBe(false);
  });

  test('keeps the layout of running text (tabs, line feeds, CRLF) and reveals a lone carriage return', () => {
    expect(revealHidden('a\tb\nc\r\nd\re', 'text')).toBe('a\tb\nc\r\nd\\u000De');
    expect(hasHidden('a\tb\nc\r\nd', 'text')).toBe(false);
  });

  test('carries no state from one call to the next', () => {
    for (let i = 0; i < 3; i++) expect(hasHidden('a\u200bb')).toBe(true);
  });
});

describe('revealParts', () => {
  test('splits text into plain runs and revealed characters, in order', () => {
    expect(revealParts('a\u202eb\u{E0041}\u{E0042}')).toEqual([
      { text: 'a', hidden: false },
      { text: '\\u202E', hidden: true },
      { text: 'b', hidden: false },
      { text: '\\u{E0041}', hidden: true },
      { text: '\\u{E0042}', hidden: true },
    ]);
    expect(revealParts('')).toEqual([]);
  });
});

describe('escapeHiddenJson', () => {
  test('writes hidden characters as JSON escapes that parse back to the same value', () => {
    const value = { 'tag\u{E0041}': ['rlo\u202e', 'c1\u0085\u007f', 'vs\ufe0f', 'bom\ufeff', 'ls\u2028', 'nul\u0000cr\r', 'lone\ud800'] };
    const text = escapeHiddenJson(JSON.stringify(value, null, 2));
    expect(hasHidden(text, 'text')).toBe(false);
    expect(text).toContain('"tag\\udb40\\udc41"');
    expect(JSON.parse(text)).toEqual(value);
  });
});
