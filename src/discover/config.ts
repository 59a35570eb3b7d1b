/**
 * `--config FILE`: an MCP client's server list, as Claude Desktop, Cursor and `.mcp.json` write it
 * (`mcpServers`) or VS Code (`servers`, also under `mcp` in its settings). Each entry becomes a
 * source by what it runs: `npx pkg@version …` an npm source, `uvx pkg …` a PyPI source,
 * `docker run … image …` a container source, a `url` an http or sse source, anything else a
 * command source. A config may hold the user's real credentials, so environment values and
 * headers are never copied (names only, with placeholders), and an argument that carries a secret
 * (a `--token` value, a known token shape, a password in a URL) becomes a placeholder too.
 */
import { z } from 'zod';
import { RESERVED_ENV } from '../schema.ts';
import { cutText, wellFormed } from '../text.ts';
import { packageKey, urlKey, type ServerKeys } from './catalogued.ts';
import { isNpmName, markdownText, readableName, safeLine } from './names.ts';
import { dummyFor, isSecretName, looksSecret } from './placeholders.ts';
import type { Candidate } from './write.ts';

const EntrySchema = z.object({
  command: z.string().max(2_000).optional(),
  args: z.array(z.string().max(5_000)).max(500).optional(),
  env: z.record(z.string().max(500), z.unknown()).optional(),
  url: z.string().max(2_000).optional(),
  type: z.string().max(100).optional(),
  headers: z.record(z.string().max(500), z.unknown()).optional(),
});
type Entry = z.infer<typeof EntrySchema>;

export type ConfigResult = { candidates: Candidate[]; invalid: string[] };

/** The servers of a config file's text; `file` names it in every message. */
export function parseConfig(file: string, text: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { candidates: [], invalid: [`${file}: not valid JSON: ${(e as Error).message}`] };
  }
  const servers = serversOf(json);
  if (servers === null) return { candidates: [], invalid: [`${file}: no "mcpServers" or "servers" object`] };
  const candidates: Candidate[] = [];
  const invalid: string[] = [];
  for (const key of Object.keys(servers)) {
    const where = `${file}: ${safeLine(key, 100)}`;
    const parsed = EntrySchema.safeParse(servers[key]);
    if (!parsed.success) {
      invalid.push(`${where}: not a server entry (${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')})`);
      continue;
    }
    const result = candidateOf(key, parsed.data, file, where);
    if (typeof result === 'string') invalid.push(`${where}: ${result}`);
    else candidates.push(result);
  }
  return { candidates, invalid };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function serversOf(json: unknown): Record<string, unknown> | null {
  if (!isObject(json)) return null;
  for (const holder of [json, json['mcp']]) {
    if (!isObject(holder)) continue;
    for (const key of ['mcpServers', 'servers']) {
      const servers = Object.hasOwn(holder, key) ? holder[key] : undefined;
      if (isObject(servers)) return servers;
    }
  }
  return null;
}

/** What one entry runs, read from its command line. */
export type Start =
  | { transport: 'npm'; package: string; version?: string; bin?: string; args: string[] }
  | { transport: 'pypi'; package: string; version?: string; bin?: string; args: string[] }
  | { transport: 'oci'; package: string; args: string[]; env: string[]; dropped: string[] }
  | { transport: 'command'; command: string; args: string[] }
  | { transport: 'http' | 'sse'; url: string };

