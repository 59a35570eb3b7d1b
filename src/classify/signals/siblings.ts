/**
 * Signal: what the server's other tools tell about this one. A verb whose meaning depends on the
 * server ("generate", "manage", "compose") is a write when siblings create or change the same
 * thing ("generate_flow" beside "create_flow_from_yaml"). A tool that says little about itself
 * leans the way of a server whose tools nearly all only read.
 */
import type { Effect } from '../../taxonomy.ts';
import type { PreparedTool } from '../prepare.ts';
import { quote, singular } from '../text.ts';
import type { Finding } from '../types.ts';
import type { NameParse } from './name-verb.ts';

/** A sibling that acts on a noun with a clear verb. */
export type FamilyMember = { tool: string; verb: string; effect: Effect };

/** What the server's tools, read together, say. Built once per server (see server.ts). */
export type SiblingProfile = {
  /** Object noun (singular) → tools acting on it with a clear verb. */
  families: ReadonlyMap<string, readonly FamilyMember[]>;
  /** Tools whose name has a clear verb, and how many of those only read. */
  known: number;
  reads: number;
};

/** Verbs that make or change a thing: siblings using them show the thing is made on this server. */
const MAKERS = new Set(['create', 'add', 'update', 'upsert', 'edit', 'modify', 'set', 'patch', 'replace', 'new', 'insert', 'save', 'import', 'upload']);
/** Below this, a tool's own signals say too little and the server's habit may speak. */
const WEAK_OWN = 0.45;

export function siblingsSignal(t: PreparedTool, parse: NameParse, ownTop: number, profile: SiblingProfile): Finding[] {
  const out: Finding[] = [];
  const r = parse.resolved;
  if (r && r.entry.odd && !r.entry.umbrella && parse.as === 'verb' && r.via === null) {
    // The thing made is the object's head: "generate_session_pdf" makes a pdf, not a session.
    const head = parse.head === undefined ? parse.objects : parse.head === null ? [] : [parse.head];
    for (const noun of head.map(singular)) {
      const makers = (profile.families.get(noun) ?? []).filter((m) => m.tool !== t.name && MAKERS.has(m.verb));
      if (makers.length === 0) continue;
      const names = makers.slice(0, 2).map((m) => quote(m.tool, 40)).join(', ');
      out.push({
        signal: 'sibling-tools',
        says: 'write',
        // What siblings do with the same noun settles an odd verb, over its own default reading.
        weight: 0.65,
        detail: `siblings ${names} make or change ${quote(noun, 30)}: "${r.entry.verb}" here makes one too`,
      });
      break;
    }
  }
  if (ownTop < WEAK_OWN && profile.known >= 4 && profile.reads / profile.known >= 0.8) {
    out.push({
      signal: 'sibling-tools',
      says: 'read',
      weight: 0.35,
      detail: `${profile.reads} of the ${profile.known} sibling tools with clear verbs only read`,
    });
  }
  return out;
}
