/**
 * The bubblewrap command line for one sandboxed process. The sandbox starts from an empty root:
 * only what is listed here exists inside it, so anything not bound (the crawler's checkout, the
 * catalog, the real HOME, other servers' install folders, the crawler's own processes in /proc) is
 * simply not there to be read or written.
 */
import { lstatSync, readlinkSync } from 'node:fs';

/** Where things sit inside every sandbox: fixed paths, so a server that prints them prints the same text on every crawl. */
export const INSIDE = {
  home: '/home/mcp',
  server: '/opt/mcp/server',
  nodeDir: '/opt/mcp/node/bin',
  /** Node's C headers, for an install whose scripts build a native module (npm's `nodedir`). */
  nodeHeaders: '/opt/mcp/node-headers',
  tmp: '/tmp',
  /** The sandbox user: nobody, with no capabilities. */
  uid: 65534,
  gid: 65534,
} as const;

/** A host path made visible inside the sandbox. */
export type Mount = { host: string; at: string; write?: boolean };

export type SandboxSpec = {
  /** The process's own files: its install folder, its HOME, the program and scripts a command names. */
  mounts: readonly Mount[];
  /** The whole environment; nothing of the crawler's reaches the process. */
  env: Readonly<Record<string, string>>;
  /** Working folder, inside. */
  cwd: string;
  /** Share the host's network; off by default (only a private loopback). */
  network: boolean;
  /** Size of the private /tmp. */
  tmpBytes: number;
  /** Files written for this sandbox (passwd, group), bound read-only over their /etc paths. */
  etcFiles: Readonly<Record<string, string>>;
};

/** The system's own folders: programs and shared libraries, read-only. Symlinked ones (merged /usr) are recreated as links. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** Whether every sandbox already shows a host path (read-only), so it needs no mount of its own. */
export const inSystemDirs = (path: string): boolean => SYSTEM_DIRS.some((dir) => path === dir || path.startsWith(`${dir}/`));

/**
 * The parts of /etc that programs need to run and to reach TLS servers (certificates, the dynamic
 * linker's cache, time zone, name service switch), and nothing that names the machine's users or
 * holds its secrets. Missing ones are skipped (`--ro-bind-try`).
 */
const ETC = [
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/ca-certificates.conf',
  '/etc/pki',
  '/etc/alternatives',
  '/etc/localtime',
  '/etc/timezone',
  '/etc/nsswitch.conf',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/mime.types',
  '/etc/os-release',
  '/etc/hosts',
  '/etc/host.conf',
  '/etc/gai.conf',
  '/etc/protocols',
  '/etc/services',
  '/etc/fonts',
];

/** Only a networked sandbox needs the resolver's configuration. */
const ETC_NETWORK = ['/etc/resolv.conf'];

function systemBinds(): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let link: string | null = null;
    try {
      const st = lstatSync(dir);
      if (st.isSymbolicLink()) link = readlinkSync(dir);
      else if (!st.isDirectory()) continue;
    } catch {
      continue;
    }
    if (link !== null) args.push('--symlink', link, dir);
    else args.push('--ro-bind', dir, dir);
  }
  return args;
}

/** The `bwrap` options (everything before `--` and the command) for the sandbox `spec` describes. */
export function bwrapOptions(spec: SandboxSpec): string[] {
  const out = [
    // New namespaces for everything; the network one only when the source does not opt in.
    '--unshare-user',
    '--unshare-ipc',
    '--unshare-pid',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(spec.network ? [] : ['--unshare-net']),
    '--uid', String(INSIDE.uid),
    '--gid', String(INSIDE.gid),
    '--hostname', 'mcp-sandbox',
    // No capabilities, no nested user namespaces to regain them.
    '--cap-drop', 'ALL',
    '--disable-userns',
    // Killed with its parent; a new terminal session, so it cannot push input into ours.
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...systemBinds(),
    ...ETC.flatMap((p) => ['--ro-bind-try', p, p]),
    ...(spec.network ? ETC_NETWORK.flatMap((p) => ['--ro-bind-try', p, p]) : []),
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(spec.tmpBytes),
    '--tmpfs', INSIDE.tmp,
  ];
  for (const [at, host] of Object.entries(spec.etcFiles)) out.push('--ro-bind', host, at);
  for (const m of spec.mounts) out.push(m.write ? '--bind' : '--ro-bind', m.host, m.at);
  for (const [key, value] of Object.entries(spec.env)) out.push('--setenv', key, value);
  out.push('--chdir', spec.cwd);
  return out;
}
