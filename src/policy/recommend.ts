/**
 * The policy recommender: a pure mapping from a tool's classification to a rule, each with a
 * reason a person can read. Reads get a generous cap, writes a tighter one, deletes and external
 * sends need a person's approval, and execution is denied unless someone opts in. Poisoning comes
 * before all of that: a tool whose own text addresses the model is denied, and one that hides
 * characters, or whose server's instructions are poisoned, needs approval, whatever it does.
 */
import { ownCopy } from '../json.ts';
import type { ActionRule, Classification, Evidence, Policy, ToolRule } from '../schema.ts';
import { EFFECT_VALUES } from '../taxonomy.ts';

export const READ_LIMIT_PER_MINUTE = 120;
export const WRITE_LIMIT_PER_MINUTE = 30;

/** Domains where a write leaves the system or moves money or access: a person should approve it. */
const APPROVAL_DOMAINS = new Set(['financial', 'messaging', 'identity', 'secrets']);

function rate(name: string, max: number): NonNullable<ToolRule['limits']> {
  return [{ counter: `${name}_rate`, window: 'minute', max, scope: 'grant' }];
}

/**
 * What the recommender reads: flags and evidence matter only for poisoning, and actions only for
 * multi-action tools, so they may be left out.
 */
export type RuleInput = Pick<Classification, 'effect' | 'risk' | 'domains'> & Partial<Pick<Classification, 'flags' | 'evidence' | 'actions'>>;

/** How much of a finding a reason quotes. */
const QUOTED_MAX = 300;

/** Evidence quoted in a reason: capped on a code-point boundary. */
function quoted(e: Evidence): string {
  const points = Array.from(e.detail);
  return points.length > QUOTED_MAX ? `${points.slice(0, QUOTED_MAX - 1).join('')}…` : e.detail;
}

export function recommendRule(toolName: string, c: RuleInput): ToolRule {
  const evidence = c.evidence ?? [];
  // Denied, not put behind approval: the poisoned text reaches the model as soon as the tool is
  // listed, and what it asks for (reading files, sending data) is done through other tools, so
  // approving this tool's calls would guard nothing.
  const poisoned = c.flags?.includes('prompt-injection') ? evidence.find((e) => e.signal === 'poisoning') : undefined;
  if (poisoned) {
    return {
      action: 'deny',
      reason: `Possible tool poisoning: ${quoted(poisoned)}. Denied: the text reaches the model whenever the tool is listed, so consider leaving the server out.`,
    };
  }
  const base = routerRule(toolName, c) ?? ruleByEffect(toolName, c);
  if (base.action === 'deny') return base;
  // Hidden text beyond layout, or poisoned server instructions: a person sees each call.
  const hidden = evidence.find((e) => e.signal === 'hidden-characters' && e.weight >= 1);
  const instructions = evidence.find((e) => e.signal === 'server-instructions');
  const why = [hidden, instructions].filter((e): e is Evidence => e !== undefined).map(quoted);
  if (why.length === 0) return base;
  return {
    action: 'require_approval',
    limits: rate(toolName, 10),
    reason: `Text the model reads hides something or addresses it (${why.join('; ')}): a person approves each call, at most 10 a minute.`,
  };
}

/**
 * A multi-action tool that can do more than read: the tool rule, for clients that cannot read a
 * call's arguments, asks for approval (or denies, where an action is critical); where
 * the values are known, each gets the rule it would get as a tool of its own, so a client that
 * reads arguments lets the reads through, caps the writes and refuses the rest.
 */
function routerRule(toolName: string, c: RuleInput): ToolRule | null {
  const actions = c.actions;
  if (!actions || actions.items.every((i) => i.effect === 'read')) return null;
  const worst = ruleByEffect(toolName, c);
  // Arbitrary execution or account-wide destruction in any action: denied as a whole, as such a tool is.
  if (c.risk === 'critical') return worst;
  const fenced = actions.exact && actions.param !== null ? perAction(toolName, c, actions.param, actions.items) : undefined;
  const kinds = EFFECT_VALUES.filter((e) => actions.items.some((i) => i.effect === e)).join(', ');
  const by = actions.param === null ? 'the parameters given' : `${actions.exact ? 'its' : 'the'} "${actions.param}" argument`;
  return {
    action: 'require_approval',
    ...(worst.limits ? { limits: worst.limits } : {}),
    reason: `Picks one of ${actions.items.length} actions (${kinds}) by ${by}: a client that cannot read arguments asks for every call${
      fenced ? `; one that can allows the reads and caps the writes${refuses(fenced) ? ', and refuses the actions that need a person' : ''}` : ''
    }.`,
    ...(fenced ? { actions: fenced } : {}),
  };
}

type Items = NonNullable<RuleInput['actions']>['items'];

const refuses = (fenced: NonNullable<ToolRule['actions']>) => Object.values(fenced.rules).some((r) => r.action === 'deny' || r.action === 'require_approval');

function perAction(toolName: string, c: RuleInput, param: string, items: Items): ToolRule['actions'] {
  const rules: [string, ActionRule][] = items.map((i) => {
    const { action, limits } = ruleByEffect(toolName, { effect: i.effect, risk: i.risk, domains: c.domains });
    return [i.value, { ...(action ? { action } : {}), ...(limits ? { limits } : {}) }];
  });
  return { param, rules: ownCopy(rules) };
}

function ruleByEffect(toolName: string, c: RuleInput): ToolRule {
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
