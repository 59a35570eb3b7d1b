/**
 * The classifier: a pure, deterministic function of a tool, its sibling tools and its server's
 * name, about text and instructions. Each signal (src/classify/signals/) reports findings through one shape; the
 * combiner turns them into effect, risk, confidence, flags, doubts and a summary. No I/O.
 *
 * A server is read in two passes, both linear in its tools: first every tool is prepared and its
 * name parsed (which builds the sibling profile and the server's domains), then every tool is
 * classified against that shared view.
 */
import type { Classification, RawTool, ServerFlag } from '../schema.ts';
import { EFFECT_VALUES, RISK_VALUES, type Domain } from '../taxonomy.ts';
import { actionsSummary, batchOfSiblings, readActions, severity, withActions, type ActionReading } from './actions.ts';
import { combine, riskOf, strongestScore, tally, type Strength } from './combine.ts';
import { readInstructions, type InstructionsReading } from './instructions.ts';
import { prepareTool, serverWords, type PreparedTool } from './prepare.ts';
import { lethalTrifecta, serverDomains, siblingProfile, type ToolView } from './server.ts';
import { annotationConflicts, annotationsSignal } from './signals/annotations.ts';
import { descriptionSignal } from './signals/description.ts';
import { domainsSignal, findDomains, type ServerDomains } from './signals/domains.ts';
import { hiddenCharactersSignal } from './signals/hidden-characters.ts';
import { nameVerbSignal, parseName } from './signals/name-verb.ts';
import { parametersSignal } from './signals/parameters.ts';
import { poisoningSignal } from './signals/poisoning.ts';
import { siblingsSignal, type SiblingProfile } from './signals/siblings.ts';
import type { Finding, Trait } from './types.ts';
import { withWipingFlag, withWorstCase } from './worst-case.ts';

export type ServerContext = {
  slug: string;
  name: string;
  about?: string;
  /** The server's `instructions` from its initialize result, read by the model with every tool. */
  instructions?: string | null;
  tools: readonly RawTool[];
};

/** Everything the classifier learns about one tool, for callers that need more than the record. */
export type Analysis = { classification: Classification; traits: Set<Trait>; strength: Strength };

type ServerView = {
  words: Set<string>;
  views: ToolView[];
  profile: SiblingProfile;
  domains: ServerDomains & { all: Domain[] };
  instructions: InstructionsReading;
};

// A server view is reused while the same tools array is classified tool by tool.
const cache = new WeakMap<readonly RawTool[], { key: string; view: ServerView; byTool: Map<RawTool, ToolView> }>();

function buildView(ctx: ServerContext): ServerView {
  const words = serverWords(ctx.slug, ctx.name);
  const views: ToolView[] = [];
  for (const tool of ctx.tools) views.push(viewOf(tool, words));
  return { words, views, profile: siblingProfile(views), domains: serverDomains(views, ctx), instructions: readInstructions(ctx.instructions) };
}

/** The view of a server being classified tool by tool, kept while its tools array lives. */
function cachedView(ctx: ServerContext): { view: ServerView; byTool: Map<RawTool, ToolView> } {
  const key = `${ctx.slug}\u0000${ctx.name}\u0000${ctx.about ?? ''}\u0000${ctx.instructions ?? ''}`;
  const hit = cache.get(ctx.tools);
  if (hit && hit.key === key && hit.view.views.length === ctx.tools.length) return hit;
  const view = buildView(ctx);
  const byTool = new Map<RawTool, ToolView>();
  view.views.forEach((v, i) => byTool.set(ctx.tools[i]!, v));
  const entry = { key, view, byTool };
  cache.set(ctx.tools, entry);
  return entry;
}

function viewOf(tool: RawTool, words: ReadonlySet<string>): ToolView {
  const t = prepareTool(tool, words);
  const parse = parseName(t);
  return { t, parse, found: findDomains(t, parse) };
}

/**
 * A batch tool's actions: the server's own tools its steps may call, each with the effect its own
 * classification gives. A step calls a tool, never another batch: the tools are read once, as such.
 */
function siblingActions(t: PreparedTool, server: ServerView): ActionReading | null {
  const batch = batchOfSiblings(t, server.views.map((s) => s.t.name));
  if (!batch) return null;
  const items = batch.tools.flatMap((name) => {
    const sibling = server.views.find((s) => s.t.name === name);
    if (!sibling) return [];
    const { classification, traits } = analyse(sibling, server, false);
    return [{ value: name, effect: classification.effect, weight: 0.85, traits: [...traits], known: true }];
  });
  return items.length ? { param: batch.param, exact: false, steps: true, items } : null;
}

