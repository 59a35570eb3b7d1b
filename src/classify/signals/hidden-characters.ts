/**
 * Signal: invisible characters anywhere a model reads (see visible-text.ts) — zero-width
 * characters, bidirectional marks, overrides and isolates, Unicode tag characters (which can spell
 * hidden ASCII text), variation selectors (which can carry a byte each) and control characters.
 * People reviewing a tool cannot see them; a model reads them.
 *
 * Some of these are layout in ordinary prose: a zero-width space or soft hyphen, a direction mark
 * in right-to-left text, a joiner inside an emoji, one emoji or ideographic variation selector
 * after the character it styles, tab and line breaks. Joiners in emoji, single selectors and line
 * breaks in prose are not counted; the rest of the layout kinds are reported with a weight of 0.5.
 * Everything else conceals — tag characters, runs of selectors, controls, overrides and isolates,
 * and any invisible character in a name, a parameter name or an enum value, where layout has no
 * place — and is reported with a weight of 1 and the trait `hides-text`, which raises the risk
 * and puts the tool behind approval (src/policy/recommend.ts).
 */
import type { PreparedTool } from '../prepare.ts';
import { escapeHiddenChar } from '../../reveal.ts';
import { quote } from '../text.ts';
import type { Finding } from '../types.ts';
import { whereOf, type VisibleText } from '../visible-text.ts';

/** The kinds of invisible character, the first that holds naming a character. */
const KINDS: readonly { name: string; re: RegExp; layout: boolean }[] = [
  { name: 'zero-width', re: /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u034F\u115F\u1160\u3164\uFFA0\u17B4\u17B5\u00AD]/u, layout: true },
  { name: 'direction mark', re: /[\u200E\u200F\u061C]/u, layout: true },
  { name: 'bidi control', re: /[\u202A-\u202E\u2066-\u2069]/u, layout: false },
  { name: 'tag', re: /[\u{E0000}-\u{E007F}]/u, layout: false },
  { name: 'variation selector', re: /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u, layout: false },
  { name: 'control', re: /[\u0000-\u001F\u007F-\u009F\u206A-\u206F\uFFF9-\uFFFB]/u, layout: false },
];
const ANY_RE =
  /[\u200B-\u200F\u2060-\u2064\uFEFF\u180E\u034F\u115F\u1160\u3164\uFFA0\u17B4\u17B5\u00AD\u202A-\u202E\u2066-\u206F\u061C\u0000-\u001F\u007F-\u009F\uFFF9-\uFFFB\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
/**
 * The code units of every character above: the same ranges without the `u` flag, and the lead
 * surrogate shared by tag characters and variation selectors. Texts without any (most, accented
 * text and single emoji included) are ruled out with cheap scans. The ranges are split in two
 * patterns: with this many ranges in one class, the regex engine checks each character of a
 * non-Latin-1 text through a slow call, several times slower than two plain scans; and on a
 * Latin-1 text the second pattern, which holds no Latin-1 character, costs nothing. Tab and line
 * breaks are left out of the first: prose is full of them, and the full scan looks at them only
 * in bare texts (see `maybeHidden`).
 */
const MAYBE_CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD]/;
const MAYBE_INVISIBLE_RE = /[\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uDB40\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/;
const BREAK_RE = /[\t\n\r]/;
const maybeHidden = (text: string, bare: boolean) => MAYBE_CONTROL_RE.test(text) || MAYBE_INVISIBLE_RE.test(text) || (bare && BREAK_RE.test(text));
/** Whether one character is of the kinds above. */
const ONE_RE = new RegExp(ANY_RE.source, 'u');
const PICTOGRAPH_RE = /\p{Extended_Pictographic}/u;
const ZWJ = '\u200D';

export type HiddenKind = { count: number; first: number; at: number; layout: boolean };

/**
 * Counts invisible characters by kind, skipping what is only layout (see the file comment). In a
 * bare text every one counts, line breaks included, and none is layout.
 */
export function findHidden(text: string, bare = false): Map<string, HiddenKind> {
  const found = new Map<string, HiddenKind>();
  if (!maybeHidden(text, bare)) return found;
  ANY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANY_RE.exec(text)) !== null) {
    const ch = m[0];
    const cp = ch.codePointAt(0)!;
    if (!bare && (cp === 0x09 || cp === 0x0a || cp === 0x0d)) continue;
    if (!bare && ch === ZWJ && isEmojiJoin(text, m.index)) continue;
    if (!bare && isSelector(cp) && isSingleSelector(text, m.index, ch.length)) continue;
    const kind = KINDS.find((k) => k.re.test(ch))!;
    const prev = found.get(kind.name);
    if (prev) prev.count++;
    else found.set(kind.name, { count: 1, first: cp, at: m.index, layout: kind.layout && !bare });
  }
  return found;
}

