/**
 * What an installed package says about starting it, for a start that failed: the `mcpServers`
 * blocks of its README (the `env` names and `args` its authors show users) and a shipped
 * `server.json` (required environment variables and arguments). Only names and the forms of
 * arguments are taken: a value that could be a secret becomes a placeholder, an absolute path the
 * server's private HOME. The package's files are untrusted: read bounded, never through a link.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESERVED_ENV } from '../schema.ts';
import { DATABASE_FILE, looksSecret, placeholderArg } from './placeholders.ts';

export type Hints = {
  /** Environment variable names a README block or server.json gives the server. */
  env: string[];
  /** Arguments after the package (README) or required ones (server.json); null when none are shown. */
  args: string[] | null;
  /** Where each came from, for the attempt's reason. */
  from: string[];
};

const MAX_FILE_BYTES = 512 * 1024;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,79}$/;

function readSmall(file: string): string | null {
  try {
    const st = lstatSync(file);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** JSON as people write it in READMEs: with comments and trailing commas. */
export function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const stripped = text
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/([,{[]\s*)\/\/[^\n"]*$/gm, '$1')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/,(\s*[}\]])/g, '$1');
    try {
      return JSON.parse(stripped);
    } catch {
      return null;
    }
  }
}

type Entry = { command?: unknown; args?: unknown; env?: unknown };

/** The `mcpServers` (or VS Code `servers`) entries of every JSON block of a README. */
export function readmeEntries(readme: string): Entry[] {
  const entries: Entry[] = [];
  for (const m of readme.matchAll(/```[a-zA-Z0-9]*\s*\n([\s\S]*?)```/g)) {
    const block = m[1]!;
    if (!/"(mcpServers|servers|mcp)"\s*:/.test(block)) continue;
    const json = lenientJson(block.trim()) as Record<string, unknown> | null;
    if (!json || typeof json !== 'object') continue;
    const inner = (json['mcp'] && typeof json['mcp'] === 'object' ? (json['mcp'] as Record<string, unknown>) : json) as Record<string, unknown>;
    const servers = inner['mcpServers'] ?? inner['servers'];
    if (!servers || typeof servers !== 'object') continue;
    for (const value of Object.values(servers as Record<string, unknown>)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) entries.push(value as Entry);
    }
  }
  return entries;
}

const isPathLike = (v: string) => /^(\/|~\/|[A-Za-z]:\\|\.\/|\.\.\/)/.test(v) || /^\/path\/to|^\$\{?\w+\}?$/.test(v);

/** What READMEs write where a person puts their own value: `<your-domain>`, `YOUR_API_KEY`, `your_token`, `shpat_xxxxx`. */
const TEMPLATE = /<[^<>\s]{1,60}>|(?<![A-Za-z0-9])(?:YOUR|Your|your)[_-][A-Za-z0-9_-]*|(?<![A-Za-z0-9])[xX]{3,}(?![A-Za-z0-9])/g;

/**
 * A value written as a template is never used as it stands: it says the form a placeholder takes.
 * A whole `<name>` becomes the placeholder its name (or the flag's) calls for, a path the HOME folder; markers inside a
 * value become `placeholder` and the rest is kept (`<YOUR_SHOP>.myshopify.com` →
 * `placeholder.myshopify.com`, `YOUR_SID/YOUR_KEY` → `placeholder/placeholder`). Null when the
 * value has no marker.
 */
export function fillTemplate(value: string, flag: string): string | null {
  if (!TEMPLATE.test(value)) return null;
  TEMPLATE.lastIndex = 0;
  const whole = /^<([^<>]{1,60})>$/.exec(value);
  // `<path/to/notes>`, `<absolute path>`: a folder, whatever the last word is.
  if (whole) return /\/|\bpath\b/i.test(whole[1]!) ? pathPlaceholder(whole[1]!) : placeholderArg(flag.startsWith('-') ? flag : whole[1]!);
  return value.replace(TEMPLATE, 'placeholder').slice(0, 200);
}

/**
 * The placeholder for a path someone wrote in an example: a database file where it names one
 * (`/path/to/data.db`, `<path to database file>`), which a folder cannot stand for; else HOME.
 */
export function pathPlaceholder(path: string): string {
  return /\.(db|sqlite3?)$|\bdatabase[ _-]?file\b/i.test(path.trim()) ? DATABASE_FILE : '$HOME';
}

/**
 * The arguments an entry gives after the package (`npx -y pkg@1 --flag v` → `--flag v`), with
 * templates filled with placeholders, paths made `$HOME` and values after secret-named flags made
 * placeholders.
 */
export function argsAfterPackage(entry: Entry, pkg: string, bins: string[]): string[] | null {
  const command = typeof entry.command === 'string' ? entry.command : '';
  const args = Array.isArray(entry.args) ? entry.args.filter((a): a is string => typeof a === 'string') : null;
  let rest: string[] | null = null;
  const base = command.split(/[\\/]/).pop() ?? command;
  if (bins.includes(base)) rest = args ?? [];
  else if (args) {
    const at = args.findIndex((a) => a === pkg || a.startsWith(`${pkg}@`));
    if (at >= 0) rest = args.slice(at + 1);
  }
  if (rest === null) return null;
  const out: string[] = [];
  for (const [i, arg] of rest.entries()) {
    const flag = i > 0 ? rest[i - 1]! : '';
    // `--flag=value`, and `name=value` as some servers take a named folder (`notes=/path/to/vault`).
    const inline = /^(--?[A-Za-z0-9][A-Za-z0-9-]*|[A-Za-z][A-Za-z0-9_.-]{0,40})=(.+)$/.exec(arg);
    const template = fillTemplate(inline ? inline[2]! : arg, inline ? inline[1]! : flag);
    if (inline) {
      const [, name, value] = inline as unknown as [string, string, string];
      out.push(template !== null ? `${name}=${template}` : isPathLike(value) ? `${name}=${pathPlaceholder(value)}` : looksSecret(name, value) ? `${name}=${placeholderArg(name)}` : arg.slice(0, 200));
    } else if (template !== null) out.push(template);
    else if (flag.startsWith('-') && !arg.startsWith('-') && looksSecret(flag, arg)) out.push(placeholderArg(flag));
    else if (isPathLike(arg)) out.push(pathPlaceholder(arg));
    else if (!arg.startsWith('-') && looksSecret('', arg)) out.push('placeholder');
    else out.push(arg.slice(0, 200));
  }
  return out.slice(0, 20);
}

type ServerJson = {
  packages?: {
    registryType?: unknown;
    identifier?: unknown;
    environmentVariables?: { name?: unknown; isRequired?: unknown }[];
    packageArguments?: { type?: unknown; name?: unknown; value?: unknown; default?: unknown; isRequired?: unknown; valueHint?: unknown }[];
  }[];
};

function serverJsonHints(dir: string, pkg: string): { env: string[]; args: string[] } | null {
  const text = readSmall(join(dir, 'server.json'));
  const json = text ? (lenientJson(text) as ServerJson | null) : null;
  const entry = json?.packages?.find((p) => p.registryType === 'npm' && p.identifier === pkg) ?? json?.packages?.find((p) => p.registryType === 'npm');
  if (!entry) return null;
  const env = (entry.environmentVariables ?? []).filter((v) => v.isRequired === true && typeof v.name === 'string').map((v) => v.name as string);
  const args: string[] = [];
  for (const a of entry.packageArguments ?? []) {
    if (a.isRequired !== true) continue;
    const name = typeof a.name === 'string' ? a.name : typeof a.valueHint === 'string' ? a.valueHint : 'value';
    const given = typeof a.value === 'string' ? a.value : typeof a.default === 'string' ? a.default : null;
    const value = given === null ? placeholderArg(name) : (fillTemplate(given, name) ?? (!looksSecret(name, given) && !isPathLike(given) ? given : placeholderArg(name)));
    if (a.type === 'named') args.push(name.startsWith('-') ? name : `--${name}`, value);
    else args.push(value);
  }
  return { env, args };
}

/** What the package at `dir` (its own folder in node_modules) says about starting it. */
export function packageHints(dir: string, pkg: string, bins: string[]): Hints {
  const hints: Hints = { env: [], args: null, from: [] };
  let readme: string | null = null;
  try {
    const name = readdirSync(dir).find((f) => /^readme(\.md|\.markdown)?$/i.test(f));
    readme = name ? readSmall(join(dir, name)) : null;
  } catch {
    readme = null;
  }
  if (readme) {
    const entries = readmeEntries(readme)
      .map((e) => ({ e, args: argsAfterPackage(e, pkg, bins) }))
      .filter((x) => x.args !== null);
    if (entries.length) {
      // The first block that starts this package is what its authors show first.
      const first = entries[0]!;
      const env = first.e.env && typeof first.e.env === 'object' ? Object.keys(first.e.env) : [];
      hints.env.push(...env);
      hints.args = first.args;
      hints.from.push('the README\'s mcpServers block');
    }
  }
  const fromJson = serverJsonHints(dir, pkg);
  if (fromJson) {
    hints.env.push(...fromJson.env);
    if (fromJson.args.length && !hints.args?.length) hints.args = fromJson.args;
    hints.from.push('its server.json');
  }
  hints.env = [...new Set(hints.env)].filter((n) => ENV_NAME.test(n) && !RESERVED_ENV.test(n));
  return hints;
}
