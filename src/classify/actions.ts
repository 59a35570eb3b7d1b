/**
 * Multi-action ("router") tools: one parameter — `action`, `operation`, `method`, `command`,
 * `mode`, `subcommand` or an `…_type` of these — picks one of several operations. Each action is
 * read as a tool of its own: the action word with the tool's object words, through the verb
 * lexicon, so "delete" on `manage_jira_issue` deletes an issue and "run_pipeline" runs one. A call
 * can do what the most severe action does (docs/labelling.md): delete > execute > write > read,
 * and execution of arbitrary input above all.
 *
 * The actions come from the parameter's `enum` (or `oneOf`/`anyOf` constants), else from values
 * its description lists ("'add' to create…, 'remove' to delete…"). A sub-command router whose
 * commands are not listed ("The command to execute against the specified tool", with the
 * operations described in the tool's text) is read from the verbs of that text: those actions
 * name kinds of operation, not values a policy can match, so they are marked as not exact.
 *
 * Not every enum on such a parameter picks an operation: kinds of change on a tool that reads a
 * record of past events filter that record. An action the lexicon does not know is read from the
 * gloss the text gives it, and an action does what the flags and lists of operations it takes
 * let it do (`explain` with a flag that runs the query, `alter_table` with a `drop` operation).
 */
import type { Effect } from '../taxonomy.ts';
import { CLASS_BIT, objectClassMask, STOP_WORDS } from './lexicon/objects.ts';
import { lookupVerb, resolveVerb, verbOf, type VerbEntry } from './lexicon/verbs.ts';
import type { Param, PreparedTool } from './prepare.ts';
import { SELECT_ONLY_RE } from './signals/parameters.ts';
import { itemProperties, schemaProperties } from './refs.ts';
import { nameParts, singular, wordOf, words, type Word } from './text.ts';
import type { Finding, Trait } from './types.ts';

/** One action of a router, judged as a tool of its own. */
export type ActionItem = { value: string; effect: Effect; weight: number; traits: Trait[]; known: boolean };

export type ActionReading = {
  /** The parameter that picks the action; null when the parameters given pick it ("Mode 2 - Remove Entry"). */
  param: string | null;
  /** True when the values are the parameter's own (enum or listed); false when read from text. */
  exact: boolean;
  items: ActionItem[];
  /** Other parameters that only take values from a list the schema gives: none of them is code to run. */
  closed?: readonly string[];
  /** True when the actions are the server's own tools that the steps of a batch call. */
  steps?: boolean;
};

/** Words a router parameter's name is made of: at least one of the first, the rest qualifiers. */
const ROUTER_WORDS = new Set(['action', 'operation', 'op', 'method', 'command', 'cmd', 'mode', 'subcommand']);
const ROUTER_QUALIFIERS = new Set(['type', 'kind', 'sub', 'to', 'perform']);
/** Router parameters whose free text may still be a shell command line when nothing says otherwise. */
const COMMAND_WORDS = new Set(['command', 'cmd', 'subcommand']);
/**
 * A parameter whose description opens by saying it filters what is read, or qualifies another
 * ("Filter by operation name", "Specific operation when information_type is …"), picks no action.
 */
const QUALIFIES_RE = /^(?:filter|only|if|when)\b|\bwhen [\w.-]+ (?:is|are)\b|\bwith the (?:specified|given)\b/;
/** A tool's text says its `command` names one of its own sub-commands. */
const SUBCOMMAND_RE = /\bsub[- ]?commands?\b|\bcommand router\b/;
/**
 * A tool's text says its commands are operations on its own object ("Interact with a
 * specification through commands for viewing, editing, and managing workflow"), with nothing
 * about a shell or a program to run.
 */
const COMMANDS_FOR_RE = /\bcommands? for [a-z]+ing\b/;
const SHELL_RE = /\b(?:shell|terminal|bash|zsh|powershell|cli|console|script|process|system|os|cmd|executable|program)s?\b/;
const namesOperations = (t: PreparedTool) => COMMANDS_FOR_RE.test(t.lower) && !SHELL_RE.test(t.lower);
/** HTTP methods are a request's verb, not one of the tool's actions (WebDAV's COPY, LOCK … too). */
const HTTP_METHOD_RE = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)$/i;
const isHttpMethods = (values: readonly string[]) =>
  // One lower-case "delete" is an operation, a list of "get", "post" … are methods.
  (values.length === 1 ? /^[A-Z]+$/.test(values[0]!) && HTTP_METHOD_RE.test(values[0]!) : values.every((v) => HTTP_METHOD_RE.test(v))) || (values.every((v) => /^[A-Z]+$/.test(v)) && values.some((v) => HTTP_METHOD_RE.test(v)));
/** Most values read per router, and most actions taken from a text. */
const MAX_VALUES = 64;
const MAX_TEXT_ACTIONS = 12;
const VALUE_RE = /^[A-Za-z][A-Za-z0-9_.:-]{0,47}$/;
/** Weight of the router's finding: exact values are the tool's own word on what it can do. */
const EXACT_WEIGHT = 0.85;
const TEXT_WEIGHT = 0.6;
/** Verbs too common in passing to name one of a router's operations. */
const TEXT_SKIP = new Set(['is', 'has', 'exists', 'access', 'provide', 'help', 'load', 'follow', 'format', 'print', 'echo', 'match', 'return', 'wait', 'watch', 'ask', 'call', 'use', 'set', 'route', 'invoke', 'execute', 'run', 'pass', 'wrap', 'require', 'include', 'support', 'work', 'need']);

