import { describe, expect, test } from 'vitest';
import { parametersSignal } from '../../src/classify/signals/parameters.ts';
import { prepareTool, serverWords } from '../../src/classify/prepare.ts';
import { prepared } from './helpers.ts';

const find = (properties: Record<string, unknown>) => parametersSignal(prepared('do_thing', '', properties));

describe('parameters signal', () => {
  // properties, what a finding says, a domain or trait it carries
  test.each([
    [{ sql: { type: 'string', description: 'SQL to run' } }, 'execute', 'arbitrary-code'],
    [{ command: { type: 'string' } }, 'execute', 'arbitrary-code'],
    [{ script: { type: 'string', description: 'JavaScript to evaluate in the page' } }, 'execute', 'arbitrary-code'],
    [{ query: { type: 'string', description: 'A read-only SQL select statement' } }, 'read', undefined],
    [{ permanent: { type: 'boolean' } }, 'delete', 'irreversible'],
    [{ force: { type: 'boolean' } }, 'risk', undefined],
    [{ confirm: { type: 'boolean' } }, 'write', undefined],
    [{ amount: { type: 'number' } }, 'domain', 'financial'],
    [{ to: { type: 'string', description: 'Recipient email address' } }, 'domain', 'messaging'],
    [{ webhook_url: { type: 'string' } }, 'none', 'sends-out'],
    [{ url: { type: 'string' } }, 'none', 'network'],
  ])('reads %j', (properties, says, extra) => {
    const found = find(properties as Record<string, unknown>);
    const f = found.find((x) => x.says === says);
    expect(f).toBeDefined();
    if (extra) expect([f!.domain, ...(f!.traits ?? [])]).toContain(extra);
  });

  test.each([
    [{ query: { type: 'string', description: 'Search terms' } }],
    [{ code: { type: 'string', description: 'Country code' } }],
    [{ to: { type: 'string', description: 'End of the time range' } }],
    [{ expression: { type: 'string', description: 'A JSONPath expression' } }],
  ])('says nothing about the ordinary %j', (properties) => {
    expect(find(properties as Record<string, unknown>)).toEqual([]);
  });

  test('tolerates any JSON as a schema', () => {
    const words = serverWords('s', 's');
    for (const inputSchema of [{ properties: 'x' }, { properties: [1, 2] }, { properties: { a: null, b: 7, c: [] } }, { type: 'object', properties: { sql: true } }]) {
      const t = prepareTool({ name: 'x', inputSchema } as never, words);
      expect(() => parametersSignal(t)).not.toThrow();
    }
  });

  test('caps the work on a huge schema', () => {
    const properties = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`p${i}`, { type: 'string', description: 'x'.repeat(10_000) }]));
    const t = prepared('x', '', properties);
    expect(t.params.length).toBe(64);
    expect(t.params[0]!.about.length).toBe(200);
  });
});
