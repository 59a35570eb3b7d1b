/**
 * `policy.json` in PolicyLayer's documented dialect only: `version`, `default`, `hide`,
 * `all_tools.limits`, and per tool `require`, `deny_if` and `limits`. Our own rule
 * shape carries `action` and `reason`, which that dialect does not know: a loader that ignores
 * unknown keys would read `{"action": "require_approval"}` under `default: deny` as a plain allow.
 * So a denied tool goes into `hide` (removed from the list, refused on call), a tool that needs
 * approval gets `deny_if` rules that together match every call, each with an `on_deny` saying a
 * person must run it, and explanations stay outside the document (the page shows them beside
 * it). No zod here: the policy builder runs this in the browser.
 */
import { ownCopy } from '../json.ts';
import { revealHidden } from '../reveal.ts';
import type { Policy } from '../schema.ts';
import { actionFence, policyLayerActionRules } from './actions.ts';
import type { PolicyLayerPolicy, PolicyLayerTool } from './policylayer-schema.ts';

export { PolicyLayerSchema, type PolicyLayerPolicy, type PolicyLayerTool } from './policylayer-schema.ts';

/**
 * Two rules that between them match every call: the argument is there, or it is not. Each rule
 * has one condition, so the pair matches whatever the call's arguments are, and nothing the agent
 * sends can slip past both; only documented paths and operators are used.
 */
const GATE_PATH = 'args.approval';

export function approvalRule(toolName: string): PolicyLayerTool {
  const on_deny = `${revealHidden(toolName)} needs a person's approval: run it outside the agent.`;
  return {
    deny_if: [true, false].map((present) => ({ conditions: [{ path: GATE_PATH, op: 'exists' as const, value: present }], on_deny })),
  };
}

export function toPolicyLayer(policy: Policy): PolicyLayerPolicy {
  const hide: string[] = [];
  const tools: [string, PolicyLayerTool][] = [];
  for (const [name, rule] of Object.entries(policy.tools)) {
    if (rule.action === 'deny') {
      hide.push(name);
      continue;
    }
    // A multi-action tool: refused by the value of its action argument, not as a whole.
    const fence = actionFence(rule);
    if (fence) {
      tools.push([name, policyLayerActionRules(name, fence)]);
      continue;
    }
    const limits = rule.limits?.length ? { limits: rule.limits } : {};
    tools.push([name, rule.action === 'require_approval' ? { ...approvalRule(name), ...limits } : limits]);
  }
  // The dialect has no approval default: a default asking for approval is read as deny.
  const out: PolicyLayerPolicy = { version: '1', default: policy.default === 'allow' ? 'allow' : 'deny', tools: ownCopy(tools) };
  if (hide.length) out.hide = hide;
  return out;
}
