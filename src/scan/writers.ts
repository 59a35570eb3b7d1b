/**
 * Permissions in each client's own format, under the server names of the user's config. Every
 * writer starts from the same decisions (`decide.ts`): reads the catalog knows are allowed, writes
 * and deletes asked for, execution, account-wide destruction and poisoned tools denied, and a tool
 * the catalog does not know never allowed. Where a client has no "ask", asked-for tools are left
 * to its own confirmation (not allowed) or refused, whichever the format can say.
 */
import { stringify as toToml } from 'smol-toml';
import { ownCopy } from '../json.ts';
import { interceptActionRules, policyLayerActionRules } from '../policy/actions.ts';
import { approvalRule, type PolicyLayerPolicy, type PolicyLayerTool } from '../policy/policylayer.ts';
import { toYaml, type Value } from '../policy/yaml.ts';
import { escapeHiddenJson, replaceHidden, revealHidden } from '../reveal.ts';
import { READ_LIMIT_PER_MINUTE } from '../policy/recommend.ts';
import type { ServerDecisions } from './decide.ts';

export const WRITE_CLIENTS = {
  'claude-code': { label: 'Claude Code settings (permissions)', file: '.claude/settings.json' },
  cursor: { label: 'Cursor permissions.json (mcpAllowlist)', file: '.cursor/permissions.json' },
  vscode: { label: 'VS Code settings (tools never auto-approved)', file: '.vscode/settings.json' },
  codex: { label: 'Codex config.toml (enabled_tools / disabled_tools)', file: 'config.toml' },
  cline: { label: 'Cline / Roo MCP settings (alwaysAllow)', file: 'cline_mcp_settings.json' },
  intercept: { label: 'Intercept proxy policy (YAML, one per server)', file: '<server>.intercept.yaml' },
  policylayer: { label: 'policy.json in PolicyLayer\'s dialect (one per server)', file: '<server>.policy.json' },
  cedar: { label: 'ToolHive Cedar policies (one per server)', file: '<server>.cedar' },
  'docker-gateway': { label: 'Docker MCP gateway tools.yaml (enabled tools)', file: 'tools.yaml' },
} as const;
export type WriteClient = keyof typeof WRITE_CLIENTS;
export const WRITE_CLIENT_VALUES = Object.keys(WRITE_CLIENTS) as WriteClient[];
/** The formats that can hold a rate cap on an allowed tool; the others can only allow it outright. */
export const RATE_CAP_CLIENTS: readonly WriteClient[] = ['intercept', 'policylayer'];

/** One document to write: where (a suggested path), its text, and its value when it is data. */
export type Written = { path: string; text: string; value: unknown; syntax: 'json' | 'yaml' | 'toml' | 'cedar' };

/**
 * Documents as text with every hidden character of a third-party name written as an escape of
 * the format's own, so the file means the same and nothing in it is invisible to the person
 * reading it (YAML and Cedar writers escape for themselves).
 */
const json = (value: unknown): string => escapeHiddenJson(`${JSON.stringify(value, null, 2)}\n`);
const toml = (value: Record<string, unknown>): string =>
  // Names only reach TOML inside basic ("…") strings, where \uXXXX and \UXXXXXXXX are escapes.
  replaceHidden(toToml(value), 'text', (ch) => {
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });

/** The rate cap of an allowed tool: the person's own, or the standard one for reads. */
const capOf = (d: ServerDecisions, tool: string): number => d.caps?.get(tool) ?? READ_LIMIT_PER_MINUTE;

/** Claude Code keeps only letters, digits, `_` and `-` in the server and tool parts of a rule. */
export const claudePart = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');
export const claudeRule = (server: string, tool: string): string => `mcp__${claudePart(server)}__${claudePart(tool)}`;

/** A file name part from a user's server name. */
const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_') || 'server';

export function claudeCodeSettings(decisions: readonly ServerDecisions[]): { permissions: { allow: string[]; ask: string[]; deny: string[] } } {
  const permissions = { allow: [] as string[], ask: [] as string[], deny: [] as string[] };
  for (const d of decisions) for (const k of ['allow', 'ask', 'deny'] as const) permissions[k].push(...d[k].map((t) => claudeRule(d.server, t)));
  return { permissions };
}

export function cursorPermissions(decisions: readonly ServerDecisions[]): { mcpAllowlist: string[] } {
  return { mcpAllowlist: decisions.flatMap((d) => d.allow.map((t) => `${d.server}:${t}`)) };
}

/**
 * VS Code asks before every MCP tool call unless the person approves a tool; the setting it reads
 * marks tools that must never be auto-approved, so asked-for and denied tools get `false`.
 */
export function vscodeSettings(decisions: readonly ServerDecisions[]): Record<string, Record<string, boolean>> {
  const never = decisions.flatMap((d) => [...d.ask, ...d.deny].map((t) => [`mcp_${claudePart(d.server)}_${claudePart(t)}`, false] as const));
  return { 'chat.tools.eligibleForAutoApproval': ownCopy(never) };
}

/** Codex lists a server's tools as enabled or disabled; approval of enabled tools stays with Codex. */
export function codexConfig(decisions: readonly ServerDecisions[]): { mcp_servers: Record<string, { enabled_tools: string[]; disabled_tools: string[] }> } {
  return { mcp_servers: ownCopy(decisions.map((d) => [d.server, { enabled_tools: [...d.allow, ...d.ask], disabled_tools: [...d.deny] }])) };
}

