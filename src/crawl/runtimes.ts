/**
 * How a source of a package registry other than npm is started: a PyPI package with `uvx`, a
 * container image with `docker run`. The crawler has no installer of its own for these; it runs
 * the runtime the machine has, inside the same sandbox as any command, and says plainly when the
 * machine has none ("runtime not available here: uvx"), so the server is recorded as waiting for
 * a runtime rather than as broken. A container runs under the Docker daemon, outside the sandbox,
 * so `docker run` itself keeps it in: no network unless the source asks for it, the sandbox's
 * memory and process limits, only the placeholder variables (passed by name: docker copies their
 * values from its own environment, which holds only those), and no option of a listing's that
 * could show it the host. uvx fetches its package when it starts, inside the sandbox, so a pypi
 * source reaches PyPI only when it sets `network: true`; discovery leaves that to a reviewer.
 */
import { statSync } from 'node:fs';
import { delimiter } from 'node:path';
import type { Source } from '../schema.ts';
import { DEFAULT_LIMITS, which } from '../sandbox/index.ts';
import { basePath } from './env.ts';
import type { CrawlOptions } from './options.ts';

/** The program each runtime transport needs. */
export const RUNTIMES = { pypi: 'uvx', oci: 'docker' } as const;
export type RuntimeTransport = keyof typeof RUNTIMES;

export function isRuntimeTransport(transport: string): transport is RuntimeTransport {
  return Object.hasOwn(RUNTIMES, transport);
}

/** What a runtime command line needs besides the program and its arguments: host paths to show to the sandbox. */
export type RuntimeStart = { command: string; args: string[]; paths: string[] };

/** Where the runtimes are looked for: the crawler's PATH and environment unless a test gives others. */
export type RuntimeHost = { path?: string; env?: Readonly<Record<string, string | undefined>> };

/**
 * The command line that starts a pypi or oci source, with the runtime found on the crawler's PATH
 * (without the project's own tools). Throws an Error whose message starts "runtime not available
 * here:" when the runtime is not installed (or, for docker, no daemon can be reached). A crawl whose
 * sandbox could not be found (rather than one run with --no-sandbox on purpose) starts nothing.
 */
export function runtimeLaunch(source: Source, opts: Pick<CrawlOptions, 'sandbox' | 'sandboxUnavailable'>, host: RuntimeHost = {}): RuntimeStart {
  if (!isRuntimeTransport(source.transport)) throw new Error(`no runtime starts a ${source.transport} source`);
  const program = RUNTIMES[source.transport];
  if (opts.sandbox === null && opts.sandboxUnavailable !== undefined) throw new Error(`cannot start ${program} without the sandbox: ${opts.sandboxUnavailable}`);
  const command = which(program, host.path ?? basePath().join(delimiter));
  if (!command) throw new Error(`runtime not available here: ${program} (not on the PATH)`);
  const pkg = source.package ?? '';
  if (source.transport === 'pypi') return { command, args: [...source.runtimeArgs, ...uvxTarget(pkg, source.version, source.bin), ...source.args], paths: [] };
  const socket = dockerSocket(host.env ?? process.env);
  const limits = opts.sandbox?.limits ?? DEFAULT_LIMITS;
  const contained = ['--network', ...(source.network ? ['bridge'] : ['none']), `--memory=${limits.memoryBytes}`, `--pids-limit=${limits.processes}`];
  const env = Object.keys(source.env).flatMap((name) => ['-e', name]);
  return {
    command,
    args: ['--host', `unix://${socket}`, 'run', '-i', '--rm', ...contained, ...env, ...source.runtimeArgs, imageRef(pkg, source.version), ...source.args],
    paths: [socket],
  };
}

/**
 * The Docker daemon's socket (`DOCKER_HOST` when it names a unix socket, else the usual one), which
 * the docker program inside the sandbox is shown and told to use. Without one there is no runtime:
 * the docker program alone cannot start a container.
 */
function dockerSocket(env: Readonly<Record<string, string | undefined>>): string {
  const host = env['DOCKER_HOST'];
  if (host && !host.startsWith('unix://')) throw new Error(`runtime not available here: docker (DOCKER_HOST ${host} is not a unix socket the sandbox can be shown)`);
  const socket = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  let isSocket = false;
  try {
    isSocket = statSync(socket).isSocket();
  } catch {
    // No such file: no daemon.
  }
  if (!isSocket) throw new Error(`runtime not available here: docker (no Docker daemon socket at ${socket})`);
  return socket;
}

/**
 * What uvx runs: `pkg@version` runs the program named like the package; a program named
 * otherwise (`bin`) is run `--from pkg==version`. uvx's own options cannot be smuggled in through
 * a package name: the schema keeps names to what a source says, and a name starting with "-" is refused.
 */
function uvxTarget(pkg: string, version: string | undefined, bin: string | undefined): string[] {
  if (pkg.startsWith('-')) throw new Error(`package "${pkg}" starts with "-": not a package name`);
  if (bin !== undefined) return ['--from', version ? `${pkg}==${version}` : pkg, bin];
  return [version ? `${pkg}@${version}` : pkg];
}

/** The image with its tag: the source's version when the image names no tag or digest of its own. */
function imageRef(image: string, version: string | undefined): string {
  if (image.startsWith('-')) throw new Error(`image "${image}" starts with "-": not an image name`);
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tagged = last.includes(':') || image.includes('@');
  return tagged || !version ? image : `${image}:${version}`;
}