/** How severe an action is: arbitrary execution above all, then delete, execute, write, read. */
export function severity(item: Pick<ActionItem, 'effect' | 'traits'>): number {
  if (item.effect === 'execute') return item.traits.includes('arbitrary-code') ? 4 : 2;
  return item.effect === 'delete' ? 3 : item.effect === 'write' ? 1 : 0;
}

/**
 * A router's name: router words and qualifiers ("action_type"), or a router word that a verb
 * before it narrows ("updateMode" picks how the update is done, and one way may clear everything;
 * "probeAction" picks what a probe does, which the tool's own verb already says).
 */
function isRouterName(p: Param): boolean {
  if (p.words.length === 0 || p.words.length > 3) return false;
  // "subCommand", "subAction": a qualifier before the router word still names the router.
  if (p.words.length === 2 && ROUTER_WORDS.has(p.words[1]!) && !ROUTER_WORDS.has(p.words[0]!)) return ROUTER_QUALIFIERS.has(p.words[0]!) || verbOf(p.tokenWords[0]!) !== undefined;
  return p.words.some((w) => ROUTER_WORDS.has(w)) && p.words.every((w) => ROUTER_WORDS.has(w) || ROUTER_QUALIFIERS.has(w));
}


/**
 * "switch_mode" with `mode`: architect, ask, debug …: the mode is what the call's own verb acts on,
 * a setting it changes, not an operation it picks. (A verb before the object is required: a plain
 * `mode` on "query_docs" still picks how the query is done.)
 */
function setsMode(t: PreparedTool, p: Param): boolean {
  if (p.words.length !== 1 || p.words[0] !== 'mode') return false;
  const named = t.tokens.slice(t.start);
  return named.length >= 2 && verbOf(t.tokenWords[t.start]!) !== undefined && named.slice(1).some((w) => w === 'mode' || w === 'modes');
}

/** The tool's router parameter and its actions, or null when the tool picks no action by parameter. */
export function readActions(t: PreparedTool): ActionReading | null {
  const candidates = t.params.filter(isRouterName);
  if (candidates.length === 0) return batchActions(t) ?? modeActions(t);
  const specs = new Map(schemaProperties(t.raw.inputSchema, 64));
  const objects = objectWords(t);
  for (const p of candidates) {
    if (QUALIFIES_RE.test(p.about.split(/[.:;\n]/, 1)[0]!.trim())) continue;
    if (setsMode(t, p)) continue;
    const spec = specs.get(p.name);
    const values = declaredValues(spec) ?? listedValues(descriptionOf(spec));
    if (!values || filtersEvents(p, values, t)) continue;
    const judged = toggled(values.map((v) => judge(v, objects, t)));
    const known = judged.filter((i) => i.known).length;
    // An operation the schema allows alone is the only thing the tool does ("operation": ["delete"]).
    const only = judged.length === 1 && known === 1;
    // Most values must be verbs: "driving, walking" or "summary, full" pick a style, not an operation.
    // A tool with no description has only its values to say what it does: two verbs among them do.
    const few = known * 2 < judged.length && t.description.trim() !== '';
    if (!only && (known < 2 || few)) continue;
    const glosses = `${descriptionOf(spec)}\n${t.description}`.toLowerCase();
    const arithmetic = values.some((v) => ARITHMETIC.has(v.toLowerCase()));
    const each = (i: ActionItem) => staged(sums(unlinkGlossed(readOnlyQuery(glossed(i, glosses, objects, t), glosses), glosses), arithmetic), t);
    const items = withNestedOps(withRunFlags(judged.map(each), t), specs, objects, t);
    return { param: p.name, exact: true, items, closed: [...closedParams(t, specs), ...keptInputs(t, items, p.name)] };
  }
  const command = candidates.find((p) => p.words.some((w) => COMMAND_WORDS.has(w)));
  if (command && (SUBCOMMAND_RE.test(t.lower) || SUBCOMMAND_RE.test(command.about) || namesOperations(t))) {
    return { param: command.name, exact: false, items: textActions(t, objects) };
  }
  return modeActions(t);
}

/** A value's first word, lower-cased: "bindDomain" → "bind", "unbind_domain" → "unbind". */
const headWord = (value: string) => nameParts(value).tokens[0] ?? '';

/**
 * Actions the lexicon does not know that come in pairs, one undoing the other ("bindDomain" and
 * "unbindDomain", "hide" and "unhide", "pin" and "unpin"): they switch something on and off, so
 * each changes state (a write), whatever the word.
 */
function toggled(items: ActionItem[]): ActionItem[] {
  const heads = new Set(items.map((i) => headWord(i.value)));
  return items.map((i) => {
    if (i.known) return i;
    const head = headWord(i.value);
    const twin = head.startsWith('un') ? head.slice(2) : `un${head}`;
    return head.length > 2 && heads.has(twin) ? { ...i, effect: 'write', weight: 0.5, traits: [], known: true } : i;
  });
}

/**
 * An action word the lexicon does not know, read from what the text says it does: "remember
 * (quick save)", "alter_table (modify table)", "compress: shrink the chat".
 */
