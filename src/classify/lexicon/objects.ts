/**
 * Object nouns that change what a verb means: "run query" reads, "run script" executes, "cancel
 * subscription" ends an agreement for good, "start trace" only observes. Each class is a list of
 * words; `objectClassMask` finds the classes among the words that follow (or surround) a verb.
 */
import { baseForms, wordFact, type Word } from '../text.ts';

export type ObjectClass =
  | 'code'
  | 'sql'
  | 'query'
  | 'readonly'
  | 'inspection'
  | 'runnable'
  | 'program'
  | 'execution'
  | 'observation'
  | 'agreement'
  | 'payment'
  | 'visual'
  | 'link'
  | 'iac'
  | 'access'
  | 'person'
  | 'media'
  | 'case'
  | 'remote'
  | 'document'
  | 'ui'
  | 'outbound'
  | 'attachment'
  | 'store'
  | 'cache'
  | 'control'
  | 'inference'
  | 'pointer'
  | 'passage'
  | 'archive'
  | 'note'
  | 'thinking'
  | 'file'
  | 'session'
  | 'feed'
  | 'saved'
  | 'state'
  | 'terminal'
  | 'hostname';

const CLASSES: Record<ObjectClass, readonly string[]> = {
  // Input that is a program: whatever it says is what the call does.
  code: ['code', 'script', 'javascript', 'js', 'python', 'py', 'shell', 'command', 'cmd', 'bash', 'sh', 'powershell', 'expression', 'program', 'repl', 'applescript', 'lua', 'ruby', 'cli', 'snippet'],
  sql: ['sql', 'cypher', 'sparql', 'hql', 'ddl', 'dml', 'statement', 'tsql', 'plsql', 'flux', 'cql', 'aql', 'n1ql', 'gremlin'],
  // Queries in languages that only read (and plain "query" until SQL is seen).
  query: ['query', 'promql', 'logql', 'traceql', 'jql', 'kql', 'lucene', 'search', 'lookup', 'filter'],
  readonly: ['select', 'readonly'],
  inspection: ['report', 'audit', 'analysis', 'sast', 'dast', 'sca', 'analytic', 'check', 'scan', 'lint', 'diagnostic', 'diagnosis', 'health', 'healthcheck', 'debugger', 'debug', 'benchmark', 'inspection', 'review', 'evaluation', 'validation', 'insight', 'preview', 'dry', 'explain', 'estimate', 'forecast', 'frequency', 'funnel', 'retention', 'segmentation', 'lighthouse', 'aggregation'],
  runnable: ['flow', 'workflow', 'job', 'pipeline', 'build', 'function', 'lambda', 'action', 'automation', 'monitor', 'playbook', 'recipe', 'workload', 'notebook', 'webhook', 'scenario', 'routine', 'procedure', 'cron', 'dag', 'test', 'suite', 'collection', 'task', 'container', 'backfill', 'batch', 'sequence', 'macro', 'hook', 'step', 'stage', 'worker', 'bot', 'playtest'],
  // What a game engine or IDE runs as a whole: running one runs its scripts (starting one may only
  // bring up services, so only "run" reads it), and stopping one ends the run, whatever it captured.
  program: ['project', 'scene', 'game', 'playtest'],
  execution: ['execution', 'run', 'invocation'],
  observation: ['trace', 'tracing', 'recording', 'profiling', 'profiler', 'screencast', 'timeline', 'capture'],
  agreement: ['subscription', 'invoice', 'membership', 'contract', 'booking', 'reservation', 'order', 'payment', 'plan'],
  payment: ['payment', 'charge', 'authorization', 'refund', 'fund', 'money', 'transfer', 'payout'],
  visual: ['screenshot', 'snapshot', 'image', 'picture', 'photo', 'screen', 'thumbnail', 'viewport'],
  link: ['link', 'url', 'deeplink', 'uri', 'permalink', 'qr', 'href'],
  // Infrastructure or schema changes written as code: applying them runs whatever they say.
  iac: ['terraform', 'tf', 'manifest', 'migration', 'changeset', 'pulumi', 'ansible', 'cloudformation', 'kustomization'],
  access: ['role', 'permission', 'access', 'privilege', 'scope', 'policy', 'acl', 'grant', 'membership', 'admin', 'owner'],
  // Generated media: producing it makes a file or spends a paid job.
  media: ['model', 'asset', 'audio', 'sound', 'speech', 'voice', 'video', 'image', 'music', 'song', 'podcast', 'avatar', 'mesh'],
  // Things one resolves by closing them, not by looking them up.
  case: ['incident', 'issue', 'alert', 'ticket', 'thread', 'conversation', 'comment', 'conflict', 'case', 'problem', 'dispute', 'finding', 'detection', 'vulnerability', 'bug', 'feedback', 'scorecard'],
  remote: ['remote', 'upstream', 'origin', 'ref', 'refs'],
  document: ['range', 'cell', 'sheet', 'worksheet', 'workbook', 'document', 'file', 'paragraph', 'slide', 'disk', 'drive', 'partition', 'volume', 'spreadsheet'],
  ui: ['tab', 'page', 'window', 'viewer', 'browser', 'url', 'site', 'website', 'webpage', 'app', 'dialog', 'modal', 'popup', 'dashboard', 'editor', 'simulator', 'emulator', 'devtools'],
  // The controls of a page or app: selecting, ticking or dropping on one is a call on the page.
  control: ['element', 'option', 'dropdown', 'checkbox', 'radio', 'button', 'selector', 'combobox', 'listbox', 'slider'],
  // What a model hands back: asking for one returns output and stores nothing.
  inference: ['inference', 'completion', 'prediction', 'embedding'],
  // Things that reach a person the moment they are made: a call, a text, a one-time code.
  outbound: ['call', 'sms', 'mms', 'email', 'message', 'verification', 'otp', 'notification', 'invitation', 'fax', 'reminder'],
  // What links one thing to another: removing it leaves both things in place (a port exposed on a
  // host is a way in: closing it leaves the host).
  attachment: ['tag', 'label', 'link', 'assignee', 'reviewer', 'watcher', 'follower', 'friend', 'friendship', 'favorite', 'favourite', 'star', 'reaction', 'vote', 'relation', 'relationship', 'association', 'membership', 'member', 'moderator', 'collaborator', 'maintainer', 'port', 'dependency'],
  // Where records live: taking something out of one destroys it ("remove rows from a table").
  store: ['table', 'database', 'db', 'disk', 'drive', 'folder', 'directory', 'dir', 'bucket', 'storage', 'repository', 'repo', 'index', 'vault', 'collection', 'history', 'trash', 'bin', 'graph', 'dataset', 'datastore', 'store', 'server', 'system', 'machine', 'host', 'device', 'cluster', 'queue', 'registry'],
  // A copy kept for speed: clearing it loses nothing the source does not still hold.
  cache: ['cache', 'caches', 'cached'],
  // What only points at or follows something else: deleting one unlinks, the thing itself stays.
  pointer: ['alias', 'aliases', 'watch', 'watching', 'watcher', 'follower', 'friend', 'friendship', 'favorite', 'favourite', 'reaction', 'like', 'upvote', 'vote', 'star', 'shortcut', 'relation', 'relationship', 'association', 'dependency'],
  // Lines of a text: deleting some edits the text, which stays.
  passage: ['line'],
  // Packed files: extracting one writes its files out.
  archive: ['archive', 'zip', 'tar', 'tarball', 'tgz', 'rar'],
  // What one writes down to keep: capturing one records it.
  note: ['note', 'journal', 'memo', 'idea'],
  // Files themselves, not their parts: a generated file is kept where it is written.
  file: ['file'],
  // A line of reasoning handed to a thinking tool: working through it returns text.
  thinking: ['thought', 'thoughts', 'thinking', 'reasoning', 'reflection'],
  // A session or connection (a login opens one): ending one leaves what it worked on in place.
  session: ['session', 'connection', 'tunnel', 'login', 'auth', 'authentication', 'oauth'],
  // What one follows to watch it as it comes: following it only reads.
  feed: ['log', 'output', 'event', 'progress', 'stream'],
  // A saved question of a BI tool ("Execute a Metabase question/card"): running one reads what it
  // was saved to ask.
  saved: ['card', 'question'],
  // Passing state of a session or a page: a status shown to others, a selection, a filter.
  state: ['presence', 'status', 'selection', 'highlight', 'filter', 'goal', 'limit'],
  person: ['user', 'member', 'participant', 'collaborator', 'people', 'person', 'contact', 'customer', 'employee', 'guest', 'group'],
  // A terminal a shell reads from: what is written or sent to it runs as commands.
  terminal: ['pty', 'tty', 'terminal', 'stdin', 'tmux'],
  // A domain an account holds: the service verifies it and keeps the outcome.
  hostname: ['domain', 'subdomain', 'hostname'],
};

