/**
 * The scan report: per configured server, what it matched, its riskiest tools and each tool's
 * decision; shown as a table, JSON (one document), Markdown or SARIF 2.1.0 for code-scanning
 * uploads; and the `--fail-on` test. Config errors and drift travel in the same report.
 */
import { RISKS, type Risk } from '../taxonomy.ts';
import type { ConfigError, ConfiguredServer } from './configs.ts';
import { decide, type Decision } from './decide.ts';
import type { Drift } from './lock.ts';
import { describeIdentity, type Match } from './match.ts';

export const FAIL_ON_VALUES = ['low', 'medium', 'high', 'critical', 'drift'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];
export const FORMAT_VALUES = ['table', 'json', 'markdown', 'sarif'] as const;
export type Format = (typeof FORMAT_VALUES)[number];

export type Origin = 'catalog' | 'crawled' | 'unknown';
export const CRAWLED_HERE = 'crawled here, not in the catalog';

export type ReportTool = { name: string; effect: string; risk: Risk; confidence: number; decision: Decision; flags: string[] };
export type ReportServer = {
  name: string;
  client: ConfiguredServer['client'];
  file: string;
  line: number | null;
  scope: string | null;
  runs: string;
  /**
   * Where its tools come from: the catalog, or a crawl of this scan (`--crawl`: crawled here, not
   * in the catalog); `unknown` when neither gave any.
   */
  origin: Origin;
  catalog: string | null;
  note: string | null;
  /** The highest risk among its tools; null when the catalog does not know the server. */
  risk: Risk | null;
  counts: Record<Decision, number>;
  tools: ReportTool[];
};
export type Report = {
  version: '1';
  catalogGeneratedAt: string;
  files: string[];
  errors: ConfigError[];
  servers: ReportServer[];
  drift: Drift[];
};

const rank = (r: Risk): number => RISKS[r].rank;

export function buildReport(matches: readonly Match[], files: string[], errors: ConfigError[], catalogGeneratedAt: string, drift: Drift[] = []): Report {
  const servers = matches.map((m): ReportServer => {
    const tools = (m.entry?.tools ?? [])
      .map((t) => ({ name: t.name, effect: t.effect, risk: t.risk, confidence: t.confidence, decision: decide(t), flags: t.flags }))
      // Riskiest first, then by name, so the order never depends on the catalog's.
      .sort((a, b) => rank(b.risk) - rank(a.risk) || a.name.localeCompare(b.name));
    const counts = { allow: 0, ask: 0, deny: 0 };
    for (const t of tools) counts[t.decision]++;
    return {
      name: m.server.name,
      client: m.server.client,
      file: m.server.file,
      line: m.server.line,
      scope: m.server.scope,
      runs: describeIdentity(m.identity),
      origin: m.crawled && m.entry ? 'crawled' : m.entry ? 'catalog' : 'unknown',
      catalog: m.crawled ? null : (m.entry?.slug ?? null),
      note: m.note,
      risk: tools[0]?.risk ?? null,
      counts,
      tools,
    };
  });
  return { version: '1', catalogGeneratedAt, files, errors, servers, drift };
}

/** Whether the report fails `--fail-on`: a tool at or above the risk, or any drift. */
export function fails(report: Report, failOn: FailOn | null): boolean {
  if (failOn === null) return false;
  if (failOn === 'drift') return report.drift.some((d) => d.added.length + d.removed.length + d.changed.length > 0);
  return report.servers.some((s) => s.risk !== null && rank(s.risk) >= rank(failOn));
}

const RISKIEST_SHOWN = 3;

function riskiest(s: ReportServer): string {
  if (!s.tools.length) return s.note ?? '';
  const shown = s.tools.slice(0, RISKIEST_SHOWN).map((t) => `${t.name} (${t.risk} ${t.effect}, ${t.decision})`);
  return shown.join(', ') + (s.tools.length > RISKIEST_SHOWN ? `, +${s.tools.length - RISKIEST_SHOWN} more` : '');
}

