/**
 * `npm run schemas -- [--out DIR] [--site URL]` writes the catalog's JSON Schemas (server record,
 * policy.json) generated from src/schema.ts. The site publishes the same documents at /schema/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stableJson } from '../src/json.ts';
import { jsonSchema, SCHEMA_NAMES } from '../site/lib/json-schemas.ts';

export function run(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, site: { type: 'string' } } });
  const out = values.out ?? 'dist/schema';
  const site = values.site ?? process.env['SITE_URL'] ?? 'https://mcp-risk-catalog.example';
  mkdirSync(out, { recursive: true });
  for (const name of SCHEMA_NAMES) {
    const file = join(out, `${name}.json`);
    writeFileSync(file, stableJson(jsonSchema(name, site)));
    console.log(`wrote ${file}`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = run(process.argv.slice(2));
