/**
 * The worst one call can do with the inputs it accepts, as the rule book judges a tool: a flag
 * that clears what is there first makes a write a delete ("truncateFirst"); code the call runs
 * makes a write or a delete an execute ("script" on a reindex); a check handed its own verdict
 * records it ("verify_task" given a score). Multi-action tools are judged by actions.ts instead.
 */
import { EFFECT_VALUES, type Effect } from '../taxonomy.ts';
import { tally } from './combine.ts';
import type { Param, PreparedTool } from './prepare.ts';
import type { VerbEntry } from './lexicon/verbs.ts';
import type { NameParse } from './signals/name-verb.ts';
import { codeToRun, commandsToRun, plainRead, programEvaluated, resultPlace, SELECT_ONLY_RE } from './signals/parameters.ts';
import { schemaProperties } from './refs.ts';
import { firstSentence, quote } from './text.ts';
import type { Finding, Trait } from './types.ts';

/** Words of a flag that clears what is there ("truncateFirst", "clearExisting", "dropTarget", "delete_extra"). */
const WIPE_WORDS = new Set(['truncate', 'clear', 'wipe', 'empty', 'delete', 'drop']);
/** …and of what it clears, or when: a flag named only "truncate" may shorten text. */
const WIPED_WORDS = new Set(['first', 'existing', 'target', 'before', 'all', 'old', 'table', 'tables', 'extra', 'extraneous']);
/** A flag named only for removing ("delete" on a sync): it removes what the source lacks. */
const REMOVING_FLAGS = new Set(['delete', 'prune', 'purge']);
/** A write that also prunes what is older than a limit ("prunes backups older than 7 days"). */
const PRUNES_OLD_RE = /\b(?:prunes?|purges?|deletes?|removes?)\b[^.;]{0,60}\bolder than\b/;
/** …unless what prunes is something the call sets up to run later ("the generated script also deletes"). */
const LATER_RE = /\b(?:script|cron|crontab|job|schedule|scheduled|later)\b/;
/** A free-form operation whose examples include destroying a part ("ADD COLUMN, DROP COLUMN"). */
const DROP_ALLOWED_RE = /\b(?:drop|delete|truncate)\s+(?:column|table|index|constraint|database|schema)\b/;
/** Inputs that name a function to call and hand it arguments ("functionName" with "args"). */
const FUNCTION_WORDS = new Set(['function', 'method']);
const ARGUMENT_WORDS = new Set(['args', 'arguments', 'params', 'parameters']);
/** A file the call leaves on the server ("output file path (will be created on remote server)"). */
const STORED_THERE_RE = /\b(?:created|written|saved|stored)\s+(?:on|in|to)\s+(?:the\s+)?(?:remote|server)\b/;
/**
 * An input that saves the report where the account shows it ("Project name for saving report to
 * dashboard"); saving to a file is a copy handed to the caller ("Save results to a file").
 */
const SAVES_REPORT_RE = /\bsav(?:e|es|ing) (?:the )?(?:reports?|results?|findings) to (?!(?:a |the )?(?:local )?(?:files?|disk|path|folder|directory)\b)/;
/** An input that files a check's result under someone ("Optional identifier to link the result to a user"). */
const FILES_RESULT_RE = /\b(?:link|attach|associate)s? (?:the |this )?(?:result|outcome|check)s? (?:to|with)\b/;
/** The tool's own act is a check: "verify", "validate", a "verification"; "previously verified faces" is not. */
const CHECKS_RE = /\b(?:verify|verifies|verification|validate|validates|validation|check)\b/;
/** Flags that empty what a read returns ("clear": "Clear the buffer"), alone or with when and what. */
const EMPTYING_WORDS = new Set(['clear', 'flush', 'purge', 'empty']);
const EMPTIED_WORDS = new Set(['after', 'buffer', 'logs', 'log', 'on', 'read']);
/** …unless what it clears is a field before typing into it. */
const FIELD_RE = /\b(?:text|input|field|typing|type|fill|filling)\b/;
/** An input that is the outcome of a check: a filter such as "minRating" is not one. */
const VERDICT_WORDS = new Set(['score', 'verdict', 'passed', 'outcome', 'rating', 'grade']);

/** A worse case an input holds: the effect it gives and the sentence that says why. */
type Worse = { says: Effect; detail: string; traits?: Trait[]; signal?: 'description' };
type WorseCase = (t: PreparedTool, lead: Effect, entry: VerbEntry | undefined) => Worse | undefined;

