/**
 * The baseline for the site build: the same tool pages, server pages, pages of servers not
 * listed yet, server records, catalog index and sitemaps, written with template strings and no framework. It reads the catalog
 * through the site's own loader (so it validates every record too), uses the same view helpers
 * and escapes every string the way Astro does (& < > " '), then writes each file. What it leaves
 * out is what a framework adds: routing, components, bundling, and Astro's start-up.
 *
 *   tsx bench/plain-writer.ts CATALOG_DIR OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJson } from '../src/policy/export.ts';
import { escapeHiddenJson } from '../src/reveal.ts';
import type { Attempt, ServerRecord, ToolRecord, Unlisted } from '../src/schema.ts';
import { DOMAINS, EFFECT_VALUES, EFFECTS, FLAGS, RISK_VALUES, RISKS, SIGNALS, TRANSPORTS, UNLISTED_CAUSES, type Risk } from '../src/taxonomy.ts';
import { CHOICES, choiceOf, encodeName } from '../site/lib/builder.ts';
import { loadCatalog, type ServerEntry } from '../site/lib/catalog.ts';
import { catalogIndex, sitemapUrls } from '../site/lib/data.ts';
import { parseInline, parseMarkdown, type Inline } from '../site/lib/markdown.ts';
import { CAUSE_HELP, suggestedSource } from '../site/lib/unlisted.ts';
import { toPolicyLayer } from '../src/policy/policylayer.ts';
import { policyViews, ruleInWords, saysLabel, serverPolicy, toolClientViews, toolHead, toolPolicyJson } from '../site/lib/pages.ts';
import {
  annotationRows,
  clip,
  confidenceBand,
  displayJson,
  formatDate,
  formatDateTime,
  formatDuration,
  jsonForScript,
  otherAnnotations,
  parameterRows,
  percent,
  plural,
  revealHidden,
  riskSegments,
  safeHref,
  serverPath,
  shown,
  shownHtml,
  toolPath,
  esc as escapeHtml,
} from '../site/lib/view.ts';
import { SITEMAP_CHUNK, sitemap } from '../site/lib/xml.ts';
import { ACTIONS } from '../src/taxonomy.ts';

const SITE = new URL('https://mcp-risk-catalog.example');

const esc = (value: unknown): string => escapeHtml(String(value));
/** Third-party text as the Shown component prints it. */
const show = shownHtml;

function layout(title: string, description: string, path: string, body: string, jsonLd?: unknown): string {
  const canonical = new URL(path, SITE).href;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${esc(`${title} · MCP Tool Risk Catalog`)}</title><meta name="description" content="${esc(description)}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="canonical" href="${esc(canonical)}"><link rel="alternate" type="application/atom+xml" title="Tool changes" href="/changes.xml"><meta property="og:site_name" content="MCP Tool Risk Catalog"><meta property="og:type" content="article"><meta property="og:title" content="${esc(title)}"><meta property="og:description" content="${esc(description)}"><meta property="og:url" content="${esc(canonical)}"><meta name="twitter:card" content="summary">${jsonLd === undefined ? '' : `<script type="application/ld+json">${jsonForScript(jsonLd)}</script>`}<link rel="stylesheet" href="/_astro/global.css"><script type="module" src="/_astro/page.js"></script></head><body><a class="skip" href="#main">Skip to content</a><header class="site-header"><div class="inner"><a class="brand" href="/">MCP Tool Risk Catalog</a><nav aria-label="Site"><ul><li><a href="/servers/">Servers</a></li><li><a href="/search/">Search</a></li><li><a href="/methodology/">Methodology</a></li></ul></nav></div></header><main id="main" tabindex="-1">${body}</main><footer class="site-footer"><div class="inner"><p>An open catalog of what MCP server tools can do, how risky each call is, and a policy to fence it in. Data: <a href="/catalog.json">catalog.json</a> · <a href="/schema/server-record.json">record schema</a> · <a href="/schema/policy.json">policy schema</a> · <a href="/changes.xml">changes feed</a>.</p></div></footer></body></html>`;
}

