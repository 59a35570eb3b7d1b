/**
 * The verb lexicon: what a verb in a tool's name or description says the call does. A verb has a
 * default reading; object rules refine it where the noun decides ("run query" reads, "run script"
 * executes); words that are as often nouns ("log", "audit", "map") have a reading for when they end
 * a name. Every entry is a general English verb — never a particular tool or server.
 */
import type { Effect } from '../../taxonomy.ts';
import type { Trait } from '../types.ts';
import { baseForms, wordFact, wordOf, type Word } from '../text.ts';
import { CLASS_BIT, classMaskOf, objectClassMask, type ClassMask, type ObjectClass } from './objects.ts';

export type Reading = { effect: Effect; weight: number; gloss: string };

export type VerbEntry = {
  /** Base form, as shown in evidence. */
  verb: string;
  reading: Reading;
  /** Reading when the word ends a name and so reads as a noun ("git_log"); null says nothing. */
  noun?: Reading | null | undefined;
  /**
   * Reading when the word ends a name after its object ("pipelines_run"), where it is as often a
   * noun; unlike `noun`, the word still counts as a verb inside a name ("force_run_execution").
   */
  last?: Reading | undefined;
  /**
   * Reading when the object is taken out of something named after "from" that is not a store
   * of records ("remove a tag from a task"): the thing itself still exists.
   */
  from?: Reading | undefined;
  /** Object rules, first match wins. */
  objects?: readonly (readonly [ObjectClass, Reading])[] | undefined;
  /**
   * Object classes that decide only as the head noun, where they say what the thing acted on is:
   * "delete_link" deletes a link, but "delete_url_category" deletes a category the URL only names.
   * (A pointer still counts anywhere: a "relation record" or an "association between objects" is
   * the pointer itself.)
   */
  headOnly?: readonly ObjectClass[] | undefined;
  /** The meaning depends on the server ("generate", "manage"): sibling tools may settle it. */
  odd?: boolean | undefined;
  /** An umbrella verb whose description may enumerate the actions it can take. */
  umbrella?: boolean | undefined;
  /**
   * The call hands the caller a copy (a download, a screenshot, a recording): saving it where the
   * caller says is what the verb does, not a stored artefact of its own.
   */
  copies?: boolean | undefined;
  /** The call ships what it is given (deploying): code among its inputs is code it runs. */
  ships?: boolean | undefined;
  /** The call keeps what it is given (creating, updating): code among its inputs is stored, not run. */
  keeps?: boolean | undefined;
  /** The call judges something (verify, review): given the verdict as input, it records it. */
  judges?: boolean | undefined;
  /** As often a preposition ("Like code_task, but …"): it opens a description only before an article. */
  preposition?: boolean | undefined;
  /**
   * Words after which it names no act: nouns it makes a compound noun with ("order book", "order
   * flow"), or "as" where it says what the tool is ("serves as a workspace").
   */
  compounds?: readonly string[] | undefined;
  traits?: readonly Trait[] | undefined;
  /** Traits that hold only with some objects ("capture payment" moves money). */
  objectTraits?: readonly (readonly [ObjectClass, readonly Trait[]])[] | undefined;
};

const r = (effect: Effect, weight: number, gloss: string): Reading => ({ effect, weight, gloss });
const read = (w: number, gloss = 'only reads') => r('read', w, gloss);
const write = (w: number, gloss = 'creates or changes state') => r('write', w, gloss);
const del = (w: number, gloss = 'removes data') => r('delete', w, gloss);
const exec = (w: number, gloss = 'runs what the input says') => r('execute', w, gloss);

/** Asking a model for output returns it and stores nothing. */
const ASKS_MODEL = read(0.55, 'asks a model for output it returns');

/** Objects that decide what running, executing or evaluating something does. */
const RUN_OBJECTS = [
  ['readonly', read(0.65, 'runs a read-only query')],
  ['inference', ASKS_MODEL],
  ['saved', read(0.6, 'runs a saved question that reads')],
  ['sql', exec(0.8, 'runs the SQL it is given')],
  ['code', exec(0.85, 'runs the code or command it is given')],
  ['iac', exec(0.7, 'applies changes written as code')],
  ['query', read(0.5, 'runs a query that reads')],
  ['inspection', read(0.55, 'runs a check or report that reads')],
  ['observation', read(0.5, 'records what happens')],
  ['execution', exec(0.7, 'starts a run')],
  ['runnable', exec(0.7, 'starts a flow, job or function')],
  ['program', exec(0.7, 'runs a project or game and its scripts')],
] as const;

/** Starting or running a check, search or recording only observes. */
const START_OBJECTS = [
  ['observation', read(0.55, 'starts or stops recording: observes only')],
  ['query', read(0.5, 'starts a search')],
  ['inspection', read(0.5, 'starts a check or analysis')],
  ['code', exec(0.75, 'runs the code or command it is given')],
  ['iac', exec(0.65, 'applies changes written as code')],
  ['execution', exec(0.6, 'starts a run')],
  ['session', write(0.55, 'opens a session')],
  ['runnable', exec(0.6, 'starts a flow, job or function')],
] as const;

/** Stopping a run ends it, whatever it recorded on the way ("Stop playtest and return the output"). */
const STOPS_RUN = write(0.6, 'stops a run');

/** Taking something out of a list, group or record leaves the thing itself in place. */
const UNLINKS = write(0.7, 'takes something out of a list, group or record: the thing itself stays');
/** Lines taken out of a script or a file edit it: the text itself stays. */
const EDITS_TEXT = write(0.7, 'deletes lines of a text: the text stays, edited');
/** A cache holds copies: clearing it loses nothing the source does not still hold. */
const CLEARS_CACHE = write(0.6, 'clears cached copies: the data stays at its source');
/** Keystrokes or text sent to a terminal: the shell behind it runs them as commands. */
const TYPES_INTO_SHELL = exec(0.85, 'types into a terminal: the shell runs what it is given');

/** A status, a selection or a filter is passing state: clearing one resets it and loses nothing stored. */
const RESETS_STATE = write(0.6, 'resets a passing state: nothing stored is lost');

/** A session ends; what it worked on stays. */
const ENDS_SESSION = write(0.65, 'ends a session or connection: what it worked on stays');

const MONEY: readonly Trait[] = ['moves-money'];
const SENDS: readonly Trait[] = ['sends-out'];
const ACCESS: readonly Trait[] = ['changes-access'];

