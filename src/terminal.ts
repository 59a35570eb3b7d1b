/**
 * Text made safe for a terminal. Names, keys and messages that came from third parties can hold
 * escape sequences that recolour, move the cursor, retitle the window or rewrite earlier lines, and
 * invisible or direction-changing characters that make one name read as another. Every line a
 * command prints with such text in it goes through `forTerminal`, which shows those characters as
 * visible escapes instead of sending them raw.
 */

import { replaceHidden } from './reveal.ts';

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The escape for one of the characters the pages and exports reveal (`src/reveal.ts`: controls,
 * C1 — 0x9b is CSI on 8-bit terminals — separators, bidirectional, zero-width and tag characters,
 * variation selectors, lone surrogates), in a terminal's own notation.
 */
function escape(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/**
 * Returns `text` with every unsafe character shown as an escape (`\x1b`, `\u{202e}`, `\n`; a
 * backslash doubled so an escape in the text cannot pass for one made here), cut to at most `max`
 * code points of the original text with "…" when longer. The cut never splits a surrogate pair.
 */
export function forTerminal(text: string, max = Infinity): string {
  let cut = text;
  if (max !== Infinity) {
    const points = Array.from(text);
    if (points.length > max) cut = `${points.slice(0, Math.max(0, max)).join('')}…`;
  }
  // Backslashes are doubled first, so an escape in the text cannot pass for one made here.
  return replaceHidden(cut.replaceAll('\\', '\\\\'), 'line', escape);
}
