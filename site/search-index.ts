/**
 * `tsx site/search-index.ts [--site DIR]` builds the Pagefind search index of a built site (the
 * second step of `npm run build`), from the same catalog the site was built from (CATALOG_DIR, or
 * catalog/). It indexes search documents made from the records (site/lib/search-docs.ts: one per
 * group of a server's tools) through Pagefind's Node API, rather than the tool pages themselves:
 * the browser then downloads a metadata file listing thousands of groups instead of a hundred
 * thousand pages, and the index holds exactly what people search for (names, descriptions,
 * parameters). Records are read one at a time, so memory stays flat as the catalog grows. It runs
 * after Astro has exited, so the two never hold memory at the same time.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { parseRecordFile, resolveServersDir } from './lib/catalog.ts';
import { searchDocuments } from './lib/search-docs.ts';

export type IndexSummary = { servers: number; tools: number; documents: number };

/** Documents sent to Pagefind before waiting for its answers: enough to keep its service busy. */
const IN_FLIGHT = 64;

export async function buildSearchIndex(siteDir: string, catalogDir: string): Promise<IndexSummary> {
  const { serversDir } = resolveServersDir(catalogDir);
  const files = readdirSync(serversDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const created = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!created.index) throw new Error(`pagefind: ${created.errors.join('; ')}`);
  const index = created.index;
  const summary: IndexSummary = { servers: 0, tools: 0, documents: 0 };
  try {
    let pending: Promise<void>[] = [];
    for (const name of files) {
      const file = join(serversDir, name);
      const record = parseRecordFile(file, readFileSync(file, 'utf8'));
      summary.servers++;
      summary.tools += record.tools.length;
      for (const doc of searchDocuments(record)) {
        summary.documents++;
        pending.push(
          index.addHTMLFile({ url: doc.url, content: doc.html }).then((r) => {
            if (r.errors.length) throw new Error(`${file}: pagefind: ${r.errors.join('; ')}`);
          }),
        );
        if (pending.length >= IN_FLIGHT) {
          await Promise.all(pending);
          pending = [];
        }
      }
    }
    await Promise.all(pending);
    // Bundles of an earlier build (older builds wrote pagefind-1/, pagefind-2/ … as well) go first.
    for (const dir of readdirSync(siteDir)) if (/^pagefind(-\d+)?$/.test(dir)) rmSync(join(siteDir, dir), { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  return summary;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { site: { type: 'string' } } });
  const site = values.site ?? 'dist';
  if (!existsSync(site)) {
    console.error(`${site}: no built site here (run astro build first)`);
    return 2;
  }
  const catalog = process.env['CATALOG_DIR'] || 'catalog';
  const s = await buildSearchIndex(site, catalog);
  console.log(`search index ${join(site, 'pagefind')}/: ${s.tools} tools of ${s.servers} servers in ${s.documents} documents`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
