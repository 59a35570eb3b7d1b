/**
 * The hand-label files of the evaluation, read line by line and validated: a bad line is an error
 * that names the file and the line, never a label skipped in silence.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Effect } from '../taxonomy.ts';
import { AnnotationReviewSchema, DevLabelSchema, FirstMeasureSchema, formatIssues, HandLabelSchema, type AnnotationReview, type DevLabel, type FirstMeasure, type HandLabel } from '../schema.ts';

/** The split of a server, by its slug alone (docs/labelling.md, "Sets"): even first byte of SHA-256 is test. */
export function splitOf(slug: string): 'dev' | 'test' {
  return createHash('sha256').update(slug).digest()[0]! % 2 === 0 ? 'test' : 'dev';
}

/** A JSON Lines file of one schema; blank lines are skipped. Throws `file:line: why`. */
export function readJsonLines<S extends z.ZodType>(file: string, schema: S): z.infer<S>[] {
  return numbered(file, schema).map((x) => x.value);
}

/** Each valid line with its line number, for checks across lines. */
function numbered<S extends z.ZodType>(file: string, schema: S): { line: number; value: z.infer<S> }[] {
  const out: { line: number; value: z.infer<S> }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON: ${(e as Error).message}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${formatIssues(parsed.error)}`);
      out.push({ line: i + 1, value: parsed.data });
    });
  return out;
}

/** Our first labels: required, the dev set every run has. */
export function readDevLabels(file: string): DevLabel[] {
  if (!existsSync(file)) throw new Error(`${file}: missing (the hand labels)`);
  return readJsonLines(file, DevLabelSchema);
}

/**
 * labels/tools.jsonl: absent means no labels yet (the sets dev and test are empty). A label's
 * split must be its server's, and a tool is labelled once.
 */
export function readHandLabels(file: string): HandLabel[] | null {
  if (!existsSync(file)) return null;
  const labels = numbered(file, HandLabelSchema);
  const seen = new Map<string, number>();
  for (const { line, value: l } of labels) {
    const where = `${file}:${line}`;
    if (l.split !== splitOf(l.server)) throw new Error(`${where}: split "${l.split}" is not the split of server "${l.server}" (${splitOf(l.server)})`);
    if (l.review === 'adjudicated' && !l.labels) throw new Error(`${where}: review "adjudicated" needs "labels", the two first labels`);
    const key = `${l.server}\u0000${l.tool}`;
    if (seen.has(key)) throw new Error(`${where}: ${l.server}/${l.tool} is labelled twice (also line ${seen.get(key)})`);
    seen.set(key, line);
  }
  return labels.map((x) => x.value);
}

/** labels/annotation-review.jsonl: absent means no hint was reviewed yet. */
export function readReviews(file: string): AnnotationReview[] | null {
  return existsSync(file) ? oncePerTool(file, AnnotationReviewSchema, 'relabelled') : null;
}

/** labels/first-measure.jsonl: absent means no draw's first answers were recorded. */
export function readFirstMeasures(file: string): FirstMeasure[] | null {
  return existsSync(file) ? oncePerTool(file, FirstMeasureSchema, 'measured') : null;
}

/** A file of one entry per tool: a second entry for the same tool is an error naming the file and its line. */
function oncePerTool<S extends z.ZodType<{ server: string; tool: string }>>(file: string, schema: S, verb: string): z.infer<S>[] {
  const entries = numbered(file, schema);
  const seen = new Set<string>();
  for (const { line, value } of entries) {
    const key = `${value.server}\u0000${value.tool}`;
    if (seen.has(key)) throw new Error(`${file}:${line}: ${value.server}/${value.tool} is ${verb} twice`);
    seen.add(key);
  }
  return entries.map((x) => x.value);
}

/**
 * The first measures of one draw: the answer each of its labelled tools got, and the commit it came
 * from. A draw is measured once, before anything is changed for it: a draw that already has
 * measures, or none of whose tools was classified, is an error.
 */
export function firstMeasuresOf(
  draw: number,
  labelled: readonly { server: string; tool: string; draw?: number; effect: Effect | null; confidence: number | null }[],
  recorded: readonly FirstMeasure[],
  commit: string,
): FirstMeasure[] {
  if (recorded.some((m) => m.draw === draw)) throw new Error(`draw ${draw} already has first measures: a draw is measured once, before anything is changed for it`);
  const out: FirstMeasure[] = [];
  for (const l of labelled) {
    if (l.draw !== draw || l.effect === null || l.confidence === null) continue;
    out.push({ server: l.server, tool: l.tool, draw, effect: l.effect, confidence: l.confidence, commit });
  }
  if (out.length === 0) throw new Error(`no labelled tool of draw ${draw} is in the catalog: label the draw first`);
  return out;
}
