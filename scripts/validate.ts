/**
 * `npm run validate -- [--catalog DIR]` checks a whole catalog: every source's front matter and
 * snapshot, then every server record against the schema and against a recomputation from its own
 * tools (classifications, rules, hashes, slugs), with no orphan record, no duplicate name, no tool
 * without a rule of its own, no over-deep nesting and no date that is not a date or lies ahead;
 * then every entry of a server that could not be listed (unlisted/): its schema, file name,
 * source and dates, and no record of the same server. Every problem is a line naming the file
 * (and the tool); printed text is safe for a terminal.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRecord, checkUnlisted } from '../src/catalog/integrity.ts';
import { readRecordFiles, readUnlistedFiles, unlistedDirOf } from '../src/catalog/store.ts';
import { loadSources } from '../src/catalog/sources.ts';
import { forTerminal } from '../src/terminal.ts';

export async function run(argv: string[], now = Date.now()): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { catalog: { type: 'string' } } });
  const root = values.catalog ?? 'catalog';
  const problems: string[] = [];

  // 1. Sources: front matter valid, snapshots present. A source whose front matter is broken still
  //    names its server, so its record is not reported as an orphan on top.
  const sourcesDir = join(root, 'sources');
  let sourceCount = 0;
  let sourceSlugs: Set<string> | null = null;
  if (existsSync(sourcesDir)) {
    const { sources, errors } = loadSources(sourcesDir);
    sourceCount = sources.length;
    sourceSlugs = new Set(sources.map((s) => s.slug));
    for (const e of errors) {
      problems.push(e.message);
      sourceSlugs.add(e.file.split(/[\\/]/).at(-1)!.replace(/\.md$/, ''));
    }
    for (const s of sources) {
      if (s.source.snapshot && !existsSync(join(root, s.source.snapshot))) {
        problems.push(`${s.file}: snapshot: ${s.source.snapshot} does not exist`);
      }
    }
  }

  // 2. Records: the schema, then every integrity check (src/catalog/integrity.ts).
  const { records, errors } = readRecordFiles(join(root, 'servers'));
  for (const e of errors) problems.push(e.message);
  let toolCount = 0;
  for (const { file, record } of records) {
    toolCount += record.tools.length;
    problems.push(...checkRecord(record, { file, now, sources: sourceSlugs }));
  }

  // 3. Servers not listed yet: the schema, then the checks that apply to an entry. A missing
  //    unlisted/ folder holds none.
  const listed = new Set(records.map((r) => r.record.slug));
  const unlisted = readUnlistedFiles(unlistedDirOf(join(root, 'servers')));
  for (const e of unlisted.errors) problems.push(e.message);
  for (const { file, entry } of unlisted.entries) problems.push(...checkUnlisted(entry, { file, now, sources: sourceSlugs, listed }));

  // 4. Report: one line per problem, then the count.
  for (const p of problems) console.error(forTerminal(p, 2_000));
  const unlistedCount = unlisted.entries.length + unlisted.errors.length;
  console.log(
    `${sourceCount} sources, ${records.length} server records, ${toolCount} tools, ${unlistedCount} unlisted: ${problems.length ? `${problems.length} problems` : 'valid'}`,
  );
  return problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
