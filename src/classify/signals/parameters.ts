/**
 * Signal: the input parameters. Some parameters carry what the call will do — SQL, a shell
 * command, a script — and so point to execution; others raise the stakes (force, recursive,
 * permanent), hint that something happens (confirm, dry_run), or show what the tool touches:
 * amounts (money), recipients (messages), paths (files), URLs (the network).
 */
import type { Param, PreparedTool } from '../prepare.ts';
import { itemProperties, schemaProperties } from '../refs.ts';
import { quote, wordFact } from '../text.ts';
import type { Finding, Trait } from '../types.ts';
import type { NameParse } from './name-verb.ts';
import type { VerbEntry } from '../lexicon/verbs.ts';

/** Parameter names that are code or commands whatever their description says. */
const CODE_WORDS = new Set(['script', 'javascript', 'js', 'python', 'command', 'cmd', 'shell', 'bash', 'powershell', 'program', 'cypher', 'sql']);
/** Names that are code only when their description says so ("query", "expression", "code"). */
const MAYBE_CODE_WORDS = new Set(['query', 'expression', 'expr', 'eval', 'code', 'function', 'statement', 'source']);
const RUNS_RE = /\b(?:run|runs|execute[sd]?|executing|evaluate[sd]?|eval|invoke[sd]?)\b/;
const CODE_ABOUT_RE = /\b(?:sql|cypher|javascript|python|shell|script|command|function declaration)\b/;
/** Text that restricts a query to reads: "read-only", "SELECT queries", and "只读" (read-only) too. */
export const SELECT_ONLY_RE = /\bread[- ]?only\b|\bselect (?:statement|query|queries)\b|\bonly select\b|只读/;
const FORCE_WORDS = new Set(['force', 'recursive', 'recursively', 'overwrite']);
const PERMANENT_WORDS = new Set(['permanent', 'permanently', 'cascade', 'purge', 'hard']);
const CONFIRM_WORDS = new Set(['confirm', 'confirmation', 'confirmed', 'dry', 'dryrun']);
const MONEY_WORDS = new Set(['amount', 'price', 'currency', 'iban', 'payment', 'fee']);
const RECIPIENT_WORDS = new Set(['recipient', 'recipients', 'cc', 'bcc']);
/** Names that are recipients only when their description says so ("to" may end a date range). */
const MAYBE_RECIPIENT_WORDS = new Set(['to', 'channel', 'chat', 'phone', 'email', 'address']);
const RECIPIENT_ABOUT_RE = /\b(?:recipient|send|sent|email address|phone number|channel|message)\b/;
const PATH_WORDS = new Set(['path', 'file', 'filename', 'filepath', 'directory', 'dir', 'folder', 'paths', 'files']);
const URL_WORDS = new Set(['url', 'uri', 'href', 'urls', 'link']);
/** Addresses the tool's system will send data to later: a webhook, a callback. */
const HOOK_WORDS = new Set(['webhook', 'callback', 'endpoint', 'hook']);
const CONTENT_WORDS = new Set(['content', 'body', 'payload', 'value', 'yaml', 'definition', 'properties', 'fields', 'patch', 'changes', 'update', 'updates']);
/** Words naming where a result goes ("outputPath", "save_to", "outDir", "targetPath"): a place given as input. */
const OUTPUT_WORDS = new Set(['output', 'out', 'outdir', 'outfile', 'outpath', 'save', 'destination', 'dest', 'target']);
/** Output words that are a place on their own, with no "path" or "dir" beside them. */
const PLACE_WORDS = new Set(['outdir', 'outfile', 'outpath', 'destination', 'dest']);
/** A parameter that says the result is written where it points. */
const SAVED_ABOUT_RE = /\b(?:save[sd]?|saving|write|writes|written|writing|stored?|persist(?:s|ed)?|generated)\b/;

/** A parameter that holds a page's markup ("the full HTML markup you wish to publish"). */
const PAGE_ABOUT_RE = /\b(?:html|markup)\b/;

/** An input the call takes in to keep ("Array of documents to import"), whatever the tool is named. */
const STORED_INPUT_RE = /\bto (?:import|insert|ingest|upload|index|store)\b/;

