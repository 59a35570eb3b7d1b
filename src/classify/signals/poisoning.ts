/**
 * Signal: tool poisoning — a description that addresses the model rather than people. Each cue
 * has a weight; the flag is raised when the cues add up to 1. Telling the model to ignore earlier
 * instructions, to keep something from the user, to send data to an outside address or to change
 * how other tools behave is enough alone; naming credential files, `<IMPORTANT>`-style blocks,
 * asking to call tools first or to pass things through a parameter count only together. Ordinary
 * usage notes ("IMPORTANT: pass an absolute path", "call list_x before get_x") carry no cue. Text
 * hidden in Unicode tag characters is decoded and read too.
 */
import type { PreparedTool } from '../prepare.ts';
import { quote } from '../text.ts';
import type { Finding } from '../types.ts';
import { decodeTagText } from './hidden-characters.ts';
import { GATE_BIT, type Gate } from '../lexicon/gates.ts';

/** A cue: a cheap gate (words the text must hold for the pattern to have a chance), then the pattern. */
type Cue = { gate: Gate; re: RegExp; weight: number; says: string };

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
  },
  {
    gate: 'before',
    re: /\b(?:before|prior to) (?:using|calling|invoking|running) (?:this|any other|any) tool\b[^.\n]{0,80}?\b(?:read|cat|open|call|run|fetch|send|pass|include|provide)\b/,
    weight: 0.4,
    says: 'asks for other actions before the tool is used',
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

export function poisoningSignal(t: PreparedTool): Finding[] {
  const hidden = decodeTagText(t.rawDescription).toLowerCase();
  const text = hidden ? `${t.lower}\n${hidden}` : t.lower;
  if (!text) return [];
  let score = 0;
  const says: string[] = [];
  let first: string | null = null;
  for (let i = 0; i < CUES.length; i++) {
    const cue = CUES[i]!;
    // Hidden text is not in the prepared vocabulary: its cues are always tried.
    if (hidden.length === 0 && (t.gates & CUE_GATE_BITS[i]!) === 0) continue;
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
  // Weak cues (secrets named in passing, a tag, a file name) are ordinary alone: they count together.
  if (score < 1) return [];
  return [
    {
      signal: 'poisoning',
      says: 'flag',
      weight: Math.min(1, Math.round(score * 100) / 100),
      detail: `description addresses the model: ${says.join('; ')} (${quote(first ?? '', 40)})`,
      flag: 'prompt-injection',
    },
  ];
}