/** A plain-text table: one row per server. Third-party names are cut and stripped of controls. */
export function formatTable(report: Report): string {
  const clean = (s: string, max = 60) => {
    const t = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
  };
  const rows = report.servers.map((s) => [clean(s.name, 30), s.client, s.catalog ?? (s.origin === 'crawled' ? '(crawled here)' : '—'), s.risk ?? '?', `${s.counts.allow}/${s.counts.ask}/${s.counts.deny}`, clean(riskiest(s), 120)]);
  const head = ['SERVER', 'CLIENT', 'CATALOG', 'RISK', 'ALLOW/ASK/DENY', 'RISKIEST TOOLS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), ...rows.map(line)];
  for (const s of report.servers) if (s.note && s.origin !== 'unknown') out.push(`note: ${clean(s.name, 30)}: ${clean(s.note, 300)}`);
  for (const e of report.errors) out.push(`error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  for (const d of report.drift) out.push(...driftLines(d).map((l) => `drift: ${l}`));
  return `${out.join('\n')}\n`;
}

function driftLines(d: Drift): string[] {
  return [
    ...d.added.map((t) => `${d.server}: tool ${t} added`),
    ...d.removed.map((t) => `${d.server}: tool ${t} removed`),
    ...d.changed.map((c) => `${d.server}: tool ${c.tool} changed (${c.what.join(', ')})`),
  ];
}

/** Markdown for a pull-request comment or a job summary. */
export function formatMarkdown(report: Report): string {
  const cell = (s: string) => s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  const out = ['| Server | Client | Catalog | Risk | Allow / ask / deny | Riskiest tools |', '|---|---|---|---|---|---|'];
  for (const s of report.servers) {
    out.push(`| ${cell(s.name)} | ${s.client} | ${cell(s.catalog ?? (s.origin === 'crawled' ? CRAWLED_HERE : '—'))} | ${s.risk ?? '?'} | ${s.counts.allow} / ${s.counts.ask} / ${s.counts.deny} | ${cell(riskiest(s))} |`);
  }
  if (report.errors.length) out.push('', '**Config errors**', '', ...report.errors.map((e) => `- ${cell(e.file)}${e.line ? `:${e.line}` : ''}: ${cell(e.message)}`));
  const drift = report.drift.flatMap(driftLines);
  if (drift.length) out.push('', '**Drift**', '', ...drift.map((l) => `- ${cell(l)}`));
  return `${out.join('\n')}\n`;
}

const SARIF_LEVEL: Record<Risk, 'note' | 'warning' | 'error'> = { low: 'note', medium: 'warning', high: 'error', critical: 'error' };

/** SARIF 2.1.0: a result per server with a known risk, per unknown server, per config error and per drifted server. */
export function formatSarif(report: Report, relative: (file: string) => string = (f) => f): string {
  const rules = [
    ...(Object.keys(RISKS) as Risk[]).map((r) => ({ id: `mcp-risk/${r}`, shortDescription: { text: `MCP server with ${r}-risk tools` }, fullDescription: { text: RISKS[r].meaning } })),
    { id: 'mcp-risk/unknown-server', shortDescription: { text: 'MCP server not in the catalog' } },
    { id: 'mcp-risk/config-error', shortDescription: { text: 'MCP config that cannot be read' } },
    { id: 'mcp-risk/drift', shortDescription: { text: "MCP server whose tools changed since the lock file" } },
  ];
  const location = (file: string, line: number | null) => ({
    physicalLocation: { artifactLocation: { uri: relative(file) }, ...(line ? { region: { startLine: line } } : {}) },
  });
  const results = [
    ...report.servers.map((s) =>
      s.risk === null
        ? { ruleId: 'mcp-risk/unknown-server', level: 'warning', message: { text: `${s.name}: ${s.note ?? 'not in the catalog'}` }, locations: [location(s.file, s.line)] }
        : {
            ruleId: `mcp-risk/${s.risk}`,
            level: SARIF_LEVEL[s.risk],
            message: { text: `${s.name} (${s.origin === 'crawled' ? CRAWLED_HERE : s.catalog}): ${riskiest(s)}` },
            locations: [location(s.file, s.line)],
            properties: { origin: s.origin },
          },
    ),
    ...report.errors.map((e) => ({ ruleId: 'mcp-risk/config-error', level: 'error', message: { text: e.message }, locations: [location(e.file, e.line)] })),
    ...report.drift
      .filter((d) => driftLines(d).length)
      .map((d) => ({ ruleId: 'mcp-risk/drift', level: 'error', message: { text: driftLines(d).join('; ') }, locations: [location(d.file, null)] })),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'mcp-risk', rules } }, results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function formatReport(report: Report, format: Format, relative?: (file: string) => string): string {
  switch (format) {
    case 'table':
      return formatTable(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return formatMarkdown(report);
    case 'sarif':
      return formatSarif(report, relative);
  }
}