/** A worse case named by one parameter: "parameter "x"" and what the rest of the sentence says. */
const byParam = (p: Param | undefined, says: Effect, rest: string, traits?: Trait[]): Worse | undefined =>
  p && { says, detail: `parameter ${quote(p.name, 40)}${rest}`, ...(traits ? { traits } : {}) };

/**
 * The worse cases, tried in this order; the first that holds is the one added. Each holds only
 * for the effect the other signals lead with.
 */
const WORSE_CASES: readonly WorseCase[] = [
  (t, lead, entry) => {
    // A tool that keeps what it is given (creating a job, updating an app) stores code for later.
    // A terminal opened now runs its command now: nothing is kept for later.
    const opensTerminal = lead === 'write' && TERMINAL_RE.test(t.lower);
    const runs = (lead === 'write' && (!entry?.keeps || opensTerminal)) || lead === 'delete';
    return runs ? byParam(codeToRun(t, entry?.ships === true), 'execute', ' is code the call runs', ['arbitrary-code']) : undefined;
  },
  (t, lead) => (lead === 'read' && PAGE_SCRIPT_RE.test(t.lower) ? byParam(commandsToRun(t), 'execute', ': commands the call runs on the page, JavaScript included', ['arbitrary-code']) : undefined),
  (t, lead) => (lead === 'read' ? byParam(programEvaluated(t), 'execute', ' is code the call evaluates', ['arbitrary-code']) : undefined),
  (t, lead) => (lead !== 'execute' ? byParam(anyRequest(t), 'execute', ': sends any request it is given, writes and deletes included', ['arbitrary-code', 'network']) : undefined),
  (t, lead) => (lead === 'write' || lead === 'delete' ? byParam(statementToRun(t), 'execute', ': a statement the call runs on the database', ['arbitrary-code']) : undefined),
  (t, lead) => (lead === 'write' ? wipingCase(t) : undefined),
  (t, lead) => (lead === 'write' || lead === 'read' ? deletingCase(t) : undefined),
  (t, lead) => (lead === 'write' ? byParam(removingFlag(t), 'delete', ': removes what it names as the call works, when set', ['irreversible']) : undefined),
  // A change of structure given as free text can destroy part of it: the worst it allows decides.
  (t, lead) => (lead === 'write' || lead === 'read' ? byParam(droppingOperation(t), 'delete', ' accepts an operation that drops part of what it changes', ['irreversible']) : undefined),
  (t, lead) =>
    lead === 'write' && prunesOld(t.lower)
      ? { signal: 'description', says: 'delete', detail: 'description says it also removes what is older than a limit', traits: ['irreversible'] }
      : undefined,
  (t, lead) => (lead === 'write' ? byParam(calledFunction(t), 'execute', ': calls whichever function it names, with the arguments given', ['arbitrary-code']) : undefined),
  (t, lead) => (lead !== 'execute' ? byParam(approvesAll(t), 'execute', ': the agent it drives takes every action it chooses unasked', ['arbitrary-code']) : undefined),
  (t, lead) => (lead === 'read' ? byParam(markingFlag(t), 'write', ': marks what it reads on the server') : undefined),
  (t, lead) => (lead === 'read' ? byParam(programToRun(t), 'execute', ': a program the call runs to make what it shows', ['arbitrary-code']) : undefined),
  (t, lead) => (lead === 'read' ? byParam(paymentGiven(t), 'write', ': money the call pays out', ['moves-money']) : undefined),
  (t, lead) => (lead === 'read' ? byParam(rerunsSaved(t), 'execute', ': runs a suite saved before, whatever it holds') : undefined),
  (t, lead) => (lead === 'read' ? byParam(updatingFlag(t), 'write', ': replaces what later calls compare against') : undefined),
  (t, lead) => {
    const writable = lead === 'read' ? readOnlyOff(t) : undefined;
    if (!writable) return undefined;
    // A query the read-only mode guards is any statement once that mode is off.
    const query = t.params.find((p) => p.type === 'string' && p.words.length === 1 && STATEMENT_WORDS.has(p.words[0]!));
    return query
      ? byParam(query, 'execute', `: any statement, unless ${quote(writable.name, 40)} is set`, ['arbitrary-code'])
      : byParam(writable, 'write', ': opens for writing unless told otherwise');
  },
  (t, lead) => (lead === 'read' ? byParam(emptyingFlag(t), 'delete', ': empties what it reads', ['irreversible']) : undefined),
  (t, lead) => (lead === 'read' ? byParam(storedOutput(t), 'write', ': the output is a file left on the server') : undefined),
  (t, lead) => (lead === 'read' ? byParam(keptInWorkspace(t), 'write', ': what the call makes is kept in the project, where later calls see it') : undefined),
  (t, lead, entry) => (lead === 'read' && !entry?.copies && !plainRead(entry) ? byParam(outputDirectory(t), 'write', ': the directory the call writes its output to') : undefined),
  (t, lead, entry) => (lead === 'read' ? byParam(resultPlace(t, entry?.copies === true, plainRead(entry)), 'write', ': the path the call writes what it makes to') : undefined),
  (t, lead) => (lead === 'read' ? keptForLater(t) : undefined),
  (t, lead) => (lead === 'read' && PAID_CALL_RE.test(t.lower) ? { signal: 'description', says: 'write', detail: 'description says each call costs money: money is spent', traits: ['moves-money'] } : undefined),
  (t, lead, entry) => (lead === 'read' && !entry?.copies ? byParam(fileWritingFlag(t), 'write', ': writes what the call makes to files when set') : undefined),
  (t, lead) => (lead === 'read' ? byParam(applyingFlag(t), 'write', ': applies or keeps what the call works out when set') : undefined),
  (t, lead) => (lead === 'read' ? byParam(graphqlDocument(t), 'execute', ': any GraphQL document, mutations included', ['arbitrary-code']) : undefined),
  (t, lead) => (lead === 'read' ? byParam(keptResult(t), 'write', ': the result is kept on the account') : undefined),
  (t, lead) => (lead === 'read' ? byParam(signedResult(t), 'write', ': the result is stored where a signed link reaches it') : undefined),
  (t, lead, entry) => (lead === 'read' && entry?.judges ? byParam(verdictInput(t), 'write', ': the caller gives the verdict, which the tool records') : undefined),
  (t, lead) => (lead === 'read' ? byParam(runningFlag(t), 'execute', ': runs the statement given when set, not only plans it', ['arbitrary-code']) : undefined),
  // The other way: a statement to run that may only read runs no more than a read.
  (t, lead) => (lead === 'execute' ? byParam(readOnlyStatement(t), 'read', ' takes only read-only queries: the worst it runs reads') : undefined),
];

