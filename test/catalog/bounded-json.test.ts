/**
 * Canonical hashing that keeps every key, and the caps a server's JSON meets at ingestion: a key
 * named `__proto__` counts like any other, values nested thousands of levels deep or written
 * larger than the cap are measured without recursion and refused, and every string comes out
 * well-formed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildRecord, LIMITS, MAX_JSON_DEPTH, sanitizeTools, toolHash } from '../../src/catalog/record.ts';
import type { LoadedSource } from '../../src/catalog/sources.ts';
import { readRecord, writeRecordAtomic } from '../../src/catalog/store.ts';
import type { CrawlOutcome } from '../../src/crawl/types.ts';
import { boundJson, compactBytes, depthWithin, sortedJson, sortKeysDeep, stableJson } from '../../src/json.ts';
import { PolicySchema, RawToolSchema, ServerRecordSchema, SourceSchema, type ServerRecord } from '../../src/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'bounded-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `{"a":{"a":…}}` nested `levels` deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

/** A tool as a server sends it: parsed from JSON text, so `__proto__` is an own key, as on the wire. */
const wire = (json: string): unknown => JSON.parse(json);

const loaded: LoadedSource = {
  slug: 'protos',
  file: '/catalog/sources/protos.md',
  source: SourceSchema.parse({ name: 'Protos', transport: 'command', command: 'protos-mcp' }),
  about: '',
};

function live(tools: unknown[], extra: Partial<Extract<CrawlOutcome, { ok: true }>> = {}): CrawlOutcome {
  return {
    ok: true,
    method: 'live',
    tools,
    serverInfo: { name: 'protos', version: '1.0.0' },
    protocolVersion: '2025-06-18',
    packageVersion: null,
    snapshotSource: null,
    truncated: false,
    warnings: [],
    durationMs: 1,
    ...extra,
  };
}

const PROTO_TOOL = '{"name":"__proto__","description":"Read a thing.","inputSchema":{"type":"object","properties":{"__proto__":{"type":"string","description":"VALUE"}}}}';
const PLAIN_TOOL = '{"name":"get_thing","description":"Read a thing.","inputSchema":{"type":"object","properties":{"__proto__":{"type":"string"}}},"annotations":{"readOnlyHint":true,"__proto__":{"x":"VALUE"}}}';

describe('sortedJson', () => {
  test.each([
    ['key order', '{"b":1,"a":[1,{"d":null,"c":"x"}]}', '{"a":[1,{"c":"x","d":null}],"b":1}'],
    ['a __proto__ key', '{"z":1,"__proto__":{"y":2,"x":[]}}', '{"__proto__":{"x":[],"y":2},"z":1}'],
    ['scalars and empties', '[true,false,null,0,-1.5,"",{},[]]', '[true,false,null,0,-1.5,"",{},[]]'],
  ])('writes %s canonically', (_, input, expected) => {
    expect(sortedJson(JSON.parse(input))).toBe(expected);
  });

  test('writes a value nested 100,000 levels deep without overflowing the stack', () => {
    const text = sortedJson(nested(100_000));
    expect(text).toHaveLength(100_000 * 6 - 4);
    expect(text.startsWith('{"a":{"a":')).toBe(true);
  });
});

describe('sortKeysDeep', () => {
  test('sorts every object\'s keys, keeps a __proto__ key as a key, and copies deep values without recursion', () => {
    const sorted = sortKeysDeep(JSON.parse('{"z":1,"__proto__":{"y":2,"x":[{"b":1,"a":2}]}}'));
    expect(JSON.stringify(sorted)).toBe('{"__proto__":{"x":[{"a":2,"b":1}],"y":2},"z":1}');
    expect(Object.getPrototypeOf(sorted)).toBe(Object.prototype);
    expect(JSON.stringify(sortKeysDeep(nested(100)))).toBe(JSON.stringify(nested(100)));
    expect(compactBytes(sortKeysDeep(nested(100_000)))).toBe(100_000 * 6 - 4);
  });
});

