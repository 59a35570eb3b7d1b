/**
 * The sandbox: every process the crawler starts for a server — its `npm install` and the server
 * itself — runs inside bubblewrap (`bwrap`, the sandbox Flatpak uses) with new user, PID, IPC, UTS,
 * cgroup and (unless the source opts in) network namespaces, no capabilities, an empty root with
 * only the system's programs and libraries, the server's own files read-only, a private HOME and
 * a private /tmp, a clean environment, and limits on memory, CPU time and processes.
 *
 * What this rules out: reading the crawler's environment or command line (its /proc is not
 * there), the checkout, the real HOME, the catalog or another server's install folder (not bound),
 * signalling the crawler (another PID namespace), outliving the crawl (the namespace dies with its
 * first process, and that one with the crawler), and, by default, the network.
 *
 * Crawling without it takes `--no-sandbox`, said loudly and recorded in provenance.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { bwrapOptions, INSIDE, type Mount, type SandboxSpec } from './bubblewrap.ts';
import { DEFAULT_LIMITS, JOIN_PROLOGUE, makeCgroup, prlimitArgs, type Cgroup, type Limits } from './limits.ts';

export { inSystemDirs, INSIDE, type Mount } from './bubblewrap.ts';
export { DEFAULT_LIMITS, type Limits } from './limits.ts';

/** The tools the sandbox is made of, found on this machine. */
export type Sandbox = { bwrap: string; prlimit: string | null; sh: string; limits: Limits };

/** How a process was isolated, for the record. */
export type Isolation = {
  sandbox: 'bubblewrap' | 'none';
  network: boolean;
  /** The limits that held: `memory`, `cpu`, `files` per process; `processes`, `tree-memory` for the whole tree. */
  limits: string[];
};

export const HOW_TO_GET =
  'Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap), ' +
  'or pass --no-sandbox to run servers without isolation (they then see your files, processes and network; the records say so).';

/** A program on the PATH (absolute, executable), or null. */
export function which(program: string, path = process.env['PATH'] ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const file = join(dir, program);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return null;
}

let cached: { ok: true; sandbox: Sandbox } | { ok: false; why: string } | null = null;

/**
 * Finds bubblewrap and checks that it really can make the namespaces (a kernel or a container may
 * forbid user namespaces). Found once per process.
 */
