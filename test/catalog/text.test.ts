/**
 * The shared text helpers: well-formed text (lone surrogates become U+FFFD) and cuts that never
 * split a surrogate pair, for the record builder, the crawler's messages and the search index.
 */
import { describe, expect, test } from 'vitest';
import { cleanText, cutText, oneLine, wellFormed } from '../../src/text.ts';

const PAIR = '\ud83d\ude00';

describe('wellFormed', () => {
  test.each([
    ['a lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['a lone low surrogate', '\udc00', '\ufffd'],
    ['a reversed pair', '\ude00\ud83d', '\ufffd\ufffd'],
    ['a pair', `x${PAIR}`, `x${PAIR}`],
    ['plain text', 'plain', 'plain'],
  ])('makes %s well-formed', (_, input, expected) => {
    expect(wellFormed(input)).toBe(expected);
  });
});

describe('cutText', () => {
  test.each([
    ['before a pair', `ab${PAIR}`, 2, 'ab'],
    ['inside a pair, one unit fewer', `ab${PAIR}`, 3, 'ab'],
    ['after a pair', `ab${PAIR}c`, 4, `ab${PAIR}`],
    ['a short text', 'ab', 5, 'ab'],
    ['to nothing', PAIR, 0, ''],
  ])('cuts %s', (_, input, max, expected) => {
    const cut = cutText(input, max);
    expect(cut).toBe(expected);
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe('cleanText and oneLine', () => {
  test('cut on a code point boundary and come out well-formed', () => {
    expect(cleanText(`abc${PAIR}`, 4)).toBe('abc…');
    expect(cleanText(`abc${PAIR}`, 5)).toBe(`abc${PAIR}`);
    const line = `a\n\u001b[31m${PAIR}\ud800`;
    expect(oneLine(line, 3)).toBe('a ');
    expect(oneLine(line, 4)).toBe(`a ${PAIR}`);
    expect(oneLine(line, 5)).toBe(`a ${PAIR}\ufffd`);
  });
});
