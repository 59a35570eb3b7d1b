/**
 * Reading MCP client configs. Each client keeps its servers in its own shape: `mcpServers` (Claude
 * Code's `.mcp.json`, Claude Desktop, Cursor, Windsurf, Cline and Roo), `projects.<path>.mcpServers`
 * beside the user's own in `~/.claude.json`, `servers` (VS Code's `.vscode/mcp.json`, or `mcp.servers`
 * in its settings) and `[mcp_servers.<id>]` tables in Codex's TOML. JSON files may carry comments
 * and trailing commas (Cursor and VS Code accept them), so every JSON file is read as JSONC.
 *
 * A config holds the user's own credentials: environment values and headers are never kept, only
 * what identifies the server (the program, its arguments, a URL, an image). A malformed file or
 * entry is an error naming the file and line; the rest of the file, and the other files, still count.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';

/** The clients whose configs are read; `generic` is an `mcpServers` file of no known client. */
export const CONFIG_CLIENTS = {
  'claude-code': 'Claude Code',
  'claude-desktop': 'Claude Desktop',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
  cline: 'Cline / Roo',
  codex: 'Codex',
  generic: 'MCP config',
} as const;
export type ConfigClient = keyof typeof CONFIG_CLIENTS;

/** One server as a config names it: what it runs, never its secrets. */
export type ConfiguredServer = {
  /** The name the user gave it: permissions are written under this name. */
  name: string;
  client: ConfigClient;
  file: string;
  /** `project:<path>` for a project entry of `~/.claude.json`, else null. */
  scope: string | null;
  command: string | null;
  args: string[];
  url: string | null;
  /** Tools the user already lets run without asking (Cline and Roo `alwaysAllow`). */
  alwaysAllow: string[];
  disabled: boolean;
  /** Names of the environment variables it sets. */
  envNames: string[];
  /**
   * Values of the variables the reader was asked to keep (`scan --crawl --pass-env NAME`); absent
   * when none were asked for, so by default no value of a config ever leaves this module.
   */
  env?: Record<string, string>;
  /** The line where the entry's name first appears, for reports that point at it. */
  line: number | null;
};

export type ConfigError = { file: string; line: number | null; message: string };
export type ConfigRead = { servers: ConfiguredServer[]; errors: ConfigError[] };

/** Which client wrote a file, from its path; null when only its content can tell. */
export function clientOfPath(file: string): ConfigClient | null {
  const p = file.replace(/\\/g, '/');
  if (p.endsWith('.toml')) return 'codex';
  if (/(^|\/)\.mcp\.json$/.test(p) || /(^|\/)\.claude\.json$/.test(p) || /(^|\/)\.claude\/settings(\.local)?\.json$/.test(p)) return 'claude-code';
  if (/claude_desktop_config\.json$/.test(p)) return 'claude-desktop';
  if (/(^|\/)\.cursor\/mcp\.json$/.test(p)) return 'cursor';
  if (/(^|\/)\.vscode\/mcp\.json$/.test(p) || /Code\/User\/(settings|mcp)\.json$/.test(p)) return 'vscode';
  if (/windsurf\/mcp_config\.json$/.test(p)) return 'windsurf';
  if (/cline_mcp_settings\.json$/.test(p) || /(^|\/)\.roo\/mcp\.json$/.test(p) || /mcp_settings\.json$/.test(p)) return 'cline';
  return null;
}

/** The line (1-based) of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Read one config file's text. `client` overrides what the path says; `keepEnv` names the
 * environment variables whose values are kept (none by default).
 */
export function readConfig(file: string, text: string, client: ConfigClient | null = clientOfPath(file), keepEnv: readonly string[] = []): ConfigRead {
  const body = text.replace(/^\uFEFF/, '');
  if (client === 'codex' || (client === null && file.endsWith('.toml'))) return readToml(file, body, keepEnv);
  return readJson(file, body, client, keepEnv);
}

