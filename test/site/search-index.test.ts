import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ServerRecordSchema, type ServerRecord } from '../../src/schema.ts';
import { GROUP_SIZE, searchDocuments } from '../../site/lib/search-docs.ts';
import { decodeField, decodeTools, encodeField, encodeTools } from '../../site/lib/search-tools.ts';
import { byRelevance, coverage, hitsOf, queryWords, type Hit } from '../../site/scripts/search.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/catalog/servers');
const load = (slug: string): ServerRecord => ServerRecordSchema.parse(JSON.parse(readFileSync(join(FIXTURES, `${slug}.json`), 'utf8')));
const kestra = load('kestra');
const hostile = load('hostile');

describe('searchDocuments', () => {
  test('groups a server tools, riskiest first, at most GROUP_SIZE to a document, each tool a heading with its slug as id', () => {
    const docs = searchDocuments(kestra);
    expect(docs).toHaveLength(Math.ceil(kestra.tools.length / GROUP_SIZE));
    expect(docs.map((d) => d.url)).toEqual(docs.map((_, i) => `/servers/kestra/?part=${i + 1}`));
    const ids = docs.flatMap((d) => [...d.html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]!));
    expect([...ids].sort()).toEqual(kestra.tools.map((t) => t.slug).sort());
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    const risks = ids.map((id) => rank[kestra.tools.find((t) => t.slug === id)!.classification.risk]);
    expect(risks).toEqual([...risks].sort((a, b) => a - b));
  });

  test('carries each tool risk, effect and name in the metadata and only the values present as filters', () => {
    const [first] = searchDocuments(kestra);
    const meta = /data-pagefind-meta="tools:([^"]*)"/.exec(first!.html)![1]!;
    const ids = [...first!.html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]!);
    const tools = ids.map((id) => kestra.tools.find((t) => t.slug === id)!);
    expect(decodeTools(meta)).toEqual(tools.map((t) => ({ slug: t.slug, risk: t.classification.risk, effect: t.classification.effect, name: t.name })));
    const risks = [...first!.html.matchAll(/data-pagefind-filter="risk:(\w+)"/g)].map((m) => m[1]);
    expect(risks).toEqual([...new Set(tools.map((t) => t.classification.risk))].sort());
    expect(first!.html).toContain('data-pagefind-filter="server:kestra"');
  });

  test('escapes every third-party string, so no tag of theirs reaches the indexer', () => {
    const html = searchDocuments(hostile).map((d) => d.html).join('');
    for (const tool of hostile.tools) {
      if (tool.name.includes('<')) expect(html).not.toContain(tool.name);
    }
    // Every tag left is one of ours; their text survives only escaped, inside text.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['!doctype', 'body', 'div', 'h2', 'head', 'html', 'main', 'meta', 'p', 'section', 'span', 'title']);
    expect([...html.matchAll(/<[a-z][^>]*>/gi)].filter((m) => / on\w+=/i.test(m[0]))).toEqual([]);
  });

  test('writes no document for a server without tools', () => {
    expect(searchDocuments({ ...kestra, tools: [] })).toEqual([]);
  });
});