/**
 * The effect the findings lead with, and the weight a worse case gets: just stronger than that
 * effect, so the worse case wins, with a confidence that says the two were close.
 */
function leading(findings: readonly Finding[]): { lead: Effect; weight: number } {
  const { score } = tally(findings);
  const lead = EFFECT_VALUES.reduce((a, b) => (score[b] > score[a] ? b : a));
  return { lead, weight: Math.min(0.99, Math.round((score[lead] + 0.02) * 100) / 100) };
}

function withWorse(findings: readonly Finding[], worse: Worse | undefined, weight: number): Finding[] {
  if (!worse) return [...findings];
  const { signal = 'parameters', says, detail, traits } = worse;
  return [...findings, { signal, says, weight, detail, ...(traits ? { traits } : {}) }];
}

/** The findings, with one more when an input does worse than the rest say. */
export function withWorstCase(t: PreparedTool, findings: readonly Finding[], name: NameParse): Finding[] {
  const { lead, weight } = leading(findings);
  const entry = name.resolved?.entry;
  for (const worse of WORSE_CASES) {
    const found = worse(t, lead, entry);
    if (found) return withWorse(findings, found, weight);
  }
  return [...findings];
}

/**
 * A multi-action tool whose actions at worst write, with a flag that removes what is there as it
 * writes ("sync_mode": mirror, update, merge with "delete_extra") or deletes what it works on
 * ("operation": cordon, uncordon, drain with "deleteLocalData"): the flag holds the worst case.
 */
export function withWipingFlag(t: PreparedTool, findings: readonly Finding[]): Finding[] {
  const { lead, weight } = leading(findings);
  const worse = lead === 'write' ? (wipingCase(t) ?? deletingCase(t)) : undefined;
  return withWorse(findings, worse, weight);
}

function wipingCase(t: PreparedTool): Worse | undefined {
  return byParam(wipingFlag(t), 'delete', ': removes what is there as it writes', ['irreversible']);
}

