import { describe, expect, test } from 'vitest';
import { checkRecord, checkUnlisted, CLOCK_SKEW_MS, differingKeys, jsonDepth, jsonDifferences, MAX_JSON_DEPTH, parseDate } from '../../src/catalog/integrity.ts';
import { buildRecord, toolHash, recordedRawTool } from '../../src/catalog/record.ts';
import type { LoadedSource } from '../../src/catalog/sources.ts';
import type { CrawlOutcome } from '../../src/crawl/types.ts';
import { SourceSchema, UnlistedSchema, type ServerRecord } from '../../src/schema.ts';

const FILE = '/catalog/servers/mailbox.json';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const CRAWLED = '2026-12-01T08:00:00Z';

const loaded: LoadedSource = {
  slug: 'mailbox',
  file: '/catalog/sources/mailbox.md',
  source: SourceSchema.parse({ name: 'Mailbox', transport: 'command', command: 'mailbox-mcp' }),
  about: 'A mail server.',
};

const MAILBOX = [
  { name: 'read_inbox', description: "Read the messages in the user's private inbox.", inputSchema: { type: 'object', properties: { folder: { type: 'string' } } } },
  { name: 'send_email', description: 'Send an email to any recipient address.', inputSchema: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } } } },
  { name: 'delete_message', description: 'Permanently delete a message from the mailbox.', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
  { name: 'run_script', description: 'Run a JavaScript snippet on the server and return its output.', inputSchema: { type: 'object', properties: { code: { type: 'string' } } } },
];

/** A record built the way the crawler builds one, from a live tools/list answer. */
function built(tools: unknown[] = MAILBOX, now = CRAWLED): ServerRecord {
  const outcome: CrawlOutcome = {
    ok: true,
    method: 'live',
    tools,
    serverInfo: { name: 'mailbox', version: '1.0.0' },
    protocolVersion: '2025-06-18',
    packageVersion: null,
    snapshotSource: null,
    truncated: false,
    warnings: [],
    durationMs: 5,
  };
  const { record } = buildRecord({ loaded, outcome, previous: null, now });
  return structuredClone(record!);
}

const check = (record: ServerRecord, sources: Set<string> | null = null) => checkRecord(record, { file: FILE, now: NOW, sources });

describe('checkRecord: the recomputation', () => {
  test('finds nothing wrong in a record the builder wrote, nor in one with a title taken from annotations', () => {
    expect(check(built())).toEqual([]);
    const titled = built([{ ...MAILBOX[0], annotations: { title: 'Read inbox', readOnlyHint: true } }, { ...MAILBOX[1], title: 'Send', annotations: { title: 'Send' } }]);
    expect(titled.tools.map((t) => t.title)).toEqual(['Read inbox', 'Send']);
    expect(check(titled)).toEqual([]);
  });

  test('catches a record whose tools were all rewritten to read, low risk and allow, naming each tool', () => {
    const forged = built();
    for (const t of forged.tools) {
      t.classification = { ...t.classification, effect: 'read', risk: 'low' };
      t.policy = { action: 'allow' };
      forged.policy.tools[t.name] = { action: 'allow' };
    }
    const problems = check(forged);
    expect(problems).toHaveLength(4);
    for (const [i, t] of forged.tools.entries()) expect(problems[i]).toContain(`${FILE}: tool "${t.name}": `);
    expect(problems[3]).toMatch(/effect is "read", recomputed "execute"; risk is "low", recomputed "critical"; policy\.action is "allow", recomputed "deny"; .*its rule in the server policy differs from the recomputed rule$/);
    // The read tool's effect was right; its risk and rule were not.
    expect(problems[0]).not.toContain('effect is');
    expect(problems[0]).toContain('risk is "low", recomputed "medium"; policy.limits differs from the recomputation; policy.reason is missing, recomputed "Only reads');
  });

  test('catches a rule changed in the server policy only', () => {
    const forged = built();
    forged.policy.tools['run_script'] = { action: 'allow', reason: 'Trusted.' };
    expect(check(forged)).toEqual([`${FILE}: tool "run_script": its rule in the server policy differs from the recomputed rule`]);
  });

  test('catches a definition changed without its hash, and a hash changed without its definition', () => {
    const edited = built();
    edited.tools[0]!.inputSchema = { type: 'object', properties: { folder: { type: 'string' }, all: { type: 'boolean' } } };
    const rehashed = built();
    rehashed.tools[1]!.hash = `sha256:${'0'.repeat(64)}`;
    expect(check(edited)).toEqual([expect.stringMatching(new RegExp(`^${FILE}: tool "read_inbox": hash sha256:[0-9a-f]{64} does not match its definition \\(sha256:[0-9a-f]{64}\\)$`))]);
    expect(check(rehashed)).toEqual([expect.stringContaining(`${FILE}: tool "send_email": hash sha256:${'0'.repeat(64)} does not match`)]);
  });

  test('catches a forged slug, a changed server default and changed domains', () => {
    const forged = built();
    forged.tools[2]!.slug = 'read_inbox-2';
    forged.policy.default = 'allow';
    forged.domains = [];
    expect(check(forged)).toEqual([
      `${FILE}: tool "delete_message": slug is "read_inbox-2", recomputed "delete_message"`,
      `${FILE}: policy.default is "allow", recomputed "deny"`,
      `${FILE}: domains differ from the recomputation`,
    ]);
  });

  test('rebuilds the raw tool the hash was taken from', () => {
    const [fromAnnotations, sent] = built([{ ...MAILBOX[0], annotations: { title: 'A' } }, { ...MAILBOX[1], title: 'B', annotations: { title: 'B' } }]).tools;
    expect(recordedRawTool(fromAnnotations!).title).toBeUndefined();
    expect(recordedRawTool(sent!).title).toBe('B');
    expect(toolHash(recordedRawTool(sent!))).toBe(sent!.hash);
  });
});

