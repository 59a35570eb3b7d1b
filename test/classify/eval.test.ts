import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../scripts/eval.ts';
import { EvalReportSchema } from '../../src/schema.ts';

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** A live record as the crawler writes it, with annotations the evaluation must hide. */
function liveRecord(dir: string) {
  mkdirSync(join(dir, 'servers'), { recursive: true });
  const t = (name: string, description: string, readOnlyHint?: boolean) => ({
    name,
    slug: name,
    title: null,
    description,
    inputSchema: { type: 'object' },
    outputSchema: null,
    annotations: readOnlyHint === undefined ? null : { readOnlyHint },
  });
  const record = {
    slug: 'notes',
    name: 'Notes',
    about: 'A note-taking server.',
    provenance: { method: 'live' },
    tools: [t('list_notes', 'Lists notes', true), t('delete_note', 'Deletes a note', false), t('get_note', 'Gets a note')],
  };
  writeFileSync(join(dir, 'servers', 'notes.json'), JSON.stringify(record));
  writeFileSync(join(dir, 'servers', 'snap.json'), JSON.stringify({ ...record, slug: 'snap', provenance: { method: 'snapshot' } }));
}

describe('eval harness', () => {
  test('writes a valid report over the hand labels and live servers, annotations hidden', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    liveRecord(dir);
    await run(['--catalog', dir]);
    expect(process.exitCode).toBeUndefined();
    const report = EvalReportSchema.parse(JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8')));
    expect(report.dev.tools).toBe(526);
    expect(report.dev.unanswered).toBe(0);
    expect(report.dev.effectAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.live).toMatchObject({ servers: 1, tools: 2, readAccuracy: 1 });
    expect(report.calibration.buckets.reduce((s, b) => s + b.count, 0)).toBe(528);
    expect(report.targets.effectAccuracy.met).toBe(true);
  });

  test('says "0 servers" when the catalog has no live records yet', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    await run(['--catalog', dir]);
    expect(lines.join('\n')).toMatch(/0 servers, 0 tools/);
    expect(process.exitCode).toBeUndefined();
  });

  test('exits non-zero when an input is missing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    await run(['--catalog', dir, '--labels', join(dir, 'nope.jsonl')]);
    expect(process.exitCode).toBe(2);
  });
});