function deletingCase(t: PreparedTool): Worse | undefined {
  return byParam(deletingFlag(t), 'delete', ': deletes what the call works on when set', ['irreversible']);
}

/** Words of a flag's name for removing, and what its description says it removes: a thing stored, not a part of the output. */
const REMOVING_WORDS = new Set(['remove', 'delete', 'drop', 'purge']);
const REMOVES_STORED_RE = /^(?:if true,? |whether to |set (?:to )?true to )?(?:also )?(?:remove|removes|delete|deletes|drop|drops|purge|purges)\b[^.;]{0,30}\b(?:branch(?:es)?|tables?|collections?|databases?|indexes|indices|buckets?|repositor(?:y|ies)|files?|director(?:y|ies)|folders?|records?|rows?|documents?)\b/;
/** …in this call, not as a setting kept for later ones ("Remove source branches after merge by default"). */
const SETTING_RE = /\bby default\b|\bwhen (?:it is )?merged\b/;

/**
 * A flag on a write that removes a stored thing as the call works ("should_remove_source_branch":
 * "Remove source branch after merge"; "drop": "Drop existing collections/tables before import"):
 * set, the call deletes it. A flag saying whether something should go later only writes a setting.
 */
function removingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'boolean' && p.words.some((w) => REMOVING_WORDS.has(w)) && REMOVES_STORED_RE.test(p.about.trim()) && !SETTING_RE.test(p.about));
}

/**
 * A boolean flag that clears what is there before the call writes, or one named only for
 * removing ("delete" on a sync removes what the source lacks).
 */
function wipingFlag(t: PreparedTool): Param | undefined {
  return t.params.find(
    (p) =>
      (p.type === 'boolean' || p.type === '') &&
      ((p.words.some((w) => WIPE_WORDS.has(w)) && p.words.some((w) => WIPED_WORDS.has(w))) || (p.words.length === 1 && REMOVING_FLAGS.has(p.words[0]!))),
  );
}

/**
 * A flag named for deleting ("delete_raw", "purgeAfter"), or for the bin a thing is deleted into
 * ("in_trash", "archived": "Set to true to archive (delete) a block"), whose description says it deletes.
 */
const DELETING_WORDS = new Set(['delete', 'purge', 'trash', 'archived']);
const DELETES_RE = /^(?:if true,? |whether to |set (?:to )?true to |indicates whether to )?(?:also )?(?:(?:archive|trash) \()?(?:delete|deletes|purge|purges|permanently delete)\b|^indicates whether the [a-z ]{1,30} should be (?:removed|deleted)\b/;

/**
 * A flag that deletes what the call reads or writes ("delete_raw": "Delete raw activity entries
 * after summarizing"): the worst call removes them for good (docs/labelling.md, "judge the tool by
 * the most severe thing one call can do").
 */
function deletingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'boolean' && p.words.some((w) => DELETING_WORDS.has(w)) && DELETES_RE.test(p.about.trim()));
}

/** A free-form string input whose description lists a destroying operation among its examples. */
function droppingOperation(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'string' && DROP_ALLOWED_RE.test(p.about));
}

/** An input named for the outcome alone ("score"). */
function verdictInput(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.words.length === 1 && VERDICT_WORDS.has(p.words[0]!));
}

/** A function named by the caller, called with the caller's arguments: what it does is theirs. */
function calledFunction(t: PreparedTool): Param | undefined {
  if (!t.params.some((p) => p.words.length === 1 && ARGUMENT_WORDS.has(p.words[0]!))) return undefined;
  return t.params.find((p) => p.type === 'string' && p.words.some((w) => FUNCTION_WORDS.has(w)) && p.words.some((w) => w === 'name'));
}

/** An output file the call creates on the remote host: a stored artefact, whatever it read. */
function storedOutput(t: PreparedTool): Param | undefined {
  return t.params.find((p) => STORED_THERE_RE.test(p.about));
}

/**
 * A place in the project the call keeps what it makes ("the directory where images are stored in
 * the project", "a folder inside the workspace where the images are placed", "a path relative to
 * the server's image directory"): a later call or
 * another person sees it there, so even a download kept there is a write (docs/labelling.md).
 */
const IN_WORKSPACE_RE = /\b(?:stored|saved|placed|written|kept)\b[^.;]{0,20}\b(?:in|inside|within|into) (?:the |your )?(?:current )?(?:project|workspace)\b|\b(?:in|inside|within) (?:the |your )?(?:current )?(?:project|workspace)\b[^.;]{0,30}\b(?:stored|saved|placed|written|kept)\b|\b(?:relative to|inside|in|into|within) the server's (?:own )?(?:[a-z]+ )?(?:directory|folder)\b/;

