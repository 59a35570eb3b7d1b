/**
 * The policy builder's logic, shared by the server page's script and the tests: a choice per tool
 * (allow, limit, require approval, deny) becomes a policy.json document of the shared shape.
 * Type-only imports keep the browser bundle free of zod.
 */
import { toPolicyLayer } from '../../src/policy/policylayer.ts';
import type { Policy, ToolRule } from '../../src/schema.ts';
import { escapeHiddenJson } from '../../src/reveal.ts';

export type Choice = 'allow' | 'limit' | 'require_approval' | 'deny';
export const CHOICES: readonly Choice[] = ['allow', 'limit', 'require_approval', 'deny'];

export const DEFAULT_LIMIT = 30;

/** The builder choice a rule amounts to: an action wins; no action with limits is "limit". */
export function choiceOf(rule: ToolRule): Choice {
  if (rule.action === 'deny' || rule.action === 'require_approval') return rule.action;
  if (rule.action === 'allow') return 'allow';
  return rule.limits?.length ? 'limit' : 'allow';
}

export function isChoice(value: string): value is Choice {
  return (CHOICES as readonly string[]).includes(value);
}

/**
 * The rule for one tool. Keeping the recommended choice keeps the recommended rule as it is,
 * reason and limits included; another choice gets a plain rule that says it was chosen by hand.
 */
export function ruleFor(name: string, choice: Choice, recommended: ToolRule, perMinute = DEFAULT_LIMIT): ToolRule {
  if (choice === choiceOf(recommended)) return recommended;
  const reason = 'Chosen in the policy builder.';
  switch (choice) {
    case 'allow':
      return { action: 'allow', reason };
    case 'limit': {
      const max = Number.isInteger(perMinute) && perMinute > 0 ? perMinute : DEFAULT_LIMIT;
      return { limits: [{ counter: `${name}_rate`, window: 'minute', max, scope: 'grant' }], reason };
    }
    case 'require_approval':
      return { action: 'require_approval', reason };
    case 'deny':
      return { action: 'deny', reason };
  }
}

export type BuilderRow = { name: string; choice: Choice; recommended: ToolRule };

/** The whole document: every tool's rule under "default": "deny", in the order the rows come. */
export function buildPolicy(rows: readonly BuilderRow[], perMinute = DEFAULT_LIMIT): Policy {
  const tools: Record<string, ToolRule> = {};
  for (const row of rows) {
    // defineProperty, so a tool named "__proto__" becomes a key rather than the object's prototype.
    Object.defineProperty(tools, row.name, {
      value: ruleFor(row.name, row.choice, row.recommended, perMinute),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { version: '1', default: 'deny', tools };
}

/**
 * A tool's name as a `data-` attribute carries it: JSON with every control and hidden character
 * escaped, so the value holds no character HTML would change (it turns a
 * raw NUL into U+FFFD and a carriage return into a line feed), and it parses back to the exact name.
 */
export function encodeName(name: string): string {
  return escapeHiddenJson(JSON.stringify(name));
}

/** The name an attribute written by encodeName holds, or null when it holds something else. */
export function decodeName(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The document as the page shows it: PolicyLayer's dialect, the same text format as the site's other policy documents. */
export function policyText(policy: Policy): string {
  return escapeHiddenJson(`${JSON.stringify(toPolicyLayer(policy), null, 2)}\n`);
}
