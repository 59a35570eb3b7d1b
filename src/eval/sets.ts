/**
 * The labelled tools of each evaluation set, each joined with the classifier's analysis of it in
 * its server's context (siblings matter) and with the peer catalog's category where the peer
 * lists the same tool of the same server.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedRawTool } from '../catalog/record.ts';
import { parseRecord } from '../catalog/store.ts';
import { analyseTool, type Analysis, type ServerContext } from '../classify/index.ts';
import type { AnnotationReview, DevLabel, HandLabel, RawTool, ServerRecord } from '../schema.ts';
import type { Effect, Risk } from '../taxonomy.ts';
import type { Peer } from './peer.ts';

/** One labelled tool and what the classifier made of it (null: not classified, so unanswered). */
export type Item = {
  server: string;
  tool: string;
  /** The hand label (effect sets) or the hint read as an effect class (live). */
  label: Effect | 'read' | 'not-read';
  risk: Risk | null;
  analysis: Analysis | null;
  peer: string | null;
  /** Live tools: the blind relabel, when there is one. */
  review: Effect | null;
  /** Hand labels: the seed of the random draw the server came from, when the label says. */
  draw?: number;
  /** Effect sets: the tool's name and description as the classifier read them (null: not in the catalog). */
  text?: { name: string; description: string } | null;
};

/** Every tool of a server, analysed together. */
function analyseAll(ctx: ServerContext): Analysis[] {
  return ctx.tools.map((t) => analyseTool(t, ctx));
}

/** Set dev-original: our first labels over the peer's names and descriptions (it has no schemas). */
export function devOriginalItems(labels: readonly DevLabel[], peer: Peer): Item[] {
  // Each peer tool's analysis and the text it was analysed from, by policy and tool name.
  const analysed = new Map<string, { analysis: Analysis; text: { name: string; description: string } }>();
  for (const [policy, tools] of peer.byPolicy) {
    const raw = tools.map((p) => ({ name: p.tool, description: p.description ?? '', inputSchema: { type: 'object' } }) satisfies RawTool);
    analyseAll({ slug: policy, name: tools[0]!.server_name, tools: raw }).forEach((analysis, i) =>
      analysed.set(`${policy}\u0000${raw[i]!.name}`, { analysis, text: { name: raw[i]!.name, description: raw[i]!.description } }),
    );
  }
  return labels.map((l) => {
    const hit = analysed.get(`${l.policy}\u0000${l.tool}`);
    return {
      server: l.policy,
      tool: l.tool,
      label: l.effect,
      risk: l.risk,
      analysis: hit?.analysis ?? null,
      peer: peer.category(l.policy, null, l.tool),
      review: null,
      text: hit?.text ?? null,
    };
  });
}

/** The catalog's server records by slug; a record that does not validate is reported and left out. */
export function readRecords(dir: string, warn: (line: string) => void): Map<string, ServerRecord> {
  const out = new Map<string, ServerRecord>();
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const file of files) {
    try {
      const record = parseRecord(join(dir, file), readFileSync(join(dir, file), 'utf8'));
      out.set(record.slug, record);
    } catch (e) {
      // parseRecord's message opens with the file.
      warn(`skipped: ${(e as Error).message}`);
    }
  }
  return out;
}

/** A record's tools as the server listed them, annotations hidden: how every labelled set is classified. */
export function contextOf(record: ServerRecord): ServerContext {
  const tools = record.tools.map((t) => {
    const { annotations: _hidden, ...rest } = recordedRawTool(t);
    return rest;
  });
  return { slug: record.slug, name: record.name, about: record.about, instructions: record.instructions, tools };
}

/**
 * Every tool of a record analysed with the annotations hidden, in the record's order: the sets
 * dev, test and live read the same analyses, so a server is analysed once per run.
 */
const blindAnalyses = new WeakMap<ServerRecord, Analysis[]>();

function analysedBlind(record: ServerRecord): Analysis[] {
  let all = blindAnalyses.get(record);
  if (!all) {
    all = analyseAll(contextOf(record));
    blindAnalyses.set(record, all);
  }
  return all;
}

/**
 * Sets dev and test: hand labels of catalog servers, classified from their records with full input
 * schemas and every annotation of the server hidden, as in the set live: a labelled tool of an
 * annotated server is judged by its name, description and parameters, as the long tail is.
 */
export function handItems(labels: readonly HandLabel[], records: ReadonlyMap<string, ServerRecord>, peer: Peer): Item[] {
  // Each record's tools with their analyses, by tool name, analysed once per server.
  const byName = new Map<string, Map<string, { tool: ServerRecord['tools'][number]; analysis: Analysis }>>();
  const of = (record: ServerRecord) => {
    let byTool = byName.get(record.slug);
    if (!byTool) {
      const all = analysedBlind(record);
      byTool = new Map(record.tools.map((tool, i) => [tool.name, { tool, analysis: all[i]! }]));
      byName.set(record.slug, byTool);
    }
    return byTool;
  };
  return labels.map((l) => {
    const record = records.get(l.server);
    const hit = record ? of(record).get(l.tool) : undefined;
    return {
      server: l.server,
      tool: l.tool,
      label: l.effect,
      risk: l.risk,
      analysis: hit?.analysis ?? null,
      peer: peer.category(l.server, record?.repository ?? null, l.tool),
      review: null,
      text: hit ? { name: hit.tool.name, description: hit.tool.description ?? '' } : null,
      ...(l.draw === undefined ? {} : { draw: l.draw }),
    };
  });
}

/**
 * Set live: every live server whose tools carry readOnlyHint, classified with the annotations
 * hidden; each hinted tool is an item, with its blind relabel when there is one.
 */
export function liveItems(records: ReadonlyMap<string, ServerRecord>, reviews: readonly AnnotationReview[], peer: Peer): { items: Item[]; unmatched: AnnotationReview[] } {
  const relabel = new Map(reviews.map((r) => [`${r.server}\u0000${r.tool}`, r]));
  const used = new Set<string>();
  const items: Item[] = [];
  for (const record of records.values()) {
    if (record.provenance.method !== 'live') continue;
    const hints = record.tools.map((t) => (typeof t.annotations?.readOnlyHint === 'boolean' ? t.annotations.readOnlyHint : null));
    if (hints.every((h) => h === null)) continue;
    const all = analysedBlind(record);
    record.tools.forEach((t, i) => {
      const hint = hints[i];
      if (hint === null || hint === undefined) return;
      const key = `${record.slug}\u0000${t.name}`;
      if (relabel.has(key)) used.add(key);
      items.push({
        server: record.slug,
        tool: t.name,
        label: hint ? 'read' : 'not-read',
        risk: null,
        analysis: all[i]!,
        peer: peer.category(record.slug, record.repository, t.name),
        review: relabel.get(key)?.effect ?? null,
      });
    });
  }
  return { items, unmatched: reviews.filter((r) => !used.has(`${r.server}\u0000${r.tool}`)) };
}
