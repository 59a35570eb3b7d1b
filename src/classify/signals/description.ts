/**
 * Signal: what the description says the tool does. The opening verb of the first sentence weighs
 * most ("Returns…", "Creates…", "Read/create/update/delete…": the weightiest of joined verbs wins);
 * phrases anywhere add to it: "read-only" and "does not modify" say read, "permanently" and
 * "cannot be undone" say delete, "arbitrary code" says execute. Umbrella tools ("manage", "…_action")
 * whose description lists a delete action can delete.
 */
import { GATE_BIT, type Gate } from '../lexicon/gates.ts';
import { PREPOSITIONS, STOP_WORDS } from '../lexicon/objects.ts';
import { agentNounOf, EFFECT_RANK, lookupVerb, objectsOf, resolveWith, verbOf, type Resolved, type VerbEntry } from '../lexicon/verbs.ts';
import { CAPS, wordsAndMarks, type Param, type PreparedTool } from '../prepare.ts';
import { baseForms, firstSentence, quote, singular, wordFact, withArticle, wordOf, words, type Word } from '../text.ts';
import type { Finding } from '../types.ts';
import { isCompound, READ_NOUNS, type NameParse } from './name-verb.ts';

/** Words that may open a description before its verb ("Use this tool to …", "A tool that …"). */
const FILLER = new Set([
  'this', 'tool', 'tools', 'function', 'endpoint', 'method', 'api', 'will', 'can', 'could', 'may', 'might', 'be',
  'used', 'use', 'using', 'to', 'allows', 'allow', 'allowing', 'you', 'your', 'lets', 'let', 'helps', 'the', 'a',
  'an', 'it', 'that', 'which', 'is', 'are', 'for', 'please', 'mcp', 'also', 'just', 'here', 'we', 'i', 'deprecated',
  'beta', 'experimental', 'utility', 'helper', 'simple', 'quick', 'tries', 'try', 'attempts', 'attempt', 'batch', 'bulk', 'force',
]);
const JOINERS = new Set(['and', 'or', 'then', 'also', 'optionally', ',', '/', '&']);
const MARKS = new Set([',', '/', '&', ';', ':', '(']);
// What a word is to the reading of the opening, one bit per list, so each word is looked up once.
const FILLER_WORD = 1;
const JOINER = 2;
const MARK = 4;
const PREPOSITION = 8;
const STOP = 16;
const leadKinds = wordFact(
  (w: string): number =>
    (FILLER.has(w) ? FILLER_WORD : 0) |
    (JOINERS.has(w) ? JOINER : 0) |
    (MARKS.has(w) ? MARK : 0) |
    (PREPOSITIONS.has(w) ? PREPOSITION : 0) |
    (STOP_WORDS.has(w) ? STOP : 0),
);
/** A joined verb must be at least this strong to outrank the opening verb. */
const JOINED_MIN = 0.55;
/**
 * A verb read out of advice ("Use when the user wants to submit feedback") may be the user's act
 * rather than the call's: it weighs less than one the description opens with.
 */
const ADVICE_FACTOR = 0.8;
/** Description verbs weigh a little less than name verbs: descriptions wander more. */
const LEAD_FACTOR = 0.9;

