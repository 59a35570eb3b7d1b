/**
 * `--registry URL`: each entry of the official MCP Registry's server list becomes one candidate
 * source. A server may be published several ways; one is picked (an npm package first, then a
 * remote endpoint, then a PyPI package, then a container image) and the others are named in the
 * text. Arguments and environment variables the listing requires become `args` and `env`, with
 * the listing's values only where nothing says they are secrets (`placeholders.ts`).
 */
import { RESERVED_ENV, formatIssues } from '../schema.ts';
import { cutText, wellFormed } from '../text.ts';
import { packageKey, urlKey, type ServerKeys } from './catalogued.ts';
import { inlineMarkdown, isNpmName, markdownText, readableName, safeLine } from './names.ts';
import { valueFor, type InputFacts } from './placeholders.ts';
import type { FetchedEntry } from './registry-fetch.ts';
import { ServerResponseSchema, type Argument, type KeyValueInput, type Package, type RegistryInput, type Remote, type ServerJson } from './registry-schema.ts';
import type { Candidate } from './write.ts';

export type EntryResult = { kind: 'candidate'; candidate: Candidate } | { kind: 'skipped'; id: string; why: string } | { kind: 'invalid'; message: string };

/** One way to start a server, and what else the listing offered. */
type Option =
  | { transport: 'npm' | 'pypi' | 'oci'; pkg: Package }
  | { transport: 'http' | 'sse'; remote: Remote; url: string };

const PREFERENCE = ['npm', 'http', 'sse', 'pypi', 'oci'] as const;

export function registryEntry(fetched: FetchedEntry, registry: string): EntryResult {
  const where = `${registry} page ${fetched.page}, entry ${fetched.index + 1}`;
  const parsed = ServerResponseSchema.safeParse(fetched.entry);
  if (!parsed.success) return { kind: 'invalid', message: `${where}: ${formatIssues(parsed.error)}` };
  const { server, _meta } = parsed.data;
  // Printed through forTerminal, which shows hidden characters; cut so a huge name stays one line.
  const id = cutText(wellFormed(server.name), 200);
  if (_meta?.['io.modelcontextprotocol.registry/official']?.status === 'deleted') return { kind: 'skipped', id, why: 'deleted in the registry' };

  const refused: string[] = [];
  const options: Option[] = [];
  for (const pkg of server.packages ?? []) {
    const option = packageOption(pkg);
    if (typeof option === 'string') refused.push(option);
    else options.push(option);
  }
  for (const remote of server.remotes ?? []) {
    const option = remoteOption(remote);
    if (typeof option === 'string') refused.push(option);
    else options.push(option);
  }
  options.sort((a, b) => PREFERENCE.indexOf(a.transport) - PREFERENCE.indexOf(b.transport));
  const [chosen, ...others] = options;
  if (!chosen) return { kind: 'skipped', id, why: refused.length ? `nothing here can start it: ${refused.join('; ')}` : 'it lists no package and no remote' };
  return { kind: 'candidate', candidate: candidateOf(server, chosen, others, refused, where, registry) };
}

/** Package names each registry accepts; a name outside them is refused before it reaches a command line. */
const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,198}[A-Za-z0-9])?$/;
const IMAGE_REF = /^[a-z0-9][a-z0-9._/-]{0,254}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
/** A version as registries write them: no spaces, ranges or shell characters. */
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,99}$/;

function packageOption(pkg: Package): Option | string {
  const what = `${safeLine(pkg.registryType, 40)} package ${safeLine(pkg.identifier, 200)}`;
  if (pkg.registryType !== 'npm' && pkg.registryType !== 'pypi' && pkg.registryType !== 'oci') return `${what} (no runtime for ${safeLine(pkg.registryType, 40)} packages here)`;
  if (pkg.transport.type !== 'stdio') return `${what} (serves ${safeLine(pkg.transport.type, 40)}, not stdio)`;
  const valid = pkg.registryType === 'npm' ? isNpmName(pkg.identifier) : pkg.registryType === 'pypi' ? PYPI_NAME.test(pkg.identifier) : IMAGE_REF.test(pkg.identifier);
  if (!valid) return `${what} (not a valid ${pkg.registryType} name)`;
  if (pkg.version !== undefined && !VERSION.test(pkg.version)) return `${what} (version "${safeLine(pkg.version, 100)}" is not one version)`;
  return { transport: pkg.registryType, pkg };
}

function remoteOption(remote: Remote): Option | string {
  const what = `remote ${safeLine(remote.url, 200)}`;
  if (remote.type !== 'streamable-http' && remote.type !== 'sse') return `${what} (transport ${safeLine(remote.type, 40)} is not streamable-http or sse)`;
  const url = substitute(remote.url, remote.variables);
  const problem = publicEndpointProblem(url);
  if (problem) return `${what} (${problem})`;
  return { transport: remote.type === 'sse' ? 'sse' : 'http', remote, url };
}

