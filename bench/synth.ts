/**
 * Synthetic catalogs for the scale benchmark: the real records of a catalog (live crawls and
 * snapshots) copied under new server names until the wanted number of tools is reached. Tools,
 * descriptions, schemas, classifications and policies stay exactly as recorded, so pages, search
 * text and policies weigh what real ones do; only the server slug and name are new. A catalog may
 * also hold servers that could not be listed (unlisted/), each with a cause, an error of the size
 * a failed start prints and the starts tried, as the crawler writes them.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../src/json.ts';
import { parseRecord } from '../src/catalog/store.ts';
import { UNLISTED_CAUSE_VALUES } from '../src/taxonomy.ts';
import type { ServerRecord, Unlisted } from '../src/schema.ts';

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

export type SyntheticCatalog = { dir: string; servers: number; tools: number; slugs: string[]; unlisted: number };

/**
 * The n-th synthetic unlisted server: causes in turn, an error like a failed start's (a message
 * and a stack of a few hundred characters), a variable it named and two starts tried.
 */
export function syntheticUnlisted(n: number, at = '2026-12-01T08:00:00Z'): Unlisted {
  const cause = UNLISTED_CAUSE_VALUES[n % UNLISTED_CAUSE_VALUES.length]!;
  const variable = `SERVICE_${n}_API_KEY`;
  const error = `the server exited (code 1) before answering: Error: ${variable} is required\n${'    at main (/opt/mcp/server/node_modules/pkg/dist/index.js:12:11)\n'.repeat(4)}`;
  return {
    slug: `unlisted-server-${n}`,
    name: `Unlisted Server ${n}`,
    about: '',
    transport: 'npm',
    package: `@synthetic/unlisted-server-${n}`,
    packageVersion: '1.0.0',
    repository: null,
    homepage: null,
    vendor: n % 3 === 0 ? 'synthetic' : null,
    discovered: { via: 'npm-list', from: 'npm-mcp-candidates.tsv', at },
    cause,
    error,
    needs: [variable],
    attempts: [
      { args: [], env: [], why: 'as the source says', result: `exited (code 1): Error: ${variable} is required` },
      { args: [], env: [variable], why: `stderr named ${variable}`, result: 'exited (code 1): invalid key' },
    ],
    firstAttemptAt: at,
    lastAttemptAt: at,
    durationMs: 16_000,
    installMs: 15_000,
    sessionMs: 1_000,
    sandbox: { sandbox: 'bubblewrap', network: false, limits: ['memory', 'cpu', 'files'] },
  };
}

/** Writes `count` synthetic unlisted entries into `<dir>/unlisted/`. */
export function writeSyntheticUnlisted(dir: string, count: number): number {
  const unlisted = join(dir, 'unlisted');
  mkdirSync(unlisted, { recursive: true });
  for (let n = 1; n <= count; n++) {
    const entry = syntheticUnlisted(n);
    writeFileSync(join(unlisted, `${entry.slug}.json`), stableJson(entry));
  }
  return count;
}

/**
 * Writes `<dir>/servers/*.json` with exactly `toolCount` tools, cycling through `records`, and
 * `unlisted` entries of servers not listed; copies the evaluation report so the Methodology page
 * has its figures.
 */
export function writeSyntheticCatalog(dir: string, toolCount: number, records: readonly ServerRecord[], evalFile?: string, unlisted = 0): SyntheticCatalog {
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
  return { dir, servers: slugs.length, tools, slugs, unlisted: unlisted ? writeSyntheticUnlisted(dir, unlisted) : 0 };
}

/**
 * A catalog of `servers` servers for the servers index: `unlisted` of them not listed, the rest
 * copies of the real records cut to at most `toolsPerServer` tools each (the index weighs the same
 * whatever the tool count; fewer tools keep the catalog small on disk).
 */
export function writeServersCatalog(dir: string, servers: number, unlisted: number, records: readonly ServerRecord[], toolsPerServer = 3): SyntheticCatalog {
  if (!records.length) throw new Error('no records to copy');
  rmSync(dir, { recursive: true, force: true });
  const serversDir = join(dir, 'servers');
  mkdirSync(serversDir, { recursive: true });
  const slugs: string[] = [];
  let tools = 0;
  for (let n = 1; n <= servers - unlisted; n++) {
    const base = records[(n - 1) % records.length]!;
    const record = copyRecord(base, n, Math.min(base.tools.length, toolsPerServer));
    writeFileSync(join(serversDir, `${record.slug}.json`), stableJson(record));
    slugs.push(record.slug);
    tools += record.tools.length;
  }
  return { dir, servers: slugs.length, tools, slugs, unlisted: writeSyntheticUnlisted(dir, unlisted) };
}
