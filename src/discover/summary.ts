/**
 * What a discovery run did, as lines for the terminal: each server written, refreshed, skipped
 * (and by what) or invalid (with its file and line), then the counts.
 */
import { forTerminal } from '../terminal.ts';
import type { Outcome } from './write.ts';

export type Counts = { written: number; refreshed: number; unchanged: number; skipped: number; invalid: number };

export function countOutcomes(outcomes: readonly Outcome[]): Counts {
  const counts: Counts = { written: 0, refreshed: 0, unchanged: 0, skipped: 0, invalid: 0 };
  for (const o of outcomes) counts[o.kind]++;
  return counts;
}

/** One line per outcome (unchanged ones only counted), then a total line. */
export function summaryLines(outcomes: readonly Outcome[]): string[] {
  const lines = outcomes.flatMap((o): string[] => {
    switch (o.kind) {
      case 'written':
        return [`+ ${o.slug}: ${o.id}`];
      case 'refreshed':
        return [`~ ${o.slug}: ${o.id} ${o.from ?? '(no version)'} → ${o.to ?? '(no version)'}`];
      case 'unchanged':
        return [];
      case 'skipped':
        return [`= ${o.id}: ${o.why}`];
      case 'invalid':
        return [`! ${o.message}`];
    }
  });
  const c = countOutcomes(outcomes);
  lines.push(`${c.written} written, ${c.refreshed} refreshed, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.invalid} invalid`);
  return lines.map((l) => forTerminal(l, 2_000));
}
