/**
 * Text helpers shared by the crawler, the record builder and the site. Every string a server
 * sends is untrusted: it may hold lone surrogates (half of a UTF-16 pair), which no UTF-8 encoder
 * can write and which crash the search indexer, and control or colour codes that would reach a
 * terminal. Text is made well-formed where it enters the catalog, and every cut falls on a code
 * point boundary, so a cut never makes a well-formed string ill-formed again.
 */

/** Lone surrogates replaced by U+FFFD; a well-formed string comes back unchanged. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * At most `max` UTF-16 code units of `text`, never ending on the first half of a surrogate pair
 * (the cut then keeps one unit fewer).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for an error message, a warning or the terminal: well-formed, without colour codes and
 * control characters, at most `max` characters (and an ellipsis when cut).
 */
export function cleanText(text: string, max = 2_000): string {
  const clean = wellFormed(text).replace(ANSI, '').replace(CONTROL, '');
  return clean.length > max ? `${cutText(clean, max)}…` : clean;
}

/** One line: newlines and runs of spaces become single spaces. */
export function oneLine(text: string, max = 500): string {
  return cutText(cleanText(text, max * 2).replace(/\s+/g, ' ').trim(), max);
}

export function errorMessage(e: unknown): string {
  return oneLine(e instanceof Error ? e.message : String(e), 1_500);
}