/** Code words that name something to run whatever the description says. */
const RUN_WORDS = new Set(['command', 'cmd', 'shell', 'script']);

// Each word list is one bit, so a parameter's words are each looked up once, not once per list.
const CODE = 1 << 0;
const MAYBE_CODE = 1 << 1;
const RUN = 1 << 2;
const FORCE = 1 << 3;
const PERMANENT = 1 << 4;
const CONFIRM = 1 << 5;
const MONEY = 1 << 6;
const RECIPIENT = 1 << 7;
const MAYBE_RECIPIENT = 1 << 8;
const PATH = 1 << 9;
const URL = 1 << 10;
const HOOK = 1 << 11;
const CONTENT = 1 << 12;
const OUTPUT = 1 << 13;
/** Not a word list: a parameter whose description says the call takes it in to keep. */
const STORED = 1 << 14;
const LISTS: readonly (readonly [number, ReadonlySet<string>])[] = [
  [CODE, CODE_WORDS],
  [MAYBE_CODE, MAYBE_CODE_WORDS],
  [RUN, RUN_WORDS],
  [FORCE, FORCE_WORDS],
  [PERMANENT, PERMANENT_WORDS],
  [CONFIRM, CONFIRM_WORDS],
  [MONEY, MONEY_WORDS],
  [RECIPIENT, RECIPIENT_WORDS],
  [MAYBE_RECIPIENT, MAYBE_RECIPIENT_WORDS],
  [PATH, PATH_WORDS],
  [URL, URL_WORDS],
  [HOOK, HOOK_WORDS],
  [CONTENT, CONTENT_WORDS],
  [OUTPUT, OUTPUT_WORDS],
];

const wordKinds = wordFact((w: string): number => {
  let kinds = 0;
  for (const [bit, list] of LISTS) if (list.has(w)) kinds |= bit;
  return kinds;
});

/** Types that hold no text, so no code: a count, a flag. */
const TEXTLESS_TYPES = new Set(['number', 'integer', 'boolean']);
/** Verbs whose tool runs the code it is given when that code has no description to say otherwise. */
const TRIES = new Set(['test', 'run', 'execute', 'exec', 'eval', 'evaluate', 'try']);

/**
 * The lists a parameter's name words fall in. Words after "per" name the unit of a limit
 * ("maxResultsPerScript": matches per script), not what the parameter holds; a number or a flag
 * holds no code whatever its name.
 */
function kindsOf(p: Param): number {
  let kinds = 0;
  for (const w of p.tokenWords) {
    if (w.text === 'per') break;
    kinds |= wordKinds(w);
  }
  return TEXTLESS_TYPES.has(p.type) ? kinds & ~(CODE | MAYBE_CODE | RUN) : kinds;
}

/**
 * `router` names the parameter that picks one of the tool's own actions (actions.ts): a `command`
 * naming a sub-command of the tool is not code to run. `name` says whether the tool hands the
 * caller a copy (a download, a screenshot): a path to save that copy to stores nothing of its own.
 */