function readToml(file: string, text: string, keepEnv: readonly string[]): ConfigRead {
  let doc: unknown;
  try {
    doc = parseToml(text);
  } catch (e) {
    const line = e instanceof TomlError ? e.line : null;
    const first = (e as Error).message.split('\n')[0] ?? 'not valid TOML';
    return { servers: [], errors: [{ file, line, message: `not valid TOML: ${first}` }] };
  }
  const table = isObject(doc) ? doc['mcp_servers'] : undefined;
  if (table === undefined) return { servers: [], errors: [] };
  if (!isObject(table)) return { servers: [], errors: [{ file, line: lineOfKey(text, 'mcp_servers'), message: '"mcp_servers" is not a table' }] };
  const out: ConfigRead = { servers: [], errors: [] };
  for (const [name, entry] of Object.entries(table)) {
    const server = serverOf(name, entry, 'codex', file, null, lineOfKey(text, `mcp_servers.${name}`), keepEnv);
    if (typeof server === 'string') out.errors.push({ file, line: lineOfKey(text, `mcp_servers.${name}`), message: `server "${name}": ${server}` });
    else out.servers.push(server);
  }
  return out;
}

/** The first line mentioning a key, for errors in documents already parsed. */
function lineOfKey(text: string, key: string): number | null {
  const i = text.indexOf(key);
  return i < 0 ? null : lineAt(text, i);
}

function readJson(file: string, text: string, client: ConfigClient | null, keepEnv: readonly string[]): ConfigRead {
  const parseErrors: ParseError[] = [];
  const doc: unknown = parseJsonc(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length) {
    const e = parseErrors[0]!;
    return { servers: [], errors: [{ file, line: lineAt(text, e.offset), message: `not valid JSON: ${printParseErrorCode(e.error)}` }] };
  }
  if (!isObject(doc)) return { servers: [], errors: [{ file, line: 1, message: 'not a JSON object' }] };
  const out: ConfigRead = { servers: [], errors: [] };
  const holders: { servers: unknown; scope: string | null; key: string }[] = [];
  for (const key of ['mcpServers', 'servers'] as const) if (Object.hasOwn(doc, key)) holders.push({ servers: doc[key], scope: null, key });
  if (isObject(doc['mcp']) && Object.hasOwn(doc['mcp'], 'servers')) holders.push({ servers: doc['mcp']['servers'], scope: null, key: 'servers' });
  // `~/.claude.json` keeps each project's servers under its path.
  if (isObject(doc['projects'])) {
    for (const [path, project] of Object.entries(doc['projects'])) {
      if (isObject(project) && Object.hasOwn(project, 'mcpServers')) holders.push({ servers: project['mcpServers'], scope: `project:${path}`, key: 'mcpServers' });
    }
  }
  const known = client ?? (holders.some((h) => h.key === 'servers') ? 'vscode' : 'generic');
  for (const holder of holders) {
    if (!isObject(holder.servers)) {
      out.errors.push({ file, line: lineOfKey(text, `"${holder.key}"`), message: `"${holder.key}" is not an object` });
      continue;
    }
    for (const [name, entry] of Object.entries(holder.servers)) {
      const server = serverOf(name, entry, known, file, holder.scope, lineOfKey(text, JSON.stringify(name)), keepEnv);
      if (typeof server === 'string') out.errors.push({ file, line: lineOfKey(text, JSON.stringify(name)), message: `server "${name}": ${server}` });
      else out.servers.push(server);
    }
  }
  return out;
}

/** One entry, or why it is not a server entry. */
function serverOf(name: string, entry: unknown, client: ConfigClient, file: string, scope: string | null, line: number | null, keepEnv: readonly string[]): ConfiguredServer | string {
  if (!isObject(entry)) return 'not an object';
  const command = entry['command'];
  // Windsurf names a remote server's endpoint `serverUrl`; the others say `url`.
  const url = entry['url'] ?? entry['serverUrl'] ?? entry['httpUrl'];
  if (command !== undefined && typeof command !== 'string') return '"command" is not a string';
  if (url !== undefined && typeof url !== 'string') return '"url" is not a string';
  if (entry['args'] !== undefined && (!Array.isArray(entry['args']) || strings(entry['args']).length !== entry['args'].length)) return '"args" is not a list of strings';
  if (command === undefined && url === undefined) return 'neither "command" nor "url"';
  const env = isObject(entry['env']) ? entry['env'] : {};
  const kept = keepEnv.filter((k) => Object.hasOwn(env, k) && typeof env[k] === 'string');
  return {
    name,
    client,
    file,
    scope,
    command: command ?? null,
    args: strings(entry['args']),
    url: url ?? null,
    alwaysAllow: strings(entry['alwaysAllow']),
    disabled: entry['disabled'] === true || entry['enabled'] === false,
    envNames: Object.keys(env),
    ...(kept.length ? { env: Object.fromEntries(kept.map((k) => [k, env[k] as string])) } : {}),
    line,
  };
}