/**
 * A set of object classes as bits, one per class: every verb read builds one or two of these, so
 * they are bit sets rather than Sets. A bigint, so the classes are not capped at a 32-bit word.
 */
export type ClassMask = bigint;

/** Each class's bit in a ClassMask. */
export const CLASS_BIT = Object.fromEntries((Object.keys(CLASSES) as ObjectClass[]).map((c, i) => [c, 1n << BigInt(i)])) as Record<ObjectClass, ClassMask>;

const INDEX = new Map<string, ClassMask>();
for (const [cls, list] of Object.entries(CLASSES) as [ObjectClass, readonly string[]][]) {
  for (const w of list) INDEX.set(w, (INDEX.get(w) ?? 0n) | CLASS_BIT[cls]);
}

const NO_WORDS: readonly Word[] = [];

/**
 * The object classes named by any of the words (plural and inflected forms included), read as
 * one run of words followed by `more`.
 */
export function objectClassMask(ws: readonly Word[], more: readonly Word[] = NO_WORDS): ClassMask {
  let mask = 0n;
  const n = ws.length + more.length;
  for (let i = 0; i < n; i++) {
    const w = i < ws.length ? ws[i]! : more[i - ws.length]!;
    const next = (i + 1 < ws.length ? ws[i + 1] : more[i + 1 - ws.length])?.text;
    // "read-only" arrives as two words.
    if (w.text === 'read' && next === 'only') mask |= CLASS_BIT.readonly;
    // "code generation", "test generator": what is made is no object the verb acts on.
    if (next !== undefined && MAKING.has(next)) continue;
    mask |= classMaskOf(w);
  }
  return mask;
}

