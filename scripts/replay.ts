/**
 * `npm run replay -- [--catalog DIR] [--tool-labels FILE] [--first-measures FILE]`
 *
 * Replays the first measures (labels/first-measure.jsonl): for each commit a draw's first answers
 * were recorded at, takes that commit's `src/` out of git into a temporary folder, classifies the
 * draw's servers from today's records with every annotation hidden (as `npm run eval` does), and
 * reports per split (src/eval/replay.ts): how many recorded answers the replay reproduces, how
 * the wrong ones went wrong (was the labelled effect seen by any finding, or by none), and what a
 * global close-call rule towards the more severe effect would have changed out of sample. The test
 * split is reported in figures only, never tool by tool. Exits 2 when an input is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readFirstMeasures, readHandLabels } from '../src/eval/labels.ts';
import { errorKinds, severitySweep, type ReplayRow } from '../src/eval/replay.ts';
import { contextOf, readRecords } from '../src/eval/sets.ts';
import type { ServerContext } from '../src/classify/index.ts';
import type { Classification } from '../src/schema.ts';

const SHARES = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

const { values: opts } = parseArgs({
  options: {
    catalog: { type: 'string', default: 'catalog' },
    'tool-labels': { type: 'string', default: 'labels/tools.jsonl' },
    'first-measures': { type: 'string', default: 'labels/first-measure.jsonl' },
  },
});

const fail = (message: string): never => {
  console.error(`replay: ${message}`);
  process.exit(2);
};

const labels = readHandLabels(opts['tool-labels']) ?? fail(`${opts['tool-labels']}: no hand labels`);
const measures = readFirstMeasures(opts['first-measures']) ?? fail(`${opts['first-measures']}: no first measures`);
const records = readRecords(join(opts.catalog, 'servers'), (line) => console.error(line));
const labelOf = new Map(labels.map((l) => [`${l.server}\u0000${l.tool}`, l]));
const top = execFileSync('git', ['-C', opts.catalog, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();

type ClassifyServer = (ctx: ServerContext) => { tools: Classification[] };

/** The classifier of a commit, taken out of git beside today's dependencies. */
async function classifierAt(commit: string, into: string): Promise<ClassifyServer> {
  const dir = join(into, commit);
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['-C', top, 'archive', '--format=tar', commit, 'src'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(top, 'node_modules'), join(dir, 'node_modules'));
  const mod = (await import(pathToFileURL(join(dir, 'src/classify/index.ts')).href)) as { classifyServer?: ClassifyServer };
  return mod.classifyServer ?? fail(`${commit}: src/classify/index.ts exports no classifyServer`);
}

const byCommit = new Map<string, typeof measures>();
for (const m of measures) {
  const list = byCommit.get(m.commit) ?? [];
  list.push(m);
  byCommit.set(m.commit, list);
}

const rows: Record<'dev' | 'test', ReplayRow[]> = { dev: [], test: [] };
let missing = 0;
const work = mkdtempSync(join(tmpdir(), 'replay-'));
try {
  for (const [commit, list] of byCommit) {
    const classifyServer = await classifierAt(commit, work);
    const bySlug = new Map<string, typeof list>();
    for (const m of list) {
      const same = bySlug.get(m.server) ?? [];
      same.push(m);
      bySlug.set(m.server, same);
    }
    for (const [slug, ms] of bySlug) {
      const record = records.get(slug);
      if (!record) {
        missing += ms.length;
        continue;
      }
      const { tools } = classifyServer(contextOf(record));
      for (const m of ms) {
        const i = record.tools.findIndex((t) => t.name === m.tool);
        const label = labelOf.get(`${slug}\u0000${m.tool}`);
        if (i < 0 || !label) {
          missing++;
          continue;
        }
        const c = tools[i]!;
        rows[label.split].push({ label: label.effect, recorded: m.effect, effect: c.effect, evidence: c.evidence, router: c.actions !== undefined });
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const all = rows.dev.length + rows.test.length;
console.log(`replay of the first measures: ${byCommit.size} commits, ${all} answers (dev ${rows.dev.length}, test ${rows.test.length})${missing ? `, ${missing} not found in today's records or labels` : ''}`);
for (const split of ['dev', 'test'] as const) {
  const r = rows[split];
  if (r.length === 0) continue;
  const k = errorKinds(r);
  console.log(`\n${split}: reproduced ${k.reproduced} of ${k.rows} recorded answers; right ${k.right} (${pct(k.right, k.rows)})`);
  console.log(`  wrong ${k.wrong}: ${k.outweighed} outweighed (some finding pointed at the labelled effect), ${k.unseen} unseen (none did: ${pct(k.unseen, k.wrong)})`);
  for (const [pair, n] of [...k.byPair].sort((a, b) => b[1].outweighed + b[1].unseen - (a[1].outweighed + a[1].unseen))) {
    console.log(`    ${pair.padEnd(18)} ${String(n.outweighed + n.unseen).padStart(4)}  (outweighed ${n.outweighed}, unseen ${n.unseen})`);
  }
  console.log('  close-call rule: the most severe effect whose support reaches a share of the winner\'s takes over');
  for (const o of severitySweep(r, SHARES)) {
    console.log(`    share ${o.share.toFixed(2)}: changed ${String(o.changed).padStart(4)}, fixed ${String(o.fixed).padStart(3)}, broken ${String(o.broken).padStart(3)}, net ${o.net >= 0 ? '+' : ''}${o.net}`);
  }
}