export function parametersSignal(t: PreparedTool, router: string | null = null, name: NameParse | null = null): Finding[] {
  const out: Finding[] = [];
  const copies = name?.resolved?.entry.copies === true;
  // Where the call writes what it makes, found once for every parameter below.
  const place = resultPlace(t, copies, plainRead(name?.resolved?.entry));
  // A tool that tests or runs what it is given, with a bare "code" input ("Test Edge Middleware
  // locally", code: string): that code is what runs.
  const tries = TRIES.has(name?.resolved?.entry.verb ?? '');
  const agent = agentMode(t);
  if (agent) out.push({ signal: 'parameters', says: 'execute', weight: 0.8, detail: `parameter ${quote(agent.name, 40)} sets what an agent may do unasked: the call hands the task to an agent that acts with tools of its own` });
  // Each kind of finding is made once, for the first parameter that shows it: one bit per kind.
  let made = 0;
  for (const p of t.params) {
    const kinds = p.name === router ? kindsOf(p) & ~(CODE | RUN) : kindsOf(p);
    if (!(made & STORED) && STORED_INPUT_RE.test(p.about)) {
      made |= STORED;
      out.push({ signal: 'parameters', says: 'write', weight: 0.35, detail: `parameter ${quote(p.name, 40)}: what the call imports or stores` });
    }
    if (kinds === 0) continue;
    const tried = tries && p.about === '' && p.words.join(' ') === 'code';
    const code = (kinds & CODE) !== 0 || ((kinds & MAYBE_CODE) !== 0 && (CODE_ABOUT_RE.test(p.about) || tried));
    if (code && !(made & CODE)) {
      made |= CODE;
      if (tried) {
        out.push({ signal: 'parameters', says: 'execute', weight: 0.8, detail: `parameter ${quote(p.name, 40)}: the code the call runs ("${name?.word ?? ''}" given code)`, traits: ['arbitrary-code'] });
      } else if (SELECT_ONLY_RE.test(p.about)) {
        out.push({ signal: 'parameters', says: 'read', weight: 0.35, detail: `parameter ${quote(p.name, 40)} takes a read-only query` });
      } else {
        const runs = RUNS_RE.test(p.about) || (kinds & RUN) !== 0;
        out.push({
          signal: 'parameters',
          says: 'execute',
          weight: runs ? 0.5 : 0.3,
          detail: `parameter ${quote(p.name, 40)} carries code, a query or a command${runs ? ' to run' : ''}`,
          traits: runs ? ['arbitrary-code'] : [],
        });
      }
    }
    if (kinds & PERMANENT) {
      if (!(made & PERMANENT)) {
        made |= PERMANENT;
        out.push({ signal: 'parameters', says: 'delete', weight: 0.3, detail: `parameter ${quote(p.name, 40)}: can remove for good`, traits: ['irreversible'] });
      }
    } else if (kinds & FORCE) {
      if (!(made & FORCE)) {
        made |= FORCE;
        out.push({ signal: 'parameters', says: 'risk', weight: 0.3, detail: `parameter ${quote(p.name, 40)}: can skip safeguards or reach further` });
      }
    }
    if (kinds & CONFIRM && !(made & CONFIRM)) {
      made |= CONFIRM;
      out.push({ signal: 'parameters', says: 'write', weight: 0.25, detail: `parameter ${quote(p.name, 40)}: the call has consequences worth confirming` });
    }
    if (kinds & MONEY && !(made & MONEY)) {
      made |= MONEY;
      out.push({ signal: 'parameters', says: 'domain', weight: 0.4, detail: `parameter ${quote(p.name, 40)}: an amount of money or goods`, domain: 'financial' });
    }
    const recipient = (kinds & RECIPIENT) !== 0 || ((kinds & MAYBE_RECIPIENT) !== 0 && RECIPIENT_ABOUT_RE.test(p.about));
    if (recipient && !(made & RECIPIENT)) {
      made |= RECIPIENT;
      const traits: Trait[] = ['sends-out'];
      out.push({ signal: 'parameters', says: 'domain', weight: 0.4, detail: `parameter ${quote(p.name, 40)}: names who receives a message`, domain: 'messaging', traits });
    }
    if (kinds & PATH && !(made & PATH)) {
      made |= PATH;
      out.push({ signal: 'parameters', says: 'none', weight: 0.1, detail: `parameter ${quote(p.name, 40)}: works on files` });
    }
    if (kinds & HOOK) {
      if (!(made & HOOK)) {
        made |= HOOK;
        out.push({ signal: 'parameters', says: 'none', weight: 0.1, detail: `parameter ${quote(p.name, 40)}: an address the system will send data to`, traits: ['network', 'sends-out'] });
      }
    } else if (kinds & URL) {
      if (!(made & URL)) {
        made |= URL;
        out.push({ signal: 'parameters', says: 'none', weight: 0.1, detail: `parameter ${quote(p.name, 40)}: reaches an address it is given`, traits: ['network'] });
      }
    }
    if (kinds & OUTPUT && !(made & OUTPUT) && p === place) {
      made |= OUTPUT;
      out.push({ signal: 'parameters', says: 'write', weight: 0.7, detail: `parameter ${quote(p.name, 40)}: a path the result is saved to` });
    }
    if (kinds & CONTENT && !(made & CONTENT)) {
      made |= CONTENT;
      out.push({ signal: 'parameters', says: 'write', weight: 0.2, detail: `parameter ${quote(p.name, 40)}: content to store` });
    }
  }
  return out;
}