const ENTRIES: VerbEntry[] = [
  // Reads.
  { verb: 'get', reading: read(0.75) },
  { verb: 'list', reading: read(0.8, 'lists') },
  { verb: 'search', reading: read(0.75, 'searches') },
  { verb: 'find', reading: read(0.75, 'finds') },
  { verb: 'read', reading: read(0.75, 'reads') },
  { verb: 'fetch', reading: read(0.7, 'fetches'), objects: [['remote', write(0.55, 'fetches from a remote into the local copy')]] },
  { verb: 'retrieve', reading: read(0.75, 'retrieves') },
  { verb: 'recall', reading: read(0.5, 'recalls what was stored') },
  { verb: 'describe', reading: read(0.75, 'describes') },
  { verb: 'show', reading: read(0.7, 'shows') },
  { verb: 'view', reading: read(0.7, 'views'), noun: read(0.4, 'a view') },
  { verb: 'lookup', reading: read(0.7, 'looks up') },
  { verb: 'look', reading: read(0.6, 'looks up') },
  { verb: 'see', reading: read(0.55, 'looks at') },
  { verb: 'browse', reading: read(0.65, 'browses') },
  // Exploring a site or app in a browser navigates it: the page's state changes.
  { verb: 'explore', reading: read(0.65, 'explores'), objects: [['ui', write(0.55, 'navigates pages to explore them')]] },
  { verb: 'inspect', reading: read(0.7, 'inspects') },
  // Screening a wallet, a name or stocks checks them against lists or criteria.
  { verb: 'screen', reading: read(0.55, 'checks against lists or criteria') },
  { verb: 'peek', reading: read(0.65, 'peeks') },
  { verb: 'query', reading: read(0.6, 'queries'), noun: read(0.45, 'a query'), objects: [['readonly', read(0.65, 'runs a read-only query')], ['sql', exec(0.55, 'runs the query it is given')]] },
  { verb: 'count', reading: read(0.7, 'counts') },
  { verb: 'preview', reading: read(0.7, 'previews') },
  { verb: 'poll', reading: read(0.65, 'polls for status') },
  { verb: 'wait', reading: read(0.5, 'waits for a condition') },
  { verb: 'watch', reading: read(0.5, 'watches') },
  { verb: 'check', reading: read(0.6, 'checks'), objects: [['control', write(0.6, 'ticks a box on a page')]] },
  { verb: 'uncheck', reading: write(0.6, 'unticks a box on a page') },
  { verb: 'validate', judges: true, reading: read(0.65, 'validates') },
  { verb: 'verify', judges: true, reading: read(0.55, 'verifies'), objects: [['hostname', write(0.6, "has the service verify a domain the account holds: the outcome stays on the account")]] },
  { verb: 'analyze', reading: read(0.65, 'analyses') },
  { verb: 'analyse', reading: read(0.65, 'analyses') },
  { verb: 'summarize', reading: read(0.65, 'summarises') },
  { verb: 'summarise', reading: read(0.65, 'summarises') },
  { verb: 'explain', reading: read(0.65, 'explains') },
  { verb: 'compare', reading: read(0.65, 'compares') },
  // "Assert that an element is visible", "correlate traces with logs": a check or a join that answers.
  { verb: 'assert', reading: read(0.55, 'checks that something holds') },
  { verb: 'correlate', reading: read(0.55, 'relates records to each other') },
  { verb: 'diff', reading: read(0.6, 'compares') },
  { verb: 'calculate', reading: read(0.55, 'calculates') },
  { verb: 'compute', reading: read(0.5, 'computes') },
  { verb: 'estimate', reading: read(0.55, 'estimates') },
  { verb: 'suggest', reading: read(0.6, 'suggests') },
  { verb: 'recommend', reading: read(0.55, 'recommends') },
  { verb: 'scan', reading: read(0.55, 'scans') },
  { verb: 'audit', judges: true, reading: read(0.55, 'audits'), noun: read(0.5, 'an audit') },
  { verb: 'detect', reading: read(0.6, 'detects') },
  { verb: 'identify', reading: read(0.55, 'identifies') },
  { verb: 'discover', reading: read(0.6, 'discovers') },
  { verb: 'extract', reading: read(0.55, 'extracts'), objects: [['archive', write(0.7, 'unpacks an archive: its files are written out')]] },
  { verb: 'scrape', reading: read(0.65, 'scrapes') },
  { verb: 'crawl', reading: read(0.6, 'crawls') },
  { verb: 'map', reading: read(0.45, 'maps out'), noun: read(0.4, 'a map') },
  { verb: 'research', reading: read(0.55, 'researches') },
  // "reason": a model thinks a question through and answers; as a noun it says nothing.
  { verb: 'reason', reading: read(0.5, 'reasons a question through and answers'), noun: null },
  { verb: 'ask', reading: read(0.5, 'asks a question') },
  { verb: 'answer', reading: read(0.5, 'answers') },
  { verb: 'transcribe', reading: read(0.55, 'transcribes') },
  { verb: 'translate', reading: read(0.5, 'translates') },
  { verb: 'parse', reading: read(0.55, 'parses') },
  { verb: 'format', reading: read(0.4, 'formats text it returns'), objects: [['document', write(0.55, 'formats part of a document or disk')]] },
  { verb: 'render', reading: read(0.45, 'renders') },
  { verb: 'print', reading: read(0.45, 'prints') },
  { verb: 'echo', reading: read(0.5, 'echoes') },
  // Pinging a host checks it is up; pinging a hook or a monitor sends it an event.
  { verb: 'ping', reading: read(0.6, 'pings'), objects: [['runnable', write(0.6, 'sends a test event to a hook or monitor')]], objectTraits: [['runnable', SENDS]] },
  { verb: 'lint', reading: read(0.6, 'lints') },
  { verb: 'visualize', reading: read(0.6, 'visualises') },
  { verb: 'visualise', reading: read(0.6, 'visualises') },
  { verb: 'plot', reading: read(0.55, 'plots') },
  { verb: 'forecast', reading: read(0.55, 'forecasts') },
  { verb: 'predict', reading: read(0.55, 'predicts') },
  { verb: 'match', reading: read(0.5, 'matches'), noun: read(0.4, 'a match') },
  { verb: 'autocomplete', reading: read(0.65, 'completes a value') },
  { verb: 'measure', reading: read(0.55, 'measures') },
  { verb: 'aggregate', reading: read(0.6, 'aggregates') },
  { verb: 'score', reading: read(0.5, 'scores') },
  { verb: 'rank', reading: read(0.5, 'ranks') },
  { verb: 'rerank', reading: read(0.5, 'ranks again') },
  { verb: 'guide', reading: read(0.5, 'gives guidance') },
  { verb: 'enrich', reading: read(0.5, 'looks up more data about something') },
  { verb: 'classify', reading: read(0.55, 'classifies') },
  { verb: 'review', judges: true, reading: read(0.5, 'reviews'), noun: read(0.4, 'a review') },
  { verb: 'observe', reading: read(0.55, 'observes') },
  { verb: 'enumerate', reading: read(0.7, 'enumerates') },
  { verb: 'collect', reading: read(0.45, 'collects') },
  { verb: 'gather', reading: read(0.5, 'gathers') },
  { verb: 'load', reading: read(0.4, 'loads') },
  { verb: 'stream', reading: read(0.5, 'streams'), noun: read(0.4, 'a stream') },
  // Following someone or something is a record others see; following a log only watches it.
  { verb: 'follow', reading: write(0.5, 'follows someone or something'), objects: [['feed', read(0.55, 'follows output as it comes')], ['person', write(0.6, 'follows someone')]] },
  { verb: 'download', reading: read(0.45, 'downloads a copy'), copies: true },
  { verb: 'export', reading: read(0.45, 'exports a copy') },
  // "Dump the scene tree", "Dumps a database to a file": a copy of what is there; where it is
  // saved decides the rest.
  { verb: 'dump', reading: read(0.45, 'dumps a copy') },
  { verb: 'help', reading: read(0.5, 'gives help') },
  { verb: 'whoami', reading: read(0.75, 'says who the caller is') },
  { verb: 'is', reading: read(0.5, 'answers a yes/no question') },
  { verb: 'has', reading: read(0.5, 'answers a yes/no question') },
  { verb: 'exists', reading: read(0.5, 'answers a yes/no question') },
  { verb: 'can', reading: read(0.5, 'answers a yes/no question') },
  { verb: 'return', reading: read(0.6, 'returns data') },
  { verb: 'provide', reading: read(0.45, 'provides data') },
  { verb: 'access', reading: read(0.5, 'accesses') },
  { verb: 'obtain', reading: read(0.55, 'obtains') },
  { verb: 'locate', reading: read(0.6, 'locates') },
  { verb: 'geocode', reading: read(0.65, 'converts between addresses and coordinates') },
  // Transforms of what the call is given, handed back: nothing is kept.
  { verb: 'geolocate', reading: read(0.65, 'locates an address or device') },
  { verb: 'repurpose', reading: read(0.5, 'rewrites content for another use and returns it') },
  { verb: 'encode', reading: read(0.5, 'encodes what it is given') },
  { verb: 'decode', reading: read(0.55, 'decodes what it is given') },
  { verb: 'hash', reading: read(0.55, 'hashes what it is given'), noun: null },
  { verb: 'normalize', reading: read(0.5, 'normalises what it is given') },
  { verb: 'normalise', reading: read(0.5, 'normalises what it is given') },
  { verb: 'sanitize', reading: read(0.45, 'cleans up what it is given') },
  { verb: 'anonymize', reading: read(0.45, 'masks personal data in what it is given') },
  { verb: 'encrypt', reading: read(0.4, 'encrypts what it is given') },
  { verb: 'decrypt', reading: read(0.4, 'decrypts what it is given') },
  { verb: 'chunk', reading: read(0.45, 'splits text into pieces it returns'), noun: null },
  { verb: 'filter', reading: read(0.5, 'filters'), noun: null },
  { verb: 'simulate', reading: read(0.5, 'simulates what would happen') },
  { verb: 'grep', reading: read(0.65, 'searches text') },
  { verb: 'nslookup', reading: read(0.65, 'looks up DNS records') },
  { verb: 'dig', reading: read(0.55, 'looks up DNS records') },
  { verb: 'introspect', reading: read(0.65, 'introspects') },
  { verb: 'investigate', reading: read(0.55, 'investigates') },
  { verb: 'diagnose', reading: read(0.6, 'diagnoses') },
  { verb: 'debug', reading: read(0.5, 'looks for what goes wrong') },
  { verb: 'monitor', reading: read(0.45, 'monitors'), noun: null },
  { verb: 'test', reading: read(0.45, 'tests'), noun: null, objects: [['code', exec(0.7, 'runs the code it is given')], ['runnable', exec(0.6, 'runs a flow, job or function to test it')]] },
  { verb: 'evaluate', judges: true, reading: read(0.4, 'evaluates'), objects: [['code', exec(0.85, 'runs the code or expression it is given')], ['sql', exec(0.75, 'runs the SQL it is given')]] },
  { verb: 'take', reading: read(0.45, 'takes'), copies: true, objects: [['visual', read(0.7, 'captures what is on screen')], ['observation', read(0.6, 'records what happens')], ['payment', write(0.7, 'takes a payment')]], objectTraits: [['payment', MONEY]] },
  { verb: 'capture', reading: read(0.5, 'captures'), copies: true, objects: [['payment', write(0.75, 'captures a payment')], ['visual', read(0.7, 'captures what is on screen')], ['observation', read(0.6, 'records what happens')], ['note', write(0.7, 'records a note to keep')]], objectTraits: [['payment', MONEY]] },
  { verb: 'screenshot', reading: read(0.7, 'captures the screen'), noun: read(0.7, 'a screenshot'), copies: true },
  { verb: 'snapshot', reading: read(0.6, 'captures a snapshot'), noun: read(0.6, 'a snapshot'), copies: true },
  { verb: 'trace', reading: read(0.5, 'traces'), noun: read(0.45, 'a trace') },
  { verb: 'log', reading: write(0.45, 'records an entry'), noun: read(0.45, 'a log') },
  { verb: 'branch', reading: write(0.45, 'creates a branch'), noun: read(0.35, 'a branch') },
  { verb: 'select', reading: write(0.45, 'selects'), objects: [['control', write(0.55, 'selects on a page')], ['ui', write(0.55, 'selects what later calls act on')], ['readonly', read(0.6, 'runs a select')], ['query', read(0.55, 'selects data')]] },

  // Writes.
  { verb: 'create', keeps: true, reading: write(0.75, 'creates something'), objects: [['execution', exec(0.65, 'creating a run starts it')]], objectTraits: [['payment', MONEY], ['outbound', SENDS]] },
  { verb: 'add', keeps: true, reading: write(0.7, 'adds something'), objectTraits: [['access', ACCESS]] },
  { verb: 'new', keeps: true, reading: write(0.6, 'creates something') },
  { verb: 'insert', keeps: true, reading: write(0.7, 'inserts') },
  { verb: 'make', reading: write(0.5, 'makes something') },
  { verb: 'build', reading: write(0.5, 'builds'), noun: null },
  { verb: 'update', keeps: true, reading: write(0.75, 'updates'), objectTraits: [['access', ACCESS], ['agreement', MONEY], ['outbound', SENDS]] },
  { verb: 'upsert', keeps: true, reading: write(0.75, 'creates or updates') },
  { verb: 'set', keeps: true, reading: write(0.7, 'sets a value'), objectTraits: [['access', ACCESS]] },
  { verb: 'edit', keeps: true, reading: write(0.75, 'edits') },
  { verb: 'patch', keeps: true, reading: write(0.7, 'patches') },
  { verb: 'modify', keeps: true, reading: write(0.75, 'modifies'), objectTraits: [['agreement', MONEY]] },
  { verb: 'change', keeps: true, reading: write(0.7, 'changes'), objectTraits: [['access', ACCESS], ['agreement', MONEY]] },
  // "Adjust inventory quantity": a value moved up or down is changed.
  { verb: 'adjust', keeps: true, reading: write(0.65, 'adjusts a value') },
  { verb: 'correct', keeps: true, reading: write(0.6, 'corrects') },
  // "Deprecate (soft delete) a hook": the thing is marked, not removed.
  { verb: 'deprecate', reading: write(0.65, 'marks something deprecated') },
  { verb: 'join', reading: write(0.6, 'joins a channel, group or meeting') },
  { verb: 'rename', reading: write(0.75, 'renames') },
  { verb: 'move', reading: write(0.7, 'moves') },
  { verb: 'copy', reading: write(0.65, 'copies') },
  { verb: 'clone', reading: write(0.65, 'clones') },
  { verb: 'duplicate', reading: write(0.65, 'duplicates') },
  { verb: 'upload', reading: write(0.75, 'uploads'), traits: SENDS },
  // A screenshot saved is a copy of the screen for the caller, as one taken is.
  { verb: 'save', keeps: true, reading: write(0.7, 'saves'), objects: [['visual', read(0.65, 'saves a screenshot: a copy of the screen for the caller')]] },
  { verb: 'store', keeps: true, reading: write(0.65, 'stores') },
  { verb: 'put', keeps: true, reading: write(0.6, 'puts') },
  { verb: 'write', reading: write(0.7, 'writes'), objects: [['sql', exec(0.6, 'runs the write statement it is given')], ['query', exec(0.55, 'runs the write query it is given')], ['code', write(0.6, 'writes code')], ['terminal', TYPES_INTO_SHELL]] },
  { verb: 'post', reading: write(0.7, 'posts'), noun: null, traits: SENDS },
  { verb: 'send', reading: write(0.8, 'sends'), objects: [['inference', ASKS_MODEL], ['terminal', TYPES_INTO_SHELL]], traits: SENDS },
  { verb: 'deliver', reading: write(0.65, 'delivers'), traits: SENDS },
  { verb: 'redeliver', reading: write(0.7, 'delivers again'), traits: SENDS },
  // Reporting a bug or a run's outcome files it with a service; "report violations" returns them.
  { verb: 'report', reading: read(0.4, 'reports what it finds'), noun: read(0.45, 'a report'), objects: [['case', write(0.6, 'files a report with the service')], ['runnable', write(0.55, 'reports an outcome to the service')], ['execution', write(0.55, 'reports an outcome to the service')]], objectTraits: [['case', SENDS]] },
  { verb: 'publish', reading: write(0.75, 'publishes'), traits: SENDS },
  { verb: 'unpublish', reading: write(0.65, 'unpublishes') },
  { verb: 'reply', reading: write(0.75, 'replies'), traits: SENDS },
  { verb: 'respond', reading: write(0.6, 'responds'), traits: SENDS },
  { verb: 'comment', reading: write(0.65, 'comments'), noun: null },
  { verb: 'share', reading: write(0.7, 'shares'), traits: ['sends-out', 'changes-access'] },
  { verb: 'forward', reading: write(0.6, 'forwards'), noun: write(0.45, 'goes forward, or forwards something'), traits: SENDS },
  { verb: 'notify', reading: write(0.7, 'notifies'), traits: SENDS },
  { verb: 'email', reading: write(0.7, 'emails'), noun: null, traits: SENDS },
  { verb: 'broadcast', reading: write(0.75, 'broadcasts'), traits: SENDS },
  { verb: 'announce', reading: write(0.65, 'announces'), traits: SENDS },
  { verb: 'invite', reading: write(0.75, 'invites'), traits: ['sends-out', 'changes-access'] },
  { verb: 'grant', reading: write(0.75, 'grants access'), traits: ACCESS },
  { verb: 'assign', reading: write(0.7, 'assigns'), objectTraits: [['access', ACCESS]] },
  { verb: 'unassign', reading: write(0.65, 'unassigns') },
  { verb: 'promote', reading: write(0.6, 'promotes'), objectTraits: [['person', ACCESS]] },
  // Moving a workflow or a ticket on to its next stage changes its state.
  { verb: 'advance', reading: write(0.6, 'moves something on to its next stage') },
  { verb: 'impersonate', reading: write(0.7, 'acts as another user'), traits: ACCESS },
  { verb: 'approve', reading: write(0.7, 'approves') },
  { verb: 'reject', reading: write(0.65, 'rejects') },
  { verb: 'accept', reading: write(0.65, 'accepts') },
  { verb: 'decline', reading: write(0.6, 'declines') },
  { verb: 'submit', reading: write(0.7, 'submits') },
  { verb: 'confirm', reading: write(0.55, 'confirms') },
  { verb: 'apply', reading: write(0.6, 'applies changes'), objects: [['iac', exec(0.7, 'applies changes written as code')]] },
  { verb: 'deploy', reading: write(0.7, 'deploys'), ships: true, traits: ['infrastructure-change'] },
  { verb: 'install', reading: write(0.65, 'installs') },
  { verb: 'upgrade', reading: write(0.65, 'upgrades') },
  { verb: 'downgrade', reading: write(0.65, 'downgrades') },
  { verb: 'scale', reading: write(0.65, 'scales'), traits: ['infrastructure-change'] },
  { verb: 'restart', reading: write(0.6, 'restarts'), objects: [['execution', exec(0.55, 'runs again')], ['runnable', exec(0.55, 'runs again')]] },
  { verb: 'rerun', reading: exec(0.6, 'runs again') },
  { verb: 'retry', reading: write(0.55, 'retries'), objects: [['execution', exec(0.55, 'runs again')], ['runnable', exec(0.55, 'runs again')]] },
  { verb: 'replay', reading: write(0.5, 'replays'), objects: [['execution', exec(0.55, 'runs again')], ['runnable', exec(0.55, 'runs again')]] },
  { verb: 'backfill', reading: exec(0.55, 'runs past schedules again') },
  { verb: 'start', reading: write(0.5, 'starts something'), objects: START_OBJECTS },
  { verb: 'launch', reading: write(0.55, 'launches'), objects: START_OBJECTS },
  { verb: 'initiate', reading: write(0.55, 'starts something'), objects: START_OBJECTS },
  { verb: 'begin', reading: write(0.5, 'starts something'), objects: START_OBJECTS },
  { verb: 'stop', reading: write(0.55, 'stops something'), objects: [['program', STOPS_RUN], ['execution', STOPS_RUN], ['observation', read(0.55, 'starts or stops recording: observes only')]] },
  { verb: 'end', reading: write(0.5, 'ends something'), objects: [['observation', read(0.5, 'starts or stops recording: observes only')]] },
  { verb: 'pause', reading: write(0.6, 'pauses') },
  { verb: 'halt', reading: write(0.6, 'halts') },
  { verb: 'resume', reading: write(0.6, 'resumes') },
  { verb: 'schedule', keeps: true, reading: write(0.6, 'schedules'), noun: null },
  { verb: 'enable', reading: write(0.65, 'enables') },
  { verb: 'disable', reading: write(0.65, 'disables') },
  { verb: 'activate', reading: write(0.65, 'activates') },
  { verb: 'deactivate', reading: write(0.65, 'deactivates') },
  { verb: 'reactivate', reading: write(0.65, 'reactivates') },
  { verb: 'toggle', reading: write(0.65, 'toggles') },
  { verb: 'mark', reading: write(0.6, 'marks') },
  { verb: 'flag', reading: write(0.5, 'flags'), noun: null },
  { verb: 'tag', reading: write(0.55, 'tags'), noun: null },
  { verb: 'label', reading: write(0.55, 'labels'), noun: null },
  { verb: 'link', reading: write(0.5, 'links'), noun: null },
  { verb: 'unlink', reading: write(0.6, 'unlinks') },
  { verb: 'attach', reading: write(0.6, 'attaches') },
  { verb: 'detach', reading: write(0.6, 'detaches') },
  { verb: 'mute', reading: write(0.6, 'mutes') },
  { verb: 'unmute', reading: write(0.6, 'unmutes') },
  { verb: 'pin', reading: write(0.55, 'pins') },
  { verb: 'unpin', reading: write(0.55, 'unpins') },
  { verb: 'star', reading: write(0.5, 'stars') },
  { verb: 'unstar', reading: write(0.55, 'unstars') },
  // Reactions on a post or a person are records others see.
  { verb: 'like', reading: write(0.55, 'likes a post'), noun: null, preposition: true },
  { verb: 'unlike', reading: write(0.55, 'takes back a like') },
  { verb: 'upvote', reading: write(0.55, 'votes up') },
  { verb: 'downvote', reading: write(0.55, 'votes down') },
  { verb: 'retweet', reading: write(0.6, 'reposts'), traits: SENDS },
  { verb: 'repost', reading: write(0.6, 'reposts'), traits: SENDS },
  { verb: 'bookmark', reading: write(0.5, 'bookmarks'), noun: null },
  { verb: 'unbookmark', reading: write(0.55, 'removes a bookmark') },
  { verb: 'favorite', reading: write(0.5, 'marks as a favourite'), noun: null },
  { verb: 'favourite', reading: write(0.5, 'marks as a favourite'), noun: null },
  { verb: 'unfavorite', reading: write(0.55, 'removes a favourite') },
  { verb: 'unfollow', reading: write(0.6, 'stops following') },
  { verb: 'unwatch', reading: write(0.55, 'stops watching') },
  { verb: 'subscribe', reading: write(0.55, 'subscribes') },
  { verb: 'unsubscribe', reading: write(0.6, 'unsubscribes') },
  { verb: 'register', keeps: true, reading: write(0.6, 'registers') },
  { verb: 'enroll', reading: write(0.6, 'enrols') },
  { verb: 'import', reading: write(0.65, 'imports') },
  { verb: 'ingest', reading: write(0.6, 'ingests') },
  { verb: 'sync', reading: write(0.55, 'synchronises') },
  { verb: 'synchronize', reading: write(0.55, 'synchronises') },
  { verb: 'generate', reading: read(0.4, 'generates output it returns'), odd: true, objects: [['link', read(0.55, 'generates a link or code it returns')], ['media', write(0.5, 'generates media: a file or a paid job')], ['file', write(0.5, 'generates files it stores')], ['code', read(0.8, 'composes a command or code it returns: running it is left to the caller')]] },
  { verb: 'regenerate', reading: write(0.6, 'regenerates') },
  { verb: 'compose', reading: write(0.5, 'composes'), odd: true },
  { verb: 'draft', reading: write(0.55, 'drafts'), odd: true },
  { verb: 'design', reading: write(0.45, 'designs'), odd: true },
  { verb: 'prepare', reading: write(0.4, 'prepares'), odd: true },
  { verb: 'produce', reading: write(0.45, 'produces'), odd: true },
  { verb: 'fill', reading: write(0.7, 'fills in') },
  { verb: 'type', reading: write(0.65, 'types text'), noun: null, objects: [['terminal', TYPES_INTO_SHELL]] },
  { verb: 'click', reading: write(0.7, 'clicks') },
  { verb: 'interact', reading: write(0.55, 'acts on a page or app') },
  { verb: 'press', reading: write(0.65, 'presses keys') },
  { verb: 'hover', reading: write(0.55, 'hovers'), traits: ['ephemeral'] },
  { verb: 'drag', reading: write(0.65, 'drags') },
  { verb: 'scroll', reading: write(0.5, 'scrolls'), traits: ['ephemeral'] },
  { verb: 'navigate', reading: write(0.6, 'navigates'), traits: ['network'] },
  { verb: 'goto', reading: write(0.55, 'navigates'), traits: ['network'] },
  { verb: 'go', reading: write(0.5, 'goes to another page') },
  { verb: 'reload', reading: write(0.5, 'reloads') },
  { verb: 'refresh', reading: write(0.45, 'refreshes') },
  // Opening an app, an editor or a session changes what the user or the server has open.
  { verb: 'open', reading: read(0.4, 'opens to read'), objects: [['ui', write(0.5, 'opens a page, window or app')], ['session', write(0.5, 'opens a session')]] },
  { verb: 'close', reading: write(0.55, 'closes'), objects: [['session', ENDS_SESSION]] },
  { verb: 'resize', reading: write(0.6, 'resizes'), traits: ['ephemeral'] },
  { verb: 'emulate', reading: write(0.55, 'emulates'), traits: ['ephemeral'] },
  { verb: 'focus', reading: write(0.45, 'focuses'), traits: ['ephemeral'] },
  { verb: 'switch', reading: write(0.55, 'switches') },
  { verb: 'handle', reading: write(0.5, 'handles'), umbrella: true },
  { verb: 'manage', reading: write(0.45, 'manages'), odd: true, umbrella: true },
  { verb: 'administer', reading: write(0.5, 'administers'), umbrella: true },
  { verb: 'process', reading: write(0.45, 'processes'), odd: true, objects: [['thinking', read(0.55, 'works through thoughts and returns them')]] },
  { verb: 'perform', reading: write(0.35, 'performs an action'), odd: true, umbrella: true, objects: [['query', read(0.5, 'performs a search')], ['inspection', read(0.5, 'performs an analysis')], ['code', exec(0.7, 'runs the code it is given')]] },
  { verb: 'transfer', reading: write(0.75, 'transfers'), noun: null, traits: MONEY },
  { verb: 'pay', reading: write(0.8, 'pays'), traits: MONEY },
  { verb: 'charge', reading: write(0.75, 'charges'), noun: null, traits: MONEY },
  { verb: 'refund', reading: write(0.75, 'refunds'), noun: null, traits: MONEY },
  { verb: 'purchase', reading: write(0.75, 'purchases'), noun: write(0.5, 'a purchase, or buys something'), traits: MONEY },
  { verb: 'buy', reading: write(0.75, 'buys'), traits: MONEY },
  { verb: 'sell', reading: write(0.75, 'sells'), traits: MONEY },
  { verb: 'trade', reading: write(0.7, 'trades'), noun: null, traits: MONEY },
  { verb: 'withdraw', reading: write(0.75, 'withdraws'), traits: MONEY },
  { verb: 'deposit', reading: write(0.7, 'deposits'), traits: MONEY },
  // As often a noun ("auto_topup_get"): it speaks only where it opens a name.
  { verb: 'topup', reading: write(0.7, 'tops up a balance'), noun: null, traits: MONEY },
  { verb: 'place', reading: write(0.6, 'places'), objectTraits: [['agreement', MONEY]] },
  { verb: 'order', reading: write(0.6, 'orders'), noun: null, compounds: ['book', 'books', 'flow', 'flows'], traits: MONEY },
  { verb: 'book', reading: write(0.6, 'books'), noun: null },
  { verb: 'reserve', reading: write(0.6, 'reserves') },
  { verb: 'checkout', reading: write(0.6, 'checks out') },
  { verb: 'commit', reading: write(0.7, 'commits') },
  { verb: 'push', reading: write(0.7, 'pushes'), traits: SENDS },
  { verb: 'pull', reading: write(0.5, 'pulls changes'), objects: [['remote', write(0.6, 'pulls from a remote into the local copy')]] },
  { verb: 'merge', reading: write(0.7, 'merges') },
  { verb: 'rebase', reading: write(0.65, 'rebases') },
  { verb: 'fork', reading: write(0.6, 'forks') },
  { verb: 'release', reading: write(0.55, 'releases'), noun: null },
  { verb: 'init', reading: write(0.65, 'initialises') },
  { verb: 'initialize', reading: write(0.65, 'initialises') },
  { verb: 'initialise', reading: write(0.65, 'initialises') },
  { verb: 'setup', reading: write(0.6, 'sets up'), noun: null },
  { verb: 'configure', keeps: true, reading: write(0.65, 'configures') },
  { verb: 'provision', reading: write(0.65, 'provisions'), traits: ['infrastructure-change'] },
  // A session or a link to another service is state the next call sees: a write.
  { verb: 'connect', reading: write(0.45, 'opens a session or links a service') },
  { verb: 'disconnect', reading: write(0.45, 'closes a session or unlinks a service') },
  { verb: 'establish', reading: write(0.55, 'establishes a connection or a record') },
  // Exposing a port or a service makes it reachable from outside: state others see.
  { verb: 'expose', reading: write(0.6, 'makes something reachable') },
  { verb: 'login', reading: write(0.5, 'signs in') },
  { verb: 'logout', reading: write(0.5, 'signs out') },
  { verb: 'authenticate', reading: write(0.5, 'signs in') },
  { verb: 'authorize', reading: write(0.55, 'authorises'), traits: ACCESS },
  { verb: 'lock', reading: write(0.6, 'locks') },
  { verb: 'unlock', reading: write(0.6, 'unlocks') },
  { verb: 'block', reading: write(0.6, 'blocks'), noun: null },
  { verb: 'unblock', reading: write(0.6, 'unblocks') },
  { verb: 'ban', reading: write(0.65, 'bans'), traits: ACCESS },
  { verb: 'kick', reading: write(0.6, 'removes someone'), traits: ACCESS },
  { verb: 'suspend', reading: write(0.65, 'suspends'), traits: ACCESS },
  { verb: 'unsuspend', reading: write(0.65, 'unsuspends'), traits: ACCESS },
  { verb: 'reset', reading: write(0.6, 'resets') },
  { verb: 'revert', reading: write(0.6, 'reverts') },
  { verb: 'rollback', reading: write(0.6, 'rolls back') },
  { verb: 'undo', reading: write(0.55, 'undoes') },
  // Below the weight a second clause needs: "the undo and redo stacks" names two lists.
  { verb: 'redo', reading: write(0.5, 're-applies a change that was undone') },
  // Snapping moves a thing into line with a grid or a guide: its position changes.
  { verb: 'snap', reading: write(0.5, 'moves into line'), noun: null },
  { verb: 'restore', reading: write(0.6, 'restores') },
  { verb: 'backup', reading: write(0.55, 'makes a backup'), noun: null },
  { verb: 'fix', reading: write(0.6, 'fixes') },
  { verb: 'autofix', reading: write(0.6, 'fixes') },
  { verb: 'repair', reading: write(0.6, 'repairs') },
  { verb: 'heal', reading: write(0.55, 'repairs') },
  { verb: 'standardize', reading: write(0.5, 'rewrites to a standard') },
  { verb: 'standardise', reading: write(0.5, 'rewrites to a standard') },
  { verb: 'teach', reading: write(0.55, 'teaches the system something it keeps') },
  { verb: 'boot', reading: write(0.55, 'boots') },
  { verb: 'pick', reading: write(0.5, 'picks and applies') },
  { verb: 'claim', reading: write(0.6, 'claims') },
  { verb: 'unset', reading: write(0.65, 'unsets a value') },
  { verb: 'tap', reading: write(0.6, 'taps') },
  { verb: 'swipe', reading: write(0.6, 'swipes') },
  { verb: 'pinch', reading: write(0.6, 'pinches to zoom') },
  // "draw_shape" draws on a chart or canvas; "draw_list" lists the drawings.
  { verb: 'draw', reading: write(0.6, 'draws on a canvas, chart or page'), noun: read(0.35, 'a drawing') },
  // Compiling code builds it; compiling a list or a summary gathers what it says.
  { verb: 'compile', reading: read(0.45, 'compiles what it gathers'), objects: [['code', write(0.55, 'compiles code: builds it')], ['program', write(0.55, 'compiles a project: builds it')]] },
  { verb: 'use', reading: write(0.4, 'applies') },
  { verb: 'orchestrate', reading: write(0.5, 'orchestrates') },
  { verb: 'compress', reading: write(0.5, 'compresses') },
  { verb: 'gzip', reading: write(0.5, 'compresses') },
  { verb: 'zip', reading: write(0.5, 'compresses') },
  { verb: 'unzip', reading: write(0.5, 'unpacks') },
  { verb: 'reconnect', reading: write(0.45, 'reconnects') },
  { verb: 'optimize', reading: write(0.5, 'optimises') },
  { verb: 'optimise', reading: write(0.5, 'optimises') },
  { verb: 'vacuum', reading: write(0.55, 'compacts storage') },
  { verb: 'compact', reading: write(0.5, 'compacts storage') },
  { verb: 'migrate', reading: write(0.6, 'migrates'), objects: [['iac', exec(0.6, 'applies changes written as code')]] },
  { verb: 'complete', reading: write(0.5, 'completes'), objects: [['iac', exec(0.6, 'applies changes written as code')]] },
  { verb: 'finalize', reading: write(0.65, 'finalises'), objectTraits: [['agreement', MONEY]] },
  { verb: 'finalise', reading: write(0.65, 'finalises'), objectTraits: [['agreement', MONEY]] },
  { verb: 'transform', reading: write(0.5, 'transforms') },
  { verb: 'organize', reading: write(0.55, 'organises') },
  { verb: 'organise', reading: write(0.55, 'organises') },
  { verb: 'arrange', reading: write(0.6, 'arranges') },
  // Laying things out, grouping them, giving or taking back: each changes what is there.
  { verb: 'align', reading: write(0.55, 'aligns') },
  { verb: 'group', reading: write(0.5, 'groups things together'), noun: null },
  { verb: 'ungroup', reading: write(0.55, 'ungroups') },
  { verb: 'refactor', keeps: true, reading: write(0.65, 'rewrites code') },
  { verb: 'amend', keeps: true, reading: write(0.65, 'amends') },
  { verb: 'alter', keeps: true, reading: write(0.65, 'alters') },
  { verb: 'tweak', keeps: true, reading: write(0.6, 'tweaks') },
  { verb: 'annotate', reading: write(0.55, 'adds notes to something') },
  { verb: 'highlight', reading: write(0.45, 'highlights'), noun: null },
  { verb: 'give', reading: write(0.55, 'gives something') },
  { verb: 'award', reading: write(0.6, 'awards something') },
  { verb: 'reward', reading: write(0.55, 'rewards'), noun: null },
  { verb: 'allocate', reading: write(0.65, 'allocates a resource') },
  { verb: 'deallocate', reading: write(0.6, 'releases a resource') },
  { verb: 'bind', reading: write(0.6, 'binds') },
  { verb: 'mount', reading: write(0.6, 'mounts') },
  { verb: 'unmount', reading: write(0.6, 'unmounts') },
  { verb: 'protect', reading: write(0.6, 'protects'), traits: ACCESS },
  { verb: 'deny', reading: write(0.6, 'denies'), traits: ACCESS },
  { verb: 'remind', reading: write(0.6, 'sets a reminder') },
  { verb: 'swap', reading: write(0.55, 'swaps') },
  { verb: 'paste', reading: write(0.5, 'pastes') },
  { verb: 'emit', reading: write(0.55, 'emits an event'), traits: SENDS },
  { verb: 'dial', reading: write(0.7, 'places a call'), traits: SENDS },
  { verb: 'extend', reading: write(0.55, 'extends') },
  // "step_over", "Single-step N instructions": the program under a debugger runs on.
  { verb: 'step', reading: exec(0.5, 'runs the program being debugged a step further'), noun: null },
  // Serving a site or files starts a server that answers others.
  // "This tool serves as a workspace": "serves as" says what the tool is, not what it does.
  { verb: 'serve', reading: write(0.5, 'serves a site or files: a server answers requests'), compounds: ['as'] },
  { verb: 'rearrange', reading: write(0.6, 'rearranges') },
  { verb: 'reorder', reading: write(0.6, 'reorders') },
  {
    verb: 'convert',
    reading: read(0.45, 'converts and returns the result'),
    objects: [['document', write(0.55, 'converts a stored file or document into a new one')], ['media', write(0.5, 'converts media into a new file')], ['case', write(0.55, 'turns an issue or ticket into another kind')]],
  },
  { verb: 'train', reading: write(0.55, 'trains') },
  { verb: 'index', reading: write(0.5, 'indexes'), noun: null },
  // Recording the screen or a simulator's video is a capture handed to the caller (rule book: a recording is a read).
  { verb: 'record', reading: write(0.5, 'records'), noun: null, copies: true, objects: [['observation', read(0.55, 'records what happens')], ['media', read(0.55, 'records a video or sound: a capture for the caller')]] },
  { verb: 'track', reading: write(0.45, 'tracks'), noun: null },
  { verb: 'increment', reading: write(0.6, 'increments') },
  { verb: 'decrement', reading: write(0.6, 'decrements') },
  { verb: 'replace', reading: write(0.7, 'replaces') },
  { verb: 'overwrite', reading: write(0.75, 'overwrites') },
  { verb: 'override', reading: write(0.65, 'overrides a value'), noun: null },
  { verb: 'mutate', keeps: true, reading: write(0.7, 'changes') },
  { verb: 'append', reading: write(0.7, 'appends') },
  { verb: 'prepend', reading: write(0.7, 'prepends') },
  { verb: 'dismiss', reading: write(0.6, 'dismisses') },
  { verb: 'invalidate', reading: write(0.55, 'invalidates') },
  // "Pre-warm cache with …": filling a cache ahead of use changes only the server's own copies.
  { verb: 'warm', reading: write(0.5, 'fills a cache ahead of use'), traits: ['ephemeral'] },
  { verb: 'prewarm', reading: write(0.5, 'fills a cache ahead of use'), traits: ['ephemeral'] },
  { verb: 'resolve', reading: read(0.45, 'resolves a name to what it means'), objects: [['case', write(0.55, 'resolves an incident, issue or alert')]] },
  { verb: 'acknowledge', reading: write(0.55, 'acknowledges') },
  { verb: 'ack', reading: write(0.55, 'acknowledges') },
  { verb: 'snooze', reading: write(0.55, 'snoozes') },
  { verb: 'skip', reading: write(0.5, 'skips'), noun: null },
  { verb: 'escalate', reading: write(0.6, 'escalates') },
  { verb: 'reopen', reading: write(0.6, 'reopens') },
  { verb: 'rotate', reading: write(0.65, 'rotates') },
  { verb: 'renew', reading: write(0.6, 'renews') },
  { verb: 'isolate', reading: write(0.5, 'isolates') },
  { verb: 'quarantine', reading: write(0.6, 'quarantines') },
  { verb: 'archive', reading: write(0.6, 'archives (usually reversible)') },
  { verb: 'unarchive', reading: write(0.6, 'unarchives') },
  { verb: 'cancel', reading: write(0.6, 'cancels'), objects: [['agreement', del(0.6, 'cancels an agreement for good')]] },
  { verb: 'abort', reading: write(0.55, 'aborts') },
  { verb: 'kill', reading: write(0.6, 'kills a running process') },
  { verb: 'shutdown', reading: write(0.6, 'shuts down') },
  { verb: 'reboot', reading: write(0.6, 'reboots') },

  // Deletes.
  { verb: 'delete', reading: del(0.85), headOnly: ['link'], objects: [['pointer', write(0.7, 'deletes what points at or follows something: the thing itself stays')], ['link', write(0.7, 'deletes a link: what it points to stays')], ['passage', EDITS_TEXT]] },
  {
    verb: 'remove',
    reading: del(0.75),
    from: UNLINKS,
    objects: [['attachment', write(0.65, 'removes a tag, label, link or member: the things it joined stay')], ['cache', CLEARS_CACHE], ['passage', EDITS_TEXT]],
    objectTraits: [['access', ACCESS], ['person', ACCESS]],
  },
  { verb: 'rm', reading: del(0.75) },
  { verb: 'del', reading: del(0.7) },
  { verb: 'drop', reading: del(0.7), objects: [['control', write(0.6, 'drops an element on a page')]] },
  { verb: 'purge', reading: del(0.8, 'purges data'), objects: [['cache', CLEARS_CACHE]] },
  { verb: 'destroy', reading: del(0.85, 'destroys') },
  { verb: 'erase', reading: del(0.8, 'erases') },
  { verb: 'wipe', reading: del(0.8, 'wipes') },
  { verb: 'clear', reading: del(0.6, 'clears'), objects: [['cache', CLEARS_CACHE], ['state', RESETS_STATE]] },
  { verb: 'truncate', reading: del(0.75, 'truncates') },
  { verb: 'prune', reading: del(0.7, 'prunes') },
  // Revoking a token or key destroys it; revoking access or a grant unlinks its holder, who stays.
  { verb: 'revoke', reading: del(0.7, 'revokes'), objects: [['access', write(0.7, 'withdraws access: the holder and what it reached stay')]], traits: ACCESS },
  { verb: 'discard', reading: del(0.65, 'discards'), objects: [['cache', CLEARS_CACHE]] },
  { verb: 'trash', reading: del(0.7, 'moves to trash') },
  { verb: 'empty', reading: del(0.55, 'empties') },
  { verb: 'flush', reading: del(0.6, 'flushes'), objects: [['cache', CLEARS_CACHE]] },
  { verb: 'evict', reading: del(0.6, 'evicts'), objects: [['cache', CLEARS_CACHE]] },
  { verb: 'expunge', reading: del(0.8, 'expunges') },
  { verb: 'clean', reading: del(0.5, 'cleans up'), objects: [['cache', CLEARS_CACHE]] },
  { verb: 'cleanup', reading: del(0.5, 'cleans up'), objects: [['cache', CLEARS_CACHE]] },
  // Terminating a running app ends a process: the app itself stays installed.
  { verb: 'terminate', reading: del(0.6, 'terminates'), objects: [['session', ENDS_SESSION], ['ui', write(0.6, 'stops a running app: the app itself stays')]] },
  { verb: 'uninstall', reading: del(0.55, 'uninstalls') },
  { verb: 'deprovision', reading: del(0.6, 'deprovisions') },
  { verb: 'unregister', reading: del(0.5, 'unregisters') },
  { verb: 'deregister', reading: del(0.5, 'deregisters') },

  // Execution.
  { verb: 'exec', reading: exec(0.8), objects: RUN_OBJECTS },
  { verb: 'execute', reading: exec(0.65), objects: RUN_OBJECTS },
  { verb: 'run', reading: exec(0.6), last: exec(0.4, 'a run, or runs something'), objects: RUN_OBJECTS },
  { verb: 'eval', reading: exec(0.85, 'evaluates code it is given') },
  { verb: 'invoke', reading: exec(0.7, 'invokes a function'), objects: RUN_OBJECTS },
  { verb: 'call', reading: exec(0.55, 'calls an API it is given'), noun: null },
  { verb: 'trigger', reading: write(0.5, 'triggers something'), noun: null, objects: RUN_OBJECTS },
  { verb: 'dispatch', reading: write(0.5, 'dispatches'), objects: RUN_OBJECTS },
  { verb: 'spawn', reading: exec(0.65, 'spawns a process') },
  { verb: 'shell', reading: exec(0.85, 'runs shell commands'), noun: exec(0.7, 'runs shell commands') },
];

