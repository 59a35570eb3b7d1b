/**
 * `npm run merge -- --out DIR SHARD_DIR...` combines the `servers/` folders that crawl shards wrote
 * into one catalog folder, keeping the freshest good record per server, and reports duplicates and
 * conflicts. Invalid files are reported by name and left out; nothing in the inputs is changed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeRecords } from '../src/catalog/shard.ts';
import { readCatalog, writeRecordAtomic } from '../src/catalog/store.ts';
import type { ServerRecord } from '../src/schema.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' } }, allowPositionals: true });
  if (!values.out || positionals.length === 0) {
    console.error('usage: npm run merge -- --out DIR SHARD_DIR [SHARD_DIR...]');
    return 2;
  }

  // 1. Read every shard (a shard folder, or its servers/ subfolder).
  const inputs: { origin: string; record: ServerRecord }[] = [];
  let invalid = 0;
  for (const dir of positionals) {
    const serversDir = existsSync(join(dir, 'servers')) ? join(dir, 'servers') : dir;
    const { records, errors } = readCatalog(serversDir);
    for (const e of errors) console.error(`${e.file}: ${e.message}`);
    invalid += errors.length;
    for (const record of records) inputs.push({ origin: dir, record });
  }

  // 2. Merge and write.
  const report = mergeRecords(inputs);
  for (const record of report.merged) writeRecordAtomic(values.out, record);

  // 3. Report.
  for (const d of report.duplicates) console.log(`duplicate  ${d.slug}: identical in ${d.from.join(', ')}`);
  for (const c of report.conflicts) console.log(`conflict   ${c.slug}: kept ${c.kept}, dropped ${c.dropped.join(', ')} (${c.why})`);
  console.log(
    `merged ${report.merged.length} servers from ${positionals.length} shards into ${values.out}: ` +
      `${report.duplicates.length} duplicates, ${report.conflicts.length} conflicts, ${invalid} invalid files`,
  );
  return report.merged.length === 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
