/**
 * `npm run validate -- [--catalog DIR]` checks a whole catalog: every source's front matter and
 * snapshot, then every server record against the schema and against a recomputation from its own
 * tools (classifications, rules, hashes, slugs), with no orphan record, no duplicate name, no tool
 * without a rule of its own, no over-deep nesting and no date that is not a date or lies ahead.
 * Every problem is a line naming the file (and the tool); printed text is safe for a terminal.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRecord } from '../src/catalog/integrity.ts';
import { readRecordFiles } from '../src/catalog/store.ts';
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

  // 3. Report: one line per problem, then the count.
  for (const p of problems) console.error(forTerminal(p, 2_000));
  console.log(`${sourceCount} sources, ${records.length} server records, ${toolCount} tools: ${problems.length ? `${problems.length} problems` : 'valid'}`);
  return problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
