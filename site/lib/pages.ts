/**
 * What each page shows, computed from the catalog once per page: the route files stay thin and
 * the work per tool page stays small (it runs 100,000 times on a large catalog).
 */
import { toPolicyLayer } from '../../src/policy/policylayer.ts';
import { serverPolicyDocument, toAllowlist, toClaudeCode, toInterceptYaml, toolPolicyDocument } from '../../src/policy/export.ts';
import type { Policy, ServerRecord, ToolRecord, ToolRule } from '../../src/schema.ts';
import { ACTIONS, EFFECTS, RISKS, type Effect, type Risk } from '../../src/taxonomy.ts';
import { scanEntry } from '../../src/scan/catalog.ts';
import { serverDecisions } from '../../src/scan/decide.ts';
import { hashJson } from '../../src/scan/files.ts';
import { choiceOf } from './builder.ts';
import { clientText, WRITE_CLIENT_VALUES, WRITE_CLIENTS, type WriteClient } from './formats.ts';
import { clip, displayJson, revealHidden } from './view.ts';

export type PolicyViews = { json: string; claudeCode: string; intercept: string; allowlist: string };

export function policyViews(server: Pick<ServerRecord, 'slug' | 'name'>, policy: Policy): PolicyViews {
  return {
    // PolicyLayer's dialect only: a loader that ignores unknown keys would read our `action` as allow.
    json: displayJson(toPolicyLayer(policy)),
    claudeCode: displayJson(toClaudeCode(server.slug, policy)),
    // The YAML writer escapes hidden characters itself: a name keeps its meaning and shows them.
    intercept: toInterceptYaml(server.name, policy),
    // A JSON list, so a name with hidden characters can be shown escaped and still mean itself.
    allowlist: displayJson(toAllowlist(server.slug, policy)),
  };
}

/** A tool page's policy.json: the tool's recommended rule under "default": "deny", in PolicyLayer's dialect. */
export function toolPolicyJson(tool: ToolRecord): string {
  return displayJson(toPolicyLayer(toolPolicyDocument(tool)));
}

export type ClientView = { client: WriteClient; label: string; file: string; text: string };

/**
 * One tool's permissions in every client's format, as `mcp-risk scan --write CLIENT` writes them
 * for a config naming the server by its catalog slug: the tool goes through the scan catalog's
 * own entry and the scan command's decision, so the page and the command cannot disagree.
 */
export function toolClientViews(record: ServerRecord, tool: ToolRecord): ClientView[] {
  const entry = scanEntry({ ...record, tools: [tool] }, undefined, hashJson);
  const decisions = [serverDecisions(record.slug, entry.tools)];
  return WRITE_CLIENT_VALUES.map((client) => ({ client, label: WRITE_CLIENTS[client].label, file: WRITE_CLIENTS[client].file, text: clientText(client, decisions) }));
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
export function ruleInWords(rule: Pick<ToolRule, 'action' | 'limits'>): string {
  const choice = choiceOf(rule);
  const limits = (rule.limits ?? []).map((l) => `${l.max} calls per ${l.window}`);
  const base = ACTIONS[choice].label;
  if (choice === 'deny') return base;
  return limits.length ? `${base}, at most ${limits.join(' and ')}` : base;
}

export type ActionRow = { value: string; effect: Effect; risk: Risk; rule: string | null };

/**
 * A multi-action tool's actions as its page lists them, riskiest first, each with its own rule in
 * words where the policy has one (formats that read arguments apply it); empty for other tools.
 */
export function actionRows(tool: Pick<ToolRecord, 'classification' | 'policy'>): ActionRow[] {
  const rules = tool.policy.actions?.rules;
  return (tool.classification.actions?.items ?? []).map((a) => {
    const rule = rules && Object.hasOwn(rules, a.value) ? rules[a.value]! : null;
    return { value: a.value, effect: a.effect, risk: a.risk, rule: rule ? ruleInWords(rule) : null };
  });
}

/** A tool page's meta description and JSON-LD: search engines and link previews read them. */
export function toolHead(server: Pick<ServerRecord, 'name' | 'provenance'>, tool: ToolRecord): { description: string; jsonLd: Record<string, unknown> } {
  const c = tool.classification;
  const description = clip(
    `${revealHidden(tool.name)} (${revealHidden(server.name)}): ${EFFECTS[c.effect].label.toLowerCase()} tool, ${RISKS[c.risk].label.toLowerCase()} risk. ${c.summary}`,
    300,
  );
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'TechArticle',
    headline: clip(`${revealHidden(tool.name)} — ${revealHidden(server.name)}`, 200),
    description,
    dateModified: server.provenance.crawledAt,
    about: { '@type': 'SoftwareApplication', name: clip(revealHidden(server.name), 200), applicationCategory: 'MCP server' },
  };
  return { description, jsonLd };
}

/** What a piece of evidence says, in words: an effect's label, or "no effect". */
export function saysLabel(says: string): string {
  return says in EFFECTS ? EFFECTS[says as keyof typeof EFFECTS].label : says === 'none' ? 'no effect' : says;
}