export function clineSettings(decisions: readonly ServerDecisions[]): { mcpServers: Record<string, { alwaysAllow: string[] }> } {
  return { mcpServers: ownCopy(decisions.map((d) => [d.server, { alwaysAllow: [...d.allow] }])) };
}

/**
 * Intercept has no approval step: asked-for tools are refused with a message saying a person must
 * run them (a multi-action tool only for the actions that need a person: see policy/actions.ts);
 * denied tools are hidden and refused; allowed reads get a rate limit. Every rule uses
 * only the keys its loader reads, checked by `checkIntercept`.
 */
export function interceptPolicy(d: ServerDecisions): Record<string, Value> {
  const tools: [string, Value][] = [];
  for (const t of d.allow) tools.push([t, { rules: [{ name: 'read rate limit', rate_limit: `${capOf(d, t)}/minute` }] }]);
  for (const t of d.ask) {
    const fence = d.fences?.get(t);
    const rules: Value[] = fence ? interceptActionRules(t, fence) : [{ name: 'needs approval', action: 'deny', on_deny: `${revealHidden(t)} needs a person's approval: run it outside the agent` }];
    tools.push([t, { rules }]);
  }
  for (const t of d.deny) tools.push([t, { rules: [{ name: 'denied', action: 'deny', on_deny: `${revealHidden(t)} is denied by policy` }] }]);
  const doc: Record<string, Value> = { version: '1', description: `Policy for ${revealHidden(d.server)}`, default: 'deny' };
  if (d.deny.length) doc['hide'] = [...d.deny];
  doc['tools'] = ownCopy(tools);
  return doc;
}

export function policyLayerPolicy(d: ServerDecisions): PolicyLayerPolicy {
  const tools: [string, PolicyLayerTool][] = [
    ...d.allow.map((t): [string, PolicyLayerTool] => [t, { limits: [{ counter: `${t}_rate`, window: 'minute', max: capOf(d, t), scope: 'grant' }] }]),
    ...d.ask.map((t): [string, PolicyLayerTool] => {
      const fence = d.fences?.get(t);
      return [t, fence ? policyLayerActionRules(t, fence) : approvalRule(t)];
    }),
  ];
  const out: PolicyLayerPolicy = { version: '1', default: 'deny', tools: ownCopy(tools) };
  if (d.deny.length) out.hide = [...d.deny];
  return out;
}

/** A Cedar string literal: quotes, backslashes and every character outside printable ASCII escaped. */
export function cedarString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp < 0x20 || cp > 0x7e) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * ToolHive authorizes `call_tool` on `Tool::"<name>"` and denies what no policy permits. Allowed
 * tools are permitted by name; where the server's own annotation says read-only and our judgement
 * agrees, the permit also requires the annotation to still say so when the call is made. Denied
 * tools get an explicit `forbid`, which no other permit can override.
 */
export function cedarPolicies(d: ServerDecisions): string {
  const agreed = new Set(d.readOnlyAgreed);
  const lines = [`// ${revealHidden(d.server).replace(/[\r\n]/g, ' ')}: allowed reads by name; everything else is denied by default.`];
  for (const t of d.allow) {
    const head = `permit(principal, action == Action::"call_tool", resource == Tool::${cedarString(t)})`;
    lines.push(agreed.has(t) ? `${head}\nwhen { resource has readOnlyHint && resource.readOnlyHint == true };` : `${head};`);
  }
  for (const t of d.deny) lines.push(`forbid(principal, action == Action::"call_tool", resource == Tool::${cedarString(t)});`);
  return `${lines.join('\n')}\n`;
}

/** The gateway runs only the tools listed for a server, and has no approval step: reads only. */
export function dockerGatewayTools(decisions: readonly ServerDecisions[]): Record<string, string[]> {
  return ownCopy(decisions.map((d) => [d.server, [...d.allow]]));
}

/** Every document for one client. */
export function writeFor(client: WriteClient, decisions: readonly ServerDecisions[]): Written[] {
  const one = (value: unknown, syntax: Written['syntax'], text: string): Written[] => [{ path: WRITE_CLIENTS[client].file, text, value, syntax }];
  switch (client) {
    case 'claude-code': {
      const v = claudeCodeSettings(decisions);
      return one(v, 'json', json(v));
    }
    case 'cursor': {
      const v = cursorPermissions(decisions);
      return one(v, 'json', json(v));
    }
    case 'vscode': {
      const v = vscodeSettings(decisions);
      return one(v, 'json', json(v));
    }
    case 'codex': {
      const v = codexConfig(decisions);
      return one(v, 'toml', toml(v));
    }
    case 'cline': {
      const v = clineSettings(decisions);
      return one(v, 'json', json(v));
    }
    case 'docker-gateway': {
      const v = dockerGatewayTools(decisions);
      return one(v, 'yaml', toYaml(v));
    }
    case 'intercept':
      return decisions.map((d) => {
        const v = interceptPolicy(d);
        return { path: `${fileSafe(d.server)}.intercept.yaml`, text: `# Intercept policy (YAML): a different dialect from policy.json.\n${toYaml(v)}`, value: v, syntax: 'yaml' };
      });
    case 'policylayer':
      return decisions.map((d) => {
        const v = policyLayerPolicy(d);
        return { path: `${fileSafe(d.server)}.policy.json`, text: json(v), value: v, syntax: 'json' };
      });
    case 'cedar':
      return decisions.map((d) => ({ path: `${fileSafe(d.server)}.cedar`, text: cedarPolicies(d), value: null, syntax: 'cedar' }));
  }
}
