/**
 * How a source of a package registry other than npm is started: a PyPI package with `uvx`, a
 * container image with `docker run`. The crawler has no installer of its own for these; it runs
 * the runtime the machine has, inside the same sandbox as any command, and says plainly when the
 * machine has none ("runtime not available here: uvx"), so the server is recorded as waiting for
 * a runtime rather than as broken.
 */
import { delimiter } from 'node:path';
import type { Source } from '../schema.ts';
import { which } from '../sandbox/index.ts';
import { basePath } from './env.ts';
import type { CrawlOptions } from './options.ts';

/** The program each runtime transport needs. */
export const RUNTIMES = { pypi: 'uvx', oci: 'docker' } as const;
export type RuntimeTransport = keyof typeof RUNTIMES;

export function isRuntimeTransport(transport: string): transport is RuntimeTransport {
  return Object.hasOwn(RUNTIMES, transport);
}

/**
 * The command line that starts a pypi or oci source, with the runtime found on the crawler's PATH
 * (`path`, default that PATH without the project's own tools). Throws an Error whose message
 * starts "runtime not available here:" when the runtime is not installed. A crawl whose sandbox
 * could not be found (rather than one run with --no-sandbox on purpose) starts nothing.
 */
export function runtimeLaunch(
  source: Source,
  opts: Pick<CrawlOptions, 'sandbox' | 'sandboxUnavailable'>,
  path: string = basePath().join(delimiter),
): { command: string; args: string[] } {
  if (!isRuntimeTransport(source.transport)) throw new Error(`no runtime starts a ${source.transport} source`);
  const program = RUNTIMES[source.transport];
  if (opts.sandbox === null && opts.sandboxUnavailable !== undefined) throw new Error(`cannot start ${program} without the sandbox: ${opts.sandboxUnavailable}`);
  const command = which(program, path);
  if (!command) throw new Error(`runtime not available here: ${program} (a ${source.transport} source needs it on the PATH)`);
  const pkg = source.package ?? '';
  if (source.transport === 'pypi') return { command, args: [...source.runtimeArgs, ...uvxTarget(pkg, source.version, source.bin), ...source.args] };
  return { command, args: ['run', '-i', '--rm', ...dockerIsolation(source), ...source.runtimeArgs, imageRef(pkg, source.version), ...source.args] };
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

/**
 * A container runs under the Docker daemon, outside the crawler's own sandbox, so the run itself
 * keeps it in: no network unless the source asks for it, and the placeholder variables passed by
 * name (docker copies their values from its own environment, which holds only those).
 */
function dockerIsolation(source: Source): string[] {
  return [...(source.network ? [] : ['--network', 'none']), ...Object.keys(source.env).flatMap((name) => ['-e', name])];
}
