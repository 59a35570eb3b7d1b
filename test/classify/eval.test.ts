import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../scripts/eval.ts';
import { EvalReportSchema, type EvalReport } from '../../src/schema.ts';

/** Real records of five catalog servers and a small sample of both label files (see its README). */
const FIXTURE = join(import.meta.dirname, '../fixtures/eval');
const TOOL_LABELS = join(FIXTURE, 'labels/tools.jsonl');
const REVIEW = join(FIXTURE, 'labels/annotation-review.jsonl');

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs the evaluation on a copy of the fixture catalog; returns the report and what was printed. */
async function evaluate(extra: string[] = [], labels: { tools: string; review: string; first?: string } = { tools: TOOL_LABELS, review: REVIEW }) {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
  const dir = mkdtempSync(join(tmpdir(), 'eval-'));
  cpSync(join(FIXTURE, 'servers'), join(dir, 'servers'), { recursive: true });
  await run(['--catalog', dir, '--tool-labels', labels.tools, '--review', labels.review, '--first-measures', labels.first ?? join(dir, 'no-first-measures.jsonl'), ...extra]);
  const file = join(dir, 'eval.json');
  const report = process.exitCode ? null : EvalReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return { report, printed: lines.join('\n'), dir };
}

const set = (r: EvalReport, id: EvalReport['sets'][number]['id']) => r.sets.find((s) => s.id === id)!;

/** The fixture's tool labels, each given the draw `drawOf` names for its line (null: none), written to `dir`. */
function labelsWithDraws(drawOf: (line: string) => number | null, dir = mkdtempSync(join(tmpdir(), 'eval-labels-'))): string {
  const labels = join(dir, 'tools.jsonl');
  const drawn = readFileSync(TOOL_LABELS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const draw = drawOf(l);
      return draw === null ? l : l.replace(/}$/, `, "draw": ${draw}}`);
    });
  writeFileSync(labels, `${drawn.join('\n')}\n`);
  return labels;
}