export function findSandbox(limits: Limits = DEFAULT_LIMITS): { ok: true; sandbox: Sandbox } | { ok: false; why: string } {
  if (cached) return cached.ok ? { ok: true, sandbox: { ...cached.sandbox, limits } } : cached;
  const path = `${process.env['PATH'] ?? ''}${delimiter}/usr/bin${delimiter}/bin`;
  // MCP_CATALOG_BWRAP names another bubblewrap binary (or, for a test, a missing one).
  const wanted = process.env['MCP_CATALOG_BWRAP'];
  const bwrap = wanted ? (existsSync(wanted) ? wanted : null) : which('bwrap', path);
  const sh = which('sh', '/bin:/usr/bin');
  if (!bwrap || !sh) {
    cached = { ok: false, why: `bubblewrap (bwrap) is not installed. ${HOW_TO_GET}` };
    return cached;
  }
  const spec: SandboxSpec = { mounts: [], env: { PATH: '/usr/bin:/bin' }, cwd: '/', network: false, tmpBytes: 1024 * 1024, etcFiles: {} };
  const trial = spawnSync(bwrap, ['--args', '0', '--', sh, '-c', 'exit 0'], {
    input: bwrapOptions(spec).map((a) => `${a}\0`).join(''),
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (trial.status !== 0) {
    const said = (trial.stderr || trial.error?.message || `exit ${trial.status}`).trim().slice(0, 300);
    cached = { ok: false, why: `bubblewrap cannot make a sandbox here (${said}). Allow unprivileged user namespaces or run as root. ${HOW_TO_GET}` };
    return cached;
  }
  cached = { ok: true, sandbox: { bwrap, prlimit: which('prlimit', path), sh, limits } };
  return cached;
}

/**
 * A private folder on the host for one server: `home/` (its HOME, bound writable) and `etc/`
 * (its passwd and group). Made with mkdtemp, so its name cannot be guessed or planted in advance;
 * owner-only; removed without following any link a server left in it.
 */
export type PrivateDir = { root: string; home: string; tmp: string; etc: Record<string, string>; remove: () => void };

/** Private folders and control groups in use, so an interrupted crawl can remove them on its way out. */
const inUse = new Set<() => void>();

/** Removes every private folder and control group still in use (the crawl is exiting). */
export function removeAllPrivateNow(): void {
  for (const remove of inUse) remove();
  inUse.clear();
}

export function makePrivateDir(slug: string): PrivateDir {
  const root = mkdtempSync(join(tmpdir(), `mcp-crawl-${slug}-`));
  const st = lstatSync(root);
  if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) {
    throw new Error(`private folder ${root} is not a folder of our own`);
  }
  const home = join(root, 'home');
  const tmp = join(home, 'tmp');
  const etc = join(root, 'etc');
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  mkdirSync(etc, { mode: 0o700 });
  // A user entry, so programs that ask who they are (os.userInfo, getpwuid) get an answer.
  writeFileSync(join(etc, 'passwd'), `root:x:0:0:root:/root:/usr/sbin/nologin\nmcp:x:${INSIDE.uid}:${INSIDE.gid}:MCP server:${INSIDE.home}:/bin/sh\n`);
  writeFileSync(join(etc, 'group'), `root:x:0:\nmcp:x:${INSIDE.gid}:\n`);
  const remove = () => {
    inUse.delete(remove);
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  inUse.add(remove);
  return { root, home, tmp, etc: { '/etc/passwd': join(etc, 'passwd'), '/etc/group': join(etc, 'group') }, remove };
}

/**
 * The command line that runs `command args` in the sandbox: the program and arguments to spawn,
 * the bytes for its descriptor 3, the environment and folder to spawn it with, and its control
 * group to remove afterwards.
 */
export function sandboxCommand(
  sandbox: Sandbox,
  spec: Omit<SandboxSpec, 'tmpBytes'> & { name: string },
  command: string,
  args: readonly string[],
): { command: string; args: string[]; fd3: Buffer; env: Record<string, string>; cwd: string; isolation: Isolation; cgroup: Cgroup | null } {
  const limits = sandbox.limits;
  const options = bwrapOptions({ ...spec, tmpBytes: Math.min(limits.fileBytes, 512 * 1024 ** 2) });
  // bwrap reads its options from file descriptor 3, so its command line — which every process in
  // the sandbox can read as that of its PID 1 — shows no mount path and no environment value,
  // only the server's own command.
  const fd3 = Buffer.from(options.map((a) => `${a}\0`).join(''), 'utf8');
  let line = [sandbox.bwrap, '--args', '3', '--', command, ...args];
  const held: string[] = [];
  if (sandbox.prlimit) {
    line = [sandbox.prlimit, ...prlimitArgs(limits), ...line];
    held.push('memory', 'cpu', 'files');
  }
  const cgroup = makeCgroup(`${spec.name}-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, limits);
  if (cgroup) {
    const { remove, removeNow } = cgroup;
    inUse.add(removeNow);
    cgroup.remove = () => {
      inUse.delete(removeNow);
      return remove();
    };
    line = [sandbox.sh, '-c', JOIN_PROLOGUE, 'sh', ...cgroup.procs, '--', ...line];
    held.push(...cgroup.caps.map((c) => (c === 'memory' ? 'tree-memory' : c)));
  }
  return {
    command: line[0]!,
    args: line.slice(1),
    fd3,
    // Started from / with nothing but a PATH: what the wrappers export (the shell's PWD) names no folder of ours.
    env: { PATH: '/usr/bin:/bin' },
    cwd: '/',
    isolation: { sandbox: 'bubblewrap', network: spec.network, limits: held },
    cgroup,
  };
}

/** A host file or folder, resolved through links, that exists: what a mount may name. */
export function realExisting(path: string): string | null {
  try {
    return existsSync(path) ? realpathSync(path) : null;
  } catch {
    return null;
  }
}

export type { SandboxSpec };
export const mount = (host: string, at: string = host, write = false): Mount => ({ host, at, write });
