/**
 * What the catalog already holds, by every key a listing can name a server by: its npm package,
 * its repository and its remote URL. Sources (hand-written or discovered), records and unlisted
 * entries all count, so a server is never added twice; the slugs in use are kept too, so a new
 * source never takes one.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadSources, type LoadedSource } from '../catalog/sources.ts';
import { readRecordFiles, readUnlistedFiles } from '../catalog/store.ts';

/** The keys a server is known by. Package names and URLs are compared in a normal form. */
export type ServerKeys = { packages: string[]; repositories: string[]; urls: string[] };

export type Holder = {
  /** The file that holds the server, relative to the working folder when inside it. */
  file: string;
  /** A machine-written source in the output folder: one a new discovery may refresh. */
  refreshable?: LoadedSource;
};

export type Catalogued = {
  /** Slugs in use (source files in the output and catalog folders, records, unlisted entries). */
  slugs: Set<string>;
  /** Which file holds the server a key names, if any. */
  find(keys: ServerKeys): Holder | undefined;
  /** Records a server just written, so a later entry of the same run finds it. */
  add(keys: ServerKeys, holder: Holder, slug: string): void;
  /** Files that could not be read: reported, and the run goes on without them. */
  errors: string[];
};

/** A repository or remote URL in one form: lower case, no `git+`, no `.git`, no trailing slash. */
export function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^http:\/\//, 'https://')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function emptyKeys(): ServerKeys {
  return { packages: [], repositories: [], urls: [] };
}

/** Which registry a source's `package` names: PyPI and OCI for their transports, npm for the rest. */
function packageRegistry(transport: string): string {
  return transport === 'pypi' || transport === 'oci' ? transport : 'npm';
}

/** A package key: the registry and the name (an npm and a PyPI package of the same name are different servers). */
export function packageKey(transport: string, name: string): string {
  return `${packageRegistry(transport)}:${name.toLowerCase()}`;
}

/** The keys of a source: its package, its repository, its endpoint. */
export function sourceKeys(s: { transport: string; package?: string | undefined; repository?: string | undefined; url?: string | undefined }): ServerKeys {
  return {
    packages: s.package ? [packageKey(s.transport, s.package)] : [],
    repositories: s.repository ? [urlKey(s.repository)] : [],
    urls: s.url ? [urlKey(s.url)] : [],
  };
}

/**
 * Reads the catalog at `catalogDir` (`sources/`, `servers/`, `unlisted/`) and the output folder
 * `outDir` (often `catalogDir/sources`). Only a machine-written source in the output folder is
 * refreshable; anything else that holds a key makes a listed server "already catalogued".
 */
export function readCatalogued(catalogDir: string, outDir: string): Catalogued {
  const byKey = new Map<string, Holder>();
  const slugs = new Set<string>();
  const errors: string[] = [];
  const put = (keys: ServerKeys, holder: Holder) => {
    for (const k of keyStrings(keys)) if (!byKey.has(k)) byKey.set(k, holder);
  };

  // Sources: the output folder first, so its machine-written sources are the ones a key finds.
  const out = resolve(outDir);
  const folders = [out, resolve(catalogDir, 'sources')].filter((d, i, all) => all.indexOf(d) === i && existsSync(d));
  for (const dir of folders) {
    const { sources, errors: bad } = loadSources(dir);
    for (const e of bad) errors.push(e.message);
    // A file that did not parse still takes its name: a new source must not replace it.
    for (const name of readdirSync(dir)) if (name.endsWith('.md')) slugs.add(name.slice(0, -3));
    for (const s of sources) {
      const refreshable = dir === out && s.source.discovered !== undefined ? s : undefined;
      put(sourceKeys(s.source), refreshable ? { file: shown(s.file), refreshable } : { file: shown(s.file) });
    }
  }

  // Records and unlisted entries: a server crawled (or tried) from a source since removed still counts.
  const servers = join(catalogDir, 'servers');
  if (existsSync(servers)) {
    const { records, errors: bad } = readRecordFiles(servers);
    for (const e of bad) errors.push(e.message);
    for (const { file, record } of records) {
      slugs.add(record.slug);
      put(sourceKeys({ transport: record.transport, package: record.package ?? undefined, repository: record.repository ?? undefined }), { file: shown(file) });
    }
  }
  const { entries, errors: badUnlisted } = readUnlistedFiles(join(catalogDir, 'unlisted'));
  for (const e of badUnlisted) errors.push(e.message);
  for (const { file, entry } of entries) {
    slugs.add(entry.slug);
    put(sourceKeys({ transport: entry.transport, package: entry.package ?? undefined, repository: entry.repository ?? undefined }), { file: shown(file) });
  }

  return {
    slugs,
    errors,
    find(keys) {
      // A refreshable source wins over the record crawled from it: the record names the same server.
      const holders = keyStrings(keys).map((k) => byKey.get(k)).filter((h): h is Holder => h !== undefined);
      return holders.find((h) => h.refreshable) ?? holders[0];
    },
    add(keys, holder, slug) {
      slugs.add(slug);
      put(keys, holder);
    },
  };
}

function keyStrings(keys: ServerKeys): string[] {
  return [...keys.packages.map((p) => `package:${p}`), ...keys.repositories.map((r) => `repo:${r}`), ...keys.urls.map((u) => `url:${u}`)];
}
