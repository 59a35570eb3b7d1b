/**
 * `npm run discover -- [--npm-list FILE] [--registry URL] [--config FILE] [--catalog DIR] [--out DIR]
 * [--updated-since ISO | --full]` writes a source for every server a listing names that the catalog
 * does not hold yet (see src/discover/). Prints a line per server written, refreshed, skipped or
 * invalid, then the counts; exits 1 when a listing could not be read or held invalid entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  fetchServerList,
  lastRunOf,
  npmListCandidate,
  parseConfig,
  parseNpmList,
  readCatalogued,
  readState,
  registryEntry,
  stateFileFor,
  summaryLines,
  writeCandidates,
  writeState,
  type Candidate,
  type FetchLimits,
  type Outcome,
} from '../src/discover/index.ts';
import { forTerminal } from '../src/terminal.ts';

const USAGE = 'usage: npm run discover -- [--npm-list FILE] [--registry URL] [--config FILE] [--catalog DIR] [--out DIR] [--updated-since ISO | --full]';

export async function run(argv: string[], now = new Date(), limits: Partial<FetchLimits> = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'npm-list': { type: 'string', multiple: true },
        registry: { type: 'string', multiple: true },
        config: { type: 'string', multiple: true },
        catalog: { type: 'string' },
        out: { type: 'string' },
        'updated-since': { type: 'string' },
        full: { type: 'boolean' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const lists = values['npm-list'] ?? [];
  const registries = values.registry ?? [];
  const configs = values.config ?? [];
  const since = values['updated-since'];
  if (lists.length + registries.length + configs.length === 0 || (since !== undefined && Number.isNaN(Date.parse(since)))) {
    console.error(since !== undefined && Number.isNaN(Date.parse(since)) ? `--updated-since ${since}: not a date\n${USAGE}` : USAGE);
    return 2;
  }
  const catalogDir = values.catalog ?? 'catalog';
  const outDir = values.out ?? join(catalogDir, 'sources');
  const at = now.toISOString();
  const outcomes: Outcome[] = [];
  const read = (file: string): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      outcomes.push({ kind: 'invalid', message: `${file}: ${(e as Error).message}` });
      return null;
    }
  };

  // 1. What the catalog holds already: sources, records and unlisted entries, by package, repository and URL.
  const catalogued = readCatalogued(catalogDir, outDir);
  for (const e of catalogued.errors) console.error(forTerminal(`warning: ${e}`, 2_000));

  // 2. npm lists: each line a package; a line that is not one is reported with its file and line.
  for (const list of lists) {
    const text = read(list);
    if (text === null) continue;
    const { items, invalid } = parseNpmList(list, text);
    for (const message of invalid) outcomes.push({ kind: 'invalid', message });
    const candidates: Candidate[] = items.map((entry) => npmListCandidate(entry, list));
    outcomes.push(...writeCandidates(candidates, outDir, catalogued, { via: 'npm-list', from: list, at }));
  }

  // 3. Registries: every page, or what changed since the last complete read (the state file beside the output).
  const stateFile = stateFileFor(outDir);
  for (const registry of registries) {
    let state;
    try {
      state = readState(stateFile);
    } catch (e) {
      outcomes.push({ kind: 'invalid', message: (e as Error).message });
      continue;
    }
    const updatedSince = since ?? (values.full ? undefined : lastRunOf(state, registry));
    let fetched;
    try {
      fetched = await fetchServerList(registry, { updatedSince, limits });
    } catch (e) {
      outcomes.push({ kind: 'invalid', message: `${registry}: ${(e as Error).message}` });
      continue;
    }
    console.log(forTerminal(`${registry}: ${fetched.pages} page(s), ${fetched.entries.length} entries${updatedSince ? ` updated since ${updatedSince}` : ''}`, 500));
    const candidates: Candidate[] = [];
    for (const entry of fetched.entries) {
      const result = registryEntry(entry, registry);
      if (result.kind === 'candidate') candidates.push(result.candidate);
      else outcomes.push(result);
    }
    outcomes.push(...writeCandidates(candidates, outDir, catalogued, { via: 'registry', from: registry, at }));
    if (fetched.error) outcomes.push({ kind: 'invalid', message: `${registry}: ${fetched.error}` });
    else writeState(stateFile, state, registry, at);
  }

  // 4. Client configs: each entry by what it runs; no value of its environment is copied.
  for (const config of configs) {
    const text = read(config);
    if (text === null) continue;
    const { candidates, invalid } = parseConfig(config, text);
    for (const message of invalid) outcomes.push({ kind: 'invalid', message });
    outcomes.push(...writeCandidates(candidates, outDir, catalogued, { via: 'config', from: config, at }));
  }

  // 5. Report.
  for (const line of summaryLines(outcomes)) console.log(line);
  return outcomes.some((o) => o.kind === 'invalid') ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run(process.argv.slice(2));
