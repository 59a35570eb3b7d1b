/**
 * `npm run validate -- [--catalog DIR]` checks a whole catalog: every source's front matter, every
 * server record against the schema, slugs unique within each server, snapshots readable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSources } from '../src/catalog/sources.ts';
import { readCatalog } from '../src/catalog/store.ts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { catalog: { type: 'string' } } });
  const root = values.catalog ?? 'catalog';
  const problems: string[] = [];

  // 1. Sources: front matter valid, snapshots present.
  const sourcesDir = join(root, 'sources');
  let sourceCount = 0;
  if (existsSync(sourcesDir)) {
    const { sources, errors } = loadSources(sourcesDir);
    sourceCount = sources.length;
    for (const e of errors) problems.push(e.message);
    for (const s of sources) {
      if (s.source.snapshot && !existsSync(join(root, s.source.snapshot))) {
        problems.push(`${s.file}: snapshot: ${s.source.snapshot} does not exist`);
      }
    }
  }

  // 2. Records: schema, file name matches slug, unique tool slugs and names.
  const serversDir = join(root, 'servers');
  const { records, errors } = readCatalog(serversDir);
  for (const e of errors) problems.push(e.message);
  let toolCount = 0;
  for (const r of records) {
    toolCount += r.tools.length;
    const slugs = new Set<string>();
    const names = new Set<string>();
    for (const t of r.tools) {
      if (slugs.has(t.slug)) problems.push(`${join(serversDir, `${r.slug}.json`)}: tool slug "${t.slug}" is used twice`);
      if (names.has(t.name)) problems.push(`${join(serversDir, `${r.slug}.json`)}: tool name "${t.name.slice(0, 80)}" is listed twice`);
      slugs.add(t.slug);
      names.add(t.name);
      if (!(t.name in r.policy.tools)) problems.push(`${join(serversDir, `${r.slug}.json`)}: tool "${t.name.slice(0, 80)}" has no rule in the server policy`);
    }
  }

  for (const p of problems) console.error(p);
  console.log(`${sourceCount} sources, ${records.length} server records, ${toolCount} tools: ${problems.length ? `${problems.length} problems` : 'valid'}`);
  return problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
