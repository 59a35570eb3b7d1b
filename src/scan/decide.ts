/**
 * Each tool's decision, from its recommended policy: allowed only when the catalog knows it, it
 * only reads, and its rule allows it; asked for when the rule wants approval or the tool writes or
 * deletes within limits; denied when the rule denies it (execution, account-wide destruction,
 * poisoning). Nothing the catalog does not know is ever allowed.
 */
import type { ActionFence } from '../policy/actions.ts';
import type { ScanTool } from './catalog.ts';

export type Decision = 'allow' | 'ask' | 'deny';

export function decide(tool: ScanTool): Decision {
  if (tool.action === 'deny') return 'deny';
  if (tool.action === 'allow' && tool.effect === 'read') return 'allow';
  return 'ask';
}

export type ServerDecisions = {
  /** The server's name in the user's config. */
  server: string;
  allow: string[];
  ask: string[];
  deny: string[];
  /** Tools whose server annotations say read-only and whose catalog judgement is read as well. */
  readOnlyAgreed: string[];
  /**
   * A rate cap (calls a minute) a person chose for an allowed tool, in the formats that can hold
   * one; an allowed tool without one gets the standard cap for reads.
   */
  caps?: ReadonlyMap<string, number>;
  /** Asked-for multi-action tools that formats reading arguments fence by action instead. */
  fences?: ReadonlyMap<string, ActionFence>;
};

export function serverDecisions(server: string, tools: readonly ScanTool[]): ServerDecisions {
  const fences = new Map<string, ActionFence>();
  const out: ServerDecisions = { server, allow: [], ask: [], deny: [], readOnlyAgreed: [] };
  for (const tool of tools) {
    out[decide(tool)].push(tool.name);
    if (tool.fence && decide(tool) === 'ask') fences.set(tool.name, tool.fence);
    if (tool.readOnlyHint === true && decide(tool) === 'allow') out.readOnlyAgreed.push(tool.name);
  }
  if (fences.size) out.fences = fences;
  return out;
}