function analyse(v: ToolView, server: ServerView, batches = true): Analysis {
  const { t, parse } = v;
  let findings: Finding[] = [];
  const actions = readActions(t) ?? (batches ? siblingActions(t, server) : null);
  gather(findings, nameVerbSignal(t, parse));
  gather(findings, descriptionSignal(t, parse));
  gather(findings, parametersSignal(t, actions?.param ?? null, parse));
  // A multi-action tool does what its most severe action does, whatever its name says.
  if (actions?.items.length) findings = withWipingFlag(t, withActions(findings, actions));
  // Otherwise a flag or an input that does worse than the tool's verb says decides.
  else findings = withWorstCase(t, findings, parse);
  gather(findings, siblingsSignal(t, parse, strongestScore(findings), server.profile));
  // Conflicts are weighed against what the other signals say; only annotated tools can have them.
  const withoutAnnotations = t.annotations ? tally(findings) : null;
  gather(findings, annotationsSignal(t));
  if (withoutAnnotations) gather(findings, annotationConflicts(t, withoutAnnotations));
  gather(findings, domainsSignal(t, parse, server.domains, v.found));
  gather(findings, poisoningSignal(t));
  gather(findings, hiddenCharactersSignal(t));
  if (server.instructions.finding) gather(findings, [server.instructions.finding]);
  const analysis = combine(t, parse, findings);
  if (actions?.items.length) {
    withActionRisks(analysis, actions, findings);
    analysis.classification.summary = actionsSummary(t, actions, analysis.classification.effect);
  }
  return analysis;
}

/**
 * Each action's effect and risk on the record (the risk from the action's own traits and what the
 * tool's other findings add, such as money or recipients), and the tool's risk raised to the
 * riskiest action's when the tool's effect came from another action or an annotation.
 */
function withActionRisks(analysis: Analysis, actions: ActionReading, findings: readonly Finding[]): void {
  const around = new Set(findings.flatMap((f) => ((EFFECT_VALUES as readonly string[]).includes(f.says) ? [] : (f.traits ?? []))));
  const items = [...actions.items]
    .sort((a, b) => severity(b) - severity(a))
    .map((i) => ({ value: i.value, effect: i.effect, risk: riskOf(i.effect, new Set([...i.traits, ...around])) }));
  const c = analysis.classification;
  for (const i of items) if (RISK_VALUES.indexOf(i.risk) > RISK_VALUES.indexOf(c.risk)) c.risk = i.risk;
  c.actions = { param: actions.param, exact: actions.exact, items };
}

/**
 * Adds a signal's findings in one object shape, every field present: signals write only the
 * fields they need, and the combiner reads every finding several times.
 */
function gather(into: Finding[], found: readonly Finding[]): void {
  for (const { signal, says, weight, detail, word, flag, domain, traits } of found) into.push({ signal, says, weight, detail, word, flag, domain, traits });
}

/** Classifies one tool in the context of its server (its sibling tools, name and about text). */
export function classifyTool(tool: RawTool, ctx: ServerContext): Classification {
  return analyseTool(tool, ctx).classification;
}

/** Like classifyTool, with the traits and raw strength behind the result (for the evaluation). */
export function analyseTool(tool: RawTool, ctx: ServerContext): Analysis {
  const { view, byTool } = cachedView(ctx);
  const v = byTool.get(tool) ?? viewOf(tool, view.words);
  return analyse(v, view);
}

/** Classifies every tool of a server, and reads the server as a whole: its domains and flags. */
export function classifyServer(ctx: ServerContext): { tools: Classification[]; domains: Domain[]; serverFlags: ServerFlag[] } {
  // The whole server is read once here, so its view is built for this call alone: keeping it for
  // the tools array would hold every prepared tool in memory until the array is collected.
  const server = buildView(ctx);
  const analyses = server.views.map((v) => analyse(v, server));
  const flag = lethalTrifecta(analyses.map((a, i) => ({ name: server.views[i]!.t.name, classification: a.classification, traits: a.traits })));
  return {
    tools: analyses.map((a) => a.classification),
    domains: server.domains.all,
    serverFlags: [...(flag ? [flag] : []), ...server.instructions.flags],
  };
}
