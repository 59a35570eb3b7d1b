/**
 * Signal: tool poisoning — text that addresses the model rather than people, in the description
 * (all of it) or anywhere else the model reads: the name, titles, and every string of the input
 * and output schemas (see visible-text.ts). Each cue has a weight; the flag is raised when the
 * cues found in one text add up to 1 (texts are weighed apart: two weak cues in two unrelated
 * parameters are no sign). Telling the model to ignore earlier
 * instructions, to keep something from the user, to send data to an outside address or to change
 * how other tools behave is enough alone; naming credential files, `<IMPORTANT>`-style blocks,
 * asking to call tools first or to pass things through a parameter count only together. Ordinary
 * usage notes ("IMPORTANT: pass an absolute path", "call list_x before get_x") carry no cue. Text
 * hidden in Unicode tag characters is decoded and read too. A flagged tool gets the trait
 * `addresses-model`, which makes it at least high risk, and a `deny` rule (src/policy/recommend.ts).
 */
import { CAPS, type PreparedTool } from '../prepare.ts';
import { perWord, quote } from '../text.ts';
import type { Finding } from '../types.ts';
import { whereOf, type VisibleText } from '../visible-text.ts';
import { decodeTagText } from './hidden-characters.ts';
import { GATE_BIT, gateMask, type Gate } from '../lexicon/gates.ts';

/**
 * A cue: a cheap gate (words the text must hold for the pattern to have a chance), then the
 * pattern. `toModel` marks cues that only say the text speaks to the model: a server's
 * instructions do that by design, so there those cues are not counted.
 */
type Cue = { gate: Gate; re: RegExp; weight: number; says: string; toModel?: true };

