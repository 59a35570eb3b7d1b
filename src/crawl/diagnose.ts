/**
 * Reads what a failed start said — the crawler's error, the server's stderr and any stray stdout —
 * and says why it failed (a cause of UNLISTED_CAUSES) and what it asked for: environment variables,
 * options and arguments it named, whether it printed a usage text, listened on HTTP, or listed
 * sub-commands. Self-healing starts (heal.ts) act on this; unlisted entries quote it.
 *
 * Everything here reads untrusted text with patterns of the messages that Node, npm and the usual
 * argument and settings libraries (commander, yargs, zod, env validators) print; nothing names a
 * server. Names found are checked again by the caller before use (RESERVED_ENV, length).
 */
import { RESERVED_ENV } from '../schema.ts';
import type { UnlistedCause } from '../taxonomy.ts';

export type Option = { flag: string; takesValue: boolean };

/**
 * The form a value must take, as a server's own check said it ("must start with AC", "at least 32
 * characters", "E.164 format", "'true' or 'false'", a file it could not read): a placeholder is
 * then made in that form, so the check passes without a real value.
 */
export type Shape = {
  prefix?: string;
  minLength?: number;
  /** It names a file (it read a folder, or could not find what it was given). */
  file?: boolean;
  /** A URL of this scheme (`mongodb`). */
  scheme?: string;
  phone?: boolean;
  boolean?: boolean;
};

export type Diagnosis = {
  cause: UnlistedCause;
  /** Environment variables the server said it needs. */
  env: string[];
  /** The form each variable's value must take, by name, when the server said so ("keys start with 'ak_'"). */
  shapes: Record<string, Shape>;
  /** A value must be a URL of this scheme, without a variable named ("URL must start with 'mongodb://'", "Invalid … URL format"). */
  urlScheme: string | null;
  /** It read a folder where it wanted a file (EISDIR), without naming the variable. */
  readFolder: boolean;
  /** It takes no positional arguments ("too many arguments", "Unexpected argument"). */
  refusedPositional: boolean;
  /** Variables its usage line passes as arguments (`Usage: node x.js API_KEY=<key>`). */
  assignedArgs: string[];
  /** Marker folders it looked for in its working folder or the folder it was given (`.obsidian`, `.agent-relay`). */
  markerDirs: string[];
  /** Placeholder files (paths under the HOME) it read and refused: an empty JSON object is not its format. */
  refusedFiles: string[];
  /** Options it said are required (`--api-key`). */
  options: Option[];
  /** Required positional arguments from a usage line or an error (`<directory>`). */
  positional: string[];
  /** It printed a usage or help text. */
  usage: boolean;
  /** It said it listens on HTTP (a port or a URL) rather than stdio. */
  http: boolean;
  /** Sub-commands its usage lists that start a server (stdio, mcp, serve, start…). */
  subcommands: string[];
  /** Options its help text offers to speak stdio (`--stdio`, `--transport stdio`), most likely first. */
  stdioArgs: string[][];
  /** A native module it loads was never built for this Node (its install scripts did not run, or built for another). */
  native: boolean;
};

export type Said = {
  /** The crawler's own error for the start (install, bin, session step). */
  error: string;
  stderr: string;
  stdout: string;
  /** The server exited on its own (not ended by the crawler). */
  exited: boolean;
  /** The session waited for an answer that never came. */
  timedOut: boolean;
  /** It answered the tool list, with no tools. */
  noTools?: boolean;
};

/** Words that, on the same line as an upper-case name, say the name is a setting that is missing. */
const NEEDED =
  /\b(required|requires|missing|not set|not defined|not configured|not provided|must be (?:set|provided|defined|specified)|please (?:set|provide|specify|configure|define|add)|is empty|undefined|no .{0,40}(?:provided|found|set)|set (?:the|your|an?)\b|environment variable|env(?:ironment)? var|invalid_type|expected string|cannot be empty)/i;
/**
 * An environment variable's name: upper case with at least one underscore part (`API_KEY`,
 * `X_TOKEN`), not an error code in brackets (`[CLI_UNKNOWN_COMMAND]`).
 */
const ENV_NAME = /(?<![A-Za-z0-9_$.-])(?!(?<=\[)[A-Z][A-Z0-9_]*\])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_(])/g;
/** Upper-case names that are not settings: templates (`YOUR_API_KEY`), Node and system error codes, signals, log tags. */
const NOT_ENV = /^(YOUR_|ERR_|E[A-Z]+_|NODE_(?!ENV)|SIG|MODULE_NOT_FOUND|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|CERT_|HTTP_\d|JSON_|UTF_|ISO_|RFC_|TS_|ES\d)/;
/** zod's issue list (`"path": ["NAME"]` … "Required"), as env validators print it over several lines. */
const ZOD_PATH = /"?path"?\s*:\s*\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\]/g;

