/**
 * `npm run classify -- [--catalog DIR]` re-classifies a catalog in place (no crawl);
 * `npm run classify -- --tools FILE.json` classifies a raw tools/list result and prints JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classifyTools, sanitizeTools } from '../src/catalog/record.ts';
import { readCatalog, writeRecordAtomic } from '../src/catalog/store.ts';
import { reclassifyRecord } from '../src/catalog/record.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { catalog: { type: 'string' }, tools: { type: 'string' }, server: { type: 'string' } },
  });

  if (values.tools) {
    // 1. Read the raw tools/list result; tools that fail validation are reported on stderr.
    const file = values.tools;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`${file}: ${(e as Error).message}`);
      process.exitCode = 2;
      return;
    }
    const list = Array.isArray(json) ? json : (json as { tools?: unknown }).tools;
    if (!Array.isArray(list)) {
      console.error(`${file}: expected {"tools": [...]} or an array of tools`);
      process.exitCode = 2;
      return;
    }
    const { tools, warnings } = sanitizeTools(list);
    for (const w of warnings) console.error(`${file}: ${w}`);
    // 2. Classify them as one server and print the contract's array.
    const name = values.server ?? 'server';
    const { tools: records } = classifyTools(tools, { slug: 'server', name, about: '' });
    const out = records.map((t) => ({
      name: t.name,
      effect: t.classification.effect,
      risk: t.classification.risk,
      confidence: t.classification.confidence,
      evidence: t.classification.evidence,
      flags: t.classification.flags,
      // A multi-action tool's actions, each with its effect and risk.
      ...(t.classification.actions ? { actions: t.classification.actions } : {}),
      policy: t.policy,
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  // Re-classify every record of a catalog in place.
  const dir = join(values.catalog ?? 'catalog', 'servers');
  const { records, errors } = readCatalog(dir);
  for (const e of errors) console.error(e.message);
  let tools = 0;
  for (const record of records) {
    writeRecordAtomic(dir, reclassifyRecord(record));
    tools += record.tools.length;
  }
  console.log(`re-classified ${tools} tools of ${records.length} servers in ${dir}${errors.length ? `; ${errors.length} invalid files left untouched` : ''}`);
  if (errors.length) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