describe('checkRecord: what the schema lets through', () => {
  test('reports a record with no source when the catalog has sources', () => {
    expect(check(built(), new Set(['other']))).toEqual([
      `${FILE}: no source: sources/mailbox.md does not exist, so nothing says where this record came from`,
    ]);
    expect(check(built(), new Set(['mailbox']))).toEqual([]);
  });

  test('reports a record filed under another server\'s name', () => {
    expect(checkRecord(built(), { file: '/catalog/servers/kestra.json', now: NOW })).toEqual([
      '/catalog/servers/kestra.json: holds the record of "mailbox", whose file is mailbox.json',
    ]);
  });

  test.each([
    ['constructor'],
    ['toString'],
    ['__proto__'],
    ['hasOwnProperty'],
  ])('a tool named %s needs a rule of its own', (name) => {
    const record = built([...MAILBOX, { name, description: 'Read the thing.', inputSchema: { type: 'object' } }]);
    expect(Object.hasOwn(record.policy.tools, name)).toBe(true);
    expect(check(record)).toEqual([]);
    delete record.policy.tools[name];
    expect(check(record)).toEqual([`${FILE}: tool ${JSON.stringify(name)} has no rule in the server policy`]);
  });

  test('reports a rule for a tool the server does not have', () => {
    const record = built();
    record.policy.tools['ghost'] = { action: 'allow' };
    expect(check(record)).toEqual([`${FILE}: the server policy has a rule for "ghost", which is not a tool of this server`]);
  });

  test('reports duplicate names and slugs without recomputing on top', () => {
    const record = built();
    record.tools.push(structuredClone(record.tools[0]!));
    expect(check(record)).toEqual([`${FILE}: tool slug "read_inbox" is used twice`, `${FILE}: tool name "read_inbox" is listed twice`]);
  });

  test('reports nesting past the cap, however deep, without throwing', () => {
    const nest = (levels: number) => {
      let v: Record<string, unknown> = { type: 'string' };
      for (let i = 0; i < levels; i++) v = { type: 'object', properties: { x: v } };
      return v;
    };
    const record = built();
    // Two levels per step (the schema and its properties): 41 levels here, within the cap.
    record.tools[0]!.inputSchema = nest(20);
    record.tools[1]!.outputSchema = nest(200_000);
    record.tools[2]!.annotations = { title: 'x', deep: nest(MAX_JSON_DEPTH) };
    expect(check(record)).toEqual([
      `${FILE}: tool "send_email": outputSchema nests deeper than ${MAX_JSON_DEPTH} levels`,
      `${FILE}: tool "delete_message": annotations nests deeper than ${MAX_JSON_DEPTH} levels`,
    ]);
  });

  test.each([
    ['crawledAt', 'yesterday', 'is not an ISO 8601 date'],
    ['crawledAt', '2026-02-30T08:00:00Z', 'is not an ISO 8601 date'],
    ['crawledAt', '9999-01-01T00:00:00Z', 'is in the future'],
    ['crawledAt', '2026-12-01T12:10:00Z', 'is in the future'],
    ['lastAttemptAt', '+275760-09-13T00:00:00.000Z', 'is not an ISO 8601 date'],
    ['lastAttemptAt', '2026-12-02', 'is in the future'],
  ])('reports provenance.%s %s', (field, value, says) => {
    const record = built();
    (record.provenance as Record<string, unknown>)[field] = value;
    expect(check(record)).toEqual([`${FILE}: provenance.${field}: ${JSON.stringify(value)} ${says}`]);
  });

  test('accepts a date within the clock skew, and names a bad changelog date by its place', () => {
    const record = built([...MAILBOX], '2026-12-01T12:04:00Z');
    expect(check(record)).toEqual([]);
    record.changelog = [{ at: '2026-11-01T08:00:00Z', added: [], removed: [], changed: [] }, { at: '2026-13-01', added: [], removed: [], changed: [] }];
    expect(check(record)).toEqual([`${FILE}: changelog[1].at: "2026-13-01" is not an ISO 8601 date`]);
  });
});