describe('eval harness', () => {
  test('reports every set: first labels, dev and test by server, live raw and reviewed', async () => {
    const { report } = await evaluate();
    expect(report!.sets.map((s) => [s.id, s.servers, s.tools, s.unanswered])).toEqual([
      ['dev-original', 27, 526, 0],
      ['dev', 2, 5, 0],
      ['test', 1, 6, 0],
      ['live', 2, 27, 0],
      ['live-reviewed', 2, 27, 0],
    ]);
    expect(set(report!, 'dev-original').accuracy).toBeGreaterThanOrEqual(0.95);
    // postgres/query ("Run a read-only SQL query") is the one labelled tool the peer also lists.
    expect(set(report!, 'dev').peer).toMatchObject({ overlap: 1, answered: 1, accuracyAnswered: 1 });
    expect(set(report!, 'live').kind).toBe('read');
    expect(Object.keys(set(report!, 'live').perClass)).toEqual(['read', 'not-read']);
  });

  test('scores the word baseline out of sample beside ours: dev sets by server folds, test once, none for read sets', async () => {
    const { report, printed } = await evaluate();
    const original = set(report!, 'dev-original').baseline!;
    expect(original).toMatchObject({ scored: 'cross-validated', tools: 526 });
    // Word statistics of 27 servers, each judged by the other servers' words, fall short of the rules.
    expect(original.accuracy).toBeGreaterThan(0.5);
    expect(original.accuracy).toBeLessThan(original.oursOnSame!);
    expect(set(report!, 'test').baseline).toMatchObject({ scored: 'held-out', tools: 6 });
    expect(set(report!, 'live').baseline).toBeNull();
    expect(printed).toMatch(/word baseline \(held-out\) on 6 tools: right/);
  });

  test('counts the hints a blind relabel overturned, among disagreements and agreements', async () => {
    const { report } = await evaluate();
    // mcp-playwright's browser_hover and browser_tab_select claim readOnlyHint; UI actions are writes.
    expect(set(report!, 'live-reviewed').review).toEqual({
      relabels: 3,
      unmatched: 0,
      overturned: 2,
      disagreements: 2,
      overturnedAmongDisagreements: 2,
      agreements: 1,
      overturnedAmongAgreements: 0,
    });
    expect(set(report!, 'live-reviewed').accuracy! - set(report!, 'live').accuracy!).toBeCloseTo(2 / 27);
  });

  test('prints the test set\'s figures but not its errors, and never writes them', async () => {
    // time-mcp's convert_time ("Convert time between timezones") is labelled a delete here, so the
    // test set holds an error to hide: the classifier calls it a read, as the real label does.
    const tools = join(mkdtempSync(join(tmpdir(), 'labels-')), 'tools.jsonl');
    const relabelled = readFileSync(TOOL_LABELS, 'utf8').replace('"tool": "convert_time", "effect": "read"', '"tool": "convert_time", "effect": "delete"');
    writeFileSync(tools, relabelled);
    const labels = { tools, review: REVIEW };
    const hidden = await evaluate([], labels);
    expect(set(hidden.report!, 'test')).toMatchObject({ tools: 6, errorsShown: false, errors: [] });
    expect(set(hidden.report!, 'test').accuracy).toBeCloseTo(5 / 6);
    expect(hidden.printed).not.toContain('time-mcp/convert_time');
    const shown = await evaluate(['--errors-test'], labels);
    expect(shown.printed).toContain('time-mcp/convert_time: label delete, ours read');
    expect(set(shown.report!, 'test').errors).toEqual([]);
  });

  test('cross-validates the calibration by server on every set but test, and measures the shipped curve on test', async () => {
    const { report } = await evaluate();
    const c = report!.calibration;
    expect(c.tools).toBe(526 + 5 + 27);
    expect(c.buckets.reduce((s, b) => s + b.count, 0)).toBe(c.tools);
    expect(c.cvEce).not.toBeNull();
    expect(set(report!, 'test').cvEce).toBeNull();
    expect(c.shipped.testEce).toBe(set(report!, 'test').ece);
    expect(report!.targets.map((t) => t.id)).toEqual(['dev-original', 'dev', 'test', 'live-reviewed', 'unanswered', 'cv-ece']);
  });

  test('leaves every tool of a server with test labels out of the fit, its annotated tools too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-labels-'));
    const labels = join(dir, 'tools.jsonl');
    // mcp-playwright falls in the test split; its 25 annotated tools are in the live set.
    const held = '{"server": "mcp-playwright", "tool": "browser_close", "effect": "write", "risk": "low", "domains": ["browser"], "split": "test", "review": "agreed"}';
    writeFileSync(labels, `${readFileSync(TOOL_LABELS, 'utf8')}${held}\n`);
    const { report } = await evaluate([], { tools: labels, review: REVIEW });
    expect(report!.calibration.tools).toBe(526 + 5 + 2);
    expect(set(report!, 'live').tools).toBe(27);
    expect(set(report!, 'live').cvEce).not.toBeNull();
  });

  test('says so and reports empty sets when the label files are absent', async () => {
    const { report, printed } = await evaluate([], { tools: join(FIXTURE, 'none.jsonl'), review: join(FIXTURE, 'none-either.jsonl') });
    expect(process.exitCode).toBeUndefined();
    expect(set(report!, 'dev')).toMatchObject({ tools: 0, accuracy: null });
    expect(set(report!, 'live-reviewed').review!.relabels).toBe(0);
    expect(report!.notes.join('\n')).toMatch(/none\.jsonl is absent: the sets dev and test are empty/);
    expect(printed).toMatch(/none-either\.jsonl is absent/);
    expect(report!.targets.find((t) => t.id === 'test')).toMatchObject({ value: null, met: false });
  });

  test('counts a label whose tool the catalog does not hold as unanswered, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-labels-'));
    const labels = join(dir, 'tools.jsonl');
    const gone = '{"server": "mysql-mcp-server", "tool": "drop_table", "effect": "delete", "risk": "high", "domains": ["data"], "split": "dev", "review": "agreed"}';
    writeFileSync(labels, `${readFileSync(TOOL_LABELS, 'utf8')}${gone}\n`);
    const { report } = await evaluate([], { tools: labels, review: REVIEW });
    expect(set(report!, 'dev')).toMatchObject({ tools: 6, unanswered: 1 });
    expect(set(report!, 'dev').errors).toContainEqual(expect.objectContaining({ tool: 'drop_table', ours: null, confidence: null }));
    expect(report!.notes.join('\n')).toMatch(/tools\.jsonl: labels naming a tool the catalog does not hold: 1 \(counted as unanswered\)/);
    expect(report!.targets.find((t) => t.id === 'unanswered')).toMatchObject({ value: 1, met: false });
  });

  test('reports each set\'s accuracy per random draw of servers, in the order drawn', async () => {
    // postgres drawn second, the rest first: labels name their draw by its seed.
    const labels = labelsWithDraws((l) => (l.includes('"postgres"') ? 7 : 3));
    const { report, printed } = await evaluate([], { tools: labels, review: REVIEW });
    const dev = set(report!, 'dev');
    expect(dev.draws.map((d) => [d.draw, d.servers, d.tools])).toEqual([
      [3, 1, 4],
      [7, 1, 1],
    ]);
    // Each draw's accuracy is its own tools' share right, so together they make the set's.
    const wrong = (server: string) => dev.errors.filter((e) => (e.server === 'postgres') === (server === 'postgres')).length;
    expect(dev.draws[0]!.accuracy).toBe((4 - wrong('mysql-mcp-server')) / 4);
    expect(dev.draws[1]!.accuracy).toBe(1 - wrong('postgres'));
    expect(set(report!, 'test').draws).toEqual([{ draw: 3, servers: 1, tools: 6, accuracy: set(report!, 'test').accuracy }]);
    expect(printed).toMatch(/by draw: 3 \d+\.\d% \(4\), 7 \d+\.\d% \(1\)/);
    // Labels without a draw report none.
    expect(set((await evaluate()).report!, 'dev').draws).toEqual([]);
  });

  test('reports the recorded first answers of each draw, and the word baseline\'s second opinion on the unsure ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-labels-'));
    const labels = labelsWithDraws(() => 3, dir);
    const commit = 'a'.repeat(40);
    const first = join(dir, 'first-measure.jsonl');
    const measure = (server: string, tool: string, effect: string, confidence: number, draw = 3) => JSON.stringify({ server, tool, draw, effect, confidence, commit });
    writeFileSync(
      first,
      [
        // Unsure and wrong: "list_databases" was once read as a write.
        measure('mysql-mcp-server', 'list_databases', 'write', 0.8),
        measure('mysql-mcp-server', 'list_tables', 'read', 0.99),
        // Another draw's measure of a tool is not this label's.
        measure('postgres', 'query', 'execute', 0.9, 9),
        measure('time-mcp', 'current_time', 'read', 0.97),
      ].join('\n') + '\n',
    );
    const { report, printed } = await evaluate([], { tools: labels, review: REVIEW, first });
    const dev = set(report!, 'dev').firstMeasure!;
    // One wrong at 0.80 and one right at 0.99: the gaps are 0.80 and 0.01, each half the tools.
    expect(dev).toMatchObject({ tools: 2, accuracy: 0.5 });
    expect(dev.ece).toBeCloseTo((0.8 + 0.01) / 2, 6);
    // The baseline, fitted without mysql-mcp-server, reads "list databases" as a read.
    expect(dev.secondOpinion.find((o) => o.below === 0.9)).toEqual({ below: 0.9, disagreements: 1, baselineRight: 1, firstRight: 0 });
    expect(set(report!, 'test').firstMeasure).toMatchObject({ tools: 1, accuracy: 1 });
    expect(set(report!, 'dev-original').firstMeasure).toBeNull();
    expect(set(report!, 'live').firstMeasure).toBeNull();
    expect(printed).toMatch(/first measure \(each draw's answers before anything changed for it\) on 2 tools: right  50\.0%, ECE of the confidences they had 0\.405/);
    // Absent, the run goes on and says so.
    const absent = await evaluate([], { tools: labels, review: REVIEW });
    expect(set(absent.report!, 'dev').firstMeasure).toBeNull();
    expect(absent.report!.notes.join('\n')).toMatch(/no-first-measures\.jsonl is absent: no first measures are reported/);
    // A tool measured twice is an error naming the file and the line.
    writeFileSync(first, `${measure('postgres', 'query', 'read', 0.9)}\n${measure('postgres', 'query', 'read', 0.9)}\n`);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await evaluate([], { tools: labels, review: REVIEW, first })).report).toBeNull();
    expect(vi.mocked(console.error).mock.calls.flat().join('\n')).toMatch(/first-measure\.jsonl:2: postgres\/query is measured twice/);
  });

  test('records the first answers of one draw once, naming the commit they came from', async () => {
    // The catalog in a repository of its own: the commit a measure names is that repository's HEAD.
    const repo = mkdtempSync(join(tmpdir(), 'eval-repo-'));
    cpSync(join(FIXTURE, 'servers'), join(repo, 'servers'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=eval', '-c', 'user.email=eval@example.invalid', ...args], { encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'catalog');
    // time-mcp is draw 5, mysql-mcp-server an earlier draw 4; postgres was never drawn.
    const labels = labelsWithDraws((l) => (l.includes('"postgres"') ? null : l.includes('"time-mcp"') ? 5 : 4), repo);
    const first = join(repo, 'first-measure.jsonl');
    const record = (draw: string) => run(['--catalog', repo, '--tool-labels', labels, '--review', REVIEW, '--first-measures', first, '--record-first', draw]);
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((e: string) => void errors.push(e));
    await record('5');
    expect(process.exitCode).toBeUndefined();
    const rows = readFileSync(first, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // Only draw 5's tools: an earlier draw's answers today are no first measures.
    expect(rows.map((r) => [r.server, r.draw])).toEqual(Array(6).fill(['time-mcp', 5]));
    expect(new Set(rows.map((r) => r.commit))).toEqual(new Set([git('rev-parse', 'HEAD')]));
    const report = EvalReportSchema.parse(JSON.parse(readFileSync(join(repo, 'eval.json'), 'utf8')));
    expect(report.notes.join('\n')).toMatch(/--record-first added 6 first measures of draw 5 \(commit [0-9a-f]{7}\)/);
    // A draw is measured once; a seed no label names, or no seed, is refused.
    await record('5');
    expect(process.exitCode).toBe(2);
    expect(errors.pop()).toBe('draw 5 already has first measures: a draw is measured once, before anything is changed for it');
    await record('9');
    expect(errors.pop()).toBe('no labelled tool of draw 9 is in the catalog: label the draw first');
    await record('latest');
    expect(errors.pop()).toMatch(/--record-first: "latest" is not a draw's seed/);
    expect(readFileSync(first, 'utf8').trim().split('\n')).toHaveLength(6);
    // A record changed since the commit: its answers would be no commit's.
    writeFileSync(join(repo, 'servers/mysql-mcp-server.json'), readFileSync(join(repo, 'servers/mysql-mcp-server.json'), 'utf8').replace('"tools"', '"tools" '));
    process.exitCode = undefined;
    await record('4');
    expect(process.exitCode).toBe(2);
    expect(errors.pop()).toMatch(/--record-first: src\/ or the catalog's records differ from commit [0-9a-f]{7}; commit them first[^]*mysql-mcp-server\.json/);
    expect(readFileSync(first, 'utf8').trim().split('\n')).toHaveLength(6);
  });

  test('classifies a labelled tool with its server\'s annotations hidden, as the long tail is seen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-labels-'));
    const labels = join(dir, 'tools.jsonl');
    // The server says "Select a tab" only reads (readOnlyHint: true); by the rule book a tab change is a write.
    const annotated = '{"server": "mcp-playwright", "tool": "browser_tab_select", "effect": "write", "risk": "low", "domains": ["browser"], "split": "test", "review": "agreed"}';
    writeFileSync(labels, `${readFileSync(TOOL_LABELS, 'utf8')}${annotated}\n`);
    const before = set((await evaluate()).report!, 'test');
    const test = set((await evaluate([], { tools: labels, review: REVIEW })).report!, 'test');
    // Right: one more tool right than before (the written report never holds test errors).
    expect(test.tools).toBe(before.tools + 1);
    expect(test.accuracy! * test.tools).toBeCloseTo(before.accuracy! * before.tools + 1, 6);
  });

  test('fails naming the file and the line of a bad label', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s));
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const bad = join(dir, 'tools.jsonl');
    const good = readFileSync(TOOL_LABELS, 'utf8').split('\n');
    writeFileSync(bad, [good[0], '', good[1]!.replace('"read"', '"reads"')].join('\n'));
    await run(['--catalog', dir, '--tool-labels', bad]);
    expect(process.exitCode).toBe(2);
    expect(errors.join('\n')).toMatch(new RegExp(`${bad}:3: effect: `));
  });

  test('fails when a label\'s split is not its server\'s', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s));
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const bad = join(dir, 'tools.jsonl');
    writeFileSync(bad, readFileSync(TOOL_LABELS, 'utf8').replace('"split": "test"', '"split": "dev"'));
    await run(['--catalog', dir, '--tool-labels', bad]);
    expect(process.exitCode).toBe(2);
    expect(errors.join('\n')).toContain(`${bad}:6: split "dev" is not the split of server "time-mcp" (test)`);
  });

  test('--fit writes a calibration module from the non-test data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-fit-'));
    const module = join(dir, 'calibration.ts');
    await evaluate(['--fit', '--calibration-module', module]);
    const text = readFileSync(module, 'utf8');
    expect(text).toMatch(/Fitted on 5\d\d tools of \d+ servers \(dev-original, dev, live reviewed; never the test set\)/);
    expect(text).toContain('export const CALIBRATION: Curve = [');
  });

  test('exits non-zero when the first labels are missing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    await run(['--catalog', dir, '--labels', join(dir, 'nope.jsonl')]);
    expect(process.exitCode).toBe(2);
  });
});