function glossed(item: ActionItem, text: string, toolObjects: readonly Word[], t: PreparedTool): ActionItem {
  if (item.known) return item;
  const at = text.indexOf(item.value.toLowerCase());
  if (at < 0) return item;
  const gloss = /^[\w.:-]*\s*(?:\(([^)]{1,60})\)|[:=-]\s*([^;,.\n()]{1,60}))/.exec(text.slice(at))?.slice(1).find(Boolean);
  if (!gloss) return item;
  const ws = words(gloss, 12);
  const i = ws.findIndex((w) => verbOf(wordOf(w)) !== undefined);
  const entry = i >= 0 ? verbOf(wordOf(ws[i]!)) : undefined;
  // The gloss opens with its verb in the base form, after one word at most ("quick save"):
  // "changes since timestamp" names changes, "new table" does nothing.
  if (!entry || i > 1 || entry.verb !== ws[i]) return item;
  const r = reading(item.value, entry, ws.slice(i + 1).map(wordOf), toolObjects, t);
  // A few words of text say less than a value the lexicon knows.
  return { ...r, weight: Math.min(r.weight, 0.6) };
}

/** The text a value is glossed with ("runQuery=执行只读 SQL；…", "query: read-only SQL"), to the end of its clause. */
const GLOSS_RE = /^[\w.:-]*\s*(?:\(([^)]{1,80})\)|[:=-]\s*([^;,.\n()；，。]{1,80}))/;

/**
 * An action that runs the query it is given, glossed as read-only ("runQuery=执行只读 SQL": runs
 * read-only SQL): a query restricted to reads is a read (docs/labelling.md, "queries").
 */
function readOnlyQuery(item: ActionItem, text: string): ActionItem {
  if (item.effect !== 'execute') return item;
  const at = text.indexOf(item.value.toLowerCase());
  const gloss = at < 0 ? undefined : GLOSS_RE.exec(text.slice(at))?.slice(1).find(Boolean);
  if (!gloss || !SELECT_ONLY_RE.test(gloss)) return item;
  return reread(item, 'read', ['arbitrary-code']);
}

/**
 * An action read again as `effect` from what the text says of it: a few words weigh at most 0.6,
 * and the traits of the first reading that no longer hold go (all of them when none is named).
 */
function reread(item: ActionItem, effect: Effect, dropped?: readonly Trait[]): ActionItem {
  return { ...item, effect, weight: Math.min(item.weight, 0.6), traits: dropped ? item.traits.filter((tr) => !dropped.includes(tr)) : [] };
}

/** Verbs a gloss gives a remove that takes a thing off a list or a registry, leaving it whole. */
const UNLINK_GLOSS_RE = /^['"`]?\s*(?:\(|[:=-]|to\b)\s*(?:unregister|unlink|detach|unassign|unsubscribe|unfollow|unwatch|untag|dissociate|disassociate|disconnect)\b/;

/**
 * A delete action its gloss calls an unlinking ("'remove' to unregister"): the registered script
 * stays where it is, so the action is a write (docs/labelling.md, "unlinking is a write").
 */
function unlinkGlossed(item: ActionItem, text: string): ActionItem {
  if (item.effect !== 'delete') return item;
  const value = item.value.toLowerCase();
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    if (UNLINK_GLOSS_RE.test(text.slice(at + value.length, at + value.length + 40))) {
      return reread(item, 'write', ['irreversible']);
    }
  }
  return item;
}

/** Operations of arithmetic: beside them, "add" adds numbers (days to a date), it creates nothing. */
const ARITHMETIC = new Set(['sub', 'subtract', 'minus', 'multiply', 'mul', 'divide', 'div']);
const ADDS = new Set(['add', 'plus', 'sum']);

function sums(item: ActionItem, arithmetic: boolean): ActionItem {
  return arithmetic && ADDS.has(item.value.toLowerCase()) ? reread(item, 'read') : item;
}

/** A tool that only stages a change to be applied by a later call ("Stage a schema change to be applied later"). */
const STAGES_RE = /^(?:stages?|queues?|proposes?|drafts?) (?:an? |the )?(?:[a-z]+ )?(?:changes?|edits?|migrations?|operations?)\b[^.]{0,40}\b(?:applied|run|executed|committed) later\b/;

/**
 * An action of such a tool records what is to be done: dropping a table there is a pending
 * change, a write; the call that applies it is the one that deletes.
 */
function staged(item: ActionItem, t: PreparedTool): ActionItem {
  if ((item.effect !== 'delete' && item.effect !== 'execute') || !STAGES_RE.test(t.lower)) return item;
  return reread(item, 'write', ['irreversible', 'arbitrary-code']);
}

/** Keys of a list item that pick what the item does; "type" only in a list named for operations. */
const ITEM_ROUTER_KEYS = new Set(['action', 'operation', 'op']);
const ITEM_KIND_KEYS = new Set(['type', 'kind']);
/** JSON Patch operations change fields of one document: the document is written, whatever they are. */
const PATCH_OPS = new Set(['add', 'replace', 'remove', 'copy', 'move', 'test']);
/** What a stored rule does to traffic ("Action": ACCEPT | DROP): data the call keeps, not what it does. */
const VERDICTS = new Set(['accept', 'allow', 'deny', 'drop', 'reject', 'block', 'permit', 'pass', 'log']);

