/**
 * Runs a command and measures it the way a user feels it: wall time, and the peak memory of its
 * whole process tree (Astro and Pagefind run as several processes), sampled from /proc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';

export type Measured = {
  ms: number;
  /** The most the whole tree held at once. */
  peakRssBytes: number;
  /** The most each kind of process held at once (kinds from the command line, see kindOf). */
  peakByKind: Record<string, number>;
  stdout: string;
  stderr: string;
};

/** Astro, Pagefind's indexer, or the Node process that drives them. */
export function kindOf(cmdline: string): string {
  if (/pagefind/.test(cmdline)) return 'pagefind';
  if (/\bastro\b/.test(cmdline)) return 'astro';
  return 'driver';
}

const PAGE_BYTES = 4096;
const SAMPLE_MS = 50;

/** Resident bytes of every process in the process group `pgid` (the command and all it started), by kind. */
export function groupRss(pgid: number): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const kind = kindOf(cmdline);
    byKind[kind] = (byKind[kind] ?? 0) + Number(fields[21]) * PAGE_BYTES;
  }
  return byKind;
}

export function measure(command: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-200_000)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-200_000)));
    let peak = 0;
    const peakByKind: Record<string, number> = {};
    const timer = setInterval(() => {
      if (!child.pid) return;
      const now = groupRss(child.pid);
      peak = Math.max(peak, Object.values(now).reduce((a, b) => a + b, 0));
      for (const [k, v] of Object.entries(now)) peakByKind[k] = Math.max(peakByKind[k] ?? 0, v);
    }, SAMPLE_MS);
    child.once('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`));
      else resolve({ ms, peakRssBytes: peak, peakByKind, stdout, stderr });
    });
  });
}

/** Bytes and file count of a folder tree. */
export function diskUsage(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

