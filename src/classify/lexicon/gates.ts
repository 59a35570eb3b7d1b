/**
 * Gate words: a phrase pattern (poisoning cues, "read-only", "cannot be undone") is tried only on
 * descriptions holding one of its words. Finding them takes one pass over the text, so the costly
 * patterns run on the few descriptions where they can match. What the pass finds is kept as one
 * bit per gate, so asking whether a gate is open is one test, not a lookup per word.
 */
export const GATES = {
  ignore: ['ignore', 'disregard', 'forget', 'override'],
  secrecy: ['user', 'users', 'silently', 'secretly', 'covertly'],
  address: ['http', 'https', '@'],
  files: ['/.', 'id_rsa', 'id_ed25519', 'id_ecdsa', 'id_dsa', 'mcp', 'etc', 'credentials', 'claude_desktop_config'],
  tag: ['<'],
  // Not "you": every way the pattern can match ("you are an AI") also names the AI, model or LLM.
  model: ['ai', 'assistant', 'model', 'llm', 'agent', 'prompt', 'instructions'],
  before: ['before', 'prior'],
  smuggle: ['parameter', 'argument', 'field'],
  shadowing: ['tool', 'mail', 'email', 'emails', 'messages'],
  secrets: ['history', 'messages', 'key', 'keys', 'password', 'passwords', 'credentials', 'secrets', 'cookie', 'cookies', 'token', 'tokens'],
  readOnly: ['only', 'readonly', 'modify', 'change', 'alter', 'write', 'mutate', 'side', 'destructive', 'safe', 'never', 'nothing', 'without'],
  irreversible: ['permanent', 'permanently', 'undone', 'recovered', 'reversed', 'restored', 'irreversible', 'irreversibly', 'irrevocable', 'irrevocably', 'way', 'lost', 'destructive'],
  arbitrary: ['arbitrary', 'raw', 'shell', 'any'],
  stores: ['saves', 'saved', 'writes', 'written', 'stores', 'stored', 'persists', 'persisted'],
  starts: ['auto', 'automatically'],
  statistics: ['statistics', 'stats'],
  command: ['command', 'commands'],
  converts: ['convert', 'converts', 'converting', 'transform', 'transforms', 'turn', 'turns'],
  guidance: ['guidance', 'guidelines', 'guideline', 'instructions', 'practices', 'documentation', 'recommendations', 'step', 'advice', 'checklist', 'checklists'],
} as const satisfies Record<string, readonly string[]>;

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const all = [...new Set(Object.values(GATES).flat())].sort((a, b) => b.length - a.length);
const words = all.filter((w) => /^\w+$/.test(w));
const marks = all.filter((w) => !/^\w+$/.test(w));

/**
 * Finds every gate word of a lower-case text in one pass. The marks ("@", "<", "/.") are looked
 * for apart, with `includes`: left in the pattern they would be tried at every position.
 */
export const GATE_RE = new RegExp(`\\b(?:${words.map(escape).join('|')})\\b`, 'g');

export type Gate = keyof typeof GATES;

/** Each gate's bit in a gate mask. */
export const GATE_BIT = Object.fromEntries(Object.keys(GATES).map((g, i) => [g, 1 << i])) as Record<Gate, number>;

/** Gate word → the bits of every gate it opens. */
const OPENS = new Map<string, number>();
for (const [g, list] of Object.entries(GATES) as [Gate, readonly string[]][]) for (const w of list) OPENS.set(w, (OPENS.get(w) ?? 0) | GATE_BIT[g]);

/** The gates a lower-case text opens, as a mask of GATE_BIT. */
export function gateMask(lower: string): number {
  let mask = 0;
  for (const w of lower.match(GATE_RE) ?? []) mask |= OPENS.get(w)!;
  for (const m of marks) if (lower.includes(m)) mask |= OPENS.get(m)!;
  return mask;
}