function isEmojiJoin(text: string, at: number): boolean {
  const before = String.fromCodePoint(text.codePointAt(Math.max(0, at - 2)) ?? 0);
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0);
  return (PICTOGRAPH_RE.test(before) || PICTOGRAPH_RE.test(text[at - 1] ?? '')) && PICTOGRAPH_RE.test(after);
}

const isSelector = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/**
 * One selector after a visible character styles it (an emoji, an ideograph). A run of them, or
 * one after nothing, spaces or another invisible character, carries data: a byte per selector.
 */
function isSingleSelector(text: string, at: number, size: number): boolean {
  const next = text.codePointAt(at + size);
  if (next !== undefined && isSelector(next)) return false;
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const prev = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? text.codePointAt(at - 2)! : low;
  if (isSelector(prev) || prev <= 0x20 || (prev >= 0x7f && prev <= 0xa0)) return false;
  return !ONE_RE.test(String.fromCodePoint(prev));
}

/** The ASCII text spelled by Unicode tag characters, if any (a way to smuggle instructions). */
export function decodeTagText(text: string): string {
  // Tag characters all share one high surrogate: most texts are ruled out in one scan.
  if (!text.includes('\uDB40')) return '';
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out;
}

/** Most places named in one finding; the rest are counted. */
const PLACES_MAX = 3;

export function hiddenCharactersSignal(t: PreparedTool): Finding[] {
  const parts: string[] = [];
  let places = 0;
  let conceals = false;
  for (const v of t.visible.texts) {
    if (!maybeHidden(v.text, v.bare)) continue;
    const found = findHidden(v.text, v.bare);
    if (found.size === 0) continue;
    places++;
    let layoutOnly = true;
    for (const k of found.values()) if (!k.layout) layoutOnly = false;
    if (!layoutOnly) conceals = true;
    if (parts.length < PLACES_MAX) parts.push(describe(v, found));
  }
  if (places === 0) return [];
  const more = places > parts.length ? `; and ${places - parts.length} more place${places - parts.length === 1 ? '' : 's'}` : '';
  return [
    {
      signal: 'hidden-characters',
      says: 'flag',
      weight: conceals ? 1 : 0.5,
      detail: `hidden characters in the ${parts.join('; in the ')}${more}${conceals ? '' : ' (layout characters only)'}`,
      flag: 'hidden-characters',
      traits: conceals ? ['hides-text'] : undefined,
    },
  ];
}

/** "parameter `path` description: 3 tag (U+E0041) ("…text around the first, escaped…")". */
function describe(v: VisibleText, found: Map<string, HiddenKind>): string {
  const kinds = [...found].map(([kind, { count, first }]) => `${count} ${kind} (U+${first.toString(16).toUpperCase().padStart(4, '0')})`);
  let at = Infinity;
  for (const k of found.values()) at = Math.min(at, k.at);
  const from = Math.max(0, at - 16);
  const tags = decodeTagText(v.text);
  const spelled = tags.length >= 4 ? `, spelling ${quote(tags, 60)}` : '';
  const around = `${from > 0 ? '…' : ''}${v.text.slice(from, at + 60)}`;
  // In a bare text a line break is one of the hidden characters: shown, not turned into a space.
  return `${whereOf(v)}: ${kinds.join(', ')}${spelled} (${quote(v.bare ? around.replace(/[\t\n\r]/g, escapeHiddenChar) : around, 60)})`;
}