/**
 * Why a URL from a listing is not one the crawler should call: only https endpoints on a public
 * host name, so a listing cannot aim the crawler at this machine or its network.
 */
export function publicEndpointProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'not https';
  if (url.username || url.password) return 'holds credentials';
  const host = url.hostname.toLowerCase();
  if (/^[\d.]+$/.test(host) || host.startsWith('[') || host === 'localhost' || /\.(?:localhost|local|internal|lan|home|arpa)$/.test(host) || !host.includes('.')) {
    return 'not a public host name';
  }
  return null;
}

/** `{name}` in a value replaced by that variable's value (or placeholder); unknown names stay as they are. */
function substitute(text: string, variables: Record<string, RegistryInput> | undefined): string {
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const variable = variables && Object.hasOwn(variables, name) ? variables[name] : undefined;
    return variable ? valueFor(facts(variable, name)) : whole;
  });
}

function facts(input: RegistryInput, name: string | undefined): InputFacts {
  return {
    name,
    value: input.value === undefined ? undefined : substitute(input.value, input.variables),
    default: input.default,
    placeholder: input.placeholder,
    format: input.format,
    isSecret: input.isSecret,
    choices: input.choices,
  };
}

/** A flag as a command line takes it: dashes, then letters, digits, `_`, `.` and `-`. */
const FLAG = /^--?[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The arguments a listing requires (or fixes with a value), in order; the others are left to their defaults. */
function argStrings(args: readonly Argument[] | undefined, notes: string[]): string[] {
  const out: string[] = [];
  for (const arg of args ?? []) {
    if (arg.isRequired !== true && arg.value === undefined) continue;
    if (arg.type === 'positional') {
      out.push(valueFor(facts(arg, arg.valueHint)));
      continue;
    }
    if (!FLAG.test(arg.name)) {
      notes.push(`The argument "${safeLine(arg.name, 100)}" is not a flag and was left out.`);
      continue;
    }
    // A required switch with nothing to say is given bare; any other flag gets its value (`--flag=value`).
    const bare = arg.value === undefined && arg.default === undefined && arg.placeholder === undefined && arg.format === 'boolean';
    out.push(bare ? arg.name : `${arg.name}=${valueFor(facts(arg, arg.name.replace(/^-+/, '')))}`);
  }
  return out;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The environment a listing requires (or fixes), with values only where they cannot be secrets. */
function envOf(vars: readonly KeyValueInput[] | undefined, notes: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of vars ?? []) {
    if (v.isRequired !== true && v.value === undefined) continue;
    if (!ENV_NAME.test(v.name) || RESERVED_ENV.test(v.name) || v.name.length > 200) {
      notes.push(`The environment variable "${safeLine(v.name, 100)}" cannot be set by a source and was left out.`);
      continue;
    }
    Object.defineProperty(env, v.name, { value: valueFor(facts(v, v.name)), enumerable: true, writable: true, configurable: true });
  }
  return env;
}

/**
 * A container's runtime arguments run outside the crawler's sandbox, under the Docker daemon, so
 * only `-e`/`--env` (a variable for the container) is kept, as a placeholder variable; every other
 * option (volumes, networks, privileges) is named in the text and left out.
 */
function dockerEnv(args: readonly Argument[] | undefined, env: Record<string, string>, notes: string[]): void {
  const dropped: string[] = [];
  for (const arg of args ?? []) {
    if (arg.type === 'named' && (arg.name === '-e' || arg.name === '--env')) {
      const given = arg.value ?? arg.default ?? '';
      const name = substitute(given, arg.variables).split('=')[0] ?? '';
      if (ENV_NAME.test(name) && !RESERVED_ENV.test(name)) {
        if (!Object.hasOwn(env, name)) Object.defineProperty(env, name, { value: valueFor({ name, isSecret: arg.isSecret }), enumerable: true, writable: true, configurable: true });
        continue;
      }
    }
    dropped.push(arg.type === 'named' ? arg.name : (arg.valueHint ?? arg.value ?? 'a positional argument'));
  }
  if (dropped.length) notes.push(`Docker options of the listing left out (a container runs outside the sandbox): ${dropped.map((d) => `"${safeLine(d, 60)}"`).join(', ')}.`);
}

function describeOption(o: Option): string {
  return 'remote' in o ? `a ${o.transport === 'sse' ? 'legacy SSE' : 'streamable HTTP'} endpoint (${safeLine(o.url, 200)})` : `the ${o.transport} package ${safeLine(o.pkg.identifier, 200)}`;
}

const HOW: Record<Option['transport'], string> = {
  npm: 'crawled live over stdio from an isolated install',
  pypi: 'started with uvx where uv is installed',
  oci: 'started with docker run where Docker is installed',
  http: 'crawled live at its endpoint',
  sse: 'crawled live at its endpoint',
};

function candidateOf(server: ServerJson, chosen: Option, others: Option[], refused: string[], where: string, registry: string): Candidate {
  const notes: string[] = [];
  const front: Record<string, unknown> = { name: displayName(server), transport: chosen.transport };
  if ('remote' in chosen) {
    front.url = chosen.url;
    const headers = (chosen.remote.headers ?? []).filter((h) => h.isRequired === true);
    if (headers.length) notes.push(`Its endpoint expects the header${headers.length > 1 ? 's' : ''} ${headers.map((h) => `"${safeLine(h.name, 60)}"${h.isSecret ? ' (secret)' : ''}`).join(', ')}; the crawl sends none.`);
  } else {
    const { pkg } = chosen;
    front.package = pkg.identifier;
    if (pkg.version !== undefined && chosen.transport !== 'oci') front.version = pkg.version;
    if (pkg.version !== undefined && chosen.transport === 'oci' && !/[:@]/.test(pkg.identifier.slice(pkg.identifier.lastIndexOf('/') + 1))) front.version = pkg.version;
    const env = envOf(pkg.environmentVariables, notes);
    if (chosen.transport === 'pypi') {
      const runtimeArgs = argStrings(pkg.runtimeArguments, notes);
      if (runtimeArgs.length) front.runtimeArgs = runtimeArgs;
    } else if (chosen.transport === 'oci') {
      dockerEnv(pkg.runtimeArguments, env, notes);
    } else if (pkg.runtimeArguments?.length) {
      notes.push('The listing\'s npx options were left out: the crawler installs the package itself.');
    }
    const args = argStrings(pkg.packageArguments, notes);
    if (args.length) front.args = args;
    if (Object.keys(env).length) front.env = env;
  }
  const repository = server.repository?.url !== undefined && webUrl(server.repository.url) ? server.repository.url : undefined;
  if (repository) front.repository = repository;
  if (server.websiteUrl !== undefined && webUrl(server.websiteUrl)) front.homepage = server.websiteUrl;
  const vendor = vendorOf(server.name);
  if (vendor) front.vendor = vendor;
  front.tags = [];

  const version = server.version ? ` version ${inlineMarkdown(server.version, 60)}` : '';
  const listed = `Discovered in the MCP Registry (${inlineMarkdown(registry, 200)}) as "${inlineMarkdown(server.name, 200)}"${version}; ${HOW[chosen.transport]}.`;
  const also = [...others.map(describeOption), ...refused];
  const body = [
    ...(server.description ? [markdownText(server.description)] : []),
    listed,
    ...(also.length ? [markdownText(`Also published as: ${also.join('; ')}.`)] : []),
    ...notes.map((n) => markdownText(n)),
  ];
  return { where: `${where} (${safeLine(server.name, 200)})`, id: cutText(wellFormed(server.name), 200), slugFrom: server.name.replace(/^(?:io|com)\.github\./, ''), front, body, keys: keysOf(server), discoveredId: cutText(wellFormed(server.name), 200) };
}

/** The name to show: the listing's title, or its name's last part made readable. */
function displayName(server: ServerJson): string {
  if (server.title?.trim()) return safeLine(server.title, 200);
  const last = server.name.slice(server.name.lastIndexOf('/') + 1);
  return safeLine(readableName(last.toLowerCase()), 200) || safeLine(server.name, 200);
}

/** Who publishes it, from the name's namespace: `io.github.acme/x` → acme, `com.acme/x` → acme. */
function vendorOf(name: string): string | undefined {
  const namespace = name.includes('/') ? name.slice(0, name.indexOf('/')) : '';
  const parts = namespace.split('.').filter(Boolean);
  const vendor = /^(?:io|com)$/.test(parts[0] ?? '') && parts[1] === 'github' ? parts[2] : parts[1];
  return vendor && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(vendor) ? vendor : undefined;
}

function webUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Every key the server is known by: each package it publishes, its repository (and subfolder), each remote URL. */
function keysOf(server: ServerJson): ServerKeys {
  const packages = (server.packages ?? [])
    .filter((p) => p.registryType === 'npm' || p.registryType === 'pypi' || p.registryType === 'oci')
    .map((p) => packageKey(p.registryType, p.identifier));
  const repo = server.repository?.url;
  const repositories = repo ? [urlKey(repo) + (server.repository?.subfolder ? `#${server.repository.subfolder.replace(/^\/+|\/+$/g, '')}` : '')] : [];
  const urls = (server.remotes ?? []).map((r) => urlKey(substitute(r.url, r.variables)));
  return { packages, repositories, urls };
}
