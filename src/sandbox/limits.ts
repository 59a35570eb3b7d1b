/**
 * Resource limits for a sandboxed process tree. Two layers, because neither is everywhere:
 *
 * - per-process resource limits (`prlimit`, from util-linux): data memory, CPU seconds, open files,
 *   file size, no core dumps. They hold on every Linux machine but count each process alone.
 * - a control group for the whole tree, when the crawler may make one (root on a machine with a
 *   writable cgroup hierarchy, v1 or v2): a cap on processes (a fork bomb stops there) and on the
 *   tree's memory together.
 *
 * The record says which layers held (`provenance.sandbox.limits`).
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Limits = {
  /** Memory of one process (its data segment: heap and private mappings), bytes. */
  memoryBytes: number;
  /** Memory of the whole tree, bytes (control group only). */
  treeMemoryBytes: number;
  /** CPU time of one process, seconds. */
  cpuSeconds: number;
  /** Processes and threads of the whole tree (control group only). */
  processes: number;
  openFiles: number;
  /** Largest file a process may write, bytes. */
  fileBytes: number;
};

export const DEFAULT_LIMITS: Limits = {
  memoryBytes: 4 * 1024 ** 3,
  treeMemoryBytes: 6 * 1024 ** 3,
  cpuSeconds: 600,
  processes: 512,
  openFiles: 4096,
  fileBytes: 1024 ** 3,
};

/** `prlimit` arguments that set the per-process limits and then run the rest of the command line. */
export function prlimitArgs(limits: Limits): string[] {
  return [
    `--data=${limits.memoryBytes}`,
    `--cpu=${limits.cpuSeconds}`,
    `--nofile=${limits.openFiles}`,
    `--fsize=${limits.fileBytes}`,
    '--core=0',
    '--',
  ];
}

/** A control group made for one sandbox; the wrapper joins it before anything of the server runs. */
export type Cgroup = {
  /** The `cgroup.procs` files to write the wrapper's pid into. */
  procs: string[];
  /** Which caps it carries. */
  caps: ('processes' | 'memory')[];
  /** Removes the group once its processes are gone (resolves when it is gone, or after a few seconds of trying). */
  remove: () => Promise<void>;
  /** One synchronous attempt, for a crawl on its way out. */
  removeNow: () => void;
};

type Hierarchy = { kind: 'v1' | 'v2'; root: string; controllers: ('pids' | 'memory')[] };

let found: Hierarchy[] | null = null;

/** The cgroup folder this process sits in, for one hierarchy line of /proc/self/cgroup. */
function ownPath(match: (controllers: string) => boolean): string | null {
  try {
    for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
      const [, controllers, path] = line.split(':');
      if (controllers !== undefined && path !== undefined && match(controllers)) return path;
    }
  } catch {
    // Not Linux.
  }
  return null;
}

/** The writable hierarchies that can cap processes or memory, found once per crawl. */
function hierarchies(): Hierarchy[] {
  if (found) return found;
  found = [];
  const base = '/sys/fs/cgroup';
  // cgroup v1: one hierarchy per controller.
  for (const controller of ['pids', 'memory'] as const) {
    const own = ownPath((c) => c.split(',').includes(controller));
    const root = own === null ? null : join(base, controller, own);
    if (root && probe(root)) found.push({ kind: 'v1', root, controllers: [controller] });
  }
  if (found.length > 0) return found;
  // cgroup v2: one hierarchy; a child group can use the controllers its parent hands down.
  const own = ownPath((c) => c === '');
  const root = own === null ? null : join(base, own);
  if (root && existsSync(join(root, 'cgroup.subtree_control')) && probe(root)) {
    const controllers = readFileSync(join(root, 'cgroup.subtree_control'), 'utf8').split(/\s+/);
    const usable = (['pids', 'memory'] as const).filter((c) => controllers.includes(c));
    if (usable.length) found.push({ kind: 'v2', root, controllers: usable });
  }
  return found;
}

/** Whether a child group can be made (and removed) under `root`. */
function probe(root: string): boolean {
  const dir = join(root, `mcp-crawl-probe-${process.pid}`);
  try {
    mkdirSync(dir);
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** A control group for one sandbox, or null where none can be made (the per-process limits still hold). */
export function makeCgroup(name: string, limits: Limits): Cgroup | null {
  const made: string[] = [];
  const caps = new Set<'processes' | 'memory'>();
  const removeNow = () => {
    const left = made.splice(0).reverse().filter((dir) => {
      try {
        rmdirSync(dir);
        return false;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'EBUSY';
      }
    });
    made.push(...left.reverse());
  };
  // A group can be removed only once its last process is reaped, which may come a moment after
  // the tree was ended (a zombie still counts): try again for a few seconds.
  const remove = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      removeNow();
      if (made.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    for (const h of hierarchies()) {
      const dir = join(h.root, `mcp-crawl-${name}`);
      mkdirSync(dir);
      made.push(dir);
      for (const c of h.controllers) {
        if (c === 'pids') {
          writeFileSync(join(dir, 'pids.max'), String(limits.processes));
          caps.add('processes');
        } else {
          writeFileSync(join(dir, h.kind === 'v1' ? 'memory.limit_in_bytes' : 'memory.max'), String(limits.treeMemoryBytes));
          caps.add('memory');
        }
      }
    }
  } catch {
    removeNow();
    return null;
  }
  if (made.length === 0) return null;
  return { procs: made.map((d) => join(d, 'cgroup.procs')), caps: [...caps], remove, removeNow };
}

/**
 * A shell prologue that moves the shell into the groups and then runs the rest: `sh -c PROLOGUE
 * sh PROCS... -- COMMAND ARGS...`. The shell is the system's, and it joins before the server's
 * first instruction, so no process of the tree starts outside the group.
 */
export const JOIN_PROLOGUE = 'while [ "$1" != "--" ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';