/**
 * A list of operations each picking its own ("operations": [{ "operation": "copy" | "delete" }])
 * with no router above it: one call may do any of them, so the items' values are the tool's actions.
 * A JSON Patch list (add, replace, remove …) only says how a change is written, and a list of
 * firewall rules (ACCEPT, DROP) what each rule it stores will do: the tool's verb decides.
 */
function batchActions(t: PreparedTool): ActionReading | null {
  const specs = new Map(schemaProperties(t.raw.inputSchema, 64));
  const objects = objectWords(t);
  for (const p of t.params) {
    const props = itemProperties(specs.get(p.name));
    if (!props) continue;
    const key = Object.keys(props).find((k) => ITEM_ROUTER_KEYS.has(k.toLowerCase()));
    const values = key ? declaredValues(props[key]) : null;
    if (!values || values.every((v) => PATCH_OPS.has(v.toLowerCase())) || values.every((v) => VERDICTS.has(v.toLowerCase()))) continue;
    const judged = values.map((v) => judge(v, objects, t));
    const known = judged.filter((i) => i.known).length;
    if (known < 2 || known * 2 < judged.length) continue;
    return { param: p.name, exact: true, items: judged, closed: closedParams(t, specs) };
  }
  return null;
}

/**
 * A list of operations carried out by one action ("operations": [{type: add | alter | drop}],
 * "Alter operations (required for alter_table)"): that action does what its worst operation does.
 * The list must say which action it is for, so the policy fences the right value.
 */
function withNestedOps(items: ActionItem[], specs: ReadonlyMap<string, unknown>, toolObjects: readonly Word[], t: PreparedTool): ActionItem[] {
  let out = items;
  for (const p of t.params) {
    const props = itemProperties(specs.get(p.name));
    if (!props) continue;
    const listOfOps = p.words.some((w) => w === 'operation' || w === 'operations' || w === 'ops');
    const key = Object.keys(props).find((k) => ITEM_ROUTER_KEYS.has(k.toLowerCase()) || (listOfOps && ITEM_KIND_KEYS.has(k.toLowerCase())));
    const values = key ? declaredValues(props[key]) : null;
    if (!values || values.every((v) => PATCH_OPS.has(v.toLowerCase()))) continue;
    const ops = values.map((v) => judge(v, toolObjects, t)).filter((i) => i.known);
    if (ops.length === 0) continue;
    const worst = mostSevere(ops)[0]!;
    const about = new Set(p.about.split(/[^a-z0-9_.:-]+/));
    const raised = (i: ActionItem): ActionItem => ({ ...i, effect: worst.effect, weight: worst.weight, traits: [...new Set([...i.traits, ...worst.traits])] });
    out = out.map((i) => (about.has(i.value.toLowerCase()) && severity(worst) > severity(i) ? raised(i) : i));
  }
  return out;
}

/** A flag whose description says it makes the call run what it is given ("Use EXPLAIN ANALYZE - actually executes the query"). */
const RUNS_GIVEN_RE = /\b(?:actually |really )?(?:executes|runs) the (?:query|statement|sql|code|command|script)\b/;
/** Verbs that look at what a query would do, and run it when told to measure it. */
const DRY_VERBS = new Set(['explain', 'analyze', 'analyse', 'profile']);

/**
 * An action that only looks at the query it is given (`explain`) runs it when a flag says so
 * (`analyze`): that action executes its input. The flag names the actions it is for, or the
 * action's verb is one that looks at a query.
 */
function withRunFlags(items: ActionItem[], t: PreparedTool): ActionItem[] {
  const flags = t.params.filter((p) => p.type === 'boolean' && RUNS_GIVEN_RE.test(p.about));
  if (flags.length === 0) return items;
  return items.map((i) => {
    const named = flags.some((f) => f.about.split(/[^a-z0-9_.:-]+/).includes(i.value.toLowerCase()));
    const looks = DRY_VERBS.has(verbOf(nameParts(i.value).words[0]!)?.verb ?? '');
    if (i.effect !== 'read' || !(named || looks)) return i;
    return { ...i, effect: 'execute', weight: Math.max(i.weight, 0.7), traits: [...i.traits, 'arbitrary-code'] };
  });
}

/** Kinds of change a record of past events sorts by; "custom" and "other" are kinds too. */
const CHANGE_KINDS = new Set(['create', 'insert', 'update', 'upsert', 'modify', 'edit', 'delete', 'remove', 'rename', 'move', 'restore', 'custom', 'other', 'all', 'any']);
/** Words for a record of what happened: an audit, a timeline, a history, tracked activity. */
const PAST_RE = /\b(?:timelines?|history|histories|audit|activity|activities|changelog|mutations?|tracked|recorded|past events?)\b/;
/** The parameter says it sorts what is read by kind ("type of event", "kind of change"). */
const KIND_OF_RE = /\b(?:filter|type|kind)s?\b.{0,20}\b(?:events?|changes?|activit(?:y|ies)|entr(?:y|ies)|records?|logs?|mutations?)\b/;
const PARTICIPLE: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted', remove: 'removed', insert: 'inserted', upsert: 'upserted' };

/**
 * An enum of kinds of change on a tool that reads what happened ("Timeline for one entity type",
 * "see created/updated/deleted objects") filters past events by kind: `delete` there picks the
 * deletions to look at, it deletes nothing. Told by the parameter's own words, or by a tool about
 * a record of the past whose text speaks of the values as done, or names that record itself.
 */
