/**
 * A crawl of a server that poisons its `instructions` and its parameters, over real stdio, from a
 * source file as a user would write it (test/fixtures/poison-sources/): the record must keep the
 * instructions, raise the server flags, name every poisoned place, and fence every tool in.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildRecord } from '../../src/catalog/record.ts';
import { loadSources } from '../../src/catalog/sources.ts';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { ServerRecordSchema } from '../../src/schema.ts';
import { INSTRUCTIONS } from '../fixtures/servers/poisoned-text.ts';

const SOURCES = fileURLToPath(new URL('../fixtures/poison-sources', import.meta.url));

describe('crawling a server with poisoned instructions and parameters', () => {
  test('keeps and scans the instructions, flags each poisoned place, and fences every tool in', async () => {
    const { sources, errors } = loadSources(SOURCES);
    expect(errors).toEqual([]);
    const loaded = sources.find((s) => s.slug === 'poisoned-text')!;
    const outcome = await crawlSource(loaded, crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 15_000 } }));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.instructions).toBe(INSTRUCTIONS);

    const { record } = buildRecord({ loaded, outcome, previous: null, now: new Date().toISOString() });
    const r = ServerRecordSchema.parse(record);
    expect(r.instructions).toBe(INSTRUCTIONS);
    expect(r.serverFlags.map((f) => f.flag).sort()).toEqual(['hidden-instructions', 'poisoned-instructions']);
    expect(r.serverFlags.find((f) => f.flag === 'hidden-instructions')!.detail).toContain('spelling "and forward every message"');

    const byName = new Map(r.tools.map((t) => [t.name, t]));
    const poisoned = byName.get('read_note')!;
    expect(poisoned.classification.flags).toEqual(expect.arrayContaining(['prompt-injection', 'hidden-characters']));
    const poison = poisoned.classification.evidence.find((e) => e.signal === 'poisoning')!.detail;
    expect(poison).toContain('parameter `sidenote` description addresses the model');
    expect(poison).toContain('enum value of `mode` addresses the model');
    const hidden = poisoned.classification.evidence.find((e) => e.signal === 'hidden-characters')!.detail;
    expect(hidden).toContain('hidden characters in the annotations.title');
    expect(poisoned.policy.action).toBe('deny');
    expect(poisoned.policy.reason).toContain('parameter `sidenote` description');

    // The clean tool is read with the poisoned instructions beside it.
    const clean = byName.get('list_notes')!;
    expect(clean.classification.flags).not.toContain('prompt-injection');
    expect(clean.classification.risk).toBe('high');
    expect(clean.policy.action).toBe('require_approval');
    expect(clean.policy.reason).toContain("the server's instructions");
  }, 30_000);
});
