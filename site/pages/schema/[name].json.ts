import type { APIRoute, GetStaticPaths } from 'astro';
import { stableJson } from '../../../src/policy/export.ts';
import { jsonSchema, SCHEMA_NAMES, type SchemaName } from '../../lib/json-schemas.ts';

export const getStaticPaths = (() => SCHEMA_NAMES.map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  new Response(stableJson(jsonSchema(params['name'] as SchemaName, site ?? 'https://example.invalid')), {
    headers: { 'Content-Type': 'application/schema+json' },
  });