const riskBadge = (risk: Risk) => `<span class="badge risk-${risk}" title="${esc(RISKS[risk].meaning)}">${esc(RISKS[risk].label)}</span>`;
const effectBadge = (effect: keyof typeof EFFECTS) => `<span class="badge effect" title="${esc(EFFECTS[effect].meaning)}">${esc(EFFECTS[effect].label)}</span>`;

function codeBlock(id: string, heading: string, text: string, language = 'json', download?: string): string {
  return `<div class="code-block"><div class="bar"><h3 id="${id}-title">${esc(heading)}</h3><span><button type="button" data-copy="${id}" hidden>Copy</button>${download ? `<button type="button" data-download="${id}" data-filename="${esc(download)}" hidden>Download</button>` : ''}<span class="muted" role="status" data-copy-status="${id}"></span></span></div><pre id="${id}" aria-labelledby="${id}-title" tabindex="0" data-language="${language}"><code>${esc(text)}</code></pre></div>`;
}

export function toolPage(entry: ServerEntry, tool: ToolRecord): string {
  const server = entry.record;
  const c = tool.classification;
  const name = show(tool.name, 200);
  const serverName = show(server.name, 200);
  const band = confidenceBand(c.confidence);
  const params = parameterRows(tool.inputSchema);
  const annotations = annotationRows(tool.annotations, c);
  const otherHints = otherAnnotations(tool.annotations);
  const policyJson = toolPolicyJson(tool);
  const clients = toolClientViews(server, tool)
    .map((v) => `<details class="code-block" data-client="${v.client}"><summary>${esc(v.label)} <span class="muted">(${esc(v.file)})</span></summary><div class="bar"><button type="button" data-copy="policy-${v.client}" hidden>Copy</button><span class="muted" role="status" data-copy-status="policy-${v.client}"></span></div><pre id="policy-${v.client}" tabindex="0" aria-label="${esc(v.label)}"><code>${esc(v.text)}</code></pre></details>`)
    .join('');
  const others = entry.briefs.filter((b) => b.slug !== tool.slug);
  const p = server.provenance;
  const repo = safeHref(server.repository);
  const homepage = safeHref(server.homepage);
  const description = show(tool.description, 4000, 'text');
  const { description: metaDescription, jsonLd } = toolHead(server, tool);
  const evidence = [...c.evidence]
    .sort((a, b) => b.weight - a.weight)
    .map((e) => `<li><strong>${esc(SIGNALS[e.signal].label)}</strong> → ${esc(saysLabel(e.says))} <span class="muted">(weight ${percent(e.weight)})</span>: ${show(e.detail, 400)}</li>`)
    .join('');
  const flags = c.flags.length
    ? `<dl class="facts">${c.flags.map((f) => `<dt>${esc(FLAGS[f].label)}</dt><dd>${esc(FLAGS[f].meaning)}</dd>`).join('')}</dl>`
    : '<p class="muted">No flags.</p>';
  const paramRows = params.rows
    .map(
      (r) =>
        `<tr><td><code>${show(r.name)}</code></td><td>${show(r.type)}</td><td>${r.required ? 'yes' : 'no'}</td><td>${show(r.description, Infinity, 'text')}${r.details ? `<span class="muted">${r.description ? ' — ' : ''}${show(r.details)}</span>` : ''}</td></tr>`,
    )
    .join('');
  const annotationTable = annotations
    .map((a) => `<tr><td><code>${esc(a.hint)}</code></td><td>${esc(a.server)}</td><td>${esc(a.ours)}${a.agrees === false ? '<strong> (disagrees)</strong>' : ''}</td><td>${esc(a.meaning)}</td></tr>`)
    .join('');
  const otherList = others
    .slice(0, 25)
    .map((o) => `<li><a href="${esc(toolPath(server.slug, o.slug))}"><code>${show(o.name, 120)}</code></a> <span class="badge risk-${o.risk}">${esc(RISKS[o.risk].label)}</span></li>`)
    .join('');
  const pkg = server.package ? ` (npm package <code>${show(server.package, 200)}</code>)` : '';
  const body = `<nav class="crumbs" aria-label="Breadcrumbs"><a href="/servers/">Servers</a> › <a href="${esc(serverPath(server.slug))}">${serverName}</a> › <span aria-current="page">${name}</span></nav>
<article>
<header><h1><code>${name}</code></h1><p class="lede">A tool of the <a href="${esc(serverPath(server.slug))}">${serverName}</a> MCP server${tool.title ? ` — “${show(tool.title, 200)}”` : ''}.</p></header>
<section class="verdict" aria-label="Verdict"><div><strong>Effect:</strong> ${effectBadge(c.effect)}<p>${esc(EFFECTS[c.effect].meaning)}</p></div><div><strong>Risk:</strong> ${riskBadge(c.risk)}<p>${esc(RISKS[c.risk].meaning)}</p></div><div><strong>Confidence:</strong> ${percent(c.confidence)} (${band.word})<p>Answers this confident were right about ${percent(c.confidence)} of the time when measured: ${esc(band.meaning)}.</p></div></section>
<section aria-labelledby="what"><h2 id="what">What it does</h2><p>${show(c.summary, 600)}</p>${c.domains.length ? `<p>Works with: ${esc(c.domains.map((d) => DOMAINS[d].label).join(', '))}.</p>` : ''}<h3>The server’s description</h3>${description ? `<p class="description">${description}</p>` : '<p class="muted">The server gives no description for this tool.</p>'}${tool.description.length > 4000 ? `<p class="muted">Cut for display: the full text (${tool.description.length.toLocaleString('en-US')} characters) is in the <a href="/servers/${esc(server.slug)}.json">server record</a>.</p>` : ''}</section>
<section aria-labelledby="why"><h2 id="why">Why it needs a policy</h2><p>The signals that decided, strongest first:</p><ul>${evidence}</ul><h3>How sure we are</h3><p>Confidence is ${percent(c.confidence)} (${band.word}): ${esc(band.meaning)}. It grows with how far the winning effect leads and how many kinds of signal agree (<a href="/methodology/#confidence">how it is computed</a>).${c.doubts.length ? ' What lowered it:' : ' Nothing lowered it.'}</p>${c.doubts.length ? `<ul>${c.doubts.map((d) => `<li>${show(d, 400)}</li>`).join('')}</ul>` : ''}<h3>Flags</h3>${flags}</section>
<section aria-labelledby="params"><h2 id="params">Input parameters</h2>${params.rows.length ? `<div class="table-wrap"><table class="params"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>${paramRows}</tbody></table></div>` : ''}${params.more > 0 ? `<p class="muted">And ${esc(plural(params.more, 'more parameter'))}: see the <a href="/servers/${esc(server.slug)}.json">server record</a>.</p>` : ''}${params.note ? `<p class="muted">${esc(params.note)}</p>` : ''}</section>
<section aria-labelledby="annotations"><h2 id="annotations">MCP annotations</h2><p>What the server declares about the tool, beside what we concluded. Annotations are the server’s own claims: strong evidence, never blind truth.</p><div class="table-wrap"><table><thead><tr><th scope="col">Hint</th><th scope="col">Server declares</th><th scope="col">Our judgement</th><th scope="col">Meaning</th></tr></thead><tbody>${annotationTable}</tbody></table></div>${otherHints.length ? `<div>Other annotations the server declares: <ul class="inline-list">${otherHints.map(([k, v]) => `<li><code>${show(k, 60)}</code> = <code>${show(v)}</code></li>`).join('')}</ul>.</div>` : ''}</section>
<section aria-labelledby="policy"><h2 id="policy">Recommended policy</h2><p><strong>${esc(ruleInWords(tool.policy))}.</strong> ${tool.policy.reason ? show(tool.policy.reason, 400) : ''}</p>${codeBlock('policy-json', 'policy.json', policyJson)}</section><section aria-labelledby="clients"><h2 id="clients">Permissions for your client</h2><p>The same rule in each client's own format, as <code>mcp-risk scan --write CLIENT</code> writes it: a read the catalog knows is allowed, a write or delete is asked for (or left to the client's own confirmation where it cannot ask), and execution is denied. They name the server <code>${show(server.slug, 200)}</code>, its name in this catalog: <strong>replace it with the name your own config gives the server.</strong></p>${clients}</section>
<section aria-labelledby="others"><h2 id="others">Other tools of ${serverName}</h2>${others.length ? `<ul>${otherList}</ul>` : '<p class="muted">This is the server’s only tool.</p>'}${others.length > 25 ? `<p><a href="${esc(serverPath(server.slug))}">All ${esc(plural(server.tools.length, 'tool'))} of the server</a></p>` : ''}</section>
<section aria-labelledby="faq"><h2 id="faq">Questions</h2><h3>How do I block ${name}?</h3><p>Give it <code>{"action": "deny"}</code> in your policy.json, or leave it out: the documents here use <code>"default": "deny"</code>, so a tool without a rule is refused. In Claude Code, list <code>mcp__${esc(server.slug)}__${name}</code> under <code>permissions.deny</code>.</p><h3>How do I rate-limit it?</h3><p>Give its rule a limit, for example <code>"limits": [{"counter": "…", "window": "minute", "max": 30, "scope": "grant"}]</code>; Intercept writes the same as <code>rate_limit: 30/minute</code>.</p><h3>Who provides it?</h3><p>${server.vendor ? `${show(server.vendor, 200)}, through` : 'It comes with'} the <a href="${esc(serverPath(server.slug))}">${serverName}</a> server${pkg}.${repo ? ` Source: <a href="${esc(repo)}" rel="nofollow noopener">${esc(clip(repo, 200))}</a>.` : ''}${homepage ? ` Home page: <a href="${esc(homepage)}" rel="nofollow noopener">${esc(clip(homepage, 200))}</a>.` : ''}</p><h3>Where and when was it crawled?</h3><p>${p.method === 'live' ? `Live: we started the server${pkg} over ${server.transport === 'http' || server.transport === 'sse' ? 'HTTP' : 'stdio'} and listed its tools` : 'From a recorded snapshot of the server’s tool list'} on ${esc(formatDateTime(p.crawledAt))}${p.serverInfo ? `, server version <code>${show(p.serverInfo.version, 80)}</code>` : ''}${p.snapshotSource && p.method === 'snapshot' ? ` (${show(p.snapshotSource, 300)})` : ''}.${p.stale ? ` The last attempt on ${esc(formatDate(p.lastAttemptAt))} failed, so this is the last good list.` : ''}</p></section></article>`;
  return layout(`${shown(tool.name, 120)} (${shown(server.name, 80)}): ${RISKS[c.risk].label} risk`, metaDescription, toolPath(server.slug, tool.slug), body, jsonLd);
}

