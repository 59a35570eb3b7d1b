/**
 * What each page shows, computed from the catalog once per page: the route files stay thin and
 * the work per tool page stays small (it runs 100,000 times on a large catalog).
 */
import { serverPolicyDocument, toClaudeCode, toInterceptYaml, toolPolicyDocument } from '../../src/policy/export.ts';
import type { Policy, ServerRecord, ToolRecord, ToolRule } from '../../src/schema.ts';
import { ACTIONS } from '../../src/taxonomy.ts';
import { choiceOf } from './builder.ts';
import { displayJson } from './view.ts';

export type PolicyViews = { json: string; claudeCode: string; intercept: string };

export function policyViews(server: Pick<ServerRecord, 'slug' | 'name'>, policy: Policy): PolicyViews {
  return {
    json: displayJson(policy),
    claudeCode: displayJson(toClaudeCode(server.slug, policy)),
    intercept: toInterceptYaml(server.name, policy),
  };
}

export function toolPolicyViews(server: Pick<ServerRecord, 'slug' | 'name'>, tool: ToolRecord): PolicyViews {
  return policyViews(server, toolPolicyDocument(tool));
}

/**
 * The server's policy as the site shows it: rebuilt from the tools, so every tool has its rule
 * even when a name (such as "__proto__") did not survive as a key of the stored document.
 */
export function serverPolicy(record: ServerRecord): Policy {
  const tools: Record<string, ToolRule> = {};
  for (const t of record.tools) {
    Object.defineProperty(tools, t.name, { value: t.policy, enumerable: true, writable: true, configurable: true });
  }
  return { ...serverPolicyDocument({ tools: [] }), tools };
}

/** "Allow, up to 120 calls a minute" — the rule in words. */
export function ruleInWords(rule: ToolRule): string {
  const choice = choiceOf(rule);
  const limits = (rule.limits ?? []).map((l) => `${l.max} calls a ${l.window}`);
  const base = ACTIONS[choice].label;
  if (choice === 'deny') return base;
  return limits.length ? `${base}, at most ${limits.join(' and ')}` : base;
}