/** Nouns of making: the word before them names what is made, not what is run or read. */
const MAKING = new Set(['generation', 'generator', 'generators', 'authoring']);

/** The classes one word names, trying its base forms. */
export const classMaskOf = wordFact((w: string): ClassMask => {
  for (const form of baseForms(w)) {
    const hit = INDEX.get(form);
    if (hit !== undefined) return hit;
  }
  return 0n;
});

/** Words that end an object phrase in a sentence ("queries ON a cluster"). */
export const PREPOSITIONS = new Set([
  'on', 'in', 'for', 'with', 'from', 'against', 'using', 'via', 'to', 'into', 'as', 'by', 'at', 'within', 'across',
  'through', 'inside', 'over', 'under', 'without', 'if', 'when', 'that', 'which', 'and', 'or', 'based',
]);

/** Words that never carry meaning as objects ("for", "the", "by" …): skipped when reading objects. */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'for', 'to', 'in', 'on', 'by', 'with', 'from', 'into', 'at', 'as', 'and', 'or', 'all',
  'any', 'some', 'one', 'new', 'existing', 'specific', 'given', 'current', 'this', 'that', 'its', 'their', 'your',
  'my', 'our', 'id', 'ids', 'via', 'using', 'multiple', 'single', 'list', 'detail', 'details', 'info',
]);