function keptInWorkspace(t: PreparedTool): Param | undefined {
  return t.params.find((p) => (p.type === 'string' || p.type === '') && IN_WORKSPACE_RE.test(p.about));
}

/**
 * An input that is where the call's files go ("Output directory path (overrides config)",
 * "Custom output directory for results"): the call writes files there, whatever its verb says it
 * returns. A download to such a directory is a copy handed to the caller (the caller's `copies`).
 */
const OUTPUT_DIR_RE = /^(?:an? |the )?(?:custom |optional )?output (?:directory|folder|dir)\b/;

/**
 * What the call makes is kept for later calls ("Stores a discovery artifact for later
 * inspect/generate steps"): a result stored where a later call sees it is a write.
 */
const KEPT_FOR_LATER_RE = /\b(?:stores?|saves?|keeps?|persists?|caches?)\b[^.;]{0,60}\bfor (?:later|future|subsequent|the next)\b/;

/**
 * A call priced in money ("Costs $0.01 USDC via x402", "Price: $0.12 USDC on Base."): each call
 * spends it (docs/labelling.md, a paid job).
 */
const PAID_CALL_RE = /\bcosts? \$\d|(?:^|[.!]\s+)price: \$\d/;

function keptForLater(t: PreparedTool): Worse | undefined {
  return KEPT_FOR_LATER_RE.test(t.lower) ? { signal: 'description', says: 'write', detail: 'description says the call keeps what it makes for later calls' } : undefined;
}

function outputDirectory(t: PreparedTool): Param | undefined {
  return t.params.find((p) => (p.type === 'string' || p.type === '') && OUTPUT_DIR_RE.test(p.about.trim()));
}

/**
 * A flag that writes what the call makes to files ("Write token files to <outDir>/tokens/",
 * "Export the conversation to disk. Creates a folder … with … files"): set, the call stores its
 * result where later calls see it (docs/labelling.md, "a generated artefact that is stored").
 * A temporary file or a copy of a screenshot is not named so.
 */
const WRITES_FILES_RE = /^(?:if true,? |whether to |set (?:to )?true to )?(?:write|writes|export|exports|save|saves)\b[^.;]{0,40}\bfiles?\b[^.;]{0,20}\bto\b|\bcreates? (?:a |the )?(?:folder|directory)\b[^.;]{0,80}\bfiles?\b/;

function fileWritingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'boolean' && WRITES_FILES_RE.test(p.about.trim()));
}

/**
 * A flag named for applying or keeping what the call works out ("auto_apply": "Auto-apply
 * high-confidence fixes", "applyFixes", "persist" on a token exchange): a check or a preview
 * becomes a change once it is set.
 */
const APPLYING_WORDS = new Set(['apply', 'fix', 'fixes', 'autofix', 'persist']);
const APPLIED_WORDS = new Set(['auto', 'all', 'changes', 'fixes', 'fix']);

function applyingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'boolean' && p.words.length <= 3 && p.words.some((w) => APPLYING_WORDS.has(w)) && p.words.every((w) => APPLYING_WORDS.has(w) || APPLIED_WORDS.has(w)));
}

/**
 * A GraphQL document given as input (docs/labelling.md, "queries": a query language with writes):
 * a mutation is as welcome as a query unless the text restricts the call to reads. The input is the
 * document itself, not a search phrase.
 */
const GRAPHQL_RE = /\bgraphql\b/;
/** …sent to an endpoint as it is, or said to take mutations; testing a query in a workflow that writes it is not. */
const ANY_DOCUMENT_RE = /\bgraphql (?:endpoints?|servers?|apis?)\b|\bmutations?\b/;
const NO_MUTATIONS_RE = /\bno mutations?\b|\bmutations? (?:are|is) not\b|\bqueries only\b|\bonly queries\b/;
const DOCUMENT_WORDS = new Set(['query', 'document', 'operation']);

function graphqlDocument(t: PreparedTool): Param | undefined {
  if (!ANY_DOCUMENT_RE.test(t.lower) || NO_MUTATIONS_RE.test(t.lower) || SELECT_ONLY_RE.test(t.lower)) return undefined;
  return t.params.find((p) => p.type === 'string' && p.words.length === 1 && DOCUMENT_WORDS.has(p.words[0]!) && (p.about === '' || GRAPHQL_RE.test(p.about)) && !/\bsearch\b/.test(p.about));
}

