/**
 * Starting a server (or an installer) in its own process group and ending the whole tree it grew.
 *
 * Servers spawn helpers (browsers, language runtimes, shells), and some of those start their own
 * session to escape their parent. Inside the sandbox that changes nothing: the sandbox's PID
 * namespace dies with its first process. Without it (`--no-sandbox`), a tree is found three ways
 * before it is signalled: the process group, the parent links in /proc, and the private HOME
 * folder every descendant inherits in its environment (an escaped daemon keeps it even after its
 * parent died, unless it changes it).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { removeAllPrivateNow } from '../sandbox/index.ts';

export type ProcessTree = {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** The private HOME given to the tree: a marker for descendants that left the group. */
  home: string | null;
  /** Resolves once every process of the tree is gone. */
  kill: () => Promise<void>;
};

/** Trees still running, so an interrupted crawl can end them before it exits. */
const live = new Set<ProcessTree>();

type ProcInfo = { pid: number; ppid: number; pgid: number; state: string };

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return null;
  }
}

function allProcs(): ProcInfo[] {
  let names: string[] = [];
  try {
    names = readdirSync('/proc');
  } catch {
    return []; // Not Linux: the process group signal is all we have.
  }
  const out: ProcInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info) out.push(info);
  }
  return out;
}

function hasHome(pid: number, home: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`HOME=${home}`);
  } catch {
    return false; // Another user's process, or already gone.
  }
}

/** Every living process of the tree rooted at `pid` (group `pid`), including escaped ones. */
export function treeMembers(pid: number, home: string | null): number[] {
  const procs = allProcs().filter((p) => p.state !== 'Z' && p.state !== 'X' && p.pid !== process.pid);
  const alive = new Set(procs.map((p) => p.pid));
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found = new Set<number>();
  const stack = [pid];
  for (const p of procs) if (p.pgid === pid || p.pid === pid) stack.push(p.pid);
  if (home) for (const p of procs) if (hasHome(p.pid, home)) stack.push(p.pid);
  while (stack.length) {
    const next = stack.pop()!;
    if (found.has(next)) continue;
    if (alive.has(next)) found.add(next);
    for (const c of children.get(next) ?? []) stack.push(c);
  }
  return [...found];
}

function signal(pids: number[], pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // The group is already empty.
  }
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to the group and every member, a grace period, then SIGKILL to whatever is left. */
export async function killTree(pid: number, home: string | null, graceMs = 1_500): Promise<void> {
  signal(treeMembers(pid, home), pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if (treeMembers(pid, home).length === 0) return;
    await sleep(50);
  }
  for (let round = 0; round < 20; round++) {
    const left = treeMembers(pid, home);
    if (left.length === 0) return;
    signal(left, pid, 'SIGKILL');
    await sleep(50);
  }
}

/**
 * Spawns `command` detached (a new session and process group) with exactly `env`, pipes for all
 * three streams, and registers the tree so `killAllTrees` can end it.
 */
export function spawnTree(
  command: string,
  args: readonly string[],
  opts: { env: Record<string, string>; cwd: string; home: string | null; fd3?: Buffer | undefined },
): ProcessTree {
  const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe', opts.fd3 ? 'pipe' : 'ignore'] }) as ChildProcessWithoutNullStreams;
  // What the child reads on its fourth descriptor (the sandbox's arguments), written once and closed.
  const extra = child.stdio[3];
  if (opts.fd3 && extra && 'end' in extra) {
    extra.on('error', () => {});
    extra.end(opts.fd3);
  }
  let ended: Promise<void> | null = null;
  const tree: ProcessTree = {
    child,
    pid: child.pid ?? -1,
    home: opts.home,
    kill: () => {
      ended ??= (async () => {
        try {
          child.stdin.end();
        } catch {
          // The pipe may already be closed.
        }
        if (tree.pid > 0) await killTree(tree.pid, opts.home);
        live.delete(tree);
      })();
      return ended;
    },
  };
  if (tree.pid > 0) live.add(tree);
  else child.once('error', () => live.delete(tree));
  return tree;
}

/** Synchronous last resort for process exit: SIGKILL every registered tree. */
export function killAllTreesNow(): void {
  for (const tree of live) {
    signal(treeMembers(tree.pid, tree.home), tree.pid, 'SIGKILL');
  }
  live.clear();
  // The normal path removes each server's private folder and control group; an interrupted one does it here.
  removeAllPrivateNow();
}

/** Ends every registered tree when the crawl is interrupted or exits, so no server outlives it. */
let exitHandlers = false;
export function killTreesOnExit(): void {
  if (exitHandlers) return;
  exitHandlers = true;
  process.once('exit', killAllTreesNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAllTreesNow();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}
