import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/gen-schemas.ts';
import { jsonSchema } from '../../site/lib/json-schemas.ts';

const out = mkdtempSync(join(tmpdir(), 'schemas-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('JSON Schemas', () => {
  test('are generated from the zod schemas with an absolute $id', () => {
    const policy = jsonSchema('policy', 'https://catalog.example');
    expect(policy['$id']).toBe('https://catalog.example/schema/policy.json');
    expect(policy['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((policy['properties'] as Record<string, { enum?: string[] }>)['default']?.enum).toEqual(['allow', 'deny']);
    const record = jsonSchema('server-record', 'https://catalog.example');
    expect(record['required']).toEqual(expect.arrayContaining(['slug', 'provenance', 'policy', 'tools']));
  });

  test('npm run schemas writes both files', () => {
    expect(run(['--out', out, '--site', 'https://catalog.example'])).toBe(0);
    for (const name of ['server-record', 'policy']) {
      const schema = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'));
      expect(schema.$id).toBe(`https://catalog.example/schema/${name}.json`);
    }
  });
});
