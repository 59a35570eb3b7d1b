/**
 * `--write` into a settings file the user already has: our keys are merged in, the user's other
 * keys and rules stay (lists are joined, the user's entries first), and the change is shown as a
 * line diff before anything is written. Pure over text: the caller reads, backs up and writes.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml, stringify as toToml } from 'smol-toml';
import { parse as parseYaml, stringify as yamlStringify } from 'yaml';
import { lineAt } from './configs.ts';
import type { Written } from './writers.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Ours merged into theirs: objects key by key, lists joined without repeats, other values ours. */
export function mergeValues(theirs: unknown, ours: unknown): unknown {
  if (Array.isArray(theirs) && Array.isArray(ours)) {
    const seen = new Set(theirs.map((v) => JSON.stringify(v)));
    return [...theirs, ...ours.filter((v) => !seen.has(JSON.stringify(v)))];
  }
  if (isObject(theirs) && isObject(ours)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(theirs)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(ours)) {
      const merged = Object.hasOwn(out, k) ? mergeValues(out[k], v) : v;
      Object.defineProperty(out, k, { value: merged, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return ours;
}

/** The new text of a file that holds `existing` (null when there is none). Throws naming the file and line when it cannot be read. */
export function mergeInto(file: string, existing: string | null, written: Written): string {
  if (existing === null || written.syntax === 'cedar' || existing.trim() === '') return written.text;
  switch (written.syntax) {
    case 'json': {
      const errors: ParseError[] = [];
      const theirs: unknown = parseJsonc(existing, errors, { allowTrailingComma: true });
      if (errors.length) throw new Error(`${file}:${lineAt(existing, errors[0]!.offset)}: not valid JSON (${printParseErrorCode(errors[0]!.error)}); nothing written`);
      return `${JSON.stringify(mergeValues(theirs, written.value), null, 2)}\n`;
    }
    case 'toml': {
      let theirs: unknown;
      try {
        theirs = parseToml(existing);
      } catch (e) {
        throw new Error(`${file}: not valid TOML (${(e as Error).message.split('\n')[0]}); nothing written`);
      }
      return toToml(mergeValues(theirs, written.value) as Record<string, unknown>);
    }
    case 'yaml': {
      let theirs: unknown;
      try {
        theirs = parseYaml(existing);
      } catch (e) {
        throw new Error(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]}); nothing written`);
      }
      return yamlStringify(mergeValues(theirs, written.value));
    }
  }
}

/** A unified-style line diff (`-` removed, `+` added, two lines of context), empty when equal. */
export function lineDiff(before: string, after: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence table; settings files are small.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: { op: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', line: a[i++]! }), j++;
    else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ op: '+', line: b[j++]! });
    else ops.push({ op: '-', line: a[i++]! });
  }
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some((n) => n.op !== ' '));
  return ops
    .map((o, k) => (keep[k] ? `${o.op} ${o.line}` : keep[k - 1] ? '  …' : null))
    .filter((l): l is string => l !== null)
    .join('\n');
}