function inlines(items: Inline[]): string {
  return items
    .map((i) => (i.kind === 'code' ? `<code>${esc(i.text)}</code>` : i.kind === 'em' ? `<em>${esc(i.text)}</em>` : i.kind === 'strong' ? `<strong>${esc(i.text)}</strong>` : i.kind === 'link' ? `<a href="${esc(i.href)}" rel="nofollow noopener">${esc(i.text)}</a>` : esc(i.text)))
    .join('');
}

function markdown(source: string): string {
  return parseMarkdown(source)
    .map((b) =>
      b.kind === 'code' ? `<pre><code>${esc(b.text)}</code></pre>` : b.kind === 'list' ? `<${b.ordered ? 'ol' : 'ul'}>${b.items.map((it) => `<li>${inlines(it)}</li>`).join('')}</${b.ordered ? 'ol' : 'ul'}>` : `<p>${inlines(b.inlines)}</p>`,
    )
    .join('');
}

function riskMix(counts: Record<Risk, number>, label: string): string {
  const total = RISK_VALUES.reduce((n, r) => n + counts[r], 0);
  const summary = RISK_VALUES.filter((r) => counts[r]).map((r) => `${counts[r]} ${RISKS[r].label.toLowerCase()}`).join(', ');
  const rects = riskSegments(counts)
    .map((s) => `<rect class="fill-${s.risk}" x="${s.x}" y="0" width="${s.width}" height="6"><title>${esc(`${RISKS[s.risk].label}: ${plural(s.count, 'tool')}`)}</title></rect>`)
    .join('');
  const legend = RISK_VALUES.map((r) => `<li><span class="badge risk-${r}">${esc(RISKS[r].label)}</span> ${counts[r].toLocaleString('en-US')}</li>`).join('');
  return `<figure class="risk-mix"><svg class="chart" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(`${label}: ${summary || 'no tools'}`)}">${rects}</svg><figcaption><ul class="legend">${legend}<li class="muted">of ${esc(plural(total, 'tool'))}</li></ul></figcaption></figure>`;
}

