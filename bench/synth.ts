/**
 * Synthetic catalogs for the scale benchmark: the real records of a catalog (live crawls and
 * snapshots) copied under new server names until the wanted number of tools is reached. Tools,
 * descriptions, schemas, classifications and policies stay exactly as recorded, so pages, search
 * text and policies weigh what real ones do; only the server slug and name are new.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../src/json.ts';
import { parseRecord } from '../src/catalog/store.ts';
import type { ServerRecord } from '../src/schema.ts';

/** Every record of a catalog's servers/ folder, in file order. */
export function readRecords(catalogDir: string): ServerRecord[] {
  const dir = join(catalogDir, 'servers');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseRecord(join(dir, f), readFileSync(join(dir, f), 'utf8')))
    .filter((r) => r.tools.length > 0);
}

/** The n-th copy of a record: a new slug and name; the last copy may keep only its first tools. */
export function copyRecord(base: ServerRecord, n: number, keepTools = base.tools.length): ServerRecord {
  const tools = base.tools.slice(0, keepTools);
  const kept = new Set(tools.map((t) => t.name));
  const policyTools = Object.fromEntries(Object.entries(base.policy.tools).filter(([name]) => kept.has(name)));
  // Slugs stay within the 80 characters the schema allows.
  const slug = `${base.slug.slice(0, 60)}-s${n}`;
  return { ...base, slug, name: `${base.name} (copy ${n})`, tools, policy: { ...base.policy, tools: policyTools } };
}

export type SyntheticCatalog = { dir: string; servers: number; tools: number; slugs: string[] };

/**
 * Writes `<dir>/servers/*.json` with exactly `toolCount` tools, cycling through `records`, and
 * copies the evaluation report so the Methodology page has its figures.
 */
export function writeSyntheticCatalog(dir: string, toolCount: number, records: readonly ServerRecord[], evalFile?: string): SyntheticCatalog {
  if (!records.length) throw new Error('no records to copy');
  rmSync(dir, { recursive: true, force: true });
  const servers = join(dir, 'servers');
  mkdirSync(servers, { recursive: true });
  const slugs: string[] = [];
  let tools = 0;
  for (let n = 1; tools < toolCount; n++) {
    const base = records[(n - 1) % records.length]!;
    const record = copyRecord(base, n, Math.min(base.tools.length, toolCount - tools));
    writeFileSync(join(servers, `${record.slug}.json`), stableJson(record));
    slugs.push(record.slug);
    tools += record.tools.length;
  }
  if (evalFile && existsSync(evalFile)) copyFileSync(evalFile, join(dir, 'eval.json'));
  return { dir, servers: slugs.length, tools, slugs };
}
