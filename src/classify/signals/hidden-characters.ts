/**
 * Signal: invisible characters in a tool's name or description — zero-width characters,
 * bidirectional overrides and isolates, Unicode tag characters (which can spell hidden ASCII
 * text) and control characters. People reviewing a tool cannot see them; a model reads them.
 * Joiners inside emoji sequences are allowed.
 */
import type { PreparedTool } from '../prepare.ts';
import type { Finding } from '../types.ts';

const KINDS: readonly { name: string; re: RegExp }[] = [
  { name: 'zero-width', re: /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u034F\u115F\u1160\u3164\uFFA0\u17B4\u17B5\u00AD]/u },
  { name: 'bidi control', re: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u },
  { name: 'tag', re: /[\u{E0000}-\u{E007F}]/u },
  { name: 'variation selector', re: /[\u{E0100}-\u{E01EF}]/u },
  { name: 'control', re: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u206A-\u206F\uFFF9-\uFFFB]/u },
];
const ANY_RE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u180E\u034F\u115F\u1160\u3164\uFFA0\u17B4\u17B5\u00AD\u202A-\u202E\u2066-\u206F\u061C\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
/**
 * The code units of every character above: the same ranges without the `u` flag, and the lead
 * surrogate shared by tag characters and variation selectors. Texts without any (most, accented
 * text and single emoji included) are ruled out with cheap scans. The ranges are split in two
 * patterns: with this many ranges in one class, the regex engine checks each character of a
 * non-Latin-1 text through a slow call, several times slower than two plain scans; and on a
 * Latin-1 text the second pattern, which holds no Latin-1 character, costs nothing.
 */
const MAYBE_CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD]/;
const MAYBE_INVISIBLE_RE = /[\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uDB40\uFEFF\uFFA0\uFFF9-\uFFFB]/;
const maybeHidden = (text: string) => MAYBE_CONTROL_RE.test(text) || MAYBE_INVISIBLE_RE.test(text);
const PICTOGRAPH_RE = /\p{Extended_Pictographic}/u;
const ZWJ = '\u200D';

/** Counts invisible characters by kind, skipping emoji joiners. */
export function findHidden(text: string): Map<string, { count: number; first: number }> {
  const found = new Map<string, { count: number; first: number }>();
  if (!maybeHidden(text)) return found;
  ANY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANY_RE.exec(text)) !== null) {
    const ch = m[0];
    if (ch === ZWJ && isEmojiJoin(text, m.index)) continue;
    const kind = KINDS.find((k) => k.re.test(ch))?.name ?? 'invisible';
    const cp = ch.codePointAt(0)!;
    const prev = found.get(kind);
    if (prev) prev.count++;
    else found.set(kind, { count: 1, first: cp });
  }
  return found;
}

function isEmojiJoin(text: string, at: number): boolean {
  const before = String.fromCodePoint(text.codePointAt(Math.max(0, at - 2)) ?? 0);
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0);
  return (PICTOGRAPH_RE.test(before) || PICTOGRAPH_RE.test(text[at - 1] ?? '')) && PICTOGRAPH_RE.test(after);
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

export function hiddenCharactersSignal(t: PreparedTool): Finding[] {
  const out: Finding[] = [];
  hiddenIn('name', t.name, out);
  hiddenIn('description', t.rawDescription, out);
  return out;
}

function hiddenIn(where: string, text: string, out: Finding[]): void {
  if (!maybeHidden(text)) return;
  const found = findHidden(text);
  if (found.size === 0) return;
  const parts = [...found].map(([kind, { count, first }]) => `${count} ${kind} (U+${first.toString(16).toUpperCase().padStart(4, '0')})`);
  out.push({ signal: 'poisoning', says: 'flag', weight: 1, detail: `hidden characters in the ${where}: ${parts.join(', ')}`, flag: 'hidden-characters' });
}