/**
 * Every inflection of every verb, looked up in one step. Each entry is stored with every field
 * present, so all entries share one object shape and the signals' reads of them stay fast.
 */
const BY_WORD = new Map<string, VerbEntry>();
for (const e of ENTRIES) {
  const { verb, reading, noun, last, from, objects, headOnly, odd, umbrella, copies, ships, keeps, judges, preposition, compounds, traits, objectTraits } = e;
  BY_WORD.set(verb, { verb, reading, noun, last, from, objects, headOnly, odd, umbrella, copies, ships, keeps, judges, preposition, compounds, traits, objectTraits });
}

/** The entry for a word, trying its base forms ("retrieves" → retrieve). */
export const verbOf = wordFact(lookupVerbOf);
export const lookupVerb = (word: string) => verbOf(wordOf(word));

/** Nouns of their own that look like a verb's form: "news" is no "new". */
const NOT_VERB_FORMS = new Set(['news']);

function lookupVerbOf(word: string): VerbEntry | undefined {
  if (NOT_VERB_FORMS.has(word)) return undefined;
  for (const form of baseForms(word)) {
    const hit = BY_WORD.get(form);
    if (hit) return hit;
  }
  // "reassign", "recreate", "reindex": doing it again means the same as doing it.
  if (word.length > 5 && word.startsWith('re')) {
    for (const form of baseForms(word.slice(2))) {
      const hit = BY_WORD.get(form);
      if (hit && hit.reading.effect !== 'read') return hit;
    }
  }
  // "unconfirm", "unskip", "unresolve": taking back a change is a change too.
  if (word.length > 5 && word.startsWith('un')) {
    for (const form of baseForms(word.slice(2))) {
      const hit = BY_WORD.get(form);
      if (hit && changes(hit)) return undoes(`un${hit.verb}`);
    }
  }
  return undefined;
}