/**
 * A setting of how far a coding agent may act without asking ("yolo", "approvalPolicy",
 * "sandboxMode": read-only … danger-full-access): the call hands its input to an agent that runs
 * commands and edits files of its own accord (rule book: agents).
 */
const AGENT_MODE_NAMES = new Set(['yolo', 'full auto', 'approval policy', 'permission mode', 'sandbox mode']);
const AGENT_SANDBOX_ABOUT_RE = /\b(?:mode|flag|workspace|approval|access)\b/;

function agentMode(t: PreparedTool): Param | undefined {
  return t.params.find((p) => {
    const joined = p.words.join(' ');
    if (AGENT_MODE_NAMES.has(joined) || p.words[0] === 'dangerously') return true;
    return joined === 'sandbox' && AGENT_SANDBOX_ABOUT_RE.test(p.about);
  });
}

/**
 * A place given as input that the result is written to ("outputPath": "absolute path to save the
 * exported data"): what the call makes is stored there, so it is a write, whatever the verb.
 */
function savesTo(p: Param, kinds: number): boolean {
  const place = (kinds & PATH) !== 0 || p.words.some((w) => PLACE_WORDS.has(w));
  return place && (SAVED_ABOUT_RE.test(p.about) || OUTPUT_PLACE_RE.test(p.about) || p.words.includes('save'));
}

/** An input said to be the output file or folder itself ("Path to output file"). */
const OUTPUT_PLACE_RE = /\boutput (?:file|path|directory|folder|dir)\b/;

/**
 * A plain read of what is there ("list_transcripts", "get_latest_transcript"): an output folder
 * among its inputs that it is not said to write to is where it looks.
 */
export function plainRead(entry: VerbEntry | undefined): boolean {
  return entry !== undefined && entry.reading.effect === 'read' && entry.reading.weight >= 0.7 && !entry.copies;
}

/**
 * The input naming where the call writes what it makes ("targetPath": "Path where the resulting
 * JSON file should be written"), unless the call only hands a copy over (a download, a screenshot)
 * or returns the result anyway: the artefact is stored there (docs/labelling.md).
 */
export function resultPlace(t: PreparedTool, copies: boolean, looks = false): Param | undefined {
  if (copies) return undefined;
  return t.params.find((p) => {
    const kinds = kindsOf(p);
    // A plain read (a listing) of an output folder looks there, unless it says it writes there.
    return (kinds & OUTPUT) !== 0 && (savesTo(p, kinds) || namedAsPlace(t, p, kinds)) && !returnedAnyway(t, p) && (!looks || SAVED_ABOUT_RE.test(p.about));
  });
}

/**
 * An output folder the description names as where the call puts what it makes ("Generate the
 * package skeleton at outDir"), though the parameter's own text does not say so.
 */
function namedAsPlace(t: PreparedTool, p: Param, kinds: number): boolean {
  if ((kinds & PATH) === 0 || !/^[\w-]+$/.test(p.name)) return false;
  return new RegExp(`\\b(?:at|to|into|in|under) \`?${p.name}\\b`, 'i').test(t.description);
}

/**
 * A tool that returns its result and only optionally saves a copy too ("Returns the diagram data as
 * base64 … Optionally saves to a file", "returns base64 if not provided"): the saved file is a copy
 * handed to the caller, as a download is (docs/labelling.md), not a result stored for later.
 */
const OPTIONAL_SAVE_RE = /\boptionally,? (?:also )?(?:saves?|writes?)\b/;
const RETURNED_OTHERWISE_RE = /\breturns?\b[^.;]{0,40}\bif (?:not (?:provided|given|set)|omitted)\b/;

function returnedAnyway(t: PreparedTool, p: Param): boolean {
  return RETURNED_OTHERWISE_RE.test(p.about) || (OPTIONAL_SAVE_RE.test(t.lower) && /\breturns?\b/.test(t.lower));
}