export function serverPage(entry: ServerEntry): string {
  const record = entry.record;
  const p = record.provenance;
  const name = show(record.name, 200);
  const views = policyViews(record, serverPolicy(record));
  const repo = safeHref(record.repository);
  const homepage = safeHref(record.homepage);
  const slugByName = new Map(record.tools.map((t) => [t.name, t.slug]));
  const toolName = (n: string, slug: string | undefined) => (slug ? `<a href="${esc(toolPath(record.slug, slug))}"><code>${show(n, 120)}</code></a>` : `<code>${show(n, 120)}</code>`);
  const effectCounts = EFFECT_VALUES.map((e) => `${record.tools.filter((t) => t.classification.effect === e).length} ${EFFECTS[e].label.toLowerCase()}`).join(', ');
  const description = clip(
    `${revealHidden(record.name)}: ${plural(record.tools.length, 'MCP tool')}, ${entry.riskCounts.critical} critical and ${entry.riskCounts.high} high risk. Effects, risks and a recommended policy.json for each.`,
    300,
  );
  const facts = [
    ['Method', esc(p.method === 'live' ? 'Live crawl: the server was started and asked for its tools' : 'Recorded snapshot of the tool list')],
    ['When', esc(formatDateTime(p.crawledAt))],
    ['Transport', esc(`${record.transport}: ${TRANSPORTS[record.transport]}`)],
    ...(p.serverInfo ? [['Server reports', `<code>${show(p.serverInfo.name, 120)}</code> version <code>${show(p.serverInfo.version, 60)}</code>`]] : []),
    ...(p.protocolVersion ? [['Protocol', show(p.protocolVersion, 40)]] : []),
    ...(p.snapshotSource ? [['Snapshot', show(p.snapshotSource, 400)]] : []),
    ['Status', esc(`${p.stale ? 'stale (the last attempt failed)' : 'current'}${p.truncated ? ', cut by a size cap' : ''}`)],
  ]
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`)
    .join('');
  const rows = record.tools
    .map((t, i) => {
      const c = t.classification;
      return `<tr data-index="${i}" data-name="${esc(revealHidden(t.name).toLowerCase())}" data-effect="${c.effect}" data-risk="${c.risk}" data-risk-rank="${RISKS[c.risk].rank}" data-effect-rank="${EFFECT_VALUES.indexOf(c.effect)}" data-confidence="${c.confidence}"><td><a href="${esc(toolPath(record.slug, t.slug))}"><code>${show(t.name, 120)}</code></a></td><td>${effectBadge(c.effect)}</td><td>${riskBadge(c.risk)}</td><td>${percent(c.confidence)}</td><td>${esc(ruleInWords(t.policy))}</td></tr>`;
    })
    .join('');
  const builderRows = record.tools
    .map((t, i) => {
      const rec = choiceOf(t.policy);
      const options = CHOICES.map((ch) => `<option value="${ch}"${ch === rec ? ' selected' : ''}>${esc(ACTIONS[ch].label)}${ch === rec ? ' (recommended)' : ''}</option>`).join('');
      return `<tr data-index="${i}"><td><label for="choice-${i}"><code>${show(t.name, 120)}</code></label></td><td>${riskBadge(t.classification.risk)}</td><td><select id="choice-${i}" data-tool="${esc(encodeName(t.name))}" data-recommended="${rec}">${options}</select></td></tr>`;
    })
    .join('');
  const changes = record.changelog.length
    ? `<ul>${record.changelog
        .slice(0, 20)
        .map(
          (c) =>
            `<li><strong>${esc(formatDate(c.at))}</strong><dl class="facts">${(
              [
                ['Added', c.added],
                ['Removed', c.removed],
                ['Changed', c.changed],
              ] as const
            )
              .filter(([, names]) => names.length)
              .map(([what, names]) => `<dt>${what}</dt><dd><ul class="inline-list">${names.slice(0, 20).map((n) => `<li>${toolName(n, what === 'Removed' ? undefined : slugByName.get(n))}</li>`).join('')}</ul></dd>`)
              .join('')}</dl></li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">No changes since the first crawl.</p>';
  const body = `<nav class="crumbs" aria-label="Breadcrumbs"><a href="/servers/">Servers</a> › <span aria-current="page">${name}</span></nav><h1>${name}</h1><p class="lede">${esc(plural(record.tools.length, 'tool'))}${record.vendor ? `, provided by ${show(record.vendor, 200)}` : ''}.</p><ul class="inline-list links">${repo ? `<li><a href="${esc(repo)}" rel="nofollow noopener">Source</a></li>` : ''}${homepage ? `<li><a href="${esc(homepage)}" rel="nofollow noopener">Home page</a></li>` : ''}<li><a href="/servers/${esc(record.slug)}.json">Record (JSON)</a></li></ul>
<section aria-labelledby="about"><h2 id="about">About</h2>${record.about.trim() ? markdown(record.about) : '<p class="muted">No description of the server yet.</p>'}${record.domains.length ? `<p>Domains: ${esc(record.domains.map((d) => DOMAINS[d].label).join(', '))}.</p>` : ''}</section>
<section aria-labelledby="provenance"><h2 id="provenance">Where the tools came from</h2>${p.stale ? `<p class="notice">The last crawl on ${esc(formatDate(p.lastAttemptAt))} failed${p.error ? `: <code>${show(p.error, 500)}</code>` : ''}. The tools below are from the last good crawl.</p>` : ''}<dl class="facts">${facts}</dl>${p.warnings.length ? `<details><summary>${esc(plural(p.warnings.length, 'warning'))} from the crawl</summary><ul>${p.warnings.slice(0, 50).map((w) => `<li>${show(w, 400)}</li>`).join('')}</ul></details>` : ''}</section>
<section aria-labelledby="mix"><h2 id="mix">Risk at a glance</h2>${riskMix(entry.riskCounts, `Risk mix of ${revealHidden(record.name)}`)}<p>Effects: ${esc(effectCounts)}.</p></section>
<section aria-labelledby="tools-heading"><h2 id="tools-heading">Tools</h2><div class="table-wrap"><table id="tools" data-sortable><caption class="visually-hidden">${esc(plural(record.tools.length, 'tool'))} of the server</caption><thead><tr><th scope="col" data-sort="name">Tool</th><th scope="col" data-sort="effect">Effect</th><th scope="col" data-sort="risk">Risk</th><th scope="col" data-sort="confidence">Confidence</th><th scope="col">Recommended rule</th></tr></thead><tbody>${rows}</tbody></table></div></section>
<section aria-labelledby="changes"><h2 id="changes">Changes</h2>${changes}</section>
<section aria-labelledby="policy"><h2 id="policy">Recommended policy for the whole server</h2><p>Every tool’s recommended rule under <code>"default": "deny"</code>: a tool the server adds later is refused until you add it.</p>${codeBlock('server-policy', 'policy.json', views.json, 'json', `${record.slug}-policy.json`)}${codeBlock('server-claude', 'Claude Code permissions', views.claudeCode)}${codeBlock('server-intercept', 'Intercept YAML', views.intercept, 'yaml')}${codeBlock('server-allowlist', 'Gateway allowlist (server:tool)', views.allowlist)}</section>
<section aria-labelledby="builder" data-builder="builder-rules" hidden><h2 id="builder">Build your own policy</h2><pre id="builder-rules" hidden data-pagefind-ignore>${escapeHtml(displayJson(serverPolicy(record)))}</pre><div class="table-wrap"><table><thead><tr><th scope="col">Tool</th><th scope="col">Risk</th><th scope="col">Your rule</th></tr></thead><tbody>${builderRows}</tbody></table></div>${codeBlock('builder-json', 'Your policy.json', displayJson(toPolicyLayer(serverPolicy(record))), 'json', `${record.slug}-policy.json`)}</section>`;
  return layout(`${shown(record.name, 120)} MCP server: tools and risks`, description, serverPath(record.slug), body);
}

function attemptsTable(attempts: Attempt[]): string {
  const rows = attempts
    .slice(0, 20)
    .map(
      (a, i) =>
        `<tr><td>${i + 1}</td><td>${a.args.length ? `<code>${show(a.args.slice(0, 30).join(' '), 300)}</code>` : '<span class="muted">none</span>'}</td><td>${a.env.length ? `<ul class="inline-list">${a.env.slice(0, 30).map((n) => `<li><code>${show(n, 80)}</code></li>`).join('')}</ul>` : '<span class="muted">none</span>'}</td><td>${show(a.why, 300)}</td><td>${show(a.result, 500)}</td></tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table class="attempts"><thead><tr><th scope="col">#</th><th scope="col">Arguments</th><th scope="col">Placeholder variables</th><th scope="col">Why</th><th scope="col">Result</th></tr></thead><tbody>${rows}</tbody></table></div>${attempts.length > 20 ? `<p class="muted">And ${attempts.length - 20} more starts (see the record).</p>` : ''}`;
}

/** The page of a server not listed yet, as site/pages/servers/[server]/_components/UnlistedPage.astro writes it. */
export function unlistedPage(entry: Unlisted): string {
  const cause = UNLISTED_CAUSES[entry.cause];
  const repo = safeHref(entry.repository);
  const homepage = safeHref(entry.homepage);
  const suggestion = suggestedSource(entry);
  const times = [entry.installMs !== null && `install ${formatDuration(entry.installMs)}`, entry.sessionMs !== null && `session ${formatDuration(entry.sessionMs)}`].filter(Boolean);
  const fact = (dt: string, dd: string) => `<dt>${dt}</dt><dd>${dd}</dd>`;
  const body = `<nav class="crumbs" aria-label="Breadcrumbs"><a href="/servers/">Servers</a> › <span aria-current="page">${show(entry.name, 200)}</span></nav><h1>${show(entry.name, 200)}</h1><p class="lede" data-unlisted-status><span class="badge unlisted">Not listed yet</span> The crawler knows this server but could not list its tools, so the catalog has no verdict and no policy for it yet.</p><ul class="inline-list links">${repo ? `<li><a href="${esc(repo)}" rel="nofollow noopener">Source</a></li>` : ''}${homepage ? `<li><a href="${esc(homepage)}" rel="nofollow noopener">Home page</a></li>` : ''}</ul>
<section aria-labelledby="why"><h2 id="why">Why it is not listed</h2><p data-unlisted-cause><strong>${esc(cause.label)}.</strong> ${esc(cause.meaning)}</p><h3 id="error">What the last start said</h3><pre class="error" tabindex="0"><code>${show(entry.error, 4000, 'text')}</code></pre>${entry.needs.length ? `<h3 id="needs">What it named as missing</h3><ul class="inline-list" data-unlisted-needs>${entry.needs.slice(0, 60).map((n) => `<li><code>${show(n, 120)}</code></li>`).join('')}</ul>` : ''}</section>
${entry.attempts.length ? `<section aria-labelledby="attempts"><h2 id="attempts">Starts tried</h2><p>Each start after the first adds what the one before it asked for: placeholders only, never a real credential.</p>${attemptsTable(entry.attempts)}</section>` : ''}
<section aria-labelledby="about"><h2 id="about">About</h2>${entry.about.trim() ? markdown(entry.about) : '<p class="muted">No description of the server yet.</p>'}<dl class="facts">${fact('Transport', `${esc(entry.transport)}: ${esc(TRANSPORTS[entry.transport])}`)}${entry.package ? fact('Package', `<code>${show(entry.package, 200)}</code>${entry.packageVersion ? ` ${show(entry.packageVersion, 60)}` : ''}`) : ''}${entry.vendor ? fact('Vendor', show(entry.vendor, 200)) : ''}${fact('First tried', esc(formatDateTime(entry.firstAttemptAt)))}${fact('Last tried', esc(formatDateTime(entry.lastAttemptAt)))}${entry.durationMs !== null ? fact('Time', `${esc(formatDuration(entry.durationMs))}${times.length ? esc(` (${times.join(', ')})`) : ''}`) : ''}</dl></section>
<section aria-labelledby="help"><h2 id="help">How to help</h2><p data-unlisted-help>Its source is <code>catalog/sources/${esc(entry.slug)}.md</code>. ${inlines(parseInline(CAUSE_HELP[entry.cause]))} Then run <code>npm run crawl -- --only ${esc(entry.slug)}</code> and send the source with the record it writes.</p>${suggestion ? codeBlock('suggested-source', 'Placeholders for what it named (front matter)', shown(suggestion, 8000, 'text'), 'yaml') : ''}</section>`;
  const description = clip(`${revealHidden(entry.name)}: an MCP server not listed yet (${cause.label.toLowerCase()}). What the crawl tried and how to help.`, 300);
  return layout(`${shown(entry.name, 120)} MCP server: not listed yet`, description, serverPath(entry.slug), body);
}

function write(file: string, text: string): void {
  writeFileSync(file, text);
}

/** Writes every page and data file; returns how many files it wrote. */
export function writePlainSite(catalogDir: string, outDir: string): number {
  const catalog = loadCatalog(catalogDir);
  let files = 0;
  for (const entry of catalog.servers) {
    const record: ServerRecord = entry.record;
    const dir = join(outDir, 'servers', record.slug);
    mkdirSync(dir, { recursive: true });
    write(join(dir, 'index.html'), serverPage(entry));
    write(join(outDir, 'servers', `${record.slug}.json`), exportJson(record));
    files += 2;
    for (const tool of record.tools) {
      mkdirSync(join(dir, tool.slug), { recursive: true });
      write(join(dir, tool.slug, 'index.html'), toolPage(entry, tool));
      files++;
    }
  }
  for (const entry of catalog.unlisted) {
    const dir = join(outDir, 'servers', entry.slug);
    mkdirSync(dir, { recursive: true });
    write(join(dir, 'index.html'), unlistedPage(entry));
    files++;
  }
  write(join(outDir, 'catalog.json'), escapeHiddenJson(JSON.stringify(catalogIndex(catalog))));
  const urls = sitemapUrls(catalog, SITE);
  for (let n = 0; n * SITEMAP_CHUNK < urls.length; n++) {
    write(join(outDir, `sitemap-${n}.xml`), sitemap(urls.slice(n * SITEMAP_CHUNK, (n + 1) * SITEMAP_CHUNK)));
    files++;
  }
  return files + 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [catalogDir, outDir] = process.argv.slice(2);
  if (!catalogDir || !outDir) {
    console.error('usage: tsx bench/plain-writer.ts CATALOG_DIR OUT_DIR');
    process.exitCode = 2;
  } else {
    const files = writePlainSite(catalogDir, outDir);
    console.log(`plain writer: ${files} files in ${outDir}`);
  }
}