/** A verb that writes, by default or with some object ("resolve an issue"). */
const changes = (e: VerbEntry) => e.reading.effect === 'write' || (e.objects ?? []).some(([, r]) => r.effect === 'write');

/** What an "un-" form of a write verb means, when the lexicon has no entry of its own. */
const undoes = (verb: string): VerbEntry => ({
  verb,
  reading: write(0.55, 'takes back a change'),
  noun: undefined, last: undefined, from: undefined, objects: undefined, odd: undefined, umbrella: undefined,
  copies: undefined, ships: undefined, keeps: undefined, judges: undefined, preposition: undefined, compounds: undefined, traits: undefined, objectTraits: undefined,
});

const DRIVEN_AGENTS = new Set(['browser', 'browsers']);

/**
 * Read verbs used as agent nouns at the end of a name ("explorer", "crawler", "analyzer",
 * "validator"): such a tool usually only reads.
 */
export const agentNounOf = wordFact(lookupAgentNounOf);
export const lookupAgentNoun = (word: string) => agentNounOf(wordOf(word));

function lookupAgentNounOf(word: string): VerbEntry | undefined {
  // A browser is a program one drives (navigates, clicks, runs scripts in), not a reader.
  if (DRIVEN_AGENTS.has(word)) return undefined;
  const stems: string[] = [];
  if (word.endsWith('ator')) stems.push(`${word.slice(0, -3)}e`);
  if (word.endsWith('er') || word.endsWith('or')) stems.push(word.slice(0, -1), word.slice(0, -2));
  for (const s of stems) {
    const hit = BY_WORD.get(s);
    if (hit && hit.reading.effect === 'read') return hit;
  }
  return undefined;
}

