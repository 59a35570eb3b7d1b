/**
 * Writes back the start that listed a server after self-healing (`npm run crawl -- --write-sources`):
 * the source's `args` and `env` become the ones that worked (placeholders only), and the change is
 * shown as a line diff to review before committing. Only machine-written sources (with
 * `discovered`) are rewritten; a hand-written source is never touched, its diff only printed.
 */
import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { writeFileAtomic } from './store.ts';

export type Healed = { args: string[]; env: Record<string, string>; files?: Record<string, string> };

/** The source text with `args` and `env` replaced, everything else as it was. */
export function healedSourceText(text: string, healed: Healed): string {
  const parsed = matter(text, {});
  const data: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>), args: healed.args, env: healed.env, ...(healed.files ? { files: healed.files } : {}) };
  return matter.stringify(parsed.content.startsWith('\n') ? parsed.content : `\n${parsed.content}`, data);
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