describe('checkUnlisted', () => {
  const UNLISTED_FILE = '/catalog/unlisted/weather.json';
  const entry = UnlistedSchema.parse({
    slug: 'weather',
    name: 'Weather',
    transport: 'npm',
    package: 'weather-mcp',
    cause: 'credentials',
    error: 'WEATHER_API_KEY is required',
    firstAttemptAt: '2026-11-30T08:00:00Z',
    lastAttemptAt: CRAWLED,
  });
  const check = (e = entry, file = UNLISTED_FILE, listed: string[] = [], sources: string[] | null = ['weather']) =>
    checkUnlisted(e, { file, now: NOW, sources: sources && new Set(sources), listed: new Set(listed) });

  test('finds nothing wrong in a well-formed entry, nor when the catalog has no sources folder', () => {
    expect(check()).toEqual([]);
    expect(check(entry, UNLISTED_FILE, [], null)).toEqual([]);
  });

  test.each([
    ['a slug another file holds', { slug: 'storm' }, [`${UNLISTED_FILE}: holds the unlisted entry of "storm", whose file is storm.json`, `${UNLISTED_FILE}: no source: sources/storm.md does not exist, so nothing says where this server came from`]],
    ['a date that is not one', { lastAttemptAt: '2026-02-30' }, [`${UNLISTED_FILE}: lastAttemptAt: "2026-02-30" is not an ISO 8601 date`]],
    ['a discovery date past the clock skew', { discovered: { via: 'npm-list', from: 'list.tsv', at: new Date(NOW + CLOCK_SKEW_MS + 60_000).toISOString() } }, [expect.stringMatching(/: discovered\.at: ".*" is in the future$/)]],
    ['a first attempt after the last', { firstAttemptAt: '2026-12-01T09:00:00Z' }, [`${UNLISTED_FILE}: firstAttemptAt "2026-12-01T09:00:00Z" is after lastAttemptAt "${CRAWLED}"`]],
  ] as const)('reports %s', (_, change, want) => {
    expect(check({ ...entry, ...change } as typeof entry)).toEqual(want);
  });

  test('reports an entry of a server that has a record', () => {
    expect(check(entry, UNLISTED_FILE, ['weather'])).toEqual([`${UNLISTED_FILE}: "weather" has a server record too (servers/weather.json): a listed server has no unlisted entry`]);
  });
});

describe('helpers', () => {
  test('parseDate reads ISO dates and nothing else', () => {
    expect(parseDate('2026-11-20T08:00:00Z')).toBe(Date.UTC(2026, 10, 20, 8));
    expect(parseDate('2026-11-20T09:00:00.5+01:00')).toBe(Date.UTC(2026, 10, 20, 8, 0, 0, 500));
    expect(parseDate('2026-11-20')).toBe(Date.UTC(2026, 10, 20));
    for (const bad of ['', '20 Nov 2026', '2026-11-20T08:00:00', '2026-11-20T25:00:00Z', '2026-02-29', '2026-11-20T08:00:00Zjunk']) expect(parseDate(bad)).toBeNull();
  });

  test('jsonDepth counts levels and stops past its limit', () => {
    expect([jsonDepth('x'), jsonDepth({}), jsonDepth({ a: [{}] })]).toEqual([0, 1, 3]);
    let deep: unknown = 1;
    for (let i = 0; i < 500_000; i++) deep = [deep];
    expect(jsonDepth(deep, 10)).toBe(11);
  });

  test('jsonDifferences compares own keys, __proto__ and constructor included', () => {
    const a = JSON.parse('{"properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}}}');
    const b = JSON.parse('{"properties":{"__proto__":{"type":"number"},"constructor":{"type":"string"}}}');
    const c = JSON.parse('{"properties":{"constructor":{"type":"string"}}}');
    expect(jsonDifferences(a, a)).toEqual([]);
    expect(jsonDifferences(a, b)).toEqual(['properties.__proto__.type']);
    expect(jsonDifferences(a, c)).toEqual(['properties.__proto__']);
    expect(jsonDifferences({ list: [1, 2] }, { list: [1] })).toEqual(['list.length']);
    expect(jsonDifferences({ 'a b': 1 }, { 'a b': 2 })).toEqual(['["a b"]']);
  });

  test('differingKeys names every differing key, however many differences one of them holds', () => {
    const a = { evidence: Array.from({ length: 100 }, (_, i) => i), risk: 'low', same: [1] };
    const b = { evidence: Array.from({ length: 100 }, (_, i) => -i - 1), risk: 'high', same: [1] };
    expect(jsonDifferences(a, b, 50).some((p) => p.startsWith('risk'))).toBe(false);
    expect(differingKeys(a, b)).toEqual(['evidence', 'risk']);
    expect(differingKeys(JSON.parse('{"__proto__":1}'), {})).toEqual(['__proto__']);
    expect(differingKeys({}, { constructor: 1 })).toEqual(['constructor']);
  });
});
