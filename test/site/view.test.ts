import { describe, expect, test } from 'vitest';
import {
  annotationRows,
  clip,
  confidenceBand,
  displayJson,
  formatDate,
  formatDateTime,
  hasHidden,
  jsonForScript,
  otherAnnotations,
  parameterRows,
  revealHidden,
  riskSegments,
  safeHref,
  schemaType,
  shown,
  shownHtml,
} from '../../site/lib/view.ts';

describe('clip', () => {
  test('returns short text unchanged and cuts long text with an ellipsis', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  test('never leaves half of a surrogate pair', () => {
    const out = clip('😀😀😀😀', 3);
    expect(out).toBe('😀😀…');
    expect(out.isWellFormed()).toBe(true);
  });
});

describe('hidden characters', () => {
  test('reveals zero-width and bidi characters as visible escapes', () => {
    expect(revealHidden('list\u200bfiles\u202etxt')).toBe('list\\u200Bfiles\\u202Etxt');
    expect(hasHidden('plain')).toBe(false);
    expect(hasHidden('a\ufeffb')).toBe(true);
    // The global regex must not carry state from one call to the next.
    expect(hasHidden('a\u200bb')).toBe(true);
  });

  test('displayJson writes them as \\u escapes that parse back to the same value', () => {
    const value = { tools: { 'zero\u200bwidth': { action: 'deny' }, 'tag\u{E0041}c1\u0085': { action: 'allow' } } };
    const text = displayJson(value);
    expect(text).toContain('zero\\u200bwidth');
    expect(text).toContain('tag\\udb40\\udc41c1\\u0085');
    expect(hasHidden(text, 'text')).toBe(false);
    expect(JSON.parse(text)).toEqual(value);
  });

  test('shownHtml escapes the text and marks each revealed character, so a look-alike the server typed stays plain text', () => {
    expect(shownHtml('<b>\u202e</b> \\u202E &#x202E;')).toBe('&lt;b&gt;<span class="hidden-char">\\u202E</span>&lt;/b&gt; \\u202E &amp;#x202E;');
    expect(shownHtml('tag\u{E0041}')).toBe('tag<span class="hidden-char">\\u{E0041}</span>');
    expect(shownHtml('plain & simple')).toBe('plain &amp; simple');
  });

  test('shown and shownHtml cut first, by code point, then reveal what is left', () => {
    const name = `a${'\u{E0041}'.repeat(10)}`;
    expect(shown(name, 3)).toBe('a\\u{E0041}…');
    expect(shownHtml(name, 3)).toBe('a<span class="hidden-char">\\u{E0041}</span>…');
  });

  test('running text keeps its line breaks and tabs; a name shows them', () => {
    expect(shownHtml('one\ntwo\tthree\r\nfour\rfive', Infinity, 'text')).toBe('one\ntwo\tthree\r\nfour<span class="hidden-char">\\u000D</span>five');
    expect(shown('one\ntwo', 100)).toBe('one\\u000Atwo');
  });
});

describe('jsonForScript', () => {
  test('no string can close the script element or open a comment', () => {
    const value = { name: '</script><script>alert(1)</script><!--', amp: 'a&b', ls: '\u2028\u2029' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('safeHref', () => {
  test.each([
    ['https://github.com/x/y', 'https://github.com/x/y'],
    ['http://example.com', 'http://example.com/'],
    ['https://example.com/"><script>', 'https://example.com/%22%3E%3Cscript%3E'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['../../etc/passwd', null],
    ['//evil.example', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});

describe('dates', () => {
  test('formats ISO dates and shows anything else as capped text', () => {
    expect(formatDate('2026-11-20T08:00:00Z')).toBe('2026-11-20');
    expect(formatDateTime('2026-11-20T08:05:00Z')).toBe('2026-11-20 08:05 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
    expect(formatDate(null)).toBe('unknown date');
  });
});

describe('confidenceBand', () => {
  test('puts 0.9 and above in high, 0.75 to 0.9 in moderate, the rest in low', () => {
    expect([0.99, 0.9, 0.89, 0.75, 0.74, 0].map((c) => confidenceBand(c).word)).toEqual(['high', 'high', 'moderate', 'moderate', 'low', 'low']);
  });
});

describe('parameterRows', () => {
  test('lists name, type, required and description of a plain schema', () => {
    const table = parameterRows({
      type: 'object',
      properties: {
        namespace: { type: 'string', description: 'The namespace' },
        days: { type: 'integer', default: 0 },
      },
      required: ['namespace'],
    });
    expect(table).toEqual({
      rows: [
        { name: 'namespace', type: 'string', required: true, description: 'The namespace', details: '' },
        { name: 'days', type: 'integer', required: false, description: '', details: 'default 0' },
      ],
      more: 0,
      note: null,
    });
  });

  test('shows a parameter defined in $defs as defined there', () => {
    const table = parameterRows({
      type: 'object',
      $defs: { Region: { type: 'string', description: 'Where the database runs' } },
      properties: { region: { $ref: '#/$defs/Region' } },
    });
    expect(table.rows).toEqual([{ name: 'region', type: 'string', required: false, description: 'Where the database runs', details: '' }]);
  });

  test.each([
    ['not an object', 'x', 'The input schema is not a JSON object.'],
    ['an array', [1, 2], 'The input schema is not a JSON object.'],
    ['null', null, 'The input schema is not a JSON object.'],
    ['no properties', { type: 'object' }, 'The tool takes no parameters.'],
    ['empty properties', { type: 'object', properties: {} }, 'The tool takes no parameters.'],
    ['properties as a string', { properties: 'path' }, 'The schema lists its parameters in a form we cannot read ("properties" is not an object).'],
    ['properties as an array', { properties: ['a'] }, 'The schema lists its parameters in a form we cannot read ("properties" is not an object).'],
  ])('explains a schema that is %s', (_, schema, note) => {
    const table = parameterRows(schema);
    expect(table.rows).toEqual([]);
    expect(table.note).toBe(note);
  });

  test('tolerates odd property nodes and keys', () => {
    const schema = JSON.parse(
      '{"properties":{"__proto__":{"type":"string"},"weird":null,"arr":[1],"anyOf":{"anyOf":[{"type":"string"},{"type":"null"}]},"list":{"type":"array","items":{"type":"integer"}},"ref":{"$ref":"#/$defs/Flow"},"e":{"enum":[1,"<i>2</i>"]},"t":{"type":["integer","null"]}},"required":"weird"}',
    );
    const rows = parameterRows(schema).rows;
    expect(rows.map((r) => [r.name, r.type, r.required])).toEqual([
      ['__proto__', 'string', false],
      ['weird', 'unknown', false],
      ['arr', 'unknown', false],
      ['anyOf', 'string | null', false],
      ['list', 'array of integer', false],
      ['ref', 'Flow', false],
      ['e', 'enum', false],
      ['t', 'integer | null', false],
    ]);
    expect(rows.find((r) => r.name === 'e')?.details).toBe('one of 1, "<i>2</i>"');
  });

  test('caps the number of rows and the length of names and descriptions', () => {
    const properties = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`p${i}${'x'.repeat(i === 0 ? 500 : 0)}`, { description: 'd'.repeat(2000) }]));
    const table = parameterRows({ properties }, 100);
    expect(table.rows).toHaveLength(100);
    expect(table.more).toBe(30);
    expect(table.rows[0]!.name.length).toBeLessThanOrEqual(120);
    expect(table.rows[0]!.description.length).toBeLessThanOrEqual(600);
  });

  test('stops at deeply nested schemas', () => {
    let node: unknown = { type: 'string' };
    for (let i = 0; i < 50; i++) node = { anyOf: [node] };
    expect(schemaType(node)).toBe('…');
  });
});

describe('annotationRows', () => {
  test('puts the server claims beside our judgement and marks disagreement', () => {
    const rows = annotationRows({ readOnlyHint: true, openWorldHint: true }, { effect: 'delete', risk: 'high', flags: ['open-world'] });
    expect(rows.map((r) => [r.hint, r.server, r.ours, r.agrees])).toEqual([
      ['readOnlyHint', 'true', 'false', false],
      ['destructiveHint', 'not declared', 'true', null],
      ['idempotentHint', 'not declared', 'not judged', null],
      ['openWorldHint', 'true', 'true', true],
    ]);
  });
});

describe('otherAnnotations', () => {
  test('lists declared annotations beyond the four hints as capped JSON text', () => {
    expect(otherAnnotations({ readOnlyHint: true, title: '<svg onload=x>', 'x-evil': { a: 1 } })).toEqual([
      ['title', '"<svg onload=x>"'],
      ['x-evil', '{"a":1}'],
    ]);
    expect(otherAnnotations(null)).toEqual([]);
  });
});

describe('riskSegments', () => {
  test('splits the width in proportion, in risk order, skipping empty levels', () => {
    expect(riskSegments({ low: 1, medium: 0, high: 1, critical: 2 })).toEqual([
      { risk: 'low', count: 1, x: 0, width: 25 },
      { risk: 'high', count: 1, x: 25, width: 25 },
      { risk: 'critical', count: 2, x: 50, width: 50 },
    ]);
    expect(riskSegments({ low: 0, medium: 0, high: 0, critical: 0 })).toEqual([]);
  });
});
