/**
 * The policy recommender: a pure mapping from a tool's classification to a rule, each with a
 * reason a person can read. Reads get a generous cap, writes a tighter one, deletes and external
 * sends need a person's approval, and execution is denied unless someone opts in.
 */
import { ownCopy } from '../json.ts';
import type { Classification, Policy, ToolRule } from '../schema.ts';

export const READ_LIMIT_PER_MINUTE = 120;
export const WRITE_LIMIT_PER_MINUTE = 30;

/** Domains where a write leaves the system or moves money or access: a person should approve it. */
const APPROVAL_DOMAINS = new Set(['financial', 'messaging', 'identity', 'secrets']);

function rate(name: string, max: number): NonNullable<ToolRule['limits']> {
  return [{ counter: `${name}_rate`, window: 'minute', max, scope: 'grant' }];
}

export function recommendRule(toolName: string, c: Pick<Classification, 'effect' | 'risk' | 'domains'>): ToolRule {
  const sensitive = c.domains.filter((d) => APPROVAL_DOMAINS.has(d));
  switch (c.effect) {
    case 'execute':
      return {
        action: 'deny',
        reason: 'Runs code, commands or queries given as input: what it does depends on the input, so it is denied unless you opt in.',
      };
    case 'delete':
      if (c.risk === 'critical') {
        return { action: 'deny', reason: 'Can destroy data account-wide: denied unless you opt in.' };
      }
      return {
        action: 'require_approval',
        limits: rate(toolName, 5),
        reason: 'Removes data that may not come back: a person approves each call, at most 5 a minute.',
      };
    case 'write':
      if (c.risk === 'critical') {
        return { action: 'deny', reason: 'A write with account-wide or irreversible reach: denied unless you opt in.' };
      }
      if (c.risk === 'high') {
        const why = sensitive.length ? ` (${sensitive.join(', ')})` : '';
        return {
          action: 'require_approval',
          limits: rate(toolName, 10),
          reason: `Sends data out, moves money or changes access${why}: a person approves each call, at most 10 a minute.`,
        };
      }
      return {
        limits: rate(toolName, WRITE_LIMIT_PER_MINUTE),
        reason: `Changes state: allowed, capped at ${WRITE_LIMIT_PER_MINUTE} calls a minute so a runaway loop cannot flood it.`,
      };
    case 'read':
      if (c.risk === 'high' || c.risk === 'critical') {
        return {
          action: 'require_approval',
          limits: rate(toolName, 30),
          reason: 'Reads secrets or sensitive data: a person approves each call.',
        };
      }
      return {
        action: 'allow',
        limits: rate(toolName, READ_LIMIT_PER_MINUTE),
        reason: `Only reads: allowed, with a generous cap of ${READ_LIMIT_PER_MINUTE} calls a minute.`,
      };
  }
}

/** A server's policy: every tool's rule under `"default": "deny"`, so unknown tools are refused. */
export function serverPolicy(tools: readonly { name: string; policy: ToolRule }[]): Policy {
  // Own properties, not assignment: a tool named "__proto__" keeps its rule.
  return { version: '1', default: 'deny', tools: ownCopy(tools.map((t) => [t.name, t.policy])) };
}