function filtersEvents(p: Param, values: readonly string[], t: PreparedTool): boolean {
  if (!values.every((v) => CHANGE_KINDS.has(v.toLowerCase()))) return false;
  if (KIND_OF_RE.test(p.about)) return true;
  if (!PAST_RE.test(t.lower)) return false;
  const done = values.some((v) => {
    const participle = PARTICIPLE[v.toLowerCase()];
    return participle !== undefined && t.lower.includes(participle);
  });
  return done || PAST_RE.test(t.tokens.join(' '));
}

/** "Mode 1 - Add Entry", "Mode 2: Remove Entry": modes the description heads, picked by the parameters given. */
const MODE_HEADING_RE = /\bmode\s+\d+\s*[-–:]\s*([a-z]+(?: [a-z]+)?)/g;

function modeActions(t: PreparedTool): ActionReading | null {
  const headed = [...t.lower.matchAll(MODE_HEADING_RE)].map((m) => m[1]!.replace(/ /g, '_'));
  const values = cleanValues(headed);
  if (!values) return null;
  const items = values.map((v) => judge(v, objectWords(t), t));
  return items.filter((i) => i.known).length === items.length ? { param: null, exact: false, items } : null;
}

/** "(for add)", "for add/remove": the actions a parameter's description says it serves. */
const FOR_ACTIONS_RE = /\bfor ([a-z][\w-]*(?:\s*\/\s*[a-z][\w-]*)*)/g;

/**
 * Inputs that only actions which run nothing take ("command": "Command to alias (for add) or
 * search term (for suggest)"): a command there is text the action keeps or looks for, not code.
 */
function keptInputs(t: PreparedTool, items: readonly ActionItem[], router: string): string[] {
  const byValue = new Map(items.map((i) => [i.value.toLowerCase(), i]));
  return t.params
    .filter((p) => {
      if (p.name === router) return false;
      const served = [...p.about.matchAll(FOR_ACTIONS_RE)].flatMap((m) => m[1]!.split(/\s*\/\s*/)).map((v) => byValue.get(v));
      return served.length > 0 && served.every((i) => i !== undefined && i.effect !== 'execute');
    })
    .map((p) => p.name);
}

/** Parameters whose schema lists every value they take ("command": ALL, SELECT, INSERT … picks what a policy covers). */
function closedParams(t: PreparedTool, specs: ReadonlyMap<string, unknown>): string[] {
  return t.params
    .filter((p) => {
      const spec = specs.get(p.name) as { enum?: unknown } | undefined;
      return Array.isArray(spec?.enum) && spec.enum.length >= 2 && spec.enum.every((v) => typeof v === 'string');
    })
    .map((p) => p.name);
}

/** The values a schema declares: `enum`, or `oneOf`/`anyOf` branches of one constant each. */
function declaredValues(spec: unknown): string[] | null {
  if (!spec || typeof spec !== 'object') return null;
  const s = spec as { enum?: unknown; oneOf?: unknown; anyOf?: unknown; items?: unknown; type?: unknown };
  let raw: unknown[] | null = Array.isArray(s.enum) ? s.enum : null;
  if (!raw) {
    const branches = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : null;
    if (branches) raw = branches.map((b) => (b && typeof b === 'object' ? ((b as { const?: unknown; enum?: unknown[] }).const ?? (b as { enum?: unknown[] }).enum?.[0] ?? taggedValue(b)) : undefined));
  }
  if (!raw) return null;
  // A schema may allow one value only: the tool then does that one thing.
  return cleanValues(raw.filter((v): v is string => typeof v === 'string'), 1);
}

/** Keys that tag which branch of a union an object is ("type": "execute" | "introspect"). */
const TAG_KEYS = new Set(['type', 'kind', 'action', 'operation', 'op', 'command']);

/**
 * A union branch that is an object tagged by one constant ({type: {const: "execute"}, query: …}):
 * the tag names the action that branch does, as an enum value would.
 */
