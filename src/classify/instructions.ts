/**
 * The server's `instructions`: text from the initialize result that clients put in the model's
 * context whenever the server's tools are in use. They are read with the same cues as a tool's
 * text (signals/poisoning.ts, signals/hidden-characters.ts), but for the cues that only say the
 * text speaks to the model: instructions do that by design ("Use this server to …", "Call
 * list_projects before …").
 *
 * Poisoned instructions are a server-wide flag, and a finding on every tool of the server: the
 * model reads them beside each one, so each tool is at least high risk and needs approval. Not
 * denied outright, as a tool whose own text is poisoned is: the tool itself may be what it says,
 * and a person who approves each call sees what the model asks for.
 */
import type { ServerFlag } from '../schema.ts';
import { gateMask } from './lexicon/gates.ts';
import { decodeTagText, findHidden } from './signals/hidden-characters.ts';
import { POISON_SCAN_CHARS, scorePoisoning } from './signals/poisoning.ts';
import { quote } from './text.ts';
import type { Finding } from './types.ts';

export type InstructionsReading = { flags: ServerFlag[]; finding: Finding | null };

const CLEAN: InstructionsReading = { flags: [], finding: null };

export function readInstructions(instructions: string | null | undefined): InstructionsReading {
  if (!instructions) return CLEAN;
  const text = instructions.slice(0, POISON_SCAN_CHARS);
  const flags: ServerFlag[] = [];
  const said: string[] = [];

  const lower = text.toLowerCase();
  const tags = decodeTagText(text);
  const poison = scorePoisoning(lower, gateMask(lower), tags.toLowerCase(), { instructions: true });
  if (poison) {
    const what = `address the model: ${poison.says.join('; ')} (${quote(poison.phrase, 60)})`;
    flags.push({ flag: 'poisoned-instructions', detail: `The server's instructions ${what}.` });
    said.push(what);
  }

  const hidden = [...findHidden(text)].filter(([, k]) => !k.layout);
  if (hidden.length > 0) {
    const at = Math.min(...hidden.map(([, k]) => k.at));
    const kinds = hidden.map(([kind, { count, first }]) => `${count} ${kind} (U+${first.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    const spelled = tags.length >= 4 ? `, spelling ${quote(tags, 60)}` : '';
    const what = `hold hidden characters: ${kinds}${spelled} (${quote(`${at > 16 ? '…' : ''}${text.slice(Math.max(0, at - 16), at + 60)}`, 60)})`;
    flags.push({ flag: 'hidden-instructions', detail: `The server's instructions ${what}.` });
    said.push(what);
  }

  if (flags.length === 0) return CLEAN;
  return {
    flags,
    finding: {
      signal: 'server-instructions',
      says: 'risk',
      weight: 1,
      detail: `the server's instructions, which the model reads beside this tool, ${said.join('; and ')}`,
      traits: ['poisoned-instructions'],
    },
  };
}
