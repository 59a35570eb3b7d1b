/**
 * Server-level reading: what the tools of one server say together. The sibling profile (which
 * nouns the server makes and changes, how many tools only read), the server's domains (from its
 * tools, name and about text), and the "lethal trifecta" — tools that together read private
 * data, take in content written by others, and can send data out.
 */
import type { ServerFlag } from '../schema.ts';
import { DOMAIN_VALUES, type Domain } from '../taxonomy.ts';
import { NAME_ONLY_DOMAIN_WORDS, wordDomain } from './lexicon/domains.ts';
import type { PreparedTool } from './prepare.ts';
import type { FoundDomains, ServerDomains } from './signals/domains.ts';
import type { NameParse } from './signals/name-verb.ts';
import type { FamilyMember, SiblingProfile } from './signals/siblings.ts';
import { firstSentence, singular, splitName, words } from './text.ts';
import type { Trait } from './types.ts';
import type { Classification } from '../schema.ts';

export type ToolView = { t: PreparedTool; parse: NameParse; found: FoundDomains };

/** Name verbs at least this strong count as "clear" for the sibling profile. */
const CLEAR_VERB = 0.6;
/** Members kept per noun family: enough to name a few, bounded for 400-tool servers. */
const FAMILY_MAX = 8;

export function siblingProfile(views: readonly ToolView[]): SiblingProfile {
  const families = new Map<string, FamilyMember[]>();
  let known = 0;
  let reads = 0;
  for (const { t, parse } of views) {
    const r = parse.resolved;
    if (!r || parse.as !== 'verb' || r.reading.weight < CLEAR_VERB) continue;
    known++;
    if (r.reading.effect === 'read') reads++;
    for (const noun of new Set(parse.objects.map(singular))) {
      const list = families.get(noun) ?? [];
      if (list.length < FAMILY_MAX) list.push({ tool: t.name, verb: r.entry.verb, effect: r.reading.effect });
      families.set(noun, list);
    }
  }
  return { families, known, reads };
}

/**
 * The server's domains: those most of its tools name (a tool that names none inherits them), and
 * those its name or about text names. `all` adds domains a good share of tools name.
 */
export function serverDomains(
  views: readonly ToolView[],
  ctx: { name: string; about?: string | undefined },
): ServerDomains & { all: Domain[] } {
  const counts = new Map<Domain, number>();
  for (const v of views) for (const d of v.found.keys()) counts.set(d, (counts.get(d) ?? 0) + 1);
  const n = views.length;
  const told = new Set<Domain>();
  for (const w of splitName(ctx.name)) {
    const d = wordDomain(w);
    if (d) told.add(d);
  }
  // The about text's first sentence says what the server is for; later ones say how to run it.
  for (const w of words(firstSentence(ctx.about ?? ''), 60)) {
    if (NAME_ONLY_DOMAIN_WORDS.has(w) || NAME_ONLY_DOMAIN_WORDS.has(singular(w))) continue;
    const d = wordDomain(w);
    if (d) told.add(d);
  }
  // Servers name the credentials they need to run; that does not make every tool handle secrets.
  told.delete('secrets');
  const dominant: { domain: Domain; why: string }[] = [];
  const all: Domain[] = [];
  for (const d of DOMAIN_VALUES) {
    const c = counts.get(d) ?? 0;
    if (n >= 2 && c >= 2 && c * 2 >= n) dominant.push({ domain: d, why: `the server's tools mostly work with it (${c} of ${n})` });
    else if (told.has(d)) dominant.push({ domain: d, why: "the server's name or description is about it" });
    if (told.has(d) || (c >= 2 && c * 5 >= n)) all.push(d);
  }
  return { dominant, all };
}

/** Most tools named per leg of the trifecta in a server flag. */
const TRIFECTA_NAMES_MAX = 20;

/**
 * The lethal trifecta: private data, untrusted content and a way out, all within reach of one
 * model. Any text planted in the untrusted content can then ask for the private data to be sent.
 */
export function lethalTrifecta(tools: readonly { name: string; classification: Classification; traits: ReadonlySet<Trait> }[]): ServerFlag | null {
  const priv: string[] = [];
  const untrusted: string[] = [];
  const out: string[] = [];
  for (const { name, classification: c, traits } of tools) {
    if (c.effect === 'read' && (traits.has('private-data') || traits.has('reads-personal') || traits.has('reads-secrets'))) priv.push(name);
    // Reading others' content, or driving a browser through the open web, takes it in.
    if (traits.has('untrusted-input') || (traits.has('web') && c.effect === 'write')) untrusted.push(name);
    const canSend = traits.has('sends-out') || traits.has('arbitrary-code') || (c.effect !== 'read' && traits.has('web'));
    if (canSend) out.push(name);
  }
  if (priv.length === 0 || untrusted.length === 0 || out.length === 0) return null;
  return {
    flag: 'lethal-trifecta',
    detail:
      `${priv.length} tool${priv.length === 1 ? '' : 's'} read private data, ${untrusted.length} take${untrusted.length === 1 ? 's' : ''} in content written by others ` +
      `and ${out.length} can send data out: instructions planted in that content could make the model leak the private data.`,
    tools: {
      private: priv.slice(0, TRIFECTA_NAMES_MAX),
      untrusted: untrusted.slice(0, TRIFECTA_NAMES_MAX),
      exfiltrate: out.slice(0, TRIFECTA_NAMES_MAX),
    },
  };
}