export type Resolved = { entry: VerbEntry; reading: Reading; via: ObjectClass | null; traits: Trait[] };

/**
 * What a verb means with this object. English compounds put the deciding noun last ("Next JS
 * audit" is an audit), so the head noun is tried first, then any word of the phrase and the
 * words around the verb. Qualifiers such as "select" or "read-only" count wherever they stand.
 * `hint.sqlHint` says SQL was seen elsewhere (description, parameters), so a plain "query" is SQL;
 * it is read only when the objects hold a plain query, since working it out costs a look at every
 * parameter's description.
 */
export function resolveVerb(entry: VerbEntry, phrase: readonly Word[], hint: SqlHint, context: readonly Word[] = [], source: readonly Word[] | null = null): Resolved {
  return resolveWith(entry, objectsOf(phrase, hint, context, source));
}

/**
 * The object classes around a verb: those of the phrase's head noun, those of any word, and those
 * of what the object is taken out of ("from a task"), null when nothing is.
 */
export type Objects = { head: ClassMask; any: ClassMask; source: ClassMask | null };

/** Reads the objects once, for verbs that share them ("Read/create/update X"). */
export type SqlHint = { readonly sqlHint: boolean };

export function objectsOf(phrase: readonly Word[], hint: SqlHint, context: readonly Word[] = [], source: readonly Word[] | null = null): Objects {
  let any = objectClassMask(phrase, context);
  let head = phrase.length ? classMaskOf(phrase[phrase.length - 1]!) : 0n;
  if ((head | any) & CLASS_BIT.query && !(any & CLASS_BIT.readonly) && hint.sqlHint) {
    if (head & CLASS_BIT.query) head |= CLASS_BIT.sql;
    if (any & CLASS_BIT.query) any |= CLASS_BIT.sql;
  }
  return { head, any, source: source && source.length ? objectClassMask(source) : null };
}