function taggedValue(branch: object): unknown {
  const props = (branch as { properties?: unknown }).properties;
  if (!props || typeof props !== 'object') return undefined;
  for (const [key, spec] of Object.entries(props)) {
    if (!TAG_KEYS.has(key.toLowerCase()) || !spec || typeof spec !== 'object') continue;
    const s = spec as { const?: unknown; enum?: unknown[] };
    const value = s.const ?? (Array.isArray(s.enum) && s.enum.length === 1 ? s.enum[0] : undefined);
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** A parameter's own description, in its own case (the values it lists are matched exactly). */
function descriptionOf(spec: unknown): string {
  const d = spec && typeof spec === 'object' ? (spec as { description?: unknown }).description : undefined;
  return typeof d === 'string' ? d.slice(0, 400) : '';
}

/** Values a description lists: quoted words ('add', "remove", `list`), else "(create, update, delete)". */
function listedValues(about: string): string[] | null {
  const quoted = [...about.matchAll(/['"`]([a-z][a-z0-9_.:-]{0,47})['"`]/gi)].map((m) => m[1]!);
  if (quoted.length >= 2) return cleanValues(quoted);
  const listed = /\(([a-z][a-z0-9_-]*(?:\s*[,|/]\s*[a-z][a-z0-9_-]*)+)(?:,?\s*etc\.?)?\)|\b(?:one of|options?|values?|actions?|operations?)\s*:\s*([a-z][a-z0-9_-]*(?:(?:,?\s+or\s+|\s*[,|/]\s*)[a-z][a-z0-9_-]*)+)/i.exec(about);
  const list = listed?.[1] ?? listed?.[2];
  // "Action: login, logout, status, or list": the last value may follow "or".
  return list ? cleanValues(list.split(/\s*[,|/]\s*(?:or\s+)?|\s+or\s+/)) : null;
}

function cleanValues(raw: readonly string[], least = 2): string[] | null {
  const values = [...new Set(raw.filter((v) => VALUE_RE.test(v)))].slice(0, MAX_VALUES);
  if (values.length < least || isHttpMethods(values)) return null;
  return values;
}

/**
 * The tool's own object words: its name after the server prefix, its opening verb and stop words
 * left out. Only one verb acts: the words after it are what it acts on, even those the lexicon
 * also knows as verbs ("pg_execute_query" works on queries, "manage_comments" on comments), and a
 * plural that is also a noun names things ("jira_links", "manage_tags").
 */
function objectWords(t: PreparedTool): Word[] {
  const out: Word[] = [];
  let acted = false;
  for (let i = t.start; i < t.tokens.length; i++) {
    const w = t.tokenWords[i]!;
    const token = t.tokens[i]!;
    if (STOP_WORDS.has(token)) continue;
    const entry = verbOf(w);
    if (entry && !acted && !isPluralNoun(token, entry)) acted = true;
    else out.push(w);
  }
  return out;
}

/** "links", "logs", "comments": a verb's plural form that the lexicon also knows as a noun. */
const isPluralNoun = (token: string, entry: VerbEntry) => token !== entry.verb && token.endsWith('s') && entry.noun !== undefined;

/**
 * One action word read as a tool name: its first word used as a verb, with its own and the tool's
 * objects. A plural that is also a noun ("logs", "events") names what to look at, and a past
 * participle ("completed_orders", "assigned") qualifies rather than acts.
 */
function judge(value: string, toolObjects: readonly Word[], t: PreparedTool): ActionItem {
  const { tokens, words: ws } = nameParts(value);
  for (let at = 0; at < ws.length; at++) {
    const entry = verbOf(ws[at]!);
    const token = tokens[at]!;
    if (!entry || (token.endsWith('ed') && token !== entry.verb)) continue;
    if (isPluralNoun(token, entry)) {
      if (!entry.noun) continue;
      return { value, effect: entry.noun.effect, weight: entry.noun.weight, traits: [], known: true };
    }
    // "remove_from_project": what follows "from" is where the thing is taken out of.
    const from = ws.findIndex((w, i) => i > at && w.text === 'from');
    if (from > 0) return reading(value, entry, ws.slice(at + 1, from), toolObjects, t, ws.slice(from + 1));
    return reading(value, entry, ws.slice(at + 1), toolObjects, t);
  }
  // No verb: the value names what to look at ("ticker", "status", "history").
  return { value, effect: 'read', weight: 0.3, traits: [], known: false };
}

/**
 * An action's verb with its objects: the words of the action itself name what it acts on
 * ("test_notification" on `monitors` tests a notification, it runs no monitor); an action of one
 * word takes the tool's objects as its own ("delete" on `manage_pages`).
 */
function reading(value: string, entry: VerbEntry, own: readonly Word[], toolObjects: readonly Word[], t: PreparedTool, source: readonly Word[] | null = null): ActionItem {
  const objects = [...own, ...toolObjects];
  const mine = resolveVerb(entry, own.length ? own : toolObjects, t, [], source);
  // A verb that runs what it names, with words the lexicon files under no class ("trigger_dispatch"),
  // runs what the tool is about: on workflows, triggering a dispatch runs a workflow.
  const runs = entry.objects?.some(([cls]) => cls === 'runnable') ?? false;
  const unclassed = own.length > 0 && objectClassMask(own) === 0n;
  const r = runs && mine.via === null && unclassed && toolObjects.length ? resolveVerb(entry, toolObjects, t, [], source) : mine;
  // Removing on a tool about what joins things (comments, members, watchers) takes it out: a write.
  const unlinks = entry.from !== undefined && r.reading.effect === 'delete' && (takesOut(objects, t) || unindexes(t));
  const { effect, weight } = unlinks ? entry.from! : r.reading;
  return { value, effect, weight, traits: r.traits, known: true };
}

/** A tool that submits addresses to a search engine's index ("Submit URL(s) for indexing"). */
const INDEXING_RE = /\bfor indexing\b|\bindexing api\b|\bindexnow\b/;

/** Removing an address from a search index: the page it points to stays where it is. */
function unindexes(t: PreparedTool): boolean {
  return INDEXING_RE.test(t.lower) && t.params.some((p) => p.words.some((w) => w === 'url' || w === 'urls'));
}

/**
 * What is attached to a thing rather than being one (docs/labelling.md, "unlinking is a write"):
 * a remove action on a tool about these takes them off, and the things they joined stay.
 */
const JOINED = new Set(['comment', 'annotation', 'member', 'participant', 'collaborator', 'subscriber', 'watcher', 'follower', 'label', 'tag', 'link', 'assignee', 'reviewer', 'relation', 'membership']);
/** What holds references to things that live elsewhere: taking one out of a list, a group or a sprint leaves it whole. */
const HOLDERS = new Set(['list', 'group', 'sprint', 'playlist', 'team']);

/**
 * A remove that takes something off or out rather than destroying it: what goes is a joining
 * thing (a comment, a member, a tag), or something else taken out of a holder the tool is about
 * ("remove_issues" on sprints, "remove_entry" on list entries). Removing the holder itself
 * ("remove" on `manage_lists`) still deletes it.
 */
function takesOut(objects: readonly Word[], t: PreparedTool): boolean {
  if (objects.some((w) => JOINED.has(singular(w.text)))) return true;
  const first = objects[0];
  if (!first || HOLDERS.has(singular(first.text))) return false;
  // The name's words, its opening verb aside ("list" opens `list_local_models`), stop words included.
  const named = t.tokens.slice(t.start).filter((_, i) => i > 0 || !verbOf(t.tokenWords[t.start]!));
  return objects.some((w) => HOLDERS.has(singular(w.text))) || named.some((w) => HOLDERS.has(singular(w)));
}

/**
 * The operations a router's text names: verbs ending in "-ing" ("Commands for creating, listing
 * and deleting …"), verbs that open a clause or follow "to" ("Manage and query …", "tools to read,
 * create, modify …") and the verbs listed after them, leaving out the sentences about the routing
 * itself and those that say what the tool is not for.
 */
function textActions(t: PreparedTool, toolObjects: readonly Word[]): ActionItem[] {
  const out = new Map<string, ActionItem>();
  const said = new Map<string, number>();
  // Sentences, also where one runs into the next without a space ("… SMSThis tool is …").
  const sentences = t.description.split(/[.!?](?=\s|[A-Z]|$)|\n+|(?<=\S)(?=This tool\b)/);
  for (const sentence of sentences) {
    const lower = sentence.toLowerCase();
    if (SUBCOMMAND_RE.test(lower) || /"parameters"|\bparameters? (?:object|field)|\blearn\b|\bnot\b|\bnever\b|\bdon'?t\b/.test(lower)) continue;
    for (const clause of lower.split(/\s[-–—:]\s/)) {
      const ws = words(clause, 80);
      let previous = -2;
      ws.forEach((w, i) => {
        const entry = verbOf(wordOf(w));
        if (!entry) return;
        // "The command to execute" is the routing itself; "executing SQL queries" names an operation.
        const own = RUNS.has(entry.verb) ? ranObjects(ws.slice(i + 1, i + 3).map(wordOf)) : [];
        if (TEXT_SKIP.has(entry.verb) && (objectClassMask(own) & RUN_OBJECTS) === 0n) return;
        const before = ws[i - 1];
        const listed = previous === i - 1 || (previous === i - 2 && (before === 'and' || before === 'or'));
        if (!(i === 0 || before === 'to' || listed || (w.endsWith('ing') && w.length > 5))) return;
        previous = i;
        said.set(entry.verb, (said.get(entry.verb) ?? 0) + 1);
        if (!out.has(entry.verb) && out.size < MAX_TEXT_ACTIONS) out.set(entry.verb, reading(entry.verb, entry, own, toolObjects, t));
      });
      // "Includes CRUD operations": create, read, update and delete, the last the most severe.
      if (CRUD_RE.test(clause)) for (const verb of ['create', 'update', 'delete']) if (!out.has(verb)) out.set(verb, reading(verb, lookupVerb(verb)!, [], toolObjects, t));
    }
  }
  // "Manage and query recommendations", "managing and querying clusters … listing, executing
  // queries": an umbrella verb says no more than the operations the text goes on to name, unless
  // it is named again among them ("… Includes listing apps and managing their configurations").
  const named = [...out.values()];
  const concrete = named.filter((i) => !lookupVerb(i.value)?.umbrella || (said.get(i.value) ?? 0) > 1);
  return concrete.length > 0 ? concrete : named;
}

/** Verbs that run things, skipped in router text unless what they run follows: code, SQL, a query, a test or job. */
const RUNS = new Set(['execute', 'run']);
const RUN_OBJECTS = CLASS_BIT.code | CLASS_BIT.sql | CLASS_BIT.query | CLASS_BIT.runnable;

/** What a run verb runs: the code or SQL among the words after it ("SQL queries" runs SQL), else all of them. */
function ranObjects(after: readonly Word[]): Word[] {
  const code = after.filter((w) => (objectClassMask([w]) & (CLASS_BIT.code | CLASS_BIT.sql)) !== 0n);
  return code.length > 0 ? code : [...after];
}

/** "CRUD operations", "full CRUD": the four operations on what the tool is about. */
const CRUD_RE = /\bcrud\b/;

/** The most severe actions, which decide the tool's effect. */
export function mostSevere(items: readonly ActionItem[]): ActionItem[] {
  let top = -1;
  for (const i of items) top = Math.max(top, severity(i));
  return items.filter((i) => severity(i) === top);
}

/** Signals that speak for the tool as a whole; a router's actions say more about what a call does. */
const WHOLE_TOOL_SIGNALS = new Set(['name-verb', 'description', 'parameters', 'sibling-tools']);
const EFFECTS: readonly string[] = ['read', 'write', 'delete', 'execute'];

/**
 * The findings once a router's actions are read: one finding for the most severe action, and the
 * whole-tool findings that point to another effect set aside ("manage" says write, "list" read:
 * neither says what the delete action does).
 */
export function withActions(findings: readonly Finding[], actions: ActionReading): Finding[] {
  const top = mostSevere(actions.items);
  // Code to run given in another parameter outranks every action.
  // A parameter that only takes listed values names something; it carries no code.
  const listed = (f: Finding) => (actions.closed ?? []).some((name) => f.detail.startsWith(`parameter "${name}"`));
  const code = findings.find((f) => f.signal === 'parameters' && f.says === 'execute' && f.traits?.includes('arbitrary-code') && !listed(f));
  const effect = code ? 'execute' : top[0]!.effect;
  const kept = findings.filter((f) => f === code || !(WHOLE_TOOL_SIGNALS.has(f.signal) && EFFECTS.includes(f.says) && f.says !== effect));
  const traits = code ? [...(code.traits ?? [])] : [...new Set(top.flatMap((i) => i.traits))];
  const detail = `${actionsDetail(actions)}${code ? `; besides, ${code.detail}` : ''}`;
  kept.push({ signal: 'actions', says: effect, weight: actions.exact ? EXACT_WEIGHT : TEXT_WEIGHT, detail, traits });
  return kept;
}

/** "actions of "operation": list, get → read; create, update → write; delete → delete". */
export function actionsDetail(actions: ActionReading): string {
  const groups = new Map<string, string[]>();
  for (const i of [...actions.items].sort((a, b) => severity(a) - severity(b))) {
    const key = i.effect === 'execute' && i.traits.includes('arbitrary-code') ? 'execute (arbitrary input)' : i.effect;
    const list = groups.get(key) ?? [];
    list.push(i.value);
    groups.set(key, list);
  }
  const parts = [...groups].map(([effect, values]) => `${values.slice(0, 6).join(', ')}${values.length > 6 ? ` and ${values.length - 6} more` : ''} → ${effect}`);
  const where = actions.steps
    ? `tools the steps of "${actions.param}" may call`
    : actions.exact
    ? `actions of "${actions.param}"`
    : actions.param === null
      ? 'modes the description heads, picked by the parameters given'
      : `operations the text names for "${actions.param}"`;
  return `${where}: ${parts.join('; ')}`;
}

const CLAUSE: Record<Effect, string> = {
  read: 'only reads',
  write: 'creates or changes state',
  delete: 'removes data',
  execute: 'runs what its input says',
};

/** "Does one of 12 actions on monitors, picked by "action" (list, get, search …): the most severe removes data." */
export function actionsSummary(t: PreparedTool, actions: ActionReading, effect: Effect): string {
  // The name after its opening verb ("manage_jira_issue" → jira issue; "monitors" stays whole).
  const words = t.tokens.slice(t.start);
  const from = words.length > 1 && verbOf(t.tokenWords[t.start]!) ? 1 : 0;
  const objects = words.slice(from).filter((w) => !STOP_WORDS.has(w));
  const on = objects.length ? ` on ${objects.slice(0, 6).join(' ').slice(0, 60)}` : '';
  const shown = actions.items.slice(0, 5).map((i) => i.value.slice(0, 40));
  const list = `${shown.join(', ')}${actions.items.length > shown.length ? ' …' : ''}`;
  const by = actions.param === null ? 'picked by the parameters given' : actions.steps ? `called by the steps of "${actions.param.slice(0, 40)}"` : actions.exact ? `picked by "${actions.param.slice(0, 40)}"` : 'as its description names them';
  return `Does one of ${actions.items.length} ${actions.steps ? 'tools' : actions.exact || actions.param === null ? 'actions' : 'operations'}${on}, ${by} (${list}): the most severe ${CLAUSE[effect]}.`;
}

/** A list item's key that names the tool a step calls ("tool", "toolName"), or "name" described as a tool's. */
const TOOL_KEY_RE = /^tool(?:_?name)?$/i;
/** The tool or a step says it runs the steps it is given ("Run multiple tools", "Which tool to call"). */
const CALLS_STEPS_RE = /\b(?:run|runs|execute|executes|call|calls|invoke|invokes|perform|performs)\b/;

/**
 * A batch tool: a list of steps, each naming one of the server's own tools and its arguments
 * ("steps": [{ "tool": "mobile_click_on_screen_at_coordinates", "arguments": … }]). One call can do
 * whatever those tools do, so each tool it may call is one of its actions (docs/labelling.md,
 * "routers": the most severe decides). A list of tools it only plans or stores, with no word of
 * running them ("without calling a provider"), is not one. Gives the list's name and the tools it
 * may call: those the key's enum allows, else every other tool of the server. A policy cannot
 * match a step inside the list, so these actions are not exact values to fence.
 */
export function batchOfSiblings(t: PreparedTool, siblings: readonly string[]): { param: string; tools: string[] } | null {
  const specs = new Map(schemaProperties(t.raw.inputSchema, 64));
  for (const p of t.params) {
    const props = itemProperties(specs.get(p.name));
    if (!props) continue;
    const key = Object.keys(props).find((k) => TOOL_KEY_RE.test(k) || (k === 'name' && /\btool\b/i.test(descriptionOf(props[k]))));
    if (!key) continue;
    const about = `${t.lower}\n${p.about}\n${descriptionOf(props[key])}`.toLowerCase();
    if (!CALLS_STEPS_RE.test(about)) continue;
    const others = siblings.filter((name) => name !== t.name);
    const allowed = declaredValues(props[key])?.filter((v) => others.includes(v));
    const tools = allowed?.length ? allowed : others;
    if (tools.length === 0) continue;
    return { param: p.name, tools };
  }
  return null;
}
