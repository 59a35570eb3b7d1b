/**
 * `--npm-list FILE`: a list of npm packages, either a TSV with a header line (`package`, and optionally
 * `version`, `downloads_a_month`, `summary`, in any order) or one package name per line
 * (`name` or `name@version`). Blank lines and `#` comments are skipped in both. Each line is
 * third-party text: a bad name or version is reported with the file and line, and the rest go on.
 */
import { packageKey } from './catalogued.ts';
import type { Candidate } from './write.ts';
import { inlineMarkdown, isExactVersion, isNpmName, markdownText, npmScope, readableName, safeLine } from './names.ts';

export type ListEntry = { line: number; package: string; version?: string; summary?: string };
export type Parsed<T> = { items: T[]; invalid: string[] };

/** The entries of a list file's text; `file` names it in every message. */
export function parseNpmList(file: string, text: string): Parsed<ListEntry> {
  const items: ListEntry[] = [];
  const invalid: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let columns: Map<string, number> | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const where = `${file}:${line}`;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    // The first line that is not a comment is a TSV header when one of its cells is "package".
    if (columns === null && items.length === 0 && invalid.length === 0 && cells.length > 1 && cells.includes('package')) {
      columns = new Map(cells.map((name, at) => [name, at]));
      return;
    }
    const entry = columns ? fromRow(cells, columns) : fromName(raw.trim());
    if (typeof entry === 'string') invalid.push(`${where}: ${entry}`);
    else items.push({ line, ...entry });
  });
  return { items, invalid };
}

type Fields = Omit<ListEntry, 'line'>;

function fromRow(cells: string[], columns: Map<string, number>): Fields | string {
  const cell = (name: string) => {
    const at = columns.get(name);
    return at === undefined ? undefined : cells[at] || undefined;
  };
  const pkg = cell('package');
  if (pkg === undefined) return 'no package name in the "package" column';
  return checked(pkg, cell('version'), cell('summary'));
}

function fromName(text: string): Fields | string {
  // `name@version`: the last `@` that is not the scope's.
  const at = text.lastIndexOf('@');
  return at > 0 ? checked(text.slice(0, at), text.slice(at + 1), undefined) : checked(text, undefined, undefined);
}

function checked(pkg: string, version: string | undefined, summary: string | undefined): Fields | string {
  if (!isNpmName(pkg)) return `"${safeLine(pkg, 100)}" is not an npm package name`;
  if (version !== undefined && !isExactVersion(version)) return `${pkg}: "${safeLine(version, 100)}" is not an exact version`;
  return { package: pkg, ...(version !== undefined && { version }), ...(summary !== undefined && { summary }) };
}

/** The source a list entry becomes. `listName` is the list file as the run was given it. */
export function npmListCandidate(entry: ListEntry, listName: string): Candidate {
  const vendor = npmScope(entry.package);
  const installed = entry.version ? `version ${entry.version}` : 'its latest version';
  const summary = entry.summary ? markdownText(entry.summary) : '';
  return {
    where: `${listName}:${entry.line}`,
    id: entry.package,
    front: {
      name: safeLine(readableName(entry.package), 200),
      transport: 'npm',
      package: entry.package,
      version: entry.version,
      vendor,
      tags: [],
    },
    body: [
      ...(summary ? [summary] : []),
      `Discovered from the npm list ${inlineMarkdown(listName, 200)}; crawled live over stdio from an isolated install of ${installed} of ${inlineMarkdown(entry.package)}.`,
    ],
    keys: { packages: [packageKey('npm', entry.package)], repositories: [], urls: [] },
  };
}