const READ_ONLY_RE =
  /\bread[- ]?only\b|\bdoes(?: not|n't) (?:modify|change|alter|write|mutate)\b|\bwithout (?:modifying|changing|altering|making (?:any )?changes)\b|\bno side[- ]effects\b|\bsafe to (?:call|run|use)\b|\bnever (?:modifies|changes|writes)\b|\bnothing is (?:changed|modified|written)\b|\b(?:files|sends) nothing\b/;
const IRREVERSIBLE_RE =
  /\bpermanent(?:ly)?\b|\bcan ?not be (?:undone|recovered|reversed|restored)\b|\bcan't be (?:undone|recovered|reversed|restored)\b|\birreversibl[ey]\b|\birrevocabl[ey]\b|\bno way to (?:undo|recover)\b|\bwill be lost\b|(?<!non[- ])\bdestructive\b/;
/**
 * What a reset or a rollback loses, said outright ("any untracked data will be lost", "discards
 * chat history"): the rule book's delete, since what existed since the earlier state is destroyed.
 */
const LOSES_RE = /\b(?:is|are|will be|gets?) (?:lost|discarded|erased|wiped)\b|\bdiscard(?:s|ing)? (?:all |the |its |any |your )?(?:[\w-]+ ){0,2}?(?:history|data|changes|state|context|progress|messages)\b|\b(?:wipes?|erases?|clears?) (?:all |the |its |any |your )?(?:[\w-]+ ){0,2}?(?:history|data|changes|state|context|progress|messages)\b/;
/**
 * "Convert a PDF file to markdown": what comes out is text, handed back in the answer (rule book:
 * conversion that only returns a result is a read), whatever file went in.
 */
const TEXT_TARGET_RE = /\b(?:convert|converts|converting|transform|transforms|turn|turns)\b[^.;:]{0,60}?\b((?:in)?to (?:clean |plain |structured |readable )?(?:markdown|md|text|json|yaml|csv|html|xml))\b(?! files?\b)/;
/** Verbs that make something new, said by a description whose tool's name only "gets" it. */
const MINTING = new Set(['create', 'rotate']);
/** Credentials a "get" makes afresh ("a connection string with fresh credentials"). */
const FRESH_SECRET_RE = /\b(?:fresh|new|newly (?:created|generated)) (?:credentials?|api keys?|tokens?|passwords?|secrets?)\b/;
/** Verbs that put back an earlier state: what they lose is said in the description, if anywhere. */
const PUTS_BACK = new Set(['reset', 'revert', 'rollback', 'restore']);
const ARBITRARY_RE =
  /\barbitrary (?!read)(?:[a-z-]+ ){0,2}?(?:code|sql|commands?|scripts?|javascript|python|quer(?:y|ies)|shell|cypher|statements?|api calls?|expressions?)\b|\braw sql\b|\bshell commands?\b|\bany (?:sql|shell )?(?:commands?|scripts?)\b/;
/**
 * "Saves the report to a file", "written to your codebase": what the call makes is stored where a
 * later call sees it. ("Non-destructive" is no claim of reading: it says nothing is deleted.)
 */
const STORE_PLACE = String.raw`(?:an? |the |your |its |each )?(?:[\w.-]+ ){0,2}?(?:files?|disk|folders?|director(?:y|ies)|paths?|codebase|workspace|project|knowledge base|database|storage)\b|[<~.]?[\w.<>-]*/[\w./<>-]+`;
const STORES_RE = new RegExp(
  String.raw`\b(?:saves|writes|stores|persists)\b(?: (?!to\b|into\b|in\b)[\w.-]+){0,4}? (?:to|into|in) (?:${STORE_PLACE})|\b(?:saved|written|stored|persisted) (?:to|into) (?:${STORE_PLACE})`,
);
/**
 * "Automatically starts Ollama and pulls the model if needed": whatever the call asks, it may
 * start a service or fetch a model that stays there for later calls.
 */
const STARTS_RE = /\bauto[- ]?starts?\b|\bautomatically (?:starts?|pulls?)\b/;
/**
 * "Analyzes a table to update index statistics": whatever looks at the data, the statistics a
 * database keeps for its planner are rewritten.
 */
const STATISTICS_RE = /\b(?:to|and) (?:update|refresh|rebuild|recompute)s? (?:the |its |their )?(?:\w+ )?(?:statistics|stats)\b/;
/**
 * "Perform an HTTP POST request" to a URL the caller gives: a request that changes state, sent
 * wherever the input says, does what that endpoint does (a generic request tool).
 */
const REQUEST_RE = /\b(?:performs?|makes?|sends?|issues?|executes?) an? (?:http )?(?:post|put|patch) requests?\b/;
/**
 * "Send a prompt to Gemini CLI", "Sends an open-ended instruction to BearQ's QA lead agent": a
 * task handed to an agent that acts with tools of its own does what the agent decides, on the
 * input (rule book, "Agents"). A model that only answers is asked no task of this kind.
 */
const AGENT_TASK_RE =
  /\b(?:sends?|gives?|hands?|delegates?|passes?|submits?|forwards?)\s+(?:an?\s+|the\s+|your\s+)?(?:[\w-]+\s+){0,3}?(?:prompt|instruction|task)s?\s+to\s+(?:an?\s+|the\s+)?(?:[\w'’.-]+\s+){0,4}?(?:agent|cli)\b/;
const takesUrl = (p: Param) => p.words.some((w) => w === 'url' || w === 'uri' || w === 'endpoint');
/** Verbs too common in passing ("is", "returns", "has") to say anything away from the opening. */
const LOOSE_SKIP = new Set(['is', 'has', 'exists', 'can', 'access', 'provide', 'help', 'load', 'follow', 'format', 'print', 'echo', 'match', 'return', 'wait', 'watch', 'ask']);
/**
 * "Returns a shell command to execute", "Returns `command` for … any shell runner": the call hands
 * back a command for the caller to run, and runs nothing itself.
 */
const HANDS_BACK_COMMAND_RE =
  /\b(?:returns?|outputs?|prints?|gives?)(?: back)? (?:you )?(?:a |an |the )?(?:[\w`-]+ ){0,2}?`?(?:commands?|command lines?|one-liners?)`? (?:to (?:run|execute|paste)|for (?:you|the caller|the user|any|(?:[\w-]+ ){1,4}?(?:tool|runner|shell|terminal))|that (?:you|the caller|the user|should|must|can))\b/;
/** Tools that hand back advice, documentation or steps, whatever their name says they create. */
const GUIDANCE_RE =
  /\b(?:provides?|providing|returns?|gives?|offers?|offering|retrieves?|retrieving)\b[^.\n]{0,80}?\b(?:guidance|guidelines?|instructions|best practices|documentation|recommendations|step-by-step|advice|checklists?)\b/;
// Cheap gates: words a text must hold for the patterns above to have a chance.
const opens = (t: PreparedTool, gate: Gate) => (t.gates & GATE_BIT[gate]) !== 0;
const UMBRELLA_WORDS = new Set(['action', 'actions', 'operation', 'operations', 'crud', 'ops', 'op']);
const isUmbrellaWord = (w: string) => UMBRELLA_WORDS.has(w);

export function descriptionSignal(t: PreparedTool, name: NameParse): Finding[] {
  if (!t.description) {
    return [{ signal: 'description', says: 'flag', weight: 0, detail: 'no description: the judgement rests on the name and parameters', flag: 'no-description' }];
  }
  const out: Finding[] = [];
  const title = leadVerb(t) === null ? afterTitle(t) : null;
  const lead = leadVerb(t) ?? title;
  if (title) {
    const via = title.resolved.via ? ` with ${withArticle(title.resolved.via)} object` : '';
    out.push({
      signal: 'description',
      says: title.resolved.reading.effect,
      weight: round(title.resolved.reading.weight * LEAD_FACTOR * TITLE_FACTOR),
      detail: `description opens with a title, then "${title.word}"${via}: ${title.resolved.reading.gloss}`,
      word: title.resolved.entry.verb,
      traits: title.resolved.traits,
    });
  } else if (lead) {
    const { resolved, word } = lead;
    const via = resolved.via ? ` with ${withArticle(resolved.via)} object` : '';
    // The name's own verb with no object ("git_fetch"); the description says what it acts on.
    const refines = resolved.via !== null && name.resolved?.entry === resolved.entry && name.resolved.via === null;
    // The name's plain read verb joined with a weightier one ("getShareableLink": "Gets or creates
    // a shareable link"): one call may do the weightier act. (An odd verb such as "generate" has
    // the siblings to settle it.)
    const widens = !refines && lead.over !== undefined && lead.over === name.resolved?.entry.verb && name.resolved.reading.effect === 'read' && !name.resolved.entry.odd;
    const unlinks = takenOutOfPart(t, name, lead);
    // "get_sharing_link": "Create a shared link …": the name's "get" is a naming habit, the
    // description's opening verb the act.
    const mints = getsByName(name) && MINTING.has(resolved.entry.verb) && opensWith(t.description, word);
    if (savesCopy(name, lead)) {
      out.push({ signal: 'description', says: 'read', weight: 0.6, detail: `description says where the copy "${name.word}" hands over is saved: a download to the caller's disk is a read`, word: resolved.entry.verb });
    } else out.push({
      signal: 'description',
      says: resolved.reading.effect,
      weight: unlinks ? 0.9 : mints ? 0.85 : refines || widens ? 0.8 : round(resolved.reading.weight * LEAD_FACTOR * (lead.advice ? ADVICE_FACTOR : 1)),
      detail: unlinks
        ? `description says what "${word}" takes its object out of: ${resolved.reading.gloss}`
        : mints
        ? `description opens with "${word}": the call makes what its name says it gets (${resolved.reading.gloss})`
        : refines
        ? `description says what "${word}" acts on: ${resolved.reading.gloss}`
        : widens
        ? `description joins the name's "${lead.over}" with "${word}": one call may do that too (${resolved.reading.gloss})`
        : `description opens with "${word}"${via}: ${resolved.reading.gloss}`,
      word: resolved.entry.verb,
      traits: resolved.traits,
    });
  } else {
    const loose = looseReadVerb(t);
    if (loose) {
      out.push({
        signal: 'description',
        says: 'read',
        weight: round(loose.weight),
        detail: `description mentions "${loose.word}" (not as its opening verb): ${loose.gloss}`,
        word: loose.verb,
      });
    }
    const unknown = unknownOpener(t);
    if (unknown) {
      out.push({
        signal: 'description',
        says: 'write',
        weight: UNKNOWN_OPENER_WEIGHT,
        detail: `description opens with "${unknown}" before its object, a verb the lexicon does not know: most such verbs change something`,
        word: unknown,
      });
    }
  }

  const guide = opens(t, 'guidance') ? GUIDANCE_RE.exec(t.lower.slice(0, 600)) : null;
  // Opening with it ("Provides a checklist for agents to update …"), it is what the call does: the
  // acts named after it are the caller's to take.
  if (guide) out.push({ signal: 'description', says: 'read', weight: guide.index === 0 ? 0.8 : 0.65, detail: `description says it gives ${quote(guide[0], 40)}: it hands back text` });
  const ro = opens(t, 'readOnly') ? READ_ONLY_RE.exec(t.lower) : null;
  if (ro) out.push({ signal: 'description', says: 'read', weight: 0.75, detail: `description says ${quote(ro[0], 40)}: it claims to change nothing` });
  const copies = name.resolved?.entry.copies === true || lead?.resolved.entry.copies === true;
  const stored = opens(t, 'stores') && !copies ? STORES_RE.exec(t.lower) : null;
  if (stored) out.push({ signal: 'description', says: 'write', weight: 0.6, detail: `description says ${quote(stored[0], 40)}: what it makes is stored` });
  const starts = opens(t, 'starts') ? STARTS_RE.exec(t.lower) : null;
  if (starts) out.push({ signal: 'description', says: 'write', weight: 0.85, detail: `description says ${quote(starts[0], 40)}: it may start a service or fetch what stays for later calls` });
  const restats = opens(t, 'statistics') ? STATISTICS_RE.exec(t.lower) : null;
  if (restats) out.push({ signal: 'description', says: 'write', weight: 0.92, detail: `description says ${quote(restats[0], 40)}: the statistics the database keeps are rewritten` });
  const asText = opens(t, 'converts') ? TEXT_TARGET_RE.exec(firstSentence(t.description).toLowerCase()) : null;
  if (asText) out.push({ signal: 'description', says: 'read', weight: 0.7, detail: `description says it turns its input ${quote(asText[1]!, 30)}: text the call hands back` });
  const fresh = getsByName(name) && !MINTING.has(lead?.resolved.entry.verb ?? '') ? FRESH_SECRET_RE.exec(t.lower) : null;
  if (fresh) out.push({ signal: 'description', says: 'write', weight: 0.95, detail: `description says ${quote(fresh[0], 40)}: the call makes the credentials it returns`, traits: ['writes-secrets'] });
  const gone = opens(t, 'irreversible') ? IRREVERSIBLE_RE.exec(t.lower) : null;
  if (gone) {
    out.push({ signal: 'description', says: 'delete', weight: 0.45, detail: `description says ${quote(gone[0], 40)}: the change cannot be taken back`, traits: ['irreversible'] });
  }
  const lost = putsBack(name, lead) ? (gone ?? LOSES_RE.exec(t.lower)) : null;
  if (lost) {
    out.push({ signal: 'description', says: 'delete', weight: 0.9, detail: `description says ${quote(lost[0], 40)}: putting back an earlier state destroys what came since`, traits: ['irreversible'] });
  }
  // "Returns a shell command to execute. You MUST run the returned command using your shell tool":
  // the call composes the command; running it is the caller's act (rule book: advice is a read).
  const handed = opens(t, 'command') ? HANDS_BACK_COMMAND_RE.exec(t.lower) : null;
  if (handed) out.push({ signal: 'description', says: 'read', weight: 0.9, detail: `description says it ${quote(handed[0], 40)}: running it is left to the caller` });
  const arb = !handed && opens(t, 'arbitrary') ? ARBITRARY_RE.exec(t.lower) : null;
  if (arb) {
    out.push({ signal: 'description', says: 'execute', weight: 0.75, detail: `description says ${quote(arb[0], 40)}: runs what it is given`, traits: ['arbitrary-code'] });
  }

  const request = t.lower.includes(' request') && t.params.some(takesUrl) ? REQUEST_RE.exec(t.lower) : null;
  if (request) out.push({ signal: 'description', says: 'execute', weight: 0.9, detail: `description says ${quote(request[0], 40)} to a URL it is given: what it does depends on the endpoint` });

  const whole = givenWhole(t, name, lead);
  if (whole) out.push({ signal: 'description', says: 'read', weight: 0.75, detail: `the ${whole.param} to ${whole.verb} is given whole as input, and nothing names where it is kept: the result is handed back` });

  const task = t.lower.includes(' to ') ? AGENT_TASK_RE.exec(t.lower.slice(0, 600)) : null;
  if (task) out.push({ signal: 'description', says: 'execute', weight: 0.8, detail: `description says ${quote(task[0], 40)}: an agent acts on the task with tools of its own` });

  const shown = lead ? shownOnScreen(t, lead) : null;
  if (shown) out.push({ signal: 'description', says: 'write', weight: 0.7, detail: `description says ${quote(shown, 40)}: what a screen or page shows changes`, traits: ['ephemeral'] });

  const into = lead?.resolved.entry.verb === 'load' ? LOADS_INTO_RE.exec(firstSentence(t.description).toLowerCase()) : null;
  if (into) out.push({ signal: 'description', says: 'write', weight: 0.7, detail: `description says ${quote(into[0], 40)}: what it loads is put into something that keeps it` });

  const described = startsDescribed(t, name, lead);
  if (described) out.push({ signal: 'description', says: 'write', weight: 0.85, detail: `"${described}" is given a title or a description of what it starts: it makes and records a new one, running nothing that exists` });

  const listens = LISTENS_RE.exec(t.lower.slice(0, 400));
  if (listens) out.push({ signal: 'description', says: 'read', weight: 0.75, detail: `description says ${quote(listens[0], 40)}: it listens for a while and hands back what arrived` });

  const kept = keptCheck(t, name, lead);
  if (kept) out.push({ signal: 'description', says: 'write', weight: 0.75, detail: `description says ${quote(kept, 40)}: the check is kept on the account, to fetch later` });

  const umbrella =
    name.resolved?.entry.umbrella === true ||
    lead?.resolved.entry.umbrella === true ||
    t.tokens.some(isUmbrellaWord);
  if (umbrella) {
    const ws = words(t.lower, CAPS.descriptionWords);
    const action = ws.find((w, i) => lookupVerb(w)?.reading.effect === 'delete' && !isGesture(ws, i));
    if (action) {
      // An umbrella verb says little; a listed delete action says what the worst call can do.
      out.push({ signal: 'description', says: 'delete', weight: 0.8, detail: `description lists a "${action}" action among what the tool can do` });
    } else if (lead?.resolved.entry.umbrella && t.params.length > 0 && t.params.every(saysWhere)) {
      // "Manage backups: schedules, status, …" with only an app to name: nothing says what to
      // change, so a call can only report on the place it is given.
      const where = t.params.slice(0, 3).map((p) => p.name);
      out.push({ signal: 'description', says: 'read', weight: 0.6, detail: `the tool manages a topic, but its inputs only say where (${where.join(', ')}): it reports` });
    }
  }
  return out;
}

/**
 * "download_audio": "Save the completed Audio Overview to disk": when the name's verb hands the
 * caller a copy (a download, a screenshot), a description opening with "save" says where that copy
 * goes, not that something of the service's own is stored.
 */
function savesCopy(name: NameParse, lead: Lead): boolean {
  const named = name.resolved;
  return named !== null && named.entry.copies === true && named.reading.effect === 'read' && SAVES.has(lead.resolved.entry.verb);
}

const SAVES = new Set(['save', 'store']);

/**
 * "delete_cycle_issue: Remove an issue from a cycle": the name's bare delete verb joins a container
 * and a part, and the description says the part is taken out of that container, which is no store
 * of records. What goes is a membership, and the thing itself stays (unlinking), unless the
 * description says elsewhere that something is deleted. A container the name does not name ("Remove
 * a contact from Resend", "from the project") is the service itself: the thing goes.
 */
function takenOutOfPart(t: PreparedTool, name: NameParse, lead: Lead): boolean {
  const named = name.resolved;
  if (!named || named.via !== null || named.reading.effect !== 'delete' || !lead.source) return false;
  const { entry, reading } = lead.resolved;
  if (entry.from === undefined || reading !== entry.from) return false;
  if (DELETES_RE.test(t.lower)) return false;
  // The container may stand before the verb too ("dashboard_card_remove"): any word of the name after the server's.
  const inName = new Set([...name.objects, ...t.tokens.slice(t.start)].map(singular));
  if (lead.source.some((w) => inName.has(singular(w.text)))) return true;
  // The name's own bare verb ("remove_custom_domain"), and the description says what it takes its
  // object out of ("Remove a custom domain from a dispatch namespace"), unless that is the service
  // itself ("Remove a contact from Resend"): there the thing goes.
  return named.entry === entry && !lead.source.some((w) => t.serverWords.has(w.text));
}
/** The description says the thing itself goes ("Deletes the custom hostname"), not that it does not. */
const DELETES_RE = /(?<!\bnot |n't |never )\bdelet(?:e|es|ed|ing|ion)\b|\bdestroy/;

/** Verbs that rework a text: given the text itself, the call hands back the reworked copy. */
const REWORKS = new Set(['fix', 'optimize', 'refactor', 'rewrite', 'format']);
/** Parameters that hold the text itself ("code", "style", "sql"), rather than say where it is. */
const CONTENT_WORDS = new Set(['code', 'style', 'css', 'html', 'sql', 'text', 'markdown', 'yaml', 'json', 'content', 'source', 'svg', 'snippet', 'stylesheet', 'script']);
/** Words of a parameter that name a stored thing or place: the call may rework it where it is. */
const TARGET_WORDS = new Set([
  'id', 'ids', 'path', 'paths', 'file', 'files', 'dir', 'directory', 'folder', 'url', 'uri', 'project', 'repo', 'repository',
  'document', 'doc', 'spreadsheet', 'sheet', 'table', 'database', 'dashboard', 'output', 'save', 'apply', 'overwrite', 'write', 'key',
]);

/**
 * "remediate_code: Automatically fix React Native code issues" with the code as its input, or
 * "Optimizes Mapbox styles" given the style: the text to rework comes whole with the call and no
 * input names a file, a record or a place to keep the result, so the reworked copy is returned
 * (rule book: formatting and conversion that only return a result are reads).
 */
function givenWhole(t: PreparedTool, name: NameParse, lead: Lead | null): { param: string; verb: string } | null {
  const verb = [lead?.resolved.entry.verb, name.resolved?.entry.verb].find((v) => v !== undefined && REWORKS.has(v));
  if (!verb || t.params.length === 0) return null;
  if (t.params.some((p) => p.words.some((w) => TARGET_WORDS.has(w)))) return null;
  const content = t.params.find((p) => p.type !== 'number' && p.type !== 'boolean' && p.type !== 'array' && p.words.some((w) => CONTENT_WORDS.has(w)));
  return content ? { param: content.name, verb } : null;
}

/**
 * "Load a sprite into a Sprite2D node", "load rows into a table": what is loaded is put into
 * something that keeps it (write). Loading into memory or the conversation only reads.
 */
const LOADS_INTO_RE = /\binto (?!(?:the |your |a )?(?:memory|context|conversation|prompt|session|chat|cache|tab|browser)\b)(?:the |an? |your )?[\w-]+/;

/** Inputs that describe a new record rather than name one that exists. */
const DESCRIBES = new Set(['title', 'description', 'summary']);

/**
 * "startWorkflow: Start a new workflow" given its title, "start_task: Start a structured task"
 * given a title and a description: what starts is made by the call, from what the inputs say of
 * it, and kept (write). Running what exists is naming it (an id, a key), not describing it.
 */
function startsDescribed(t: PreparedTool, name: NameParse, lead: Lead | null): string | null {
  const starts = [name.resolved, lead?.resolved].find((r) => r?.entry.verb === 'start' && r.via === 'runnable');
  if (!starts || !t.params.some((p) => p.words.length === 1 && DESCRIBES.has(p.words[0]!))) return null;
  return starts === name.resolved ? name.word : (lead?.word ?? null);
}

/**
 * "Connect to the device update WebSocket and collect messages for a specified duration", "Stream
 * console logs in real-time for a specified duration": the call listens for a bounded time and
 * hands back what arrived; the subscription ends with the call.
 */
const LISTENS_RE =
  /\b(?:collects?|listens?|captures?|streams?|watch(?:es)?)\b[^.]{0,40}?\bfor (?:a |the )?(?:specified |given |set |fixed )?(?:duration|period|time window|number of seconds|\d+ ?(?:s|sec|secs|seconds|ms)\b)/;

/** Verbs that put something before the eyes of a user. */
const DISPLAYS = new Set(['show', 'display', 'render', 'highlight', 'draw', 'open']);
const ON_SCREEN_RE =
  /\b(?:in|on|into) (?:the |a |an |their |your )?(?:[\w-]+ ){0,3}?(?:device|screen|simulator|emulator|browser|editor|dashboard|window|viewer)s?\b/;

/**
 * "Show visual re-render overlay on device", "Render a Mermaid diagram and open it in browser",
 * "Show agent presence in the Resend dashboard editor": the call puts something on a screen or a
 * page, whose state changes (rule book, browser and UI actions: a write of passing state), rather
 * than handing a result back.
 */
function shownOnScreen(t: PreparedTool, lead: Lead): string | null {
  if (!DISPLAYS.has(lead.resolved.entry.verb)) return null;
  return ON_SCREEN_RE.exec(firstSentence(t.description).toLowerCase())?.[0] ?? null;
}

/**
 * A check that hands back the id of its report, or says it is queued, runs as a job the service
 * keeps ("START audit scan for project. Returns: reportId"): a write on the account. A check that
 * hands back its findings only reads.
 */
const KEPT_RE = /\breturns?:? (?:\w+, ){0,2}(?:an? |the )?(?:\w+ )?(?:report|job|scan|audit|check|task|run)[ _-]?ids?\b|\breturns the queued\b/;

function keptCheck(t: PreparedTool, name: NameParse, lead: Lead | null): string | null {
  const check = (r: Resolved | null | undefined) => r?.via === 'inspection' && r.reading.effect === 'read';
  if (!check(name.resolved) && !check(lead?.resolved)) return null;
  return KEPT_RE.exec(t.lower)?.[0] ?? null;
}

/** Parameters that only name a place: an app, a database, a project, or an id. */
const PLACES = new Set([
  'app', 'application', 'database', 'db', 'project', 'workspace', 'org', 'organization', 'team', 'server', 'cluster',
  'environment', 'env', 'region', 'zone', 'account', 'site', 'repo', 'repository', 'namespace', 'service', 'instance',
]);
const saysWhere = (p: Param) => p.words.length > 0 && p.words.every((w) => PLACES.has(w) || w === 'id' || w === 'uuid');

const QUESTION = new Set(['if', 'whether']);
const ARTICLES = new Set(['a', 'an', 'the', 'this', 'that', 'my', 'your', 'their', 'its']);
const OPENING_ARTICLES = new Set(['a', 'an', 'the']);
const CATEGORY_NOUNS = new Set(['operations', 'commands', 'tools', 'utilities', 'management', 'toolkit', 'toolset']);
const INSTRUMENTS = new Set(['using', 'via', 'by', 'through']);
const NO_OBJECTS = { head: 0n, any: 0n, source: null };

/** "Drag and drop" is a gesture on a page: its "drop" removes nothing. */
const isGesture = (ws: readonly string[], i: number) => ws[i] === 'drop' && (ws[i - 1] === 'drag' || ws[i - 2] === 'drag');

/**
 * The opening verb as read; what its object is taken out of ("from a cycle"), when it says;
 * whether it was read out of advice to the caller; and `over`, the opening verb a weightier joined
 * verb outranked ("Gets or creates" → get).
 */
type Lead = { resolved: Resolved; word: string; source?: readonly Word[] | null; advice?: boolean; over?: string };

/** A first sentence this short with no verb is a title ("Proof of Address verification."). */
const TITLE_WORDS = 6;
/** The sentence after a title speaks a little less than an opening one. */
const TITLE_FACTOR = 0.9;

/**
 * The opening verb of the sentence after a title: "Proof of Address verification. Submit a
 * single document image …" says what the call does in its second sentence.
 */
function afterTitle(t: PreparedTool): Lead | null {
  if (t.lead.length === 0 || t.lead.length > TITLE_WORDS) return null;
  const first = firstSentence(t.description);
  const at = t.description.indexOf(first);
  if (at < 0 || first.length === 0) return null;
  const rest = t.description.slice(at + first.length).replace(/^[.!?\s]+/, '');
  if (rest.length === 0) return null;
  const marks = wordsAndMarks(firstSentence(rest), CAPS.leadWords + 20);
  // "Call without candidates to …", "Use when …": the sentence tells the caller what to do.
  if (marks.length === 0 || TO_CALLER.has(marks[0]!)) return null;
  const lead = leadVerb(t, marks, marks.map(wordOf));
  // A verb whose meaning depends on the server ("composes") says too little this far in.
  return lead && !lead.resolved.entry.odd ? lead : null;
}

/** Words of the advice that may open a description before its verb ("Use when the user asks to …"). */
const WHEN_TO_USE = new Set(['when', 'if', 'user', 'asks', 'wants', 'needs', 'as', 'primary', 'main', 'only']);

/** Words after an opening "call" that make it advice on when to call the tool. */
const AFTER_CALL = new Set(['this', 'after', 'before', 'when', 'whenever', 'once', 'first', 'only', 'if']);

/** Verbs that open advice to the caller rather than say what the call does. */
const TO_CALLER = new Set(['call', 'use', 'invoke', 'pass', 'provide', 'see', 'note', 'requires', 'require']);

/** Verbs written as two words, joined as names write them. */
const PHRASAL = new Map([
  ['top up', 'topup'], ['tops up', 'topup'],
  ['sign in', 'login'], ['signs in', 'login'], ['log in', 'login'], ['logs in', 'login'],
  ['sign out', 'logout'], ['signs out', 'logout'], ['log out', 'logout'], ['logs out', 'logout'],
  // "Blocks until a task reaches a terminal state": the call waits.
  ['block until', 'wait'], ['blocks until', 'wait'],
]);

/** The opening verb of the first sentence, joined verbs included ("Download and import …"). */
export function leadVerb(t: PreparedTool, ws: readonly string[] = t.leadMarks, records: readonly Word[] = t.leadMarkWords): Lead | null {
  let i = 0;
  // "Use when the user asks to add a comment", "Use this as the primary tool to list …": advice on
  // when to call the tool, whose verb comes after it.
  // "Call this tool when …", "Call after the user has signed in": advice to the caller, whose
  // "call" is the caller's act, not the tool's.
  const callAdvice = (ws[0] === 'call' || ws[0] === 'invoke') && AFTER_CALL.has(ws[1] ?? '');
  const advises = ws[0] === 'use' || callAdvice;
  let advice = callAdvice;
  if (callAdvice) i = 1;
  for (; i < ws.length && i < 12; i++) {
    if (leadKinds(records[i]!) & FILLER_WORD || (ws[i]!.endsWith('ly') && ws[i]!.length > 4)) continue;
    if (!advises || !WHEN_TO_USE.has(ws[i]!)) break;
    advice = true;
  }
  // "Top up credits": the particle makes the verb, and the object follows it.
  const particle = PHRASAL.get(`${ws[i]} ${ws[i + 1]}`);
  const first = particle ? verbOf(wordOf(particle)) : ws[i] !== undefined ? verbOf(records[i]!) : undefined;
  const opener = particle ? `${ws[i]} ${ws[i + 1]}` : ws[i]!;
  if (particle) i++;
  // An opening "-ed" word qualifies the noun after it ("Composed chart …"): no verb opens. An
  // umbrella verb still says the tool does many things ("Managed folder ops: list/…/delete").
  if (!first || (ws[i] !== first.verb && ws[i]!.endsWith('ed') && !first.umbrella)) return null;
  // So does an "-ing" word opening the text before a noun ("Trading pair data", "Funding rate
  // history"): descriptions say what a call does in the imperative or the third person ("Tool for
  // exploring …" still names the act).
  // Adverbs before it change nothing ("Currently running tests over time" names tests).
  const opensText = ws.slice(0, i).every((w) => w.endsWith('ly'));
  if (opensText && !particle && ws[i] !== first.verb && ws[i]!.endsWith('ing') && !first.umbrella && !ARTICLES.has(ws[i + 1] ?? '')) return null;
  // "The groups of shapes on the page", "A list of …": right after an article the word is a noun.
  if (!particle && i > 0 && OPENING_ARTICLES.has(ws[i - 1]!)) return null;
  // "Order book depth.": the word opens a compound noun.
  if (isCompound(first, ws[i + 1])) return null;
  // "Like code_task, but …": a preposition, unless an article names what is liked.
  if (first.preposition && !ARTICLES.has(ws[i + 1] ?? '')) return null;
  // "Compute operations - …", "Search tools": the word names a category of commands, not an act.
  if (ws[i + 1] !== undefined && CATEGORY_NOUNS.has(ws[i + 1]!)) return null;
  const verbs = [{ entry: first, word: opener }];
  // Verbs joined by "and", "or", "/" or "," share the object: "Read/create/update/delete X".
  let j = i + 1;
  for (;;) {
    let k = j;
    while (k < ws.length && leadKinds(records[k]!) & JOINER) k++;
    const next = k > j && ws[k] !== undefined ? verbOf(records[k]!) : undefined;
    if (!next) break;
    verbs.push({ entry: next, word: ws[k]! });
    j = k + 1;
  }
  // "Check whether …", "Verify if …": a question, whose words are not the verb's object.
  if (ws[j] !== undefined && QUESTION.has(ws[j]!)) return { resolved: resolveWith(first, NO_OBJECTS), word: opener, advice };
  // The object phrase runs to the first preposition or mark: "SQL queries | on a cluster".
  const { words: phrase, end } = phraseAt(ws, records, j);
  // A word as often a noun before a noun that names something to look at is a noun itself ("Setup
  // guides.", "Order history for …"), as in names: the text opens with a title. Before an article
  // it is a verb ("Schedule a version to be published").
  if (verbs.length === 1 && first.noun === null && i === 0 && !ARTICLES.has(ws[i + 1] ?? '') && phrase.some(namesRead)) return null;
  // What the object is taken out of, when the phrase ends at "from": "a tag | from a task".
  const source = ws[end] === 'from' ? phraseAt(ws, records, end + 1).words : null;
  // Words further on may name the object ("Starts a new run | of a pipeline"), but not what the
  // call is done with ("Generate text | using an AI model") nor what a purpose clause acts on
  // ("Start a session | to record actions"): those are no objects of this verb.
  const after: Word[] = [];
  for (let k = j; k < ws.length && k < j + 14 && !endsObjects(ws, records, k); k++) {
    if (!(leadKinds(records[k]!) & (MARK | STOP))) after.push(records[k]!);
  }
  // The joined verbs share their objects: read them once.
  const objects = objectsOf(phrase, t, after, source);
  let best: Lead | null = null;
  for (const [n, v] of verbs.entries()) {
    const resolved = resolveWith(v.entry, objects);
    if (best === null) {
      best = { resolved, word: v.word, source };
      continue;
    }
    const outranks = EFFECT_RANK[resolved.reading.effect] > EFFECT_RANK[best.resolved.reading.effect];
    if (n > 0 && outranks && resolved.reading.weight >= JOINED_MIN) best = { resolved, word: v.word, source, over: verbs[0]!.entry.verb };
  }
  // An opening that only reads may be followed by the act that changes something; an opening
  // that already writes is the act, and its second clause only details it ("Close X and revoke its id").
  // A copy the opening hands over is saved where the caller says: that is still the copy.
  const opensRead = best?.resolved.reading.effect === 'read' && !best.resolved.entry.copies;
  const then = opensRead ? secondClause(t, ws, records, end, opener !== first.verb && opener.endsWith('s')) : null;
  if (then && then.resolved.reading.effect !== 'read' && then.resolved.reading.weight >= JOINED_MIN) return then;
  return best && advice ? { ...best, advice } : best;
}

/** Words that may stand between "and" and a second verb: "and then", "and automatically". */
const CLAUSE_LEAD = new Set(['then', 'also', 'immediately', 'automatically', 'optionally']);
/** Words that open a clause about when or why to call: an "and" after them is not the call's. */
const ASIDE = new Set(['use', 'when', 'if', 'because', 'that', 'which', 'where', 'while', 'so', 'unless']);

/**
 * The verb of a second clause of the first sentence: "Read a file into a variable and run code over
 * it" does both, and the weightier act decides. Only "and" opens such a clause, its verb reads its
 * own object phrase, and a purpose clause ends the search: in "a checklist for agents to analyse
 * the code and update files" the agents act, not the call.
 */
function secondClause(t: PreparedTool, ws: readonly string[], records: readonly Word[], from: number, thirdPerson: boolean): Lead | null {
  for (let k = from; k < ws.length; k++) {
    if (ws[k] === 'to' && records[k + 1] !== undefined && verbOf(records[k + 1]!) !== undefined) return null;
    if (ASIDE.has(ws[k]!)) return null;
    if (ws[k] !== 'and') continue;
    let v = k + 1;
    while (v < ws.length && CLAUSE_LEAD.has(ws[v]!)) v++;
    const entry = ws[v] !== undefined ? verbOf(records[v]!) : undefined;
    // Only a plain verb form opens a clause: "and running apps" names things, and so does a verb
    // before a noun that names something to look at ("tips and upgrade info").
    if (!entry || !(ws[v] === entry.verb || (thirdPerson && saidOf(ws, records, v, entry))) || entry.noun !== undefined || READ_NOUNS.has(ws[v + 1] ?? '')) continue;
    const { words: phrase } = phraseAt(ws, records, v + 1);
    return { resolved: resolveWith(entry, objectsOf(phrase, t, [], null)), word: ws[v]! };
  }
  return null;
}

/**
 * A sentence opened in the third person goes on in it ("Finds text … and applies formatting"):
 * there a verb's "-s" form opens the second clause, when an object follows it ("and updates to
 * the schema", "… and updates." name things). "Exports a route … and saves it to a local
 * directory" says where the copy goes: what a call makes and stores is read elsewhere (STORES_RE).
 */
function saidOf(ws: readonly string[], records: readonly Word[], v: number, entry: VerbEntry): boolean {
  const next = records[v + 1];
  return ws[v]!.endsWith('s') && ws[v] !== entry.verb && !SAVES.has(entry.verb) && next !== undefined && !(leadKinds(next) & (PREPOSITION | MARK));
}

/**
 * The words of a phrase from `from` to the next preposition or mark (at most eight, stop words
 * left out), and where it ended.
 */
function phraseAt(ws: readonly string[], records: readonly Word[], from: number): { words: Word[]; end: number } {
  const out: Word[] = [];
  let k = from;
  for (; k < ws.length && out.length < 8; k++) {
    const kinds = leadKinds(records[k]!);
    if (kinds & (PREPOSITION | MARK)) break;
    if (!(kinds & STOP)) out.push(records[k]!);
  }
  return { words: out, end: k };
}

const namesRead = wordFact((w: string) => baseForms(w).some((f) => READ_NOUNS.has(f)));

/** Where the words that may name a verb's object end: at an instrument or a purpose clause. */
function endsObjects(ws: readonly string[], records: readonly Word[], k: number): boolean {
  return INSTRUMENTS.has(ws[k]!) || (ws[k] === 'to' && records[k + 1] !== undefined && verbOf(records[k + 1]!) !== undefined);
}

/**
 * A read verb or agent noun further into a first sentence that opens with a noun ("Real-time web
 * search with …", "Graph-based website crawler"). Only reads count: nouns such as "design
 * patterns" or "order book" would otherwise pass for writes.
 */
function looseReadVerb(t: PreparedTool): { word: string; verb: string; weight: number; gloss: string } | null {
  for (let i = 0; i < t.leadWords.length && i < 25; i++) {
    const w = t.lead[i]!;
    const e = verbOf(t.leadWords[i]!) ?? agentNounOf(t.leadWords[i]!);
    if (e && LOOSE_SKIP.has(e.verb)) continue;
    if (e && e.reading.effect === 'read' && e.noun !== null) return { word: w, verb: e.verb, weight: e.reading.weight * 0.5, gloss: e.reading.gloss };
  }
  return null;
}

/**
 * Words that open a sentence before an article without being its verb: prepositions,
 * conjunctions, pronouns, auxiliaries ("For each file …", "Whether the extension …",
 * "Everything that ran …").
 */
const NOT_OPENING_VERBS = new Set(
  ('about above across after against along among around as at before behind below beneath beside between beyond by despite down during ' +
    'for from in inside into like near of off on onto out outside over past per since through to toward towards under unlike until up upon via with within without ' +
    'and or but nor so yet if when whenever whether while where once because although though unless than then ' +
    'all any anything both each either every everything neither nothing only also just even here there something such what which who whom whose how why ' +
    'is are was were be been being has have had do does did can could will would shall should may might must ' +
    'given tool tools returns').split(' '),
);
/** Words that start the object right after a verb: articles, possessives and quantifiers. */
const OBJECT_STARTS = new Set(['a', 'an', 'the', 'your', 'its', 'their', 'our', 'my', 'this', 'these', 'those', 'all', 'each', 'every', 'any', 'multiple', 'several', 'both']);
/**
 * A verb the lexicon lacks speaks weakly: on the drawn servers, most verbs the lexicon did not
 * know yet, once read, changed something (a snap to a grid, a halt of a rollout, a redelivery),
 * but some only looked (screening, playing back). Weak enough that any known verb outweighs it.
 */
const UNKNOWN_OPENER_WEIGHT = 0.35;

/**
 * The opening word when it stands where a verb stands, right before its object ("Snap a node to
 * the grid", "Halts an ongoing rollout"), and the lexicon does not know it as a verb or a noun
 * that names an act: an imperative or a third person the rules have not met.
 */
function unknownOpener(t: PreparedTool): string | null {
  const [first, next] = t.leadMarks;
  if (first === undefined || next === undefined || !OBJECT_STARTS.has(next)) return null;
  if (!/^[a-z]{3,}$/.test(first) || NOT_OPENING_VERBS.has(first) || /(?:ly|ed|ing)$/.test(first)) return null;
  const word = t.leadMarkWords[0]!;
  return verbOf(word) || agentNounOf(word) ? null : first;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Whether the name or the description's opening verb puts back an earlier state. */
function putsBack(name: NameParse, lead: Lead | null): boolean {
  return PUTS_BACK.has(name.resolved?.entry.verb ?? '') || PUTS_BACK.has(lead?.resolved.entry.verb ?? '');
}

/** Verbs a name uses for plain getting ("get_sharing_link", "fetch_token"). */
const GETS = new Set(['get', 'fetch', 'retrieve']);

/** Whether the name's verb is a plain get. */
function getsByName(name: NameParse): boolean {
  return name.as === 'verb' && GETS.has(name.resolved?.entry.verb ?? '');
}

/** Whether the text's first word is this one, or the one after "X or"/"X and" ("Generate or rotate …"). */
function opensWith(text: string, word: string): boolean {
  const [first, joiner, third] = words(text, 3);
  const w = word.toLowerCase();
  return first === w || ((joiner === 'or' || joiner === 'and') && third === w);
}
