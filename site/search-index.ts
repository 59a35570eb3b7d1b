/**
 * `tsx site/search-index.ts [--site DIR] [--shard-tools N]` builds the Pagefind search index of a built site (the
 * second step of `npm run build`), from the same catalog the site was built from (CATALOG_DIR, or
 * catalog/). It indexes search documents made from the records (site/lib/search-docs.ts: one per
 * group of a server's tools) through Pagefind's Node API, rather than the tool pages themselves:
 * the browser then downloads a metadata file listing thousands of groups instead of a hundred
 * thousand pages, and the index holds exactly what people search for (names, descriptions,
 * parameters). Records are read one at a time. Pagefind holds its whole index in memory (about
 * 1.8 GB for 100,000 tools, measured), so a large catalog is indexed in shards of whole servers,
 * one Pagefind process after another: `pagefind/` holds the first and `pagefind/shards.json`
 * names the others, which the search page merges. It runs after Astro has exited, so the two
 * never hold memory at the same time.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import type { PagefindIndex } from 'pagefind';
import { parseRecordFile, resolveServersDir } from './lib/catalog.ts';
import { searchDocuments, type SearchDocument } from './lib/search-docs.ts';
import { oneLine } from '../src/text.ts';

export type IndexSummary = { servers: number; tools: number; documents: number; shards: number };

/** Tools per shard: about 0.9 GB of Pagefind memory at the measured rate. */
export const DEFAULT_SHARD_TOOLS = 50_000;

/** Bundle folder of the n-th shard, relative to the site root. */
export function bundleDir(n: number): string {
  return n === 0 ? 'pagefind' : `pagefind-${n}`;
}

/** A search document named for an error message: its tools, a few at most, as one clean line. */
function documentNamed(doc: SearchDocument): string {
  const names = doc.tools.slice(0, 5).map((n) => `"${oneLine(n, 80)}"`);
  const more = doc.tools.length > names.length ? ` and ${doc.tools.length - names.length} more` : '';
  return `search document for tool${doc.tools.length === 1 ? '' : 's'} ${names.join(', ')}${more}`;
}

/** Documents sent to Pagefind before waiting for its answers: enough to keep its service busy. */
const IN_FLIGHT = 64;

export async function buildSearchIndex(siteDir: string, catalogDir: string, maxShardTools = DEFAULT_SHARD_TOOLS): Promise<IndexSummary> {
  const { serversDir } = resolveServersDir(catalogDir);
  const files = readdirSync(serversDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  // Bundles of an earlier build go first, so a catalog that shrank leaves no shard behind.
  for (const dir of readdirSync(siteDir)) if (/^pagefind(-\d+)?$/.test(dir)) rmSync(join(siteDir, dir), { recursive: true, force: true });
  const summary: IndexSummary = { servers: 0, tools: 0, documents: 0, shards: 0 };
  let index: PagefindIndex | null = null;
  let toolsInShard = 0;
  let pending: Promise<void>[] = [];
  const finish = async () => {
    if (!index) return;
    await Promise.all(pending);
    pending = [];
    const written = await index.writeFiles({ outputPath: join(siteDir, bundleDir(summary.shards)) });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    // Closing ends Pagefind's process, and with it the memory of this shard.
    await pagefind.close();
    index = null;
    summary.shards++;
  };
  try {
    for (const name of files) {
      const file = join(serversDir, name);
      const record = parseRecordFile(file, readFileSync(file, 'utf8'));
      if (!record.tools.length) continue;
      if (index && toolsInShard + record.tools.length > maxShardTools) await finish();
      if (!index) {
        const created = await pagefind.createIndex({ forceLanguage: 'en' });
        if (!created.index) throw new Error(`pagefind: ${created.errors.join('; ')}`);
        index = created.index;
        toolsInShard = 0;
      }
      const current: PagefindIndex = index;
      summary.servers++;
      summary.tools += record.tools.length;
      toolsInShard += record.tools.length;
      for (const doc of searchDocuments(record)) {
        summary.documents++;
        pending.push(
          current.addHTMLFile({ url: doc.url, content: doc.html }).then(
            (r) => {
              if (r.errors.length) throw new Error(`${file}: ${documentNamed(doc)}: pagefind: ${r.errors.join('; ')}`);
            },
            (e: unknown) => {
              throw new Error(`${file}: ${documentNamed(doc)}: pagefind: ${oneLine(e instanceof Error ? e.message : String(e), 500)}`);
            },
          ),
        );
        if (pending.length >= IN_FLIGHT) {
          await Promise.all(pending);
          pending = [];
        }
      }
    }
    await finish();
  } finally {
    await pagefind.close();
  }
  if (summary.shards) {
    const others = Array.from({ length: summary.shards - 1 }, (_, i) => `/${bundleDir(i + 1)}/`);
    writeFileSync(join(siteDir, bundleDir(0), 'shards.json'), `${JSON.stringify({ merge: others })}\n`);
  }
  return summary;
}

/** `--shard-tools`, else SEARCH_SHARD_TOOLS, else the default. */
export function shardTools(flag: string | undefined): number {
  const n = Number(flag ?? process.env['SEARCH_SHARD_TOOLS']);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SHARD_TOOLS;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { site: { type: 'string' }, 'shard-tools': { type: 'string' } } });
  const site = values.site ?? 'dist';
  if (!existsSync(site)) {
    console.error(`${site}: no built site here (run astro build first)`);
    return 2;
  }
  const catalog = process.env['CATALOG_DIR'] || 'catalog';
  const s = await buildSearchIndex(site, catalog, shardTools(values['shard-tools']));
  console.log(`search index ${join(site, 'pagefind')}/: ${s.tools} tools of ${s.servers} servers in ${s.documents} documents, ${s.shards} ${s.shards === 1 ? 'shard' : 'shards'}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
