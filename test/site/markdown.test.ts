import { describe, expect, test } from 'vitest';
import { parseInline, parseMarkdown } from '../../site/lib/markdown.ts';

describe('parseMarkdown', () => {
  test('reads paragraphs, lists and fenced code', () => {
    expect(parseMarkdown('First line\nsame paragraph.\n\n- one\n- two\n\n1. a\n2. b\n\n```\n<b>x</b>\n```')).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'First line same paragraph.' }] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
      { kind: 'code', text: '<b>x</b>' },
    ]);
  });

  test('keeps raw HTML as text', () => {
    expect(parseMarkdown('Hello <script>alert(1)</script>')).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'Hello <script>alert(1)</script>' }] },
    ]);
  });

  test('reads headings as plain lines', () => {
    expect(parseMarkdown('## Setup')).toEqual([{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'Setup' }] }]);
  });
});

describe('parseInline', () => {
  test('reads code, emphasis, strong and http(s) links', () => {
    expect(parseInline('Use `uv` with **care**, *now* or [docs](https://kestra.io).')).toEqual([
      { kind: 'text', text: 'Use ' },
      { kind: 'code', text: 'uv' },
      { kind: 'text', text: ' with ' },
      { kind: 'strong', text: 'care' },
      { kind: 'text', text: ', ' },
      { kind: 'em', text: 'now' },
      { kind: 'text', text: ' or ' },
      { kind: 'link', text: 'docs', href: 'https://kestra.io/' },
      { kind: 'text', text: '.' },
    ]);
  });

  test.each([
    ['[x](javascript:alert(1))', 'x (javascript:alert(1)'],
    ['[x](data:text/html,hi)', 'x (data:text/html,hi)'],
    ['[x](../../etc/passwd)', 'x (../../etc/passwd)'],
  ])('shows a link to %s as text', (source, text) => {
    const inlines = parseInline(source);
    expect(inlines.some((i) => i.kind === 'link')).toBe(false);
    expect(inlines.map((i) => i.text).join('')).toContain(text);
  });

  test('never loads images: the alt text stands in', () => {
    expect(parseInline('![logo](https://x.example/a.png)')).toEqual([{ kind: 'text', text: '[image: logo]' }]);
    expect(parseInline('![x](a.png" onerror="alert(1))')).toEqual([{ kind: 'text', text: '![x](a.png" onerror="alert(1))' }]);
  });

  test('reads __strong__ only between word boundaries, so dunder names stay text', () => {
    expect(parseInline('__bold__ but window.__pwned=1 and x.__y__z')).toEqual([
      { kind: 'strong', text: 'bold' },
      { kind: 'text', text: ' but window.__pwned=1 and x.__y__z' },
    ]);
  });

  test('reads a backslash before punctuation as that character, so escaped markup stays text', () => {
    expect(parseInline('\\[x\\](https://e.example) \\*not em\\* \\`tick\\` a\\_b \\\\ \\a')).toEqual([
      { kind: 'text', text: '[x](https://e.example) *not em* `tick` a_b \\ \\a' },
    ]);
    // Inside a code span a backslash is itself, as in CommonMark.
    expect(parseInline('`a\\*b`')).toEqual([{ kind: 'code', text: 'a\\*b' }]);
    expect(parseMarkdown('\\- not a list\n\n\\# not a heading')).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: '- not a list' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: '# not a heading' }] },
    ]);
  });

  test('keeps snake_case words whole', () => {
    expect(parseInline('calls generate_flow_now and list_flows')).toEqual([{ kind: 'text', text: 'calls generate_flow_now and list_flows' }]);
  });
});
