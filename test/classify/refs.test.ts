/** Local `$ref`/`$defs` resolution for the classifier: what it reads, and that no schema makes it loop. */
import { describe, expect, it } from 'vitest';
import { prepareTool } from '../../src/classify/prepare.ts';
import { MAX_HOPS, resolveRef, schemaProperties } from '../../src/classify/refs.ts';

const props = (schema: unknown) => schemaProperties(schema, 64).map(([name, spec]) => [name, (spec as { type?: string }).type ?? null]);

describe('schemaProperties', () => {
  it.each([
    ['plain properties', { type: 'object', properties: { a: { type: 'string' } } }, [['a', 'string']]],
    ['a property through $defs', { $defs: { Q: { type: 'string' } }, properties: { query: { $ref: '#/$defs/Q' } } }, [['query', 'string']]],
    ['a property through draft-07 definitions', { definitions: { N: { type: 'number' } }, properties: { n: { $ref: '#/definitions/N' } } }, [['n', 'number']]],
    ['a root that is a reference', { $ref: '#/$defs/Args', $defs: { Args: { type: 'object', properties: { path: { type: 'string' } } } } }, [['path', 'string']]],
    ['a plain-name $anchor', { $defs: { X: { $anchor: 'ident', type: 'integer' } }, properties: { id: { $ref: '#ident' } } }, [['id', 'integer']]],
    ['an escaped pointer', { $defs: { 'a/b': { type: 'boolean' } }, properties: { flag: { $ref: '#/$defs/a~1b' } } }, [['flag', 'boolean']]],
    ['oneOf branches', { type: 'object', oneOf: [{ properties: { id: { type: 'string' } } }, { properties: { name: { type: 'string' } } }] }, [['id', 'string'], ['name', 'string']]],
    ['allOf through a reference', { allOf: [{ $ref: '#/$defs/Base' }], $defs: { Base: { properties: { token: { type: 'string' } } } } }, [['token', 'string']]],
    ['a remote reference, left alone', { properties: { x: { $ref: 'https://example.com/schema.json' } } }, [['x', null]]],
    ['a dangling reference, left alone', { properties: { x: { $ref: '#/$defs/Missing' } } }, [['x', null]]],
    ['a cycle', { $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } }, properties: { x: { $ref: '#/$defs/A' } } }, [['x', null]]],
    ['a self-reference', { $defs: { A: { $ref: '#/$defs/A' } }, properties: { x: { $ref: '#/$defs/A' } } }, [['x', null]]],
    ['not an object', ['a'], []],
  ] as const)('%s', (_what, schema, expected) => {
    expect(props(schema)).toEqual(expected);
  });

  it('keeps the description written beside a reference over the target\'s own', () => {
    const schema = { $defs: { S: { type: 'string', description: 'generic' } }, properties: { sql: { $ref: '#/$defs/S', description: 'The SQL statement to run' } } };
    expect(schemaProperties(schema, 64)[0]![1]).toEqual({ type: 'string', description: 'The SQL statement to run' });
  });

  it(`stops a chain of references after ${MAX_HOPS} steps`, () => {
    const defs = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`D${i}`, i === 39 ? { type: 'string' } : { $ref: `#/$defs/D${i + 1}` }]));
    expect(resolveRef({ $defs: defs }, { $ref: '#/$defs/D30' })).toEqual({ type: 'string' });
    expect((resolveRef({ $defs: defs }, { $ref: '#/$defs/D0' }) as { type?: string }).type).toBeUndefined();
  });
});

describe('the classifier reads referenced parameters', () => {
  it('sees a parameter defined in $defs with its type and description', () => {
    const tool = prepareTool(
      {
      name: 'run_statement',
      description: 'Runs a statement.',
      inputSchema: { type: 'object', $defs: { Sql: { type: 'string', description: 'SQL query to execute' } }, properties: { sql: { $ref: '#/$defs/Sql' } } },
      },
      new Set(),
    );
    expect(tool.params.map((p) => [p.name, p.type, p.about])).toEqual([['sql', 'string', 'sql query to execute']]);
  });
});
