/**
 * Self-healing starts: after a start fails, the next start to try, from what the server said
 * (diagnose.ts) and what its package shows (hints.ts) — placeholders for the variables and options
 * it named, the arguments its README gives, and `--stdio`, `stdio` or `mcp` when it printed a usage
 * text, listened on HTTP or never answered. Each start is tried once; placeholders only, never a
 * credential. Pure: the crawler runs the starts, within the server's one budget.
 */
import type { Diagnosis, Shape } from './diagnose.ts';
import type { Hints } from './hints.ts';
import { fileFor, placeholderArg, placeholderEnv, placeholderFile, placeholderUrl, shapedValue } from './placeholders.ts';

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

/** What makes two starts the same: arguments, environment and the placeholder files written. */
const keyOf = (s: Pick<Start, 'args' | 'env' | 'files'>) => JSON.stringify([s.args, Object.entries(s.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), Object.keys(s.files ?? {}).sort()]);

/** A value the crawl made up (placeholders.ts), as opposed to one the source or a README gave. */
const isPlaceholder = (value: string) => value === '$HOME' || value === 'placeholder' || value.startsWith('$HOME/placeholder/') || /^(?:[a-z][a-z0-9+.-]*:\/\/)?example\.invalid(?:\/placeholder)?$/.test(value);

const hasFlag = (args: readonly string[], flag: string) => args.some((a) => a === flag || a.startsWith(`${flag}=`));

/** The form a shape asks for, in words for the record ("to start with "AC""). */
function formOf(shape: Shape): string {
  if (shape.scheme) return `to be a ${shape.scheme}:// URL`;
  if (shape.phone) return 'to be a phone number';
  if (shape.boolean) return 'to be true or false';
  const parts = [...(shape.prefix ? [`to start with "${shape.prefix}"`] : []), ...(shape.minLength ? [`to be at least ${shape.minLength} characters long`] : [])];
  return parts.join(' and ');
}

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
  // A variable that names a file: one it read as a folder or could not find, or one it showed with a
  // file as its example. Without a name, every variable given the HOME folder for a path is one.
  const isFile = (n: string) => env[n]?.startsWith('$HOME/placeholder/') ?? false;
  const folderNamed = d.readFolder ? Object.keys(env).filter((n) => env[n] === '$HOME' && !/(DIR|DIRECTORY|FOLDER|ROOT|WORKSPACE|HOME|CWD|VAULT)S?$/i.test(n)) : [];
  const asFiles = [...Object.keys(d.shapes).filter((n) => d.shapes[n]!.file && n in env), ...folderNamed].filter((n, i, all) => !isFile(n) && all.indexOf(n) === i);
  for (const name of asFiles) {
    const file = fileFor(name);
    files[file.path] = file.content;
    env[name] = file.value;
  }
  if (asFiles.length) said.push(`it wants ${asFiles.join(', ')} to name a file`);
  // A variable it was given and asks for again, which its usage line passes as an argument: given so too.
  const assigned = d.assignedArgs.filter((n) => n in last.env && d.env.includes(n) && !args.some((a) => a.startsWith(`${n}=`)));
  for (const n of assigned) args.push(`${n}=${env[n]!}`);
  if (assigned.length) said.push(`its usage passes ${assigned.map((n) => `${n}=<value>`).join(', ')} as an argument`);
  // A marker folder it looked for: made, empty but for a placeholder file, in the HOME (its working
  // folder, and the folder every folder placeholder names).
  const markers = d.markerDirs.filter((dir) => !(`${dir}/.placeholder` in files));
  for (const dir of markers) files[`${dir}/.placeholder`] = '';
  if (markers.length) said.push(`it looked for a ${markers.join(', ')} folder`);
  // A placeholder file it refused, when it was offered other settings too ("set A_TOKEN, or
  // A_CONFIG_FILE"): the file variable is left out, so the others are what it reads.
  const refused = Object.keys(env).filter((n) => d.refusedFiles.some((path) => env[n] === `$HOME/${path}`));
  const others = Object.keys(env).filter((n) => !refused.includes(n));
  if (refused.length && others.length) {
    for (const n of refused) {
      delete files[env[n]!.slice('$HOME/'.length)];
      delete env[n];
    }
    said.push(`it refused the placeholder file of ${refused.join(', ')}: left out`);
  }
  // A variable whose value must take a form (a prefix, a length, a phone number, a URL scheme): the placeholder does.
  const reshaped: string[] = [];
  for (const [name, shape] of Object.entries(d.shapes)) {
    const value = env[name] ?? placeholderEnv(name);
    const shaped = shapedValue(value, shape);
    if (shaped !== env[name] && !isFile(name)) {
      env[name] = shaped;
      reshaped.push(`${name} ${formOf(shape)}`);
    }
  }
  if (reshaped.length) said.push(`it wants ${describe(reshaped)}`);
  // A URL it could not take, without a name: the placeholder hosts and URLs become URLs of the scheme it wants.
  if (d.urlScheme) {
    const url = placeholderUrl(d.urlScheme);
    const wrong = (v: string) => v !== url && (v === 'example.invalid' || /^[a-z][a-z0-9+.-]*:\/\/example\.invalid(?:\/placeholder)?$/.test(v));
    const names = Object.keys(env).filter((n) => wrong(env[n]!));
    for (const n of names) env[n] = url;
    const at = args.flatMap((a, i) => (wrong(a) ? [i] : []));
    for (const i of at) args[i] = url;
    if (names.length + at.length) said.push(`it wants a URL that starts with ${d.urlScheme}://`);
  }
  // It takes no positional arguments: the placeholders given as ones go (a flag's value stays).
  if (d.refusedPositional) {
    const kept = args.filter((a, i) => !isPlaceholder(a) || (i > 0 && /^-[^=]*$/.test(args[i - 1]!)));
    if (kept.length < args.length) {
      args.splice(0, args.length, ...kept);
      said.push('it takes no positional arguments');
    }
  }
  // A required option it names again after it was given as two words: given as `--flag=value`.
  const joined = d.options.filter((o) => o.takesValue && args.includes(o.flag) && args.indexOf(o.flag) + 1 < args.length);
  for (const o of joined) {
    const at = args.indexOf(o.flag);
    args.splice(at, 2, `${o.flag}=${args[at + 1]!}`);
  }
  if (joined.length) said.push(`it did not read ${joined.map((o) => `${o.flag} <value>`).join(', ')}: tried ${joined.map((o) => `${o.flag}=<value>`).join(', ')}`);
  // The options it asked for, unless the README's arguments give each of them with its value
  // (and its sub-command): those are taken whole below, in the form the authors show.
  const readmeArgs = hints?.args?.length && last.args.length === 0 && args.length === 0 ? hints.args : null;
  const wanted = d.options.filter((o) => !hasFlag(args, o.flag));
  const newOptions = readmeArgs && wanted.every((o) => hasFlag(readmeArgs, o.flag)) ? [] : wanted;
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
