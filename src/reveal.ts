/**
 * Hidden text made visible. A server's names and descriptions reach people (pages, exports) and
 * models (a client puts them in the context), and some characters carry meaning to a model while
 * showing nothing to a person: Unicode tag characters can spell a whole instruction, variation
 * selectors can encode bytes, bidirectional controls reorder what is read ("txt.exe" shown as
 * "exe.txt"), controls and zero-width characters hide words. Every such character is written here
 * as a visible escape, `\u202E` or `\u{E0041}`, so nothing third-party text holds is concealed.
 * No imports: the browser scripts use it too.
 */

/**
 * Every character that hides or disguises text: C0 controls, DEL, C1 controls, the soft hyphen,
 * zero-width and joiner characters, bidirectional controls and marks, invisible fillers, line and
 * paragraph separators, the byte order mark, interlinear annotation marks, variation selectors,
 * tag characters, noncharacters that end a plane, and lone surrogates (with the `u` flag a
 * surrogate range matches only a surrogate that is not half of a pair).
 */
const HIDDEN_CLASS =
  '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f' +
  '\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff0-\\ufffb\\ufffe\\uffff' +
  '\\u{1d173}-\\u{1d17a}\\u{e0000}-\\u{e007f}\\u{e0100}-\\u{e01ef}\\ud800-\\udfff';

/** Hidden characters in a name or any one-line string: line breaks and tabs are hidden there too. */
const HIDDEN_IN_LINE = new RegExp(`[${HIDDEN_CLASS}]`, 'gu');

/**
 * Hidden characters in running text (a description, instructions): tabs, line feeds and a carriage
 * return before a line feed are layout and stay as they are; every other control is revealed.
 */
const HIDDEN_IN_TEXT = new RegExp(`(?![\\t\\n]|\\r\\n)[${HIDDEN_CLASS}]`, 'gu');

/** Where the text stands: one line (names, titles, enum values) or running text (descriptions). */
export type Layout = 'line' | 'text';

const pattern = (layout: Layout) => (layout === 'text' ? HIDDEN_IN_TEXT : HIDDEN_IN_LINE);

/** The visible escape for one hidden character: `\u202E` in the Basic Plane, `\u{E0041}` above it. */
export function escapeHiddenChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  return cp > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** Whether the text holds a character that `revealHidden` would replace. */
export function hasHidden(text: string, layout: Layout = 'line'): boolean {
  const re = pattern(layout);
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

/** The text with every hidden character written as `escape` gives it (for a format's own escapes). */
export function replaceHidden(text: string, layout: Layout, escape: (ch: string) => string): string {
  return text.replace(pattern(layout), escape);
}

/** The text with every hidden character written as its visible escape, e.g. "list\u200Bfiles". */
export function revealHidden(text: string, layout: Layout = 'line'): string {
  return replaceHidden(text, layout, escapeHiddenChar);
}

/** One run of text: shown as it is, or a hidden character's escape that pages mark out. */
export type RevealPart = { text: string; hidden: boolean };

/** The text split into plain runs and revealed characters, for pages that style the escapes. */
export function revealParts(text: string, layout: Layout = 'line'): RevealPart[] {
  const parts: RevealPart[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern(layout))) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), hidden: false });
    parts.push({ text: escapeHiddenChar(m[0]), hidden: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hidden: false });
  return parts;
}

/**
 * JSON text with every hidden character inside its strings written as \u escapes (a pair of them
 * above the Basic Plane): the document parses to the same value, and nothing in it is invisible.
 * JSON.stringify already escapes C0 controls and lone surrogates; this covers the rest.
 */
export function escapeHiddenJson(json: string): string {
  return replaceHidden(json, 'text', (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
