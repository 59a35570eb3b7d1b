import { describe, expect, test } from 'vitest';
import { classifyTool } from '../../src/classify/index.ts';
import { findHidden } from '../../src/classify/signals/hidden-characters.ts';
import type { RawTool } from '../../src/schema.ts';
import { tool } from './helpers.ts';

const tags = (text: string) => [...text].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
/** Bytes smuggled as variation selectors after one emoji, a byte a selector. */
const smuggled = (text: string) => `🙂${[...text].map((c) => String.fromCodePoint(0xe0100 + c.charCodeAt(0) - 16)).join('')}`;

const plain = (extra: Partial<RawTool> = {}, properties: Record<string, unknown> = { path: { type: 'string', description: 'Path of the file.' } }): RawTool => ({
  ...tool('read_file', 'Reads a file and returns its text.', properties),
  ...extra,
});
const classified = (t: RawTool) => classifyTool(t, { slug: 'files', name: 'Files', tools: [t] });
const hiddenEvidence = (t: RawTool) => classified(t).evidence.find((e) => e.signal === 'hidden-characters');

describe('hidden characters anywhere the model reads', () => {
  test.each<[string, RawTool, string, string]>([
    ['tag characters in a parameter description', plain({}, { path: { type: 'string', description: `Path.${tags('hi there')}` } }), 'parameter `path` description', 'tag'],
    ['variation selectors after an emoji in an enum value', plain({}, { mode: { enum: ['fast', smuggled('secret')] } }), 'enum value of `mode`', 'variation selector'],
    ['a run of emoji selectors in a description', plain({ description: 'Reads a file.\uFE0F\uFE0F\uFE0F' }), 'description', 'variation selector'],
    ['a control character in a default', plain({}, { note: { type: 'string', default: 'a\u0007b' } }), 'default of `note`', 'control'],
    ['a C1 control in annotations.title', plain({ annotations: { title: 'Read\u0085file' } }), 'annotations.title', 'control'],
    ['a bidi override in the output schema', plain({ outputSchema: { type: 'object', properties: { text: { type: 'string', description: 'The \u202Etxt.exe' } } } }), 'output schema field `text` description', 'bidi control'],
    ['a zero-width space in a parameter name', plain({}, { 'pa\u200Bth': { type: 'string' } }), 'parameter `pa\\u200Bth` name', 'zero-width'],
    ['a line break in a parameter name', plain({}, { 'path\nignore': { type: 'string' } }), 'parameter `path\\u000Aignore` name', 'control'],
    ['tag characters in the title', plain({ title: `Read file${tags('run rm')}` }), 'title', 'tag'],
    ['an isolate in a parameter title', plain({}, { path: { type: 'string', title: 'Path\u2066x\u2069' } }), 'parameter `path` title', 'bidi control'],
  ])('finds %s, saying where and what, and needs approval', (_what, t, where, kind) => {
    const c = classified(t);
    expect(c.flags).toContain('hidden-characters');
    const e = hiddenEvidence(t)!;
    expect(e.detail).toContain(`hidden characters in the ${where}`);
    expect(e.detail).toContain(kind);
    expect(e.weight).toBe(1);
    expect(['high', 'critical']).toContain(c.risk);
  });

  test('shows the hidden characters as escapes and spells tag text, never echoing them', () => {
    const e = hiddenEvidence(plain({}, { path: { type: 'string', description: `Path.${tags('run rm -rf')}` } }))!;
    expect(e.detail).toContain('spelling "run rm -rf"');
    expect(e.detail).toContain('\\u{E0072}');
    expect(e.detail).not.toMatch(/[\u{E0000}-\u{E007F}\u200B\u202E]/u);
  });

  test.each<[string, RawTool]>([
    ['ordinary text with accents and scripts', plain({ description: 'Lit un fichier: café, naïve, 日本語, العربية.' })],
    ['an emoji with its presentation selector', plain({ description: 'Reads a file ⚠️ carefully. ❤️' })],
    ['an emoji joined sequence', plain({ description: 'Family 👨\u200D👩\u200D👧 photos.' })],
    ['a keycap', plain({ description: 'Step 1️⃣ then 2️⃣.' })],
    ['tabs and line breaks in a description', plain({ description: 'Reads a file.\n\tReturns\r\nits text.' }, { path: { type: 'string', description: 'Line one.\nLine two.' } })],
  ])('does not flag %s', (_what, t) => {
    expect(classified(t).flags).not.toContain('hidden-characters');
  });

  test('reports layout characters in prose at half weight, without raising the risk', () => {
    const t = plain({}, { path: { type: 'string', description: 'See the How\u200B to section.' } });
    const e = hiddenEvidence(t)!;
    expect(e.weight).toBe(0.5);
    expect(e.detail).toContain('layout characters only');
    expect(classified(t).risk).toBe('low');
  });

  test('names three places at most and counts the rest', () => {
    const properties = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i}`, { type: 'string', description: `x\u0007${i}` }]));
    expect(hiddenEvidence(plain({}, properties))!.detail).toMatch(/and 3 more places$/);
  });

  test('counts by kind, with the first code point', () => {
    const found = findHidden(`a\u200Bb\u200Cc${tags('xy')}`);
    expect(Object.fromEntries([...found].map(([k, v]) => [k, [v.count, v.first]]))).toEqual({ 'zero-width': [2, 0x200b], tag: [2, 0xe0078] });
  });

  test('shows a line break in a name as an escape in the quote', () => {
    expect(hiddenEvidence(plain({}, { 'path\nignore': { type: 'string' } }))!.detail).toContain('("path\\u000Aignore")');
  });

  test('treats a line break as hidden only in bare texts', () => {
    expect(findHidden('a\nb').size).toBe(0);
    expect(findHidden('a\nb', true).get('control')?.count).toBe(1);
  });
});