const HTTP_LISTEN =
  /\b(listening|running|started|serving|available|server (?:is )?(?:up|ready))\b[^\n]{0,60}?(https?:\/\/[^\s"']+|\bport\s*:?\s*\d{2,5}\b|(?:localhost|0\.0\.0\.0|127\.0\.0\.1|\[::\]):\d{2,5})/i;
const STDIO_WORD = /\bstdio\b/i;

const USAGE = /^\s*(?:usage|Usage|USAGE)\s*:|^\s*Options:\s*$|^\s*Commands:\s*$|\s--help\b.*\b(show|display)s? help/m;
/** Sub-commands that, when a usage lists them, start the server itself; in the order to try. */
const SERVER_COMMANDS = ['stdio', 'mcp', 'serve', 'start', 'server', 'run'];

/**
 * A native module missing its build: `bindings` and `node-gyp-build` finding no compiled file,
 * a `require` of a `.node` file, node-pty's loader, or a build for another Node's ABI.
 */
const NATIVE =
  /\b(Could not locate the bindings file|No native build was found for|Failed to load native module|was compiled against a different Node\.js version)|Cannot find module '[^'\n]*\.node'/;

const NETWORK = /\b(ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ECONNRESET|getaddrinfo|fetch failed|network (?:error|request failed)|socket hang up|Client network socket disconnected|request to https?:\/\/\S+ failed)\b/i;
const REFUSED = /\bECONNREFUSED\b/;
const RUNTIME =
  /\b(spawn \S+ ENOENT|command not found|: not found\b|No such file or directory.*\b(python3?|uvx?|docker|java|go|ruby|php|deno|bun|git)\b|Executable doesn't exist|Could not find (?:Chrome|Chromium|expected browser)|Failed to launch the browser|browserType\.launch|playwright install|requires? (?:Python|Docker|Java)|libsecret|cannot open shared object file|GLIBC_\d|docker\.sock|Docker daemon|Is the docker daemon running)/i;
const BROKEN =
  /\b(Cannot find (?:module|package)|ERR_MODULE_NOT_FOUND|ERR_REQUIRE_ESM|ERR_PACKAGE_PATH_NOT_EXPORTED|ERR_UNSUPPORTED_DIR_IMPORT|ERR_UNKNOWN_FILE_EXTENSION|ERR_IMPORT_ATTRIBUTE_MISSING|SyntaxError|ReferenceError|is not a function|is not a constructor|Cannot read propert(?:y|ies) of undefined|Unexpected token|does not provide an export named)\b/;

function unique<T>(items: T[], key: (t: T) => string = String): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Names written as an example assignment (`NAME=<your key>`, `NAME=/path/to/creds.json`): a server shows these to say what to set. */
const EXAMPLE_ASSIGNMENT = /(?<![A-Za-z0-9_$.-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=["'`]?(<[^>\s]{0,60}>?|[^\s"'`]*(?:your|YOUR|Your|xxx|XXX|\/path\/to\/)[^\s"'`]*|(?:\.{1,2}|~)?\/[^\s"'`]+\.[a-z]{2,5})/g;
/** An example value that is a file by its extension. */
const FILE_EXAMPLE = /\.(json|ya?ml|toml|pem|key|crt|p12|txt|env|ini|conf)$/i;

/** The settings names on one line, without error codes and names the crawler owns. */
function namesOn(line: string): string[] {
  return unique([...line.matchAll(ENV_NAME)].map((m) => m[1]!).filter((n) => n.length <= 80 && !NOT_ENV.test(n) && !RESERVED_ENV.test(n)));
}

/** Environment variable names the text says are needed. */
export function neededEnv(text: string): string[] {
  const names: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!NEEDED.test(line)) return;
    for (const m of line.matchAll(ENV_NAME)) names.push(m[1]!);
    // A heading that says what is needed, then the names as a list under it ("Please set one of:\n- A\n- B").
    if (!/:\s*$/.test(line)) return;
    for (const next of lines.slice(i + 1, i + 21)) {
      const item = /^\s*(?:[-*•]|\d{1,2}[.)])\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/.exec(next);
      if (!item) break;
      names.push(item[1]!);
    }
  });
  if (/\bRequired\b|invalid_type/.test(text)) for (const m of text.matchAll(ZOD_PATH)) names.push(m[1]!);
  // t3-env and envalid print `NAME: [ 'Required' ]` or `NAME: undefined` under a heading.
  for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\s*:\s*(?:\[\s*['"]Required|undefined\b|Required\b|Missing\b)/gm)) names.push(m[1]!);
  for (const m of text.matchAll(EXAMPLE_ASSIGNMENT)) names.push(m[1]!);
  return unique(names.filter((n) => n.length <= 80 && !NOT_ENV.test(n) && !RESERVED_ENV.test(n)));
}

/** A value prefix a check names: quoted (`'ffly_'`), or bare when it cannot be a word of the sentence (`AC`, `sk-`). */
const PREFIX = /\b(?:start|starts|begin|begins|prefixed) with\s+(?:['"`]([^'"`\s]{1,24})['"`]|([A-Z]{2,}[A-Za-z0-9]*|[A-Za-z0-9]+[_-]))(?=[\s.,;:)]|$)/;
const SCHEME = /\b(?:start|starts|begin|begins|prefixed) with\s+['"`]?([a-z][a-z0-9+.-]{1,20}):\/\//i;
const URL_WANTED = /\b(?:invalid\b[^\n]{0,40}\burl\b|\burl format\b|must be a valid url|Failed to parse URL|TypeError[^\n]{0,20}Invalid URL)/i;
const READ_FOLDER = /\bEISDIR\b|illegal operation on a directory|\bis a directory\b/;
const NOT_FOUND = /\b(?:not found|does not exist|ENOENT|no such file)\b/i;

/** The form a check on one line asks of a value, or null when the line asks none. */
function shapeOf(line: string): Shape | null {
  const shape: Shape = {};
  const scheme = SCHEME.exec(line);
  const prefix = PREFIX.exec(line);
  if (scheme) shape.scheme = scheme[1]!.toLowerCase();
  else if (prefix) shape.prefix = prefix[1] ?? prefix[2]!;
  const min = /\bat least (\d{1,3}) (?:characters|chars)\b/i.exec(line);
  if (min) shape.minLength = Math.min(Number(min[1]), 256);
  if (/\bE\.?164\b/.test(line)) shape.phone = true;
  if (/['"`]?\btrue\b['"`]? or ['"`]?\bfalse\b/i.test(line)) shape.boolean = true;
  return Object.keys(shape).length ? shape : null;
}

/**
 * The form the text asks of named variables' values: on the line that names one variable, or for
 * the one variable the whole text names ("Invalid API key format / keys start with 'ffly_' /
 * check your FHIRFLY_API_KEY"). A variable names a file when the server read a folder through it,
 * could not find the value it was given (`NAME="placeholder" was not found`), or shows a file as
 * its example (`NAME=/path/to/credentials.json`).
 */
export function neededShapes(text: string): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  const add = (name: string, shape: Shape) => (out[name] = { ...out[name], ...shape });
  const needed = neededEnv(text);
  for (const line of text.split('\n')) {
    const names = namesOn(line);
    const shape = shapeOf(line);
    const target = names.length === 1 ? names[0]! : names.length === 0 && needed.length === 1 ? needed[0]! : null;
    if (shape && target) add(target, shape);
    // A file only from the line that names the variable: another line's error may be about another path.
    const givenValue = names.filter((n) => new RegExp(`\\b${n}\\s*[=:]\\s*["'\`/$~.]`).test(line));
    if (names.length === 1 && READ_FOLDER.test(line)) add(names[0]!, { file: true });
    else if (NOT_FOUND.test(line)) for (const n of givenValue) add(n, { file: true });
    for (const m of line.matchAll(EXAMPLE_ASSIGNMENT)) if (FILE_EXAMPLE.test(m[2]!)) add(m[1]!, { file: true });
  }
  return out;
}

function flagOf(spec: string): Option | null {
  const long = /--([a-z0-9][a-z0-9-]*)/i.exec(spec);
  if (!long) return null;
  return { flag: `--${long[1]!}`, takesValue: /[<[]/.test(spec) || !/^\s*-{1,2}[\w-]+(?:,\s*-{1,2}[\w-]+)*\s*$/.test(spec) };
}

/** What follows the program on a usage line (`Usage: prog …`), or null when the text has none. */
function usageLine(text: string): string | null {
  return /^\s*usage:\s*\S+\s+(.*)$/im.exec(text)?.[1] ?? null;
}

/** The words of the usage line, each marked required when it stands outside brackets. */
function usageWords(text: string): { word: string; required: boolean }[] {
  let depth = 0;
  return (usageLine(text) ?? '').split(/\s+/).filter(Boolean).map((word) => {
    const opening = (word.match(/\[/g) ?? []).length;
    const required = depth === 0 && opening === 0;
    depth += opening - (word.match(/\]/g) ?? []).length;
    return { word, required };
  });
}

/** Options the text says are required. */
export function neededOptions(text: string): Option[] {
  const options: Option[] = [];
  // commander: error: required option '-k, --api-key <key>' not specified
  for (const m of text.matchAll(/required option ['"`]([^'"`\n]{1,120})['"`] not specified/gi)) {
    const o = flagOf(m[1]!);
    if (o) options.push(o);
  }
  // yargs: Missing required argument(s): api-key, token
  for (const m of text.matchAll(/Missing required arguments?:\s*([^\n]{1,200})/g)) {
    for (const name of m[1]!.split(',')) {
      const n = name.trim().replace(/^-+/, '');
      if (/^[a-z0-9][a-z0-9-]{0,60}$/i.test(n)) options.push({ flag: `--${n}`, takesValue: true });
    }
  }
  // A usage line's options outside brackets are required: `Usage: x --root <dir> [--verbose]`.
  const words = usageWords(text);
  words.forEach(({ word, required }, i) => {
    if (required && /^--[a-z0-9][a-z0-9-]{0,60}$/i.test(word)) options.push({ flag: word, takesValue: /^<.*>$/.test(words[i + 1]?.word ?? '') });
  });
  // Plain wording: "--token is required", "missing option --url", "please provide --api-key".
  for (const m of text.matchAll(/(--[a-z0-9][a-z0-9-]{0,60})\s+(?:\S+\s+)?(?:is|are|must be)\s+(?:required|provided|specified)/gi)) {
    options.push({ flag: m[1]!, takesValue: true });
  }
  for (const m of text.matchAll(/(?:missing|provide|specify|requires?)\s+(?:the\s+)?(?:required\s+)?(?:option|flag|argument)?\s*['"`]?(--[a-z0-9][a-z0-9-]{0,60})/gi)) {
    options.push({ flag: m[1]!, takesValue: true });
  }
  return unique(options.filter((o) => o.flag !== '--help' && o.flag !== '--version'), (o) => o.flag);
}

/** Required positional arguments: commander's "missing required argument 'x'", or `<x>` on a usage line. */
export function neededPositional(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/missing required argument ['"`]([^'"`\n]{1,60})['"`]/gi)) names.push(m[1]!);
  // Required `<x>` outside brackets, and not the value of an option (`--root <dir>`).
  const words = usageWords(text);
  words.forEach(({ word, required }, i) => {
    const m = /^<([^<>]{1,60})>$/.exec(word);
    if (m && required && !/^-/.test(words[i - 1]?.word ?? '')) names.push(m[1]!.replace(/\.\.\.$/, ''));
    // A URL written as its form (`redis://host:port`) stands for one of that scheme.
    else if (required && /^[a-z][a-z0-9+.-]{1,20}:\/\/\S{1,60}$/.test(word)) names.push(word);
  });
  // "At least one allowed path must be provided": a folder, given as the first argument.
  for (const m of text.matchAll(/\bat least one ([a-z][a-z ]{0,30}?(?:path|director(?:y|ies)|folder|root))s? (?:must|should|is required|has to|needs to)/gi)) names.push(m[1]!);
  return unique(names.filter((n) => !/^(command|cmd|options?)$/i.test(n)));
}

/** Sub-commands a usage text lists that start a server. */
export function serverSubcommands(text: string): string[] {
  const listed = new Set<string>();
  const block = /^\s*(?:Commands|Available commands|COMMANDS|Subcommands)\s*:?\s*$([\s\S]{0,2000})/m.exec(text);
  if (block) {
    for (const line of block[1]!.split('\n')) {
      const m = /^\s{1,12}([a-z][a-z0-9:-]{0,30})\b/.exec(line);
      if (m) listed.add(m[1]!);
    }
  }
  const usage = usageLine(text);
  if (usage !== null && /[|{(]/.test(usage)) for (const m of usage.matchAll(/\b([a-z][a-z0-9-]{1,20})\b/g)) listed.add(m[1]!);
  return SERVER_COMMANDS.filter((c) => listed.has(c));
}

/**
 * The options a help text offers to speak stdio: a flag named for it (`--stdio`), or an option
 * whose line names stdio as a value (`--transport <type>  stdio or http`, `--mode [stdio|sse]`).
 */
export function stdioOptions(text: string): string[][] {
  const found: string[][] = [];
  for (const line of text.split('\n')) {
    if (!STDIO_WORD.test(line)) continue;
    const flags = [...line.matchAll(/(?:^|[\s,])(--[a-z][a-z0-9-]{0,40})(?:[ =]([<[][^>\]]*[>\]]))?/gi)];
    for (const m of flags) {
      const flag = m[1]!;
      if (/^--(?:stdio|use-stdio|stdio-mode)$/i.test(flag)) found.push([flag]);
      else if (m[2] || /transport|mode|protocol|type/i.test(flag)) found.push([flag, 'stdio']);
    }
  }
  return unique(found, (a) => a.join(' ')).slice(0, 3);
}

export function listensOnHttp(text: string): boolean {
  return text.split('\n').some((line) => HTTP_LISTEN.test(line) && !STDIO_WORD.test(line));
}

export function diagnose(said: Said): Diagnosis {
  const { error } = said;
  const printed = `${said.stderr}\n${said.stdout}`;
  const text = `${error}\n${printed}`;
  const env = neededEnv(text);
  const shapes = neededShapes(text);
  const urlScheme = ((): string | null => {
    for (const line of printed.split('\n')) {
      if (namesOn(line).length > 0) continue;
      const scheme = SCHEME.exec(line);
      if (scheme) return scheme[1]!.toLowerCase();
      if (URL_WANTED.test(line)) return 'https';
    }
    return null;
  })();
  const readFolder = printed.split('\n').some((line) => READ_FOLDER.test(line) && namesOn(line).length === 0);
  const refusedPositional = /\btoo many arguments\b|does not take positional arguments|ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL/i.test(printed);
  const options = neededOptions(printed);
  const positional = neededPositional(printed);
  const usage = USAGE.test(printed);
  const http = listensOnHttp(printed);
  const subcommands = usage || http ? serverSubcommands(printed) : [];
  const stdioArgs = usage ? stdioOptions(printed) : [];
  const native = NATIVE.test(printed);
  const refusedFiles = unique(
    printed.split('\n').filter((line) => /\b(invalid|expected|failed|error|cannot|unexpected)\b/i.test(line)).flatMap((line) => [...line.matchAll(/\/(placeholder\/[a-z0-9_]{1,90}\.json)\b/g)].map((m) => m[1]!)),
  );
  // "does not contain an .obsidian directory", "Could not find project root (.acme directory)".
  const markerDirs = unique(
    printed
      .split('\n')
      .filter((line) => /\b(does not contain|doesn't contain|could not find|cannot find|not found|missing|no)\b/i.test(line))
      .flatMap((line) => [...line.matchAll(/(?<![\w/.])\.([a-z0-9][a-z0-9_-]{0,40})\)? (?:directory|folder)\b/gi)].map((m) => `.${m[1]!}`)),
  );
  const assignedArgs = usageWords(printed).flatMap(({ word }) => /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=/.exec(word)?.[1] ?? []).filter((n) => !RESERVED_ENV.test(n));
  const found = { env, shapes, urlScheme, readFolder, refusedPositional, refusedFiles, markerDirs, assignedArgs, options, positional, usage, http, subcommands, stdioArgs, native };

  const cause = ((): UnlistedCause => {
    if (/^bin:/.test(error)) return 'no-bin';
    if (/runtime not available here/.test(error)) return 'runtime';
    if (/^install:/.test(error)) return 'install';
    // A module that could not load stops the server before anything it says of settings counts.
    if (native) return 'broken';
    if (env.length > 0) return 'credentials';
    if (options.length > 0 || positional.length > 0) return 'arguments';
    if (RUNTIME.test(printed)) return 'runtime';
    if (BROKEN.test(printed)) return 'broken';
    if (NETWORK.test(printed)) return 'network';
    if (http) return 'http-only';
    if (usage) return 'arguments';
    if (REFUSED.test(printed)) return 'network';
    if (said.noTools) return 'no-tools';
    if (/\b(api[ _-]?key|token|credential|secret|password|unauthori[sz]ed|authenticat)/i.test(printed)) return 'credentials';
    if (said.exited) return 'crash';
    if (said.timedOut) return 'timeout';
    return 'protocol';
  })();
  return { cause, ...found };
}
