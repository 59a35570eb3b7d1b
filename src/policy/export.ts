/**
 * Policy documents and the formats people already run: Claude Code permissions, the Intercept
 * proxy's YAML and a plain `server:tool` allowlist for gateways. Pure: the site imports it.
 *
 * A tool's name is a key the client matches exactly, so the documents keep it exactly; their text
 * forms write its hidden characters as escapes of the format (JSON or YAML), which read as the same
 * name. Sentences made for people or models (a deny message, a description) quote names with
 * hidden characters revealed, so a message never replays a server's concealed text.
 */
import { ownCopy, stableJson } from '../json.ts';
import { escapeHiddenJson, revealHidden } from '../reveal.ts';
import { actionFence, interceptActionRules } from './actions.ts';
import { toYaml, type Value } from './yaml.ts';
import type { Policy, ServerRecord, ToolRecord } from '../schema.ts';

export { stableJson } from '../json.ts';

/** An export as JSON text: indented, and with every hidden character written as a \u escape. */
export function exportJson(value: unknown): string {
  return escapeHiddenJson(stableJson(value));
}

export function serverPolicyDocument(record: Pick<ServerRecord, 'tools'>): Policy {
  // Own properties, not assignment: a tool named "__proto__" keeps its rule.
  return { version: '1', default: 'deny', tools: ownCopy(record.tools.map((t) => [t.name, t.policy])) };
}

export function toolPolicyDocument(tool: Pick<ToolRecord, 'name' | 'policy'>): Policy {
  return { version: '1', default: 'deny', tools: { [tool.name]: tool.policy } };
}

/** Claude Code names MCP tools `mcp__<server>__<tool>`; the server part is the name the user gave it. */
export function claudeCodeName(serverSlug: string, toolName: string): string {
  return `mcp__${serverSlug}__${toolName}`;
}

export function toClaudeCode(serverSlug: string, policy: Policy): { permissions: { allow: string[]; ask: string[]; deny: string[] } } {
  const permissions = { allow: [] as string[], ask: [] as string[], deny: [] as string[] };
  for (const [name, rule] of Object.entries(policy.tools)) {
    const id = claudeCodeName(serverSlug, name);
    if (rule.action === 'deny') permissions.deny.push(id);
    else if (rule.action === 'require_approval') permissions.ask.push(id);
    else permissions.allow.push(id);
  }
  // Claude Code has no rate limits: limited tools are allowed and the limits are left to a proxy.
  return { permissions };
}

/**
 * Intercept has no approval step: a tool that needs approval is denied there with a message that
 * says so, which is the safe reading of the rule; a multi-action tool is fenced by its argument
 * instead (policy/actions.ts), so its reads still go through.
 */
export function toInterceptYaml(serverName: string, policy: Policy): string {
  const hide: string[] = [];
  // No prototype, so a tool named "__proto__" is a key like any other.
  const tools: Record<string, { rules: Value[] }> = Object.create(null);
  for (const [name, rule] of Object.entries(policy.tools)) {
    const fence = actionFence(rule);
    if (fence) {
      tools[name] = { rules: interceptActionRules(name, fence) };
      continue;
    }
    if (rule.action === 'deny' || rule.action === 'require_approval') {
      if (rule.action === 'deny') hide.push(name);
      const shown = revealHidden(name);
      const onDeny = rule.action === 'deny' ? `${shown} is denied by policy` : `${shown} needs a person's approval: run it outside the agent`;
      tools[name] = { rules: [{ name: rule.action === 'deny' ? 'deny' : 'requires approval', action: 'deny', on_deny: onDeny }] };
      continue;
    }
    const rules = (rule.limits ?? [])
      .filter((l) => l.window !== 'second')
      .map((l) => ({ name: `${l.window} rate limit`, rate_limit: `${l.max}/${l.window}` }));
    tools[name] = { rules };
  }
  const doc: Record<string, Value> = { version: '1', description: `Policy for ${revealHidden(serverName)}`, default: policy.default === 'allow' ? 'allow' : 'deny' };
  if (hide.length) doc['hide'] = hide;
  doc['tools'] = tools;
  return toYaml(doc);
}

/** Tools a gateway may let through (`server:tool`): everything not denied. */
export function toAllowlist(serverSlug: string, policy: Policy): string[] {
  return Object.entries(policy.tools)
    .filter(([, rule]) => rule.action !== 'deny')
    .map(([name]) => `${serverSlug}:${name}`);
}
