/**
 * Checks every written document passes before it is shown or written, stricter than the formats'
 * own schemas where a client silently ignores what it does not honour: Claude Code drops `mcp__*`
 * wildcards in `allow` and MCP rules with parentheses, and Intercept's loader ignores unknown keys,
 * so a misspelt rule would mean "allow". Each check returns the problems, empty when none.
 */
import { PolicyLayerSchema } from '../policy/policylayer.ts';
import type { ServerDecisions } from './decide.ts';
import type { Written, WriteClient } from './writers.ts';

const CLAUDE_MCP_RULE = /^mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Claude Code rules that it honours for MCP tools: one server, one tool, no wildcard, no arguments. */
export function checkClaudeCode(doc: unknown): string[] {
  const problems: string[] = [];
  const permissions = isObject(doc) ? doc['permissions'] : undefined;
  if (!isObject(permissions)) return ['no "permissions" object'];
  for (const list of ['allow', 'ask', 'deny'] as const) {
    const rules = permissions[list];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      problems.push(`permissions.${list} is not a list`);
      continue;
    }
    for (const rule of rules) {
      if (typeof rule !== 'string') problems.push(`permissions.${list}: ${JSON.stringify(rule)} is not a string`);
      else if (!rule.startsWith('mcp__')) continue;
      else if (rule.includes('(')) problems.push(`permissions.${list}: ${rule}: MCP rules take no parentheses`);
      else if (list === 'allow' && rule.includes('*')) problems.push(`permissions.allow: ${rule}: wildcards in allow are ignored`);
      else if (!CLAUDE_MCP_RULE.test(rule) && !(list !== 'allow' && /^mcp__[A-Za-z0-9_-]+$/.test(rule))) problems.push(`permissions.${list}: ${rule}: not mcp__<server>__<tool>`);
    }
  }
  return problems;
}

const INTERCEPT_TOP = new Set(['version', 'description', 'default', 'hide', 'tools']);
const INTERCEPT_RULE = new Set(['name', 'action', 'rate_limit', 'conditions', 'on_deny', 'state']);

/** An Intercept policy whose every rule means what it says to a loader that ignores unknown keys. */
export function checkIntercept(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['not a mapping'];
  for (const k of Object.keys(doc)) if (!INTERCEPT_TOP.has(k)) problems.push(`unknown top-level key "${k}"`);
  if (doc['version'] !== '1') problems.push('version is not "1"');
  if (doc['default'] !== undefined && doc['default'] !== 'allow' && doc['default'] !== 'deny') problems.push('default is not allow or deny');
  if (doc['hide'] !== undefined && !(Array.isArray(doc['hide']) && doc['hide'].every((h) => typeof h === 'string'))) problems.push('hide is not a list of names');
  if (!isObject(doc['tools'])) return [...problems, 'no "tools" mapping'];
  for (const [tool, entry] of Object.entries(doc['tools'])) {
    const where = `tools.${tool}`;
    if (!isObject(entry) || !Array.isArray(entry['rules'])) {
      problems.push(`${where}: no "rules" list`);
      continue;
    }
    for (const k of Object.keys(entry)) if (k !== 'rules') problems.push(`${where}: unknown key "${k}"`);
    entry['rules'].forEach((rule: unknown, i: number) => {
      const at = `${where}.rules[${i}]`;
      if (!isObject(rule)) {
        problems.push(`${at}: not a mapping`);
        return;
      }
      for (const k of Object.keys(rule)) if (!INTERCEPT_RULE.has(k)) problems.push(`${at}: unknown key "${k}" (ignored by the loader)`);
      if (typeof rule['name'] !== 'string' || !rule['name']) problems.push(`${at}: no name`);
      const action = rule['action'] ?? 'evaluate';
      if (action !== 'evaluate' && action !== 'deny') problems.push(`${at}: action "${String(action)}" is not evaluate or deny`);
      if (action === 'deny' && (rule['conditions'] !== undefined || rule['rate_limit'] !== undefined)) problems.push(`${at}: a deny rule takes no conditions or rate_limit`);
      if (action === 'evaluate' && rule['conditions'] === undefined && rule['rate_limit'] === undefined) problems.push(`${at}: an evaluate rule needs conditions or rate_limit`);
      if (rule['rate_limit'] !== undefined) {
        if (typeof rule['rate_limit'] !== 'string' || !/^[1-9][0-9]*\/(minute|hour|day)$/.test(rule['rate_limit'])) problems.push(`${at}: rate_limit is not <count>/<minute|hour|day>`);
        if (rule['conditions'] !== undefined || rule['state'] !== undefined) problems.push(`${at}: rate_limit cannot be combined with conditions or state`);
      }
    });
  }
  return problems;
}

/** A policy.json of PolicyLayer's documented shape, no other key anywhere. */
export function checkPolicyLayer(doc: unknown): string[] {
  const parsed = PolicyLayerSchema.safeParse(doc);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const hidden = new Set(parsed.data.hide ?? []);
  return Object.keys(parsed.data.tools)
    .filter((t) => hidden.has(t))
    .map((t) => `tools.${t}: also hidden`);
}

/** The documents' own checks, by client; formats with no check of their own here return nothing. */
export function checkWritten(client: WriteClient, written: readonly Written[]): string[] {
  const check = client === 'claude-code' ? checkClaudeCode : client === 'intercept' ? checkIntercept : client === 'policylayer' ? checkPolicyLayer : null;
  if (!check) return [];
  return written.flatMap((w) => check(w.value).map((p) => `${w.path}: ${p}`));
}

/** Decisions never allow a tool outside `allow`: the invariant every writer relies on. */
export function allowedTools(decisions: readonly ServerDecisions[]): Set<string> {
  return new Set(decisions.flatMap((d) => d.allow.map((t) => `${d.server}\u0000${t}`)));
}