describe('tools metadata', () => {
  test('round-trips slug, risk, effect and the exact name, and skips broken entries', () => {
    for (const record of [kestra, hostile]) {
      const text = encodeTools(record.tools);
      expect(decodeTools(text).map((t) => [t.slug, t.name])).toEqual(record.tools.map((t) => [t.slug, t.name]));
    }
    expect(decodeTools(`a low read ${encodeField('a')};broken;;b high delete;c low read %ZZ;d high delete ${encodeField('d')}`)).toEqual([
      { slug: 'a', risk: 'low', effect: 'read', name: 'a' },
      { slug: 'd', risk: 'high', effect: 'delete', name: 'd' },
    ]);
  });

  test.each([
    ['an entity', 'delete&#95;everything'],
    ['a hex entity for an override', 'rlo&#x202E;txt.exe'],
    ['separators and quotes', 'a b;c,d"e\'f&g<h>'],
    ['NUL and CR', 'nul\u0000cr\rname'],
    ['tag characters', 'read\u{E0041}'],
    ['a lone surrogate', 'x\ud800y'],
    ['percent signs', '100%25 %'],
  ])('encodes %s as a field of URL-safe characters only (no separator, quote, ampersand or control) and decodes it exactly', (_, name) => {
    const field = encodeField(name);
    expect(field).toMatch(/^[A-Za-z0-9%_.!~*()'-]+$/);
    expect(decodeField(field)).toBe(name);
  });
});

describe('search results', () => {
  const group = {
    meta: {
      server: 'kestra',
      title: 'Kestra',
      'server-name': encodeField('Kestra\u200b'),
      tools: encodeTools([
        { slug: 'delete_flow_logs', name: 'delete&#95;flow_logs', classification: { risk: 'high', effect: 'delete' } },
        { slug: 'get_logs', name: 'get\u202elogs', classification: { risk: 'low', effect: 'read' } },
        { slug: 'bad-risk', name: 'bad', classification: { risk: 'odd', effect: 'read' } },
      ]),
    },
    content: 'delete_flow_logs. Delete logs for all executions. get_logs. Get logs of a run. bad-risk. Logs.',
    sub_results: [
      { title: 'get_logs', url: '/servers/kestra/#get_logs', excerpt: 'Get <mark>logs</mark>', locations: [8], weighted_locations: [{ balanced_score: 50 }] },
      { title: 'delete_flow_logs', url: '/servers/kestra/#delete_flow_logs', excerpt: '<mark>Delete</mark> <mark>logs</mark>', locations: [1, 2], weighted_locations: [{ balanced_score: 10 }, { balanced_score: 10 }] },
      { title: 'bad-risk', url: '/servers/kestra/#bad-risk', excerpt: '', locations: [13], weighted_locations: [{ balanced_score: 99 }] },
      { title: 'elsewhere', url: 'https://evil.example/#x', excerpt: '', locations: [], weighted_locations: [] },
    ],
    anchors: [
      { id: 'delete_flow_logs', text: 'delete_flow_logs', element: 'h2' },
      { id: 'get_logs', text: 'get_logs', element: 'h2' },
    ],
  };

  test('puts the tool that holds every query word before a higher-scored tool that holds one', () => {
    const hits = hitsOf(group, queryWords('Delete logs'), {});
    expect(hits.map((h) => [h.slug, h.coverage])).toEqual([
      ['delete_flow_logs', 2],
      ['get_logs', 1],
    ]);
    expect(hits[0]).toMatchObject({ server: 'kestra', serverName: 'Kestra\u200b', risk: 'high', effect: 'delete' });
  });

  test('names each tool exactly from the metadata, never from Pagefind titles (it decodes their entities again)', () => {
    const decodedTwice = { ...group, sub_results: group.sub_results.map((s) => ({ ...s, title: s.title.replace('delete', 'DELETE') })) };
    expect(hitsOf(decodedTwice, queryWords('logs'), {}).map((h) => h.name).sort()).toEqual(['delete&#95;flow_logs', 'get\u202elogs']);
    expect(hitsOf(group, [], {}).map((h) => h.name)).toEqual(['delete&#95;flow_logs', 'get\u202elogs']);
  });

  test('drops tools the filters exclude, unknown risks and links that are not our own tool pages', () => {
    expect(hitsOf(group, queryWords('logs'), { risk: 'low' }).map((h) => h.slug)).toEqual(['get_logs']);
    expect(hitsOf({ ...group, meta: { ...group.meta, server: '../x' } }, queryWords('logs'), {})).toEqual([]);
  });

  test('lists every tool of a group for a search by filters alone', () => {
    expect(hitsOf(group, [], { effect: 'delete' }).map((h) => h.slug)).toEqual(['delete_flow_logs']);
  });

  test('counts query words by stem and prefix', () => {
    const words = ['deleting', 'log', 'files'];
    expect(coverage(words, [0, 1], queryWords('delete logs'))).toBe(2);
    expect(coverage(words, [2], queryWords('delete logs'))).toBe(0);
    const a = { coverage: 1, score: 100 } as Hit;
    const b = { coverage: 2, score: 1 } as Hit;
    expect([a, b].sort(byRelevance)).toEqual([b, a]);
  });
});