describe('boundJson', () => {
  test('measures exactly the bytes stableJson writes, at any indentation level', () => {
    const value = JSON.parse('{"b":[1,{"x":"y\\u00e9","__proto__":{"q":[]}}],"a":{},"c":[[["s"]]],"__proto__":"p"}');
    for (const level of [0, 1, 3]) {
      const bounded = boundJson(value, { maxBytes: 1e6, level });
      if (!bounded.ok) throw new Error(bounded.reason);
      // How the value reads inside a file where it sits `level` levels deep: each line indented more.
      const embedded = stableJson(value).slice(0, -1).replaceAll('\n', `\n${'  '.repeat(level)}`);
      expect(bounded.bytes).toBe(embedded.length);
      expect(stableJson({ k: { k: { k: value } } })).toContain(level === 3 ? embedded : '');
      expect(stableJson(bounded.value)).toBe(stableJson(value));
    }
  });

  test.each([
    ['at the depth cap', MAX_JSON_DEPTH, true],
    ['one level deeper', MAX_JSON_DEPTH + 1, false],
    ['8,000 levels deep', 8_000, false],
  ])('a value %s (%i levels) is accepted: %s', (_, levels, ok) => {
    const bounded = boundJson(nested(levels), { maxBytes: 1e9 });
    expect(bounded.ok).toBe(ok);
    expect(depthWithin(nested(levels))).toBe(ok);
    if (!bounded.ok) expect(bounded.reason).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  test('counts the indentation a deep value takes once written, not its compact size', () => {
    const deep = nested(60);
    const compact = JSON.stringify(deep).length;
    const written = stableJson({ a: { b: { c: deep } } }).length;
    const bounded = boundJson(deep, { maxBytes: compact * 2, level: 3 });
    expect(written).toBeGreaterThan(compact * 2);
    expect(bounded).toEqual({ ok: false, reason: `over ${compact * 2} bytes` });
  });

  test('replaces lone surrogates in keys and values and keeps __proto__ keys', () => {
    const bounded = boundJson(JSON.parse('{"k\\ud800":["\\udc00x"],"__proto__":"\\ud83d\\ude00"}'), { maxBytes: 1e6 });
    if (!bounded.ok) throw new Error(bounded.reason);
    expect(Object.keys(bounded.value as object)).toEqual(['k\ufffd', '__proto__']);
    expect(JSON.stringify(bounded.value)).toBe('{"k\ufffd":["\ufffdx"],"__proto__":"\ud83d\ude00"}');
  });
});

describe('tool hashes and records with __proto__ keys', () => {
  test('the schemas keep a __proto__ key in every third-party object', () => {
    const raw = RawToolSchema.parse(wire(PLAIN_TOOL));
    expect(Object.keys(raw.inputSchema['properties'] as object)).toEqual(['__proto__']);
    expect(Object.keys(raw.annotations!)).toEqual(['readOnlyHint', '__proto__']);
    const policy = PolicySchema.parse(wire('{"version":"1","default":"deny","tools":{"__proto__":{"action":"deny"},"b":{"limits":[{"counter":"c","window":"minute","max":3}]}}}'));
    expect(Object.keys(policy.tools)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(policy.tools)).toBe(Object.prototype);
    expect(policy.tools['b']!.limits![0]!.scope).toBe('grant');
    expect(PolicySchema.safeParse(wire('{"version":"1","default":"deny","tools":{"__proto__":{"action":"maybe"}}}')).error?.issues[0]?.path).toEqual(['tools', '__proto__', 'action']);
  });

  test.each([
    ['a parameter named __proto__', PROTO_TOOL],
    ['annotations with a __proto__ key', PLAIN_TOOL],
  ])('the hash changes when anything under %s changes', (_, json) => {
    const before = toolHash(RawToolSchema.parse(wire(json.replace('VALUE', 'one'))));
    const after = toolHash(RawToolSchema.parse(wire(json.replace('VALUE', 'two'))));
    expect(after).not.toBe(before);
  });

  test('a record with a tool and a parameter named __proto__ round-trips, and a change shows in the diff and changelog', () => {
    const serverInfo = wire('{"name":"protos","version":"1.0.0","__proto__":{"vendor":"x"}}') as { name: string; version: string };
    const first = buildRecord({ loaded, outcome: live([wire(PROTO_TOOL.replace('VALUE', 'one')), wire(PLAIN_TOOL)], { serverInfo }), previous: null, now: '2026-12-01T00:00:00.000Z' });
    writeRecordAtomic(dir, first.record!);
    const read = readRecord(dir, 'protos')!;
    expect(read.tools.map((t) => t.name)).toEqual(['__proto__', 'get_thing']);
    expect(Object.keys(read.policy.tools)).toEqual(['__proto__', 'get_thing']);
    expect(Object.keys(read.tools[0]!.inputSchema['properties'] as object)).toEqual(['__proto__']);
    expect(Object.keys(read.tools[1]!.annotations!)).toEqual(['readOnlyHint', '__proto__']);
    expect(Object.keys(read.provenance.serverInfo!)).toEqual(['name', 'version', '__proto__']);
    expect(stableJson(read)).toBe(readFileSync(join(dir, 'protos.json'), 'utf8'));
    expect(read.tools.map((t) => t.hash)).toEqual(first.record!.tools.map((t) => t.hash));

    const second = buildRecord({ loaded, outcome: live([wire(PROTO_TOOL.replace('VALUE', 'two')), wire(PLAIN_TOOL)]), previous: read, now: '2026-12-02T00:00:00.000Z' });
    expect(second.status).toBe('changed');
    expect(second.diff).toEqual({ added: [], removed: [], changed: ['__proto__'] });
    expect(second.record!.changelog[0]).toEqual({ at: '2026-12-02T00:00:00.000Z', added: [], removed: [], changed: ['__proto__'] });
  });
});

describe('sanitizeTools caps and text', () => {
  test('replaces an input schema nested 4,000 levels with a warning naming the tool, and drops deep optional fields', () => {
    const deep = nested(4_000);
    const { tools, warnings, truncated } = sanitizeTools([
      { name: 'deep', inputSchema: deep, outputSchema: deep, annotations: deep, _meta: deep },
      { name: 'fine', inputSchema: { type: 'object' } },
    ]);
    expect(tools.map((t) => t.name)).toEqual(['deep', 'fine']);
    expect(tools[0]).toEqual({ name: 'deep', inputSchema: { type: 'object' } });
    expect(truncated).toBe(true);
    expect(warnings).toEqual([
      `tool #0 "deep": input schema nested deeper than ${MAX_JSON_DEPTH} levels replaced by an empty object schema`,
      `tool #0 "deep": output schema nested deeper than ${MAX_JSON_DEPTH} levels dropped`,
      `tool #0 "deep": annotations nested deeper than ${MAX_JSON_DEPTH} levels dropped`,
      `tool #0 "deep": _meta nested deeper than ${MAX_JSON_DEPTH} levels dropped`,
    ]);
  });

  test('makes every string of a tool well-formed and cuts the description on a code point boundary', () => {
    const description = `${'x'.repeat(LIMITS.descriptionChars - 1)}\ud83d\ude00 and more`;
    const { tools } = sanitizeTools([
      {
        name: 'get\ud800thing',
        title: 'T\udfff',
        description,
        inputSchema: { type: 'object', properties: { 'p\ud800': { type: 'string', description: 'd\udc00', enum: ['e\ud800'], default: '\ud800' } } },
        annotations: { title: 'a\ud800' },
      },
    ]);
    const tool = tools[0]!;
    expect(tool.name).toBe('get\ufffdthing');
    expect(tool.title).toBe('T\ufffd');
    expect(tool.description).toBe('x'.repeat(LIMITS.descriptionChars - 1));
    expect(tool.annotations?.title).toBe('a\ufffd');
    expect(JSON.stringify(tool.inputSchema)).toBe('{"type":"object","properties":{"p\ufffd":{"type":"string","description":"d\ufffd","enum":["e\ufffd"],"default":"\ufffd"}}}');
    expect(JSON.stringify(tools).isWellFormed()).toBe(true);
  });

  test('a record whose stored schema is too deep is refused by name, never with a RangeError', () => {
    const good = buildRecord({ loaded, outcome: live([wire(PLAIN_TOOL)]), previous: null, now: '2026-12-01T00:00:00.000Z' }).record!;
    const forged: ServerRecord = { ...good, tools: [{ ...good.tools[0]!, inputSchema: nested(10_000) }] };
    expect(() => writeRecordAtomic(dir, forged)).toThrow(`record protos not written: tools.0.inputSchema: nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(ServerRecordSchema.safeParse(forged).success).toBe(false);
  });
});

describe('compactBytes', () => {
  test.each([['{"b":1,"a":[1,{"d":null,"c":"x\\u00e9"}],"__proto__":[]}'], ['[]'], ['"\\ud800"'], ['[{},[],"",0]']])('counts what JSON.stringify writes for %s', (json) => {
    const value = JSON.parse(json);
    expect(compactBytes(value)).toBe(JSON.stringify(value).length);
  });

  test('counts a value nested 100,000 levels deep, and stops early past its limit', () => {
    expect(compactBytes(nested(100_000))).toBe(100_000 * 6 - 4);
    const stopped = compactBytes(nested(100_000), 1_000);
    expect(stopped).toBeGreaterThan(1_000);
    expect(stopped).toBeLessThan(1_100);
  });
});
