import { describe, expect, test } from 'vitest';
import { forTerminal } from '../../src/terminal.ts';

describe('forTerminal', () => {
  test.each([
    ['plain text stays as it is', 'read_inbox: ok', 'read_inbox: ok'],
    ['an ANSI colour', 'a\u001b[31mred', 'a\\x1b[31mred'],
    ['a title-setting OSC sequence', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['newline, carriage return and tab', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\x00b\\x7f'],
    ['a C1 CSI', 'a\u009b2J', 'a\\x9b2J'],
    ['a right-to-left override and an isolate', 'abc\u202Etxt.exe\u2066', 'abc\\u{202e}txt.exe\\u{2066}'],
    ['zero-width characters and a BOM', 'de\u200Blete\u200D\uFEFF', 'de\\u{200b}lete\\u{200d}\\u{feff}'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u{2028}b\\u{2029}'],
    ['Unicode tag characters', 'ok\u{E0041}\u{E007F}', 'ok\\u{e0041}\\u{e007f}'],
    ['variation selectors', 'x\uFE0F\u{E0100}', 'x\\u{fe0f}\\u{e0100}'],
    ['lone surrogates, high and low', 'a\uD800b\uDC00', 'a\\u{d800}b\\u{dc00}'],
    ['a backslash, so a written escape cannot pass for a real one', 'a\\x1b', 'a\\\\x1b'],
    ['emoji and accents stay', 'café 🚀', 'café 🚀'],
  ])('shows %s', (_what, text, shown) => {
    expect(forTerminal(text)).toBe(shown);
  });

  test('cuts on code points, never inside a surrogate pair, and escapes after the cut', () => {
    expect(forTerminal('🚀🚀🚀', 2)).toBe('🚀🚀…');
    expect(forTerminal('\u001b\u001b\u001b', 2)).toBe('\\x1b\\x1b…');
    expect(forTerminal('short', 80)).toBe('short');
  });

  test('leaves no control character in its output, whatever it is given', () => {
    const every = Array.from({ length: 0x2070 }, (_, i) => String.fromCharCode(i)).join('');
    expect(forTerminal(every)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});
