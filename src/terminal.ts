/**
 * Text made safe for a terminal. Names, keys and messages that came from third parties can hold
 * escape sequences that recolour, move the cursor, retitle the window or rewrite earlier lines, and
 * invisible or direction-changing characters that make one name read as another. Every line a
 * command prints with such text in it goes through `forTerminal`, which shows those characters as
 * visible escapes instead of sending them raw.
 */

/**
 * Characters shown as escapes: C0 controls, DEL and C1 controls (0x9b is CSI on 8-bit terminals);
 * line and paragraph separators; bidirectional marks, embeddings, overrides and isolates; zero-width
 * characters and the byte-order mark; variation selectors; Unicode tag characters; lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff\\]|\udb40[\udc00-\udc7f\udd00-\uddef]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escape(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  // A tag character or a supplementary variation selector is a surrogate pair: one code point.
  const code = ch.length === 2 ? ch.codePointAt(0)! : ch.charCodeAt(0);
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
  return cut.replace(UNSAFE, escape);
}
