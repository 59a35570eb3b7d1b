/**
 * The JSON Schemas published with the site, generated from the shared zod schemas so they cannot
 * drift from what the crawler writes and the site reads.
 */
import { z } from 'zod';
import { PolicyLayerSchema } from '../../src/policy/policylayer.ts';
import { ServerRecordSchema } from '../../src/schema.ts';

export const SCHEMA_NAMES = ['server-record', 'policy'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const TITLES: Record<SchemaName, { schema: z.ZodType; title: string }> = {
  'server-record': { schema: ServerRecordSchema, title: 'MCP tool risk catalog: server record (catalog/servers/<slug>.json)' },
  // The policy.json the pages show is in PolicyLayer's dialect; records keep our own rule shape.
  policy: { schema: PolicyLayerSchema, title: "policy.json in PolicyLayer's dialect: a default, hidden tools and a rule per tool" },
};

/** One schema as a JSON Schema (draft 2020-12) document with an absolute $id under `site`. */
export function jsonSchema(name: SchemaName, site: string | URL): Record<string, unknown> {
  const { schema, title } = TITLES[name];
  const { $schema, ...generated } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, $id: new URL(`/schema/${name}.json`, site).href, title, ...generated };
}
