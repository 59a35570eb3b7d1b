/**
 * `npm run discover -- [--npm-list FILE] [--catalog DIR] [--out DIR]` writes a source for every
 * server a listing names that the catalog does not hold yet (see src/discover/). Prints a line per
 * server written, refreshed, skipped or invalid, then the counts; exits 1 when a listing could not
 * be read or held invalid entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { npmListCandidate, parseNpmList, readCatalogued, summaryLines, writeCandidates, type Candidate, type Outcome } from '../src/discover/index.ts';
import { forTerminal } from '../src/terminal.ts';

export async function run(argv: string[], now = new Date()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'npm-list': { type: 'string', multiple: true },
      catalog: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const lists = values['npm-list'] ?? [];
  if (lists.length === 0) {
    console.error('usage: npm run discover -- --npm-list FILE [--catalog DIR] [--out DIR]');
    return 2;
  }
  const catalogDir = values.catalog ?? 'catalog';
  const outDir = values.out ?? join(catalogDir, 'sources');
  const at = now.toISOString();

  // 1. What the catalog holds already: sources, records and unlisted entries, by package, repository and URL.
  const catalogued = readCatalogued(catalogDir, outDir);
  for (const e of catalogued.errors) console.error(forTerminal(`warning: ${e}`, 2_000));

  // 2. Each npm list: its entries become candidates; a line that is not a package is reported.
  const outcomes: Outcome[] = [];
  for (const list of lists) {
    let text: string;
    try {
      text = readFileSync(list, 'utf8');
    } catch (e) {
      outcomes.push({ kind: 'invalid', message: `${list}: ${(e as Error).message}` });
      continue;
    }
    const { items, invalid } = parseNpmList(list, text);
    for (const message of invalid) outcomes.push({ kind: 'invalid', message });
    const candidates: Candidate[] = items.map((entry) => npmListCandidate(entry, list));
    // 3. Written, refreshed or skipped against the catalog (and against what this run wrote).
    outcomes.push(...writeCandidates(candidates, outDir, catalogued, { via: 'npm-list', from: list, at }));
  }

  // 4. Report.
  for (const line of summaryLines(outcomes)) console.log(line);
  return outcomes.some((o) => o.kind === 'invalid') ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