function candidateOf(key: string, entry: Entry, file: string, where: string): Candidate | string {
  const start = startOf(entry);
  if (typeof start === 'string') return start;
  const notes: string[] = [];
  const envNames = [...Object.keys(entry.env ?? {}), ...(start.transport === 'oci' ? start.env : [])];
  const env: Record<string, string> = {};
  for (const name of envNames) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,199}$/.test(name) || RESERVED_ENV.test(name)) {
      notes.push(`The environment variable "${safeLine(name, 100)}" cannot be set by a source and was left out.`);
      continue;
    }
    Object.defineProperty(env, name, { value: dummyFor(undefined, name), enumerable: true, writable: true, configurable: true });
  }
  const headers = Object.keys(entry.headers ?? {});
  if (headers.length) notes.push(`The config sends the header${headers.length > 1 ? 's' : ''} ${headers.map((h) => `"${safeLine(h, 60)}"`).join(', ')}; the crawl sends none.`);
  if (start.transport === 'oci' && start.dropped.length) {
    notes.push(`Docker options of the config left out (a container runs outside the sandbox): ${start.dropped.map((d) => `"${safeLine(d, 60)}"`).join(', ')}.`);
  }

  const front: Record<string, unknown> = { name: sourceName(key), ...startFields(start, scrubArgs) };
  const keys: ServerKeys = { packages: [], repositories: [], urls: [] };
  if ('url' in start) keys.urls.push(urlKey(start.url));
  else if ('package' in start) keys.packages.push(packageKey(start.transport, start.package));
  if (Object.keys(env).length) front.env = env;
  front.tags = [];

  const how = {
    npm: 'crawled live over stdio from an isolated install',
    pypi: 'started with uvx where uv is installed',
    oci: 'started with docker run where Docker is installed',
    command: 'started as the config starts it, inside the sandbox',
    http: 'crawled live at its endpoint',
    sse: 'crawled live at its endpoint',
  }[start.transport];
  return {
    where,
    id: cutText(wellFormed(key), 200),
    front,
    body: [markdownText(`Discovered in the MCP client config ${safeLine(file, 200)} as "${safeLine(key, 200)}"; ${how}. Values of its environment are not copied: placeholders stand in for them.`), ...notes.map((n) => markdownText(n))],
    keys,
    discoveredId: cutText(wellFormed(key), 200),
  };
}

/** A source's display name from a config key. */
export function sourceName(key: string): string {
  return safeLine(readableName(key.toLowerCase().replace(/[^a-z0-9@/._-]+/g, '-')), 200) || 'Server';
}

/**
 * The source fields of a start, in the order they are written: transport, then what it runs, then
 * its arguments as `args` makes them (discovery scrubs secrets out of them; a scan of the user's
 * own config starts the server with its arguments as configured).
 */
export function startFields(start: Start, args: (args: readonly string[]) => string[] = (a) => [...a]): Record<string, unknown> {
  const fields: Record<string, unknown> = { transport: start.transport };
  if ('url' in start) fields.url = start.url;
  else if ('command' in start) fields.command = start.command;
  else {
    fields.package = start.package;
    if ('version' in start && start.version) fields.version = start.version;
    if ('bin' in start && start.bin) fields.bin = start.bin;
  }
  if ('args' in start) {
    const kept = args(start.args);
    if (kept.length) fields.args = kept;
  }
  return fields;
}

/** The program's name without its folder: `/usr/local/bin/npx` and `npx.cmd` are npx. */
function programName(command: string): string {
  return (command.split(/[\\/]/).at(-1) ?? command).replace(/\.(?:cmd|exe|bat)$/i, '').toLowerCase();
}

/** What a config entry runs (`command` and `args`, or `url` and `type`), or why it runs nothing this can start. */
export function startOf(entry: Pick<Entry, 'command' | 'args' | 'url' | 'type'>): Start | string {
  if (entry.url !== undefined) {
    let url: URL;
    try {
      url = new URL(entry.url);
    } catch {
      return `url "${safeLine(entry.url, 200)}" is not a URL`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `url "${safeLine(entry.url, 200)}" is not http(s)`;
    // A password in the URL is the user's: the source keeps the endpoint without it.
    url.username = '';
    url.password = '';
    return { transport: entry.type === 'sse' ? 'sse' : 'http', url: url.href };
  }
  if (entry.command === undefined || entry.command.trim() === '') return 'neither a command nor a url';
  const args = entry.args ?? [];
  const program = programName(entry.command);
  if (program === 'npx') return npxStart(args) ?? { transport: 'command', command: entry.command, args };
  if (program === 'uvx') return uvxStart(args) ?? { transport: 'command', command: entry.command, args };
  if (program === 'uv' && args[0] === 'tool' && args[1] === 'run') return uvxStart(args.slice(2)) ?? { transport: 'command', command: entry.command, args };
  if (program === 'docker' && args[0] === 'run') return dockerStart(args.slice(1)) ?? { transport: 'command', command: entry.command, args };
  return { transport: 'command', command: entry.command, args };
}

/** `npx [-y] [--package=pkg | -p pkg] pkg[@version] args…`; null when it is not that shape. */
function npxStart(args: readonly string[]): Start | null {
  let from: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '-p' || a === '--package') from = args[++i];
    else if (a.startsWith('--package=')) from = a.slice('--package='.length);
    else if (!['-y', '--yes', '-q', '--quiet', '--no-install', '--prefer-offline', '--prefer-online'].includes(a)) return null;
  }
  const target = args[i];
  if (target === undefined) return null;
  const spec = npmSpec(from ?? target);
  if (!spec) return null;
  const bin = from !== undefined ? target : undefined;
  return { transport: 'npm', ...spec, ...(bin !== undefined && { bin }), args: args.slice(i + 1) };
}