/** The call itself removes what is older than a limit, not a script or job it sets up. */
function prunesOld(lower: string): boolean {
  const m = PRUNES_OLD_RE.exec(lower);
  if (!m) return false;
  const sentence = lower.slice(Math.max(lower.lastIndexOf('.', m.index), lower.lastIndexOf(';', m.index)) + 1, m.index);
  return !LATER_RE.test(sentence);
}

/**
 * A reading tool whose text offers JavaScript among the commands it runs first ("JavaScript:
 * {"javascript": …} - Execute custom JS"): a page script given as input is execute.
 */
const PAGE_SCRIPT_RE = /\b(?:javascript|js)\b/;

/** A terminal or interactive session the call opens ("Create a new PTY (pseudo-terminal) session"). */
const TERMINAL_RE = /\b(?:pty|pseudo-terminal|terminal session|repl)\b/;

/** Text that says the call sends the request: "Perform HTTP requests", "Test a REST API endpoint", curl. */
const SENDS_REQUEST_RE = /\b(?:send|sends|make|makes|perform|performs|issue|issues|execute|executes|test|tests)\b[^.;]{0,30}\b(?:requests?|endpoints?)\b|\bcurl\b|\b(?:fetch|fetches) (?:a |an |the |any )?(?:url|uri|endpoint)s?\b/;

/** HTTP methods that change what they reach. */
const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Any HTTP method a description may name to restrict one ("GET or HEAD"). */
const KNOWN_METHODS = new Set([...CHANGING_METHODS, 'GET', 'HEAD', 'OPTIONS']);

/**
 * A request tool that takes the address and a method that may change things (docs/labelling.md,
 * "a generic request tool"): `method` is one of GET, POST, PUT, PATCH, DELETE and `url` is any
 * address, so what the call does is the input's.
 */
function anyRequest(t: PreparedTool): Param | undefined {
  // The tool sends the request: a method and a URL that define a mock or an API record send nothing.
  if (!SENDS_REQUEST_RE.test(t.lower)) return undefined;
  if (!t.params.some((p) => p.words.length === 1 && (p.words[0] === 'url' || p.words[0] === 'endpoint'))) return undefined;
  const method = t.params.find((p) => p.words.length === 1 && p.words[0] === 'method');
  if (!method) return changingRequest(t);
  const spec = new Map(schemaProperties(t.raw.inputSchema, 64)).get(method.name) as { enum?: unknown } | undefined;
  // The methods a free method takes may be named where the body is ("Request body for POST/PUT/PATCH").
  const body = t.params.find((p) => p.words.length === 1 && p.words[0] === 'body');
  const listed = Array.isArray(spec?.enum) ? spec.enum.filter((v): v is string => typeof v === 'string') : (`${method.about} ${body?.about ?? ''}`.toUpperCase().match(/\b[A-Z]+\b/g) ?? []);
  const changing = new Set(listed.map((v) => v.toUpperCase()).filter((v) => CHANGING_METHODS.has(v)));
  if (changing.size >= 2) return method;
  // A method left free ("Override the captured HTTP method") with a body to send takes any method.
  const free = !Array.isArray(spec?.enum) && !listed.some((v) => KNOWN_METHODS.has(v.toUpperCase()));
  return free && t.params.some((p) => p.words.length === 1 && p.words[0] === 'body') ? method : undefined;
}

/** A tool named for one method that changes what it reaches ("Perform an HTTP POST request"). */
const CHANGING_REQUEST_RE = /\b(?:http )?(?:post|put|patch) requests?\b/;
/** Inputs that carry what the request sends. */
const BODY_WORDS = new Set(['body', 'value', 'data', 'payload']);

/**
 * A tool that sends a POST, PUT or PATCH with any body to any address it is given: what it
 * changes is the endpoint's, so it is a generic request (execute), as one with a method input.
 */
function changingRequest(t: PreparedTool): Param | undefined {
  if (!CHANGING_REQUEST_RE.test(t.lead.join(' '))) return undefined;
  const url = t.params.find((p) => p.words.length === 1 && (p.words[0] === 'url' || p.words[0] === 'endpoint'));
  return url && t.params.some((p) => p.words.length === 1 && BODY_WORDS.has(p.words[0]!)) ? url : undefined;
}

