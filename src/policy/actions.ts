/**
 * Fences for multi-action tools in the formats that can read a call's arguments. A tool rule
 * with per-action rules (recommend.ts) becomes: refuse the actions that need a person or are
 * denied, and cap the rest. Intercept ANDs a rule's conditions and counts every call of a tool, so
 * the cap is one for the whole tool: the strictest of the actions let through. A call that leaves
 * the argument out is refused too, since the server would then pick an action of its own.
 * Pure and free of zod: the policy builder runs it in the browser.
 */
import { revealHidden } from '../reveal.ts';
import type { ToolRule } from '../schema.ts';
import type { PolicyLayerTool } from './policylayer-schema.ts';
import { READ_LIMIT_PER_MINUTE } from './recommend.ts';
import type { Value } from './yaml.ts';

export type ActionFence = {
  /** The argument that picks the action. */
  param: string;
  /** Values refused: they need a person's approval or are denied. */
  refuse: string[];
  /** Calls a minute for the whole tool. */
  cap: number;
};

/** Argument names a dotted `args.<name>` path reaches as one step. */
const PATH_SAFE = /^[A-Za-z0-9_-]+$/;

/** The fence of a tool rule that needs approval, when its actions let some calls through. */
export function actionFence(rule: Pick<ToolRule, 'action' | 'actions'>): ActionFence | null {
  const a = rule.actions;
  if (!a || rule.action !== 'require_approval' || !PATH_SAFE.test(a.param)) return null;
  const refuse: string[] = [];
  let cap = Infinity;
  const values = Object.keys(a.rules);
  for (const value of values) {
    const r = a.rules[value]!;
    if (r.action === 'deny' || r.action === 'require_approval') refuse.push(value);
    else for (const l of r.limits ?? []) if (l.window === 'minute') cap = Math.min(cap, l.max);
  }
  if (refuse.length === values.length) return null;
  return { param: a.param, refuse, cap: Number.isFinite(cap) ? cap : READ_LIMIT_PER_MINUTE };
}

const refusal = (tool: string, f: ActionFence) =>
  `${revealHidden(tool)}: ${f.param} ${f.refuse.map((v) => revealHidden(v)).join(', ')} needs a person's approval: run it outside the agent. Other actions are allowed; name the action in "${f.param}".`;

/** Intercept rules: one `evaluate` rule on `args.<param>` (present, not a refused value), one rate limit. */
export function interceptActionRules(tool: string, f: ActionFence): Value[] {
  const path = `args.${f.param}`;
  const conditions: Value[] = [{ path, op: 'exists', value: true }];
  if (f.refuse.length) conditions.push({ path, op: 'not_in', value: f.refuse });
  return [
    { name: 'allowed actions only', conditions, on_deny: refusal(tool, f) },
    { name: 'minute rate limit', rate_limit: `${f.cap}/minute` },
  ];
}

/** PolicyLayer's `deny_if`: a call without the argument, or with a refused value, is refused; a cap on the rest. */
export function policyLayerActionRules(tool: string, f: ActionFence): PolicyLayerTool {
  const path = `args.${f.param}`;
  const on_deny = refusal(tool, f);
  const deny_if: NonNullable<PolicyLayerTool['deny_if']> = [{ conditions: [{ path, op: 'exists', value: false }], on_deny }];
  if (f.refuse.length) deny_if.push({ conditions: [{ path, op: 'in', value: f.refuse }], on_deny });
  return { deny_if, limits: [{ counter: `${tool}_rate`, window: 'minute', max: f.cap, scope: 'grant' }] };
}
