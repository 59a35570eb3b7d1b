/**
 * `npm run merge -- --out DIR SHARD_DIR...` combines the `servers/` folders that crawl shards wrote
 * into one catalog folder. No shard is trusted: every copy is checked as `validate` checks it, and a
 * forged or future-dated copy is rejected with its problems; of the rest the freshest good record
 * per server is kept, and every other copy is reported as a duplicate or with what differs. Invalid
 * files are reported by name and left out; nothing in the inputs is changed. Printed text is safe
 * for a terminal.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeRecords, type MergeInput } from '../src/catalog/shard.ts';
import { readRecordFiles, writeRecordAtomic } from '../src/catalog/store.ts';
import { forTerminal } from '../src/terminal.ts';

const say = (line: string) => console.log(forTerminal(line, 4_000));
const warn = (line: string) => console.error(forTerminal(line, 4_000));

export async function run(argv: string[], now = Date.now()): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' } }, allowPositionals: true });
  if (!values.out || positionals.length === 0) {
    console.error('usage: npm run merge -- --out DIR SHARD_DIR [SHARD_DIR...]');
    return 2;
  }

  // 1. Read every shard (a shard folder, or its servers/ subfolder).
  const inputs: MergeInput[] = [];
  let invalid = 0;
  for (const dir of positionals) {
    const serversDir = existsSync(join(dir, 'servers')) ? join(dir, 'servers') : dir;
    const { records, errors } = readRecordFiles(serversDir);
    for (const e of errors) warn(e.message);
    invalid += errors.length;
    for (const { file, record } of records) inputs.push({ origin: dir, file, record });
  }

  // 2. Check, merge and write.
  const report = mergeRecords(inputs, now);
  for (const record of report.merged) writeRecordAtomic(values.out, record);

  // 3. Report: rejected copies with every problem, then duplicates and conflicts.
  for (const r of report.rejected) {
    warn(`rejected   ${r.slug} from ${r.origin}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
    for (const p of r.problems) warn(`  ${p}`);
  }
  for (const d of report.duplicates) say(`duplicate  ${d.slug}: the same record in ${d.from.join(', ')}`);
  for (const c of report.conflicts) {
    say(`conflict   ${c.slug}: kept ${c.kept} (${c.why})`);
    for (const d of c.dropped) say(`  ${d.origin}: ${d.differences.length ? `differs in ${d.differences.join('; ')}` : 'the same record'}`);
  }
  say(
    `merged ${report.merged.length} servers from ${positionals.length} shards into ${values.out}: ` +
      `${report.duplicates.length} duplicates, ${report.conflicts.length} conflicts, ` +
      `${report.rejected.length} rejected copies, ${invalid} invalid files`,
  );
  // A rejected copy costs only itself: the catalog keeps its last good record of that server.
  return report.merged.length === 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