/**
 * A parameter that is code this call runs: named for code alone ("script", "command") or said
 * to be run. "buildCommand" qualifies the code as a setting kept for later, not run now. A tool
 * that ships what it is given (`ships`: "Deploy Edge Middleware") runs a plain "code" input too,
 * and serves a page's markup given as input.
 */
export function codeToRun(t: PreparedTool, ships: boolean): Param | undefined {
  return t.params.find((p) => {
    const kinds = kindsOf(p);
    const alone = p.words.length === 1;
    if (ships && (alone || shippedContent(p)) && kinds & (CODE | MAYBE_CODE)) return true;
    // Files handed over whole ("Array of file objects containing filename and content") are what is shipped.
    if (ships && p.words.some((w) => w === 'files' || w === 'file') && (FILE_CONTENTS_RE.test(p.about) || itemsHoldContent(t, p))) return true;
    // A page given as input and published serves what it holds, scripts included.
    if (ships && PAGE_ABOUT_RE.test(p.about)) return true;
    const code = (kinds & CODE) !== 0 || ((kinds & MAYBE_CODE) !== 0 && CODE_ABOUT_RE.test(p.about));
    return code && !SELECT_ONLY_RE.test(p.about) && (RUNS_RE.test(p.about) || (alone && (kinds & RUN) !== 0));
  });
}

/** A programming language named in an input's description: its code is a program, never a query. */
const LANGUAGE_RE = /\b(?:javascript|js|typescript|python|lua|ruby|bash|shell)\b/;
/** …unless it says the code is only looked at ("it is not run", "without executing it"). */
const NOT_RUN_RE = /\bnot (?:be )?(?:run|executed|evaluated)\b|\bwithout (?:running|executing|evaluating)\b|\bnever (?:run|executed|evaluated)\b/;

/**
 * An input of code in a programming language that the call evaluates, whatever it reads with
 * the result ("expression": "JS evaluated in the app"): the code given runs (docs/labelling.md,
 * "execute"). Queries are left to the rules about queries.
 */
export function programEvaluated(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'string' && kindsOf(p) & (CODE | MAYBE_CODE) && LANGUAGE_RE.test(p.about) && RUNS_RE.test(p.about) && !NOT_RUN_RE.test(p.about) && !SELECT_ONLY_RE.test(p.about));
}

/** Words that say an input is the code itself, not a reference to it ("scriptContent", "source_code"). */
const CONTENT_OF_CODE = new Set(['content', 'contents', 'source', 'body', 'text', 'code']);
const shippedContent = (p: Param) =>
  p.words.length === 2 && p.words.some((w) => CONTENT_OF_CODE.has(w)) && p.words.every((w) => CONTENT_OF_CODE.has(w) || CODE_WORDS.has(w) || MAYBE_CODE_WORDS.has(w));
/** Keys of a file object that hold what the file holds, not where it is. */
const CONTENT_KEYS = new Set(['content', 'contents', 'source', 'code', 'body', 'text']);

/** A list of files whose items carry their content ({ name, content }): the files themselves are given. */
function itemsHoldContent(t: PreparedTool, p: Param): boolean {
  const props = itemProperties(schemaProperties(t.raw.inputSchema, 64).find(([name]) => name === p.name)?.[1]);
  return props !== undefined && Object.keys(props).some((k) => CONTENT_KEYS.has(k.toLowerCase()));
}

/** Files given with what they hold, not as paths to files that exist. */
const FILE_CONTENTS_RE = /\b(?:containing|with) (?:\w+ and )?(?:their )?(?:content|contents)\b|\bfile contents?\b/;

/** A parameter named for commands or code, plural too, and said to be run ("browser commands to execute before scraping"). */
export function commandsToRun(t: PreparedTool): Param | undefined {
  const named = (p: Param) => p.words.some((w) => CODE_WORDS.has(w) || (w.endsWith('s') && CODE_WORDS.has(w.slice(0, -1))));
  return t.params.find((p) => named(p) && RUNS_RE.test(p.about) && !SELECT_ONLY_RE.test(p.about));
}