/** A tool about a database's structure or rows. */
const DATABASE_RE = /\b(?:tables?|database|columns?|rows?|sql)\b/;
/** Inputs that are a statement when they stand alone on a database tool. */
const STATEMENT_WORDS = new Set(['query', 'sql', 'statement']);

/**
 * A database tool that creates or changes and takes a statement as its only input
 * ("create_table" with "query"): the statement is any SQL the call runs (docs/labelling.md,
 * "queries"), whatever the name says it is for.
 */
function statementToRun(t: PreparedTool): Param | undefined {
  if (t.params.length !== 1 || !DATABASE_RE.test(t.lower)) return undefined;
  const p = t.params[0]!;
  return p.type === 'string' && p.words.length === 1 && STATEMENT_WORDS.has(p.words[0]!) ? p : undefined;
}

/** A flag that runs the statement a plan is asked for ("Actually run the query to get real execution times"). */
const RUNS_STATEMENT_RE = /\b(?:actually |really )?(?:run|runs|execute|executes) the (?:query|statement|sql)\b/;

/**
 * A read that explains a statement given as input, with a flag that runs it (EXPLAIN ANALYZE):
 * set, the call runs any SQL it is given (docs/labelling.md, "queries").
 */
function runningFlag(t: PreparedTool): Param | undefined {
  if (!t.params.some((p) => p.type === 'string' && STATEMENT_WORDS.has(p.words[p.words.length - 1] ?? ''))) return undefined;
  return t.params.find((p) => p.type === 'boolean' && RUNS_STATEMENT_RE.test(p.about));
}

/** A tool that owns up to its guard leaking ("this is a guardrail, not a sandbox … following writes will persist"). */
const WRITES_PERSIST_RE = /\bnot a sandbox\b|\b(?:writes?|changes?|dml) (?:will |can |may |would )?persist\b/;

/** The tool says its statement can only read ("Execute a SQLite query that can only read data", "Execute a SELECT query"). */
const ONLY_READS_RE = /\b(?:can|may|will) only read\b|\bonly reads? data\b|\bread[- ]only (?:sql |select )?(?:query|queries|statements?)\b/;

/**
 * A tool that runs a statement its input restricts to reads ("SQL query to execute (must be a
 * SELECT query)") and takes no other code: a read (docs/labelling.md, "queries").
 */
function readOnlyStatement(t: PreparedTool): Param | undefined {
  if (WRITES_PERSIST_RE.test(t.lower)) return undefined;
  const statements = t.params.filter((p) => p.type === 'string' && p.words.length === 1 && STATEMENT_WORDS.has(p.words[0]!));
  if (statements.length !== 1 || !(SELECT_ONLY_RE.test(statements[0]!.about) || ONLY_READS_RE.test(t.lower) || SELECT_ONLY_RE.test(firstSentence(t.lower)))) return undefined;
  const code = codeToRun(t, false);
  return code === statements[0] || code === undefined ? statements[0] : undefined;
}

/**
 * A check or scan whose result the account keeps (docs/labelling.md: a result stored where a
 * later call sees it is a write; a paid verification recorded on an account is one): an input
 * saves the report there, or files a check's result under a user.
 */
function keptResult(t: PreparedTool): Param | undefined {
  return t.params.find((p) => SAVES_REPORT_RE.test(p.about) || (FILES_RESULT_RE.test(p.about) && CHECKS_RE.test(t.lower)));
}

/** How long the signed link to the result lasts ("Signed URL expiration time in seconds"). */
const SIGNED_EXPIRY_RE = /\bsigned (?:url|link|download url)s? (?:expiration|expiry|expires|lifetime|ttl)\b|\b(?:expiration|expiry|lifetime|ttl) of the signed (?:url|link)s?\b/;

/**
 * An input that sets how long a signed link to the call's output lasts: the output is a file kept
 * on the service for others to fetch (docs/labelling.md, "a download … saving a file"), a write.
 */
function signedResult(t: PreparedTool): Param | undefined {
  return t.params.find((p) => (p.type === 'number' || p.type === 'integer' || p.type === '') && SIGNED_EXPIRY_RE.test(p.about));
}

/**
 * A reading tool with a flag that empties what it reads (docs/labelling.md, "clearing"): logs or
 * a buffer cleared after reading are gone, so the worst call deletes them.
 */