const CUES: readonly Cue[] = [
  {
    gate: 'ignore',
    re: /\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|other|any|system)\b[^.\n]{0,25}?\b(?:instructions?|rules?|prompts?|directions?|guidelines?|messages?)\b/,
    weight: 1,
    says: 'tells the model to ignore its instructions',
  },
  {
    gate: 'secrecy',
    re: /\b(?:do not|don't|dont|never|must not|without)\s+(?:ever\s+)?(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|reveal(?:ing)?|notify(?:ing)?|alert(?:ing)?|let(?:ting)?|show(?:ing)?|disclos(?:e|ing))\b[^.\n]{0,40}?\b(?:the )?users?\b|\b(?:hide|conceal|keep)\b[^.\n]{0,40}?\b(?:from|secret from) the user\b|\bthe user (?:must|should) not (?:know|see|be told|notice)\b|\b(?:silently|secretly|covertly)\b[^.\n]{0,40}?\b(?:send|read|pass|include|upload|forward|call)\b/,
    weight: 1,
    says: 'tells the model to keep something from the user',
  },
  {
    gate: 'address',
    re: /\b(?:send|post|upload|forward|transmit|exfiltrate|leak|copy|report)\b[^.\n]{0,60}?\b(?:conversation|history|messages|contents?|data|files?|credentials|keys?|secrets|tokens?|passwords?|everything|results|output|context|environment)\b[^.\n]{0,60}?\b(?:to|at|into)\s+(?:https?:\/\/|[\w.+-]+@[\w-]+\.[\w.]+)/,
    weight: 1,
    says: 'asks to send data to an outside address',
  },
  {
    gate: 'address',
    re: /\b(?:send|post|upload|forward|transmit|exfiltrate|leak|copy|report)\b[^.\n]{0,80}?\b(?:to|at|into)\s+(?:https?:\/\/|[\w.+-]+@[\w-]+\.[\w.]+)/,
    weight: 0.5,
    says: 'asks to send something to an outside address',
  },
  {
    gate: 'files',
    re: /(?:~|\$home|%userprofile%|\/home\/[^\s/]+|\/root|\/users\/[^\s/]+)?\/\.(?:ssh|aws|cursor|kube|gnupg|docker|npmrc|netrc|pgpass|env|git-credentials|config\/gcloud)\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\bmcp\.json\b|\/etc\/(?:passwd|shadow)\b|\bcredentials\.json\b|\bclaude_desktop_config\.json\b/,
    weight: 0.5,
    says: 'names credential or configuration files',
  },
  {
    gate: 'tag',
    re: /<\s*\/?\s*(?:important|system|instructions?|secret|hidden|admin|assistant|prompt|context|critical|note-to-(?:ai|model|assistant))\b[^>]{0,40}>/,
    weight: 0.5,
    says: 'holds an <IMPORTANT>-style block aimed at the model',
  },
  {
    gate: 'model',
    re: /\b(?:you are (?:an? )?(?:ai|assistant|language model|llm)\b|as an ai\b|(?:the )?(?:assistant|ai|model|llm|agent) (?:must|should|shall) (?:always|never|first|secretly|also)\b|\bsystem prompt\b|\byour (?:previous |prior )?instructions\b)/,
    weight: 0.5,
    says: 'speaks to the model about its instructions',
    toModel: true,
  },
  {
    gate: 'before',
    re: /\b(?:before|prior to) (?:using|calling|invoking|running) (?:this|any other|any) tool\b[^.\n]{0,80}?\b(?:read|cat|open|call|run|fetch|send|pass|include|provide)\b/,
    weight: 0.4,
    says: 'asks for other actions before the tool is used',
    toModel: true,
  },
  {
    gate: 'smuggle',
    re: /\b(?:pass|put|include|add|provide|send|append|embed)\b[^.\n]{0,60}?\b(?:content|contents|text|data|keys?|credentials?|secrets?|tokens?|passwords?|conversation|history|messages?|file)\b[^.\n]{0,40}?\b(?:as|in|into|inside|via) (?:the |a )?['"`]?\w+['"`]? (?:parameter|argument|field)\b/,
    weight: 0.5,
    says: 'asks to smuggle data through a parameter',
  },
  {
    gate: 'shadowing',
    re: /\bside[- ]effects? on (?:the )?[\w-]+ tool\b|\bwhen (?:the )?(?:user|you) (?:calls?|uses?|invokes?) (?:the )?[\w-]+ tool\b[^.\n]{0,80}?\b(?:must|always|instead)\b|\ball (?:e-?mails?|messages?) (?:must|should) (?:be )?(?:sent|go|be forwarded) to\b/,
    weight: 1,
    says: 'changes how other tools behave',
  },
  {
    gate: 'secrets',
    re: /\b(?:conversation history|chat history|previous messages|api keys?|private keys?|passwords?|credentials|secrets|session cookies?|access tokens?)\b/,
    weight: 0.3,
    says: 'asks about secrets or the conversation',
  },
];

/** Each cue's gate as its bit in the prepared gate mask. */
const CUE_GATE_BITS = CUES.map((cue) => GATE_BIT[cue.gate]);

/** How much of a description (or of a server's instructions) is read: far past any record's cut. */
export const POISON_SCAN_CHARS = 200_000;

/** What the cues found in one text. */
export type PoisonScore = { score: number; says: string[]; phrase: string };

/**
 * Weighs the cues in one lower-case text, whose words open `gates` (see lexicon/gates.ts);
 * `hidden` is the text its tag characters spell, lower-cased. Null when the cues add up to less
 * than 1: weak cues (secrets named in passing, a tag, a file name) are ordinary alone.
 */
export function scorePoisoning(lower: string, gates: number, hidden: string, opts: { instructions?: boolean } = {}): PoisonScore | null {
  const text = hidden ? `${lower}\n${hidden}` : lower;
  if (!text) return null;
  let score = 0;
  const says: string[] = [];
  let first: string | null = null;
  for (let i = 0; i < CUES.length; i++) {
    const cue = CUES[i]!;
    if (opts.instructions && cue.toModel) continue;
    // Hidden text is not in the gate mask: its cues are always tried.
    if (hidden.length === 0 && (gates & CUE_GATE_BITS[i]!) === 0) continue;
    const m = cue.re.exec(text);
    if (!m) continue;
    score += cue.weight;
    says.push(cue.says);
    first ??= m[0];
  }
  if (hidden.length >= 4) {
    score += 0.5;
    says.push('spells hidden text in Unicode tag characters');
  }
  return score < 1 ? null : { score, says, phrase: first ?? hidden };
}

/** Most places named in one finding; the rest are counted. */
const PLACES_MAX = 2;

export function poisoningSignal(t: PreparedTool): Finding[] {
  const hits: { where: string; found: PoisonScore }[] = [];
  // The description, all of it: the prepared text stops at the classifier's cap.
  const raw = t.rawDescription;
  const long = raw.length > CAPS.descriptionChars;
  const lower = long ? raw.slice(0, POISON_SCAN_CHARS).toLowerCase() : t.lower;
  const found = scorePoisoning(lower, long ? gateMask(lower) : t.gates, decodeTagText(raw).toLowerCase());
  if (found) hits.push({ where: 'description', found });
  let places = hits.length;
  for (const hit of otherTexts(t.visible.texts)) {
    places++;
    if (hits.length < PLACES_MAX) hits.push(hit);
  }
  if (hits.length === 0) return [];
  const score = Math.max(...hits.map((h) => h.found.score));
  const parts = hits.map(({ where, found: f }) => `${where} addresses the model: ${f.says.join('; ')} (${quote(f.phrase, 40)})`);
  const more = places > hits.length ? `; and ${places - hits.length} more place${places - hits.length === 1 ? '' : 's'}` : '';
  return [
    {
      signal: 'poisoning',
      says: 'flag',
      weight: Math.min(1, Math.round(score * 100) / 100),
      detail: `${parts.join('; ')}${more}`,
      flag: 'prompt-injection',
      traits: ['addresses-model'],
    },
  ];
}

/** Lower-cased for the cues; in names, "_" and "-" part words as spaces do in prose. */
function lowerOf(v: VisibleText): string {
  const lower = v.text.length > POISON_SCAN_CHARS ? v.text.slice(0, POISON_SCAN_CHARS).toLowerCase() : v.text.toLowerCase();
  return v.bare ? lower.replace(/[_-]+/g, ' ') : lower;
}

/**
 * What a text must hold for its cues to reach 1, in one pattern: the head of every cue of weight
 * 1 and of every weak cue of 0.5, and the "before" cue, without which the remaining weak cues
 * (parameter smuggling, secrets named) add up to less than 1. A tool's schema holds twice as much
 * text as its description, mostly short notes on parameters; this one scan rules nearly all of it
 * out, so the cues and their gates run on the few texts where they can match.
 */
const MAYBE_POISON_RE = new RegExp(
  [
    String.raw`ignore|disregard|forget|override`,
    String.raw`(?:do not|don't|dont|never|must not|without)\s+(?:ever\s+)?(?:tell|inform|mention|reveal|notify|alert|let|show|disclos)`,
    String.raw`from the user|the user (?:must|should) not|silently|secretly|covertly`,
    String.raw`(?:to|at|into)\s+(?:https?:\/\/|[\w.+-]+@)`,
    String.raw`\/\.(?:ssh|aws|cursor|kube|gnupg|docker|npmrc|netrc|pgpass|env|git-credentials|config\/gcloud)|id_(?:rsa|ed25519|ecdsa|dsa)|mcp\.json|\/etc\/(?:passwd|shadow)|credentials\.json|claude_desktop_config\.json`,
    String.raw`<\s*\/?\s*(?:important|system|instruction|secret|hidden|admin|assistant|prompt|context|critical|note-to-)`,
    String.raw`you are|as an ai|(?:must|should|shall) (?:always|never|first|secretly|also)|system prompt|instructions`,
    String.raw`(?:before|prior to) (?:using|calling|invoking|running) (?:this|any)`,
    String.raw`side(?: |-)effects? on|when (?:the )?(?:user|you) (?:calls?|uses?|invokes?)|all (?:e-?mails?|messages?) (?:must|should)`,
  ]
    .join('|')
    // Names part their words with "_" and "-" where prose has spaces (no space above is in a class).
    .replaceAll(' ', String.raw`[\s_-]+`),
  'i',
);

/**
 * The poisoned texts other than the description: the name, titles and every schema string. Each
 * is weighed apart, once MAYBE_POISON_RE (or tag characters, which can spell anything) lets it.
 */
function* otherTexts(texts: readonly VisibleText[]): Generator<{ where: string; found: PoisonScore }> {
  for (const v of texts) {
    if (v.side === 'tool' && v.part === 'description') continue;
    const tags = v.text.includes('\uDB40');
    if (!tags && !maybePoisoned(v.text)) continue;
    const lower = lowerOf(v);
    const found = scorePoisoning(lower, gateMask(lower), tags ? decodeTagText(v.text).toLowerCase() : '');
    if (found) yield { where: whereOf(v), found };
  }
}

/**
 * Schema texts repeat: a server describes the same parameter the same way in every tool, and
 * short names and enum values recur everywhere. The first test is kept for texts up to a length.
 */
const cachedTest = perWord((text: string) => MAYBE_POISON_RE.test(text));
const maybePoisoned = (text: string) => (text.length <= 1_000 ? cachedTest(text) : MAYBE_POISON_RE.test(text));