function npmSpec(text: string): { package: string; version?: string } | null {
  const at = text.lastIndexOf('@');
  const [name, version] = at > 0 ? [text.slice(0, at), text.slice(at + 1)] : [text, undefined];
  if (!isNpmName(name)) return null;
  // "latest" is what no version means; a range or tag is kept as the source's version.
  return version && version !== 'latest' && /^[0-9A-Za-z.^~<>=|*+ -]{1,100}$/.test(version) ? { package: name, version } : { package: name };
}

const PYPI_SPEC = /^([A-Za-z0-9][A-Za-z0-9._-]{0,199})(?:(?:@|==)([0-9A-Za-z.+!_-]{1,100}))?$/;

/** `uvx [--from pkg[==version]] program args…` or `uvx pkg[@version] args…`; null when it is not that shape. */
function uvxStart(args: readonly string[]): Start | null {
  let from: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '--from') from = args[++i];
    else if (a.startsWith('--from=')) from = a.slice('--from='.length);
    else return null;
  }
  const target = args[i];
  if (target === undefined) return null;
  const m = PYPI_SPEC.exec(from ?? target);
  if (!m) return null;
  return { transport: 'pypi', package: m[1]!, ...(m[2] !== undefined && { version: m[2] }), ...(from !== undefined && { bin: target }), args: args.slice(i + 1) };
}

/** Docker options that take a value, so the image is found after them. */
const DOCKER_VALUED = new Set(['-e', '--env', '-v', '--volume', '--mount', '--network', '--net', '-p', '--publish', '--name', '-w', '--workdir', '-u', '--user', '--entrypoint', '--env-file', '-l', '--label', '--platform', '--pull', '--add-host', '--cap-add', '--device', '-m', '--memory', '--cpus']);
const DOCKER_KEPT = new Set(['-i', '--interactive', '--rm', '-t', '--tty', '-it', '-ti', '--init']);

/** `docker run [options] image args…`: the image, the `-e` names, and the options left out; null when no image is found. */
function dockerStart(args: readonly string[]): Start | null {
  const env: string[] = [];
  const dropped: string[] = [];
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = flag !== a ? a.slice(eq + 1) : DOCKER_VALUED.has(a) ? args[++i] : undefined;
    if (flag === '-e' || flag === '--env') env.push((value ?? '').split('=')[0] ?? '');
    else if (!DOCKER_KEPT.has(flag)) dropped.push(flag);
  }
  const image = args[i];
  if (image === undefined || !/^[a-z0-9][a-z0-9._/:@-]{0,500}$/.test(image)) return null;
  return { transport: 'oci', package: image, args: args.slice(i + 1), env: env.filter(Boolean), dropped };
}

/**
 * Arguments with anything secret replaced: the value of a flag whose name says key, token, secret
 * or password (`--api-key=…` or `--api-key …`), a value of a known token shape, and the password
 * of a URL.
 */
export function scrubArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let secretNext = false;
  for (const arg of args) {
    if (secretNext && !arg.startsWith('-')) {
      out.push('placeholder');
      secretNext = false;
      continue;
    }
    secretNext = false;
    const m = /^(--?[A-Za-z0-9][A-Za-z0-9_.-]*)=(.*)$/s.exec(arg);
    if (m && (isSecretName(m[1]!) || looksSecret(m[2]!))) {
      out.push(`${m[1]}=placeholder`);
      continue;
    }
    if (!m && /^--?[A-Za-z]/.test(arg) && isSecretName(arg)) {
      out.push(arg);
      secretNext = true;
      continue;
    }
    out.push(looksSecret(arg) ? withoutSecret(arg) : arg);
  }
  return out;
}

/** A value that looks secret: a URL keeps its shape with the password replaced; anything else is a placeholder. */
function withoutSecret(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = 'placeholder';
      return url.href;
    }
  } catch {
    // Not a URL.
  }
  return 'placeholder';
}
