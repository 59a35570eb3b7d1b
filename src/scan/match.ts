/**
 * Matching a configured server to a catalog entry, offline: by the npm package its runner starts
 * (`npx`, `bunx`, `pnpm dlx`, `npm exec`, `yarn dlx`), the Python package `uvx` starts, the image
 * `docker run` starts, its remote URL, or else its exact command line. The name the user gave a
 * server is never used to match: two people's "github" may be different servers.
 */
import type { ConfiguredServer } from './configs.ts';
import type { ScanCatalog, ScanEntry } from './catalog.ts';

/** What a configured server runs, read from its command line. */
export type Identity =
  | { kind: 'npm' | 'pypi'; package: string; version: string | null }
  | { kind: 'image'; image: string }
  | { kind: 'url'; url: string }
  | { kind: 'command'; line: string };

export type Match = {
  server: ConfiguredServer;
  identity: Identity;
  entry: ScanEntry | null;
  /** A note on the match: a version the catalog does not have, or why nothing matched. */
  note: string | null;
  /**
   * Set when the scan crawled the server itself (`--crawl`): `entry` then holds the tools it
   * listed, judged as the catalog judges them, and is not in the catalog.
   */
  crawled?: { ms: number; error: string | null };
};

const base = (cmd: string): string => (cmd.replace(/\\/g, '/').split('/').pop() ?? cmd).replace(/\.(cmd|exe)$/i, '');

/** Runner flags that take a value, so the value is not read as the package. */
const VALUE_FLAGS = new Set(['-p', '--package', '--registry', '--cache', '--from', '--python', '--with', '--index-url', '-e', '--env', '-v', '--volume', '--name', '--network', '--mount', '--env-file', '-w', '--workdir', '-u', '--user', '--entrypoint', '--platform', '--pull', '-l', '--label', '--add-host', '--memory', '--cpus']);

/** The first argument that is not a flag or a flag's value, and what follows it. */
function firstOperand(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return args[i + 1] ?? null;
    if (a.startsWith('-')) {
      if (!a.includes('=') && VALUE_FLAGS.has(a)) i++;
      continue;
    }
    return a;
  }
  return null;
}

/** `@scope/name@1.2.3` → name and version (a range or tag counts as a version too). */
export function splitSpec(spec: string): { name: string; version: string | null } {
  const at = spec.lastIndexOf('@');
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) || null };
  return { name: spec, version: null };
}

export function identityOf(server: ConfiguredServer): Identity {
  if (server.url) return { kind: 'url', url: normalUrl(server.url) };
  const cmd = base(server.command ?? '');
  let args = server.args;
  if ((cmd === 'pnpm' || cmd === 'yarn') && args[0] === 'dlx') args = args.slice(1);
  else if (cmd === 'npm' && (args[0] === 'exec' || args[0] === 'x')) args = args.slice(1);
  if (['npx', 'bunx', 'pnpx'].includes(cmd) || args !== server.args) {
    // `npx -p pkg bin` names the package with -p.
    const p = args.findIndex((a) => a === '-p' || a === '--package');
    const spec = p >= 0 ? args[p + 1] : firstOperand(args);
    if (spec) return { kind: 'npm', ...packageOf(splitSpec(spec)) };
  }
  if (cmd === 'uvx' || (cmd === 'uv' && args[0] === 'tool' && args[1] === 'run')) {
    const spec = firstOperand(cmd === 'uv' ? args.slice(2) : args);
    if (spec) {
      const m = /^([A-Za-z0-9_.-]+)(?:==(.+))?$/.exec(spec);
      return { kind: 'pypi', package: m?.[1] ?? spec, version: m?.[2] ?? null };
    }
  }
  if ((cmd === 'docker' || cmd === 'podman') && args[0] === 'run') {
    const image = firstOperand(args.slice(1));
    if (image) return { kind: 'image', image };
  }
  return { kind: 'command', line: [server.command ?? '', ...server.args].join(' ') };
}

function packageOf(spec: { name: string; version: string | null }): { package: string; version: string | null } {
  return { package: spec.name, version: spec.version === 'latest' ? null : spec.version };
}

function normalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** The image without its tag or digest. */
const imageName = (image: string): string => image.replace(/@sha256:.*$/, '').replace(/:[^/:]+$/, '');

function matches(identity: Identity, entry: ScanEntry): boolean {
  switch (identity.kind) {
    case 'npm':
      return entry.transport === 'npm' && entry.package === identity.package;
    case 'pypi':
      return entry.transport === 'pypi' && entry.package === identity.package;
    case 'image':
      return entry.package !== null && (entry.transport === 'oci' || entry.transport === 'command') && imageName(entry.package) === imageName(identity.image);
    case 'url':
      return entry.url !== null && normalUrl(entry.url) === identity.url;
    case 'command':
      return entry.command !== null && [entry.command, ...entry.args].join(' ') === identity.line;
  }
}

export function matchServer(server: ConfiguredServer, catalog: ScanCatalog): Match {
  const identity = identityOf(server);
  // A catalogued command line (a `command` source such as `uvx --from pkg bin`) matches exactly too.
  const line: Identity = { kind: 'command', line: [server.command ?? '', ...server.args].join(' ') };
  const entry = catalog.servers.find((e) => matches(identity, e)) ?? (server.command ? catalog.servers.find((e) => matches(line, e)) : undefined) ?? null;
  let note: string | null = null;
  if (!entry) note = `not in the catalog (${describeIdentity(identity)})`;
  else if ((identity.kind === 'npm' || identity.kind === 'pypi') && identity.version && entry.version && identity.version !== entry.version) {
    note = `version ${identity.version} is not in the catalog; its tools are those of ${entry.version}`;
  }
  return { server, identity, entry, note };
}

export function describeIdentity(identity: Identity): string {
  switch (identity.kind) {
    case 'npm':
    case 'pypi':
      return `${identity.kind} ${identity.package}${identity.version ? `@${identity.version}` : ''}`;
    case 'image':
      return `image ${identity.image}`;
    case 'url':
      return `url ${identity.url}`;
    case 'command':
      return `command ${identity.line}`;
  }
}
