/**
 * Self-healing starts: after a start fails, the next start to try, from what the server said
 * (diagnose.ts) and what its package shows (hints.ts) — placeholders for the variables and options
 * it named, the arguments its README gives, and `--stdio`, `stdio` or `mcp` when it printed a usage
 * text, listened on HTTP or never answered. Each start is tried once; placeholders only, never a
 * credential. Pure: the crawler runs the starts, within the server's one budget.
 */
import type { Diagnosis } from './diagnose.ts';
import type { Hints } from './hints.ts';
import { placeholderArg, placeholderEnv, placeholderFile } from './placeholders.ts';

export type Start = {
  args: string[];
  env: Record<string, string>;
  /** Placeholder files written into the private HOME (relative paths), for variables that name a file. */
  files?: Record<string, string>;
  /** Why this start is tried, in words for the record. */
  why: string;
};

/** Starts per server, the first included: enough for a variable, an option and a transport switch. */
export const MAX_STARTS = 6;

/** Causes no other start can change: the program is missing, broken, or needs what the sandbox lacks. */
const FINAL = new Set(['install', 'no-bin', 'runtime', 'broken', 'network']);

/** Arguments that switch a server to stdio, in the order tried when it printed usage, served HTTP or hung. */
const STDIO_SWITCHES = [['--stdio'], ['stdio'], ['mcp'], ['--transport', 'stdio']];

/** Whether a start was a guessed switch to stdio rather than an answer to what the server said. */
export const isGuess = (start: Start): boolean => /: (tried [^:]*|read its --help)$/.test(start.why) && /^it (listened on HTTP|printed its usage)/.test(start.why);

const keyOf = (s: Pick<Start, 'args' | 'env'>) => JSON.stringify([s.args, Object.entries(s.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);

const hasFlag = (args: readonly string[], flag: string) => args.some((a) => a === flag || a.startsWith(`${flag}=`));

function describe(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The next start after `last` failed with `diagnosis`, or null when nothing new is worth trying.
 * `tried` holds every start so far (the first included), so no start is repeated.
 */
export function nextStart(input: {
  last: Start;
  diagnosis: Diagnosis;
  hints: Hints | null;
  tried: readonly Start[];
  /** Whether the arguments follow the server's own program (an npm bin), so a sub-command may go first; a command source's arguments may start with a script. */
  subcommandFirst: boolean;
}): Start | null {
  const { last, diagnosis: d, hints, tried, subcommandFirst } = input;
  if (FINAL.has(d.cause) || tried.length >= MAX_STARTS) return null;
  const seen = new Set(tried.map(keyOf));
  const fresh = (s: Start) => (seen.has(keyOf(s)) ? null : s);

  // 1. What the server named, and what its package shows, all at once: each start costs a session.
  const env = { ...last.env };
  const files = { ...last.files };
  const args = [...last.args];
  /** A variable's placeholder; one that names a file gets the file too. */
  const setEnv = (name: string) => {
    const file = placeholderFile(name);
    if (file) files[file.path] = file.content;
    env[name] = file ? file.value : placeholderEnv(name);
  };
  const said: string[] = [];
  const newEnv = d.env.filter((n) => !(n in env));
  for (const name of newEnv) setEnv(name);
  if (newEnv.length) said.push(`it asked for ${newEnv.join(', ')}`);
  // A variable it has, naming a file it could not find: the placeholder becomes a file.
  const asFiles = Object.keys(env).filter((n) => placeholderFile(n) && !env[n]!.startsWith('$HOME/placeholder/') && d.env.includes(n));
  for (const name of asFiles) setEnv(name);
  if (asFiles.length) said.push(`it wants ${asFiles.join(', ')} to name a file`);
  // A variable it has already, whose value must start a certain way: the placeholder does.
  const reshaped = Object.entries(d.prefixes).filter(([name, prefix]) => !(env[name] ?? '').startsWith(prefix));
  for (const [name, prefix] of reshaped) env[name] = `${prefix}${placeholderEnv(name)}`;
  if (reshaped.length) said.push(`it wants ${reshaped.map(([n, p]) => `${n} to start with "${p}"`).join(', ')}`);
  const newOptions = d.options.filter((o) => !hasFlag(args, o.flag));
  for (const o of newOptions) args.push(...(o.takesValue ? [o.flag, placeholderArg(o.flag)] : [o.flag]));
  if (newOptions.length) said.push(`it asked for ${newOptions.map((o) => o.flag).join(', ')}`);
  const positional = d.positional.slice(0, 3);
  if (positional.length && last.args.filter((a) => !a.startsWith('-')).length === 0) {
    args.push(...positional.map(placeholderArg));
    said.push(`its usage needs <${positional.join('>, <')}>`);
  }
  if (hints) {
    const hinted = hints.env.filter((n) => !(n in env));
    for (const name of hinted) setEnv(name);
    if (hinted.length) said.push(`${describe(hints.from)} set${hints.from.length > 1 ? '' : 's'} ${hinted.join(', ')}`);
    if (hints.args?.length && last.args.length === 0 && args.length === 0) {
      args.push(...hints.args);
      said.push(`${describe(hints.from)} pass${hints.from.length > 1 ? '' : 'es'} ${hints.args.join(' ')}`);
    }
  }
  if (said.length) {
    const start = fresh({ args, env, ...(Object.keys(files).length ? { files } : {}), why: describe(said) });
    if (start) return start;
  }

  // 2. A usage text or an HTTP listener: the server wants to be told to speak stdio. (Silence is
  // not a reason: a server that never answers would cost the step timeout once per guess.)
  if (d.usage || d.http) {
    const base = said.length ? { args, env, files } : { args: last.args, env: last.env, files: last.files ?? {} };
    const because = d.http ? 'it listened on HTTP' : 'it printed its usage';
    const verb = (sw: string[]) => (sw[0] === '--help' ? 'read its --help' : `tried ${sw.join(' ')}`);
    // What its help offers comes first; an HTTP listener that offered nothing yet is asked for its help.
    const help = d.http && d.stdioArgs.length === 0 && d.subcommands.length === 0 && !tried.some((t) => t.args.includes('--help')) ? [['--help']] : [];
    const switches = [...d.stdioArgs, ...d.subcommands.map((c) => [c]), ...help, ...STDIO_SWITCHES];
    for (const sw of switches) {
      if (sw.some((a) => base.args.includes(a))) continue;
      // A sub-command comes first (`server stdio --flag`), a flag last.
      const next = sw[0]!.startsWith('-') || !subcommandFirst ? [...base.args, ...sw] : [...sw, ...base.args];
      const start = fresh({ args: next, env: base.env, ...(Object.keys(base.files).length ? { files: base.files } : {}), why: `${because}: ${verb(sw)}` });
      if (start) return start;
    }
  }
  return null;
}