/** What a verb means with objects already read (see resolveVerb). */
export function resolveWith(entry: VerbEntry, { head, any, source }: Objects): Resolved {
  let reading = entry.reading;
  let via: ObjectClass | null = null;
  if (entry.objects) {
    // The head noun decides first, then any word; "read-only" counts wherever it stands.
    const hit = ruleFor(entry.objects, head, any) ?? ruleFor(entry.objects, entry.headOnly ? withoutClasses(any, entry.headOnly) : any, any);
    if (hit) {
      via = hit[0];
      reading = hit[1];
    }
  }
  if (entry.from && via === null && source !== null && !(source & CLASS_BIT.store)) reading = entry.from;
  const traits: Trait[] = entry.traits ? entry.traits.slice() : [];
  if (entry.objectTraits) for (const [cls, ts] of entry.objectTraits) if (any & CLASS_BIT[cls]) traits.push(...ts);
  if (via === 'code' || via === 'iac' || (via === 'sql' && reading.effect === 'execute')) traits.push('arbitrary-code');
  return { entry, reading, via, traits };
}

function withoutClasses(mask: ClassMask, classes: readonly ObjectClass[]): ClassMask {
  let out = mask;
  for (const c of classes) out &= ~CLASS_BIT[c];
  return out;
}

/** The first object rule whose class is in `set` ("readonly" is looked for in `any`). */
function ruleFor(rules: NonNullable<VerbEntry['objects']>, set: ClassMask, any: ClassMask): (typeof rules)[number] | undefined {
  for (const rule of rules) if (((rule[0] === 'readonly' ? any : set) & CLASS_BIT[rule[0]]) !== 0n) return rule;
  return undefined;
}

/** How much a change matters, for choosing among verbs joined by "and"/"or": the weightiest wins. */
export const EFFECT_RANK: Record<Effect, number> = { read: 0, write: 1, delete: 2, execute: 3 };
