/**
 * A deliberately small Markdown reader for the "about" text of a server. It returns tokens, not
 * HTML: templates print every token as text, so raw HTML in the source stays visible text. Only
 * paragraphs, lists, code, emphasis and http(s) links are understood; everything else is text.
 */
import { safeHref } from './view.ts';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string };

const MAX_CHARS = 20_000;

// One alternation, tried left to right: backslash escape, code span, image, link, strong, emphasis.
// A backslash before ASCII punctuation makes it text, as in CommonMark: third-party text written
// into a source (a package's summary) is escaped that way, so it reads as text and not as markup.
const INLINE = /\\([!-/:-@[-`{-~])|`([^`\n]+)`|!\[([^\]\n]*)\]\(([^)\s]*)\)|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*|(?<!\w)__([^_\n]+)__(?!\w)|\*([^*\n]+)\*|\b_([^_\n]+)_\b/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const push = (item: Inline) => {
    const last = out[out.length - 1];
    if (item.kind === 'text' && last?.kind === 'text') last.text += item.text;
    else if (item.kind !== 'text' || item.text) out.push(item);
  };
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    push({ kind: 'text', text: text.slice(at, m.index) });
    at = m.index + m[0].length;
    if (m[1] !== undefined) push({ kind: 'text', text: m[1] });
    else if (m[2] !== undefined) push({ kind: 'code', text: m[2] });
    else if (m[3] !== undefined) {
      // Images are never loaded: the alt text stands in for them.
      push({ kind: 'text', text: m[3] ? `[image: ${m[3]}]` : '[image]' });
    } else if (m[5] !== undefined) {
      const href = safeHref(m[6]);
      push(href ? { kind: 'link', text: m[5], href } : { kind: 'text', text: `${m[5]} (${m[6]})` });
    } else if (m[7] !== undefined || m[8] !== undefined) push({ kind: 'strong', text: (m[7] ?? m[8])! });
    else push({ kind: 'em', text: (m[9] ?? m[10])! });
  }
  push({ kind: 'text', text: text.slice(at) });
  return out;
}

const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_CHARS).replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join(' ').trim()) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]!); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[2] !== undefined;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[3]!);
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (list) flush();
    // Headings in an about text read as plain lines: the page owns the heading outline.
    paragraph.push(line.replace(/^\s{0,3}#{1,6}\s+/, ''));
  }
  flush();
  return blocks;
}