function emptyingFlag(t: PreparedTool): Param | undefined {
  return t.params.find(
    (p) =>
      p.type === 'boolean' &&
      EMPTYING_WORDS.has(p.words[0]!) &&
      p.words.slice(1).every((w) => EMPTIED_WORDS.has(w)) &&
      !FIELD_RE.test(p.about),
  );
}

/**
 * A flag that lets the agent a tool drives act without asking ("yolo": "Automatically accept all
 * actions", "skip permissions"): a prompt then runs whatever the agent decides, shell and file
 * edits included (docs/labelling.md, execute: what it does depends on the input).
 */
const APPROVES_ALL_RE = /\b(?:auto(?:matically)?[- ]?(?:accept|approve)s?|accepts?|approves?) (?:all|every|any) (?:actions?|tool calls?|commands?|changes?|edits?)\b|\bskip(?:s|ping)? (?:all )?(?:permission|approval|confirmation) (?:prompts?|checks?)\b/;

function approvesAll(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'boolean' && APPROVES_ALL_RE.test(p.about));
}

/** A flag that marks what is read ("Mark messages as seen when retrieving"): the mark stays on the server. */
const MARKS_RE = /\bmarks? (?:the |each |all )?(?:messages?|emails?|mails?|notifications?|items?|them|it)? ?as (?:seen|read|viewed)\b/;

/** A reading tool with such a flag: its worst call changes what the next reader sees (a write). */
function markingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => (p.type === 'boolean' || p.type === '') && MARKS_RE.test(p.about));
}

/**
 * An input that re-runs what was saved before ("'auto' (default) re-runs existing security suite
 * if found"): the suite named is defined elsewhere, so the call runs what it holds
 * (docs/labelling.md, "running what exists").
 */
const RERUNS_RE = /\bre-?runs? (?:the |an |any )?(?:existing|saved|stored|previous) (?:[a-z]+ )?(?:suites?|tests?|flows?|jobs?|scripts?|pipelines?)\b/;

function rerunsSaved(t: PreparedTool): Param | undefined {
  return t.params.find((p) => RERUNS_RE.test(p.about));
}

/**
 * A flag that overwrites what later calls compare against ("updateBaseline": "If true, save current
 * screenshot as new baseline"): the compared file is replaced, a write.
 */
const UPDATES_RE = /\b(?:save|saves|store|stores|write|writes|overwrite|overwrites|replace|replaces|update|updates)\b[^.;]{0,40}\b(?:as (?:the )?new|new) (?:baselines?|snapshots?|references?|golden)\b/;

function updatingFlag(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'boolean' && UPDATES_RE.test(p.about));
}

/**
 * A "readOnly" flag that is off unless set ("Open mailbox in read-only mode (default: false)"): the
 * tool offers a read-only mode, so its default one may change what it opens.
 */
function readOnlyOff(t: PreparedTool): Param | undefined {
  const specs = new Map(schemaProperties(t.raw.inputSchema, 64));
  return t.params.find((p) => {
    if (p.type !== 'boolean' || p.words.join(' ') !== 'read only') return false;
    const spec = specs.get(p.name) as { default?: unknown } | undefined;
    return spec?.default !== true && !/\bdefault(?:s)?:? (?:to )?true\b/.test(p.about);
  });
}

/**
 * Code in a programming language given to make something ("JavaScript code to render the 3D
 * scene", "Python code to plot the chart"): the call runs it to make what it shows. Code given to
 * be looked at ("component code to analyze", "CSS code to convert") is only read.
 */
const PROGRAM_RE = /\b(?:javascript|typescript|python|lua|ruby|js|ts|py)\s+code (?:to|that) (?:render|renders|draw|draws|plot|plots|animate|animates|compute|computes|calculate|calculates|build|builds|transform|transforms|automate|automates)\b/;

function programToRun(t: PreparedTool): Param | undefined {
  return t.params.find((p) => p.type === 'string' && PROGRAM_RE.test(p.about));
}

/**
 * An amount the call pays ("budget_usd": "Payment in USD"): a paid task or a top-up spends money
 * (docs/labelling.md: money spent is a write). A price to filter by is no payment.
 */
const PAYMENT_RE = /^(?:payment|amount to (?:pay|spend|tip|send)|top-?up amount|tip|reward|bounty) (?:in|amount|of|for|to)?\b/;

function paymentGiven(t: PreparedTool): Param | undefined {
  return t.params.find((p) => (p.type === 'number' || p.type === 'integer') && PAYMENT_RE.test(p.about.trim()));
}
