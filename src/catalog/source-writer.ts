/**
 * Writes machine-written sources: `npm run discover` renders them, and after self-healing
 * (`npm run crawl -- --write-sources`) the start that listed a server is written back — the
 * source's `args`, `env` and `files` become the ones that worked (placeholders only), every other
 * line as it was, and the change is shown as a line diff to review before committing. Only
 * machine-written sources (with `discovered`) are rewritten; a hand-written source is never
 * touched, its diff only printed.
 */
import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { escapeHiddenJson } from '../reveal.ts';
import { writeFileAtomic } from './store.ts';

export type Healed = { args: string[]; env: Record<string, string>; files?: Record<string, string>; installScripts?: true };

/** A YAML value as JSON (JSON is YAML), with every hidden character inside its strings escaped. */
function yamlValue(value: unknown): string {
  return escapeHiddenJson(JSON.stringify(value));
}

/** The text of a machine-written source: one key a line, in the given order, values as JSON; then the body. */
export function renderSource(front: Record<string, unknown>, body: string): string {
  const lines = Object.keys(front)
    .filter((k) => front[k] !== undefined)
    .map((k) => `${k}: ${yamlValue(front[k])}`);
  return `---\n${lines.join('\n')}\n---\n${body.trim()}\n`;
}

/** The source text with `args`, `env` (and `files`) replaced, rendered as discovery writes sources. */
export function healedSourceText(text: string, healed: Healed): string {
  const parsed = matter(text, {});
  const data: Record<string, unknown> = {
    ...(parsed.data as Record<string, unknown>),
    args: healed.args,
    env: healed.env,
    ...(healed.files ? { files: healed.files } : {}),
    ...(healed.installScripts ? { installScripts: true } : {}),
  };
  return renderSource(data, parsed.content);
}

/** A plain line diff (`-` old, `+` new) of two short texts, by their longest common subsequence. */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out.join('\n');
}

/** Rewrites a machine-written source (or only reports, for a hand-written one); returns the diff. */
export function writeHealedSource(file: string, healed: Healed, machineWritten: boolean): { diff: string; written: boolean } {
  const before = readFileSync(file, 'utf8');
  const after = healedSourceText(before, healed);
  const diff = lineDiff(before, after);
  if (machineWritten && after !== before) writeFileAtomic(file, after);
  return { diff, written: machineWritten && after !== before };
}
