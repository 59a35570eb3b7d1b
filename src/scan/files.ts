/**
 * The scan's file side: loading the catalog (a records folder or a published scan catalog JSON),
 * reading config files (a missing or unreadable one is an error naming it, and the scan goes on)
 * and finding the usual config locations for `--auto`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadSources } from '../catalog/sources.ts';
import { readCatalog, writeFileAtomic } from '../catalog/store.ts';
import { sortedJson } from '../json.ts';
import { formatIssues } from '../schema.ts';
import { scanCatalog, ScanCatalogSchema, scanEntry, type ScanCatalog } from './catalog.ts';
import { readConfig, type ConfigRead } from './configs.ts';

/** A catalog from a records folder (its sources beside it add URLs and commands) or a scan catalog JSON file. */
export function loadScanCatalog(path: string): ScanCatalog {
  if (statSync(path).isFile()) {
    const parsed = ScanCatalogSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path}: not a scan catalog: ${formatIssues(parsed.error)}`);
    return parsed.data;
  }
  const { records } = readCatalog(path);
  const sourcesDir = join(path, '..', 'sources');
  const sources = existsSync(sourcesDir) ? new Map(loadSources(sourcesDir).sources.map((s) => [s.slug, s.source])) : new Map();
  const newest = records.reduce((m, r) => (r.provenance.crawledAt > m ? r.provenance.crawledAt : m), '');
  return scanCatalog(records.map((r) => scanEntry(r, sources.get(r.slug), hashJson)), newest);
}

/** A short content hash of a JSON value, key order ignored. */
export function hashJson(value: unknown): string {
  return `sha256:${createHash('sha256').update(sortedJson(value ?? null)).digest('hex').slice(0, 16)}`;
}

/** One config file; `keepEnv` names the environment variables whose values are kept (see readConfig). */
export function readConfigFile(file: string, keepEnv: readonly string[] = []): ConfigRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { servers: [], errors: [{ file, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  return readConfig(file, text, undefined, keepEnv);
}

/** Where clients keep their configs, relative to a project folder and a home folder. */
export function usualLocations(project: string, home: string = homedir()): string[] {
  const inProject = ['.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', '.roo/mcp.json'].map((p) => resolve(project, p));
  const inHome = [
    '.claude.json',
    '.cursor/mcp.json',
    '.codeium/windsurf/mcp_config.json',
    '.codex/config.toml',
    'Library/Application Support/Claude/claude_desktop_config.json',
    '.config/Claude/claude_desktop_config.json',
    'Library/Application Support/Code/User/mcp.json',
    '.config/Code/User/mcp.json',
    '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    'Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    '.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
  ].map((p) => join(home, p));
  return [...new Set([...inProject, ...inHome])].filter((f) => existsSync(f));
}

export function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Write a file atomically, first copying what was there to `<file>.bak` (or `.bak.2`, `.bak.3`, …
 * when a backup exists already, so no earlier backup is lost). Returns the backup's path, or null
 * when there was nothing to back up.
 */
export function writeWithBackup(file: string, text: string): string | null {
  mkdirSync(dirname(file), { recursive: true });
  let backup: string | null = null;
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') === text) return null;
    backup = `${file}.bak`;
    for (let n = 2; existsSync(backup); n++) backup = `${file}.bak.${n}`;
    copyFileSync(file, backup);
  }
  writeFileAtomic(file, text);
  return backup;
}
