/**
 * `npm run eval -- [--catalog DIR] [--labels FILE] [--tool-labels FILE] [--review FILE] [--peer FILE]
 *                  [--first-measures FILE] [--out FILE] [--errors] [--errors-test] [--fit] [--record-first SEED]
 *                  [--calibration-module FILE]`
 *
 * Measures the classifier on every labelled set and writes catalog/eval.json (validated by
 * EvalReportSchema), which the Methodology page shows:
 *   dev-original  our first hand labels (labels-dev.jsonl) over the peer's names and descriptions;
 *   dev, test     hand labels of catalog servers (labels/tools.jsonl), split by server; the test
 *                 set's figures are printed, its errors only with --errors-test and never written;
 *   live          annotated live servers, annotations hidden, against their own readOnlyHint, raw
 *                 and reviewed (a blind relabel in labels/annotation-review.jsonl replaces the hint).
 * Beside the peer, a word baseline (src/eval/baseline.ts) learned from the effect labels shows how
 * far word statistics alone get on the same tools. Where a draw's first answers were recorded
 * (labels/first-measure.jsonl), each set reports them: the out-of-sample figure of a fresh draw.
 * The calibration curve is cross-validated by server on every set but test; `--fit` rewrites
 * src/classify/calibration.ts from all of that data. `--record-first SEED` appends the answers of
 * the labelled tools of draw SEED, once, naming HEAD (src/ and the records must be committed).
 * Exits 2 when an input is missing or invalid.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CALIBRATION } from '../src/classify/calibration.ts';
import { baselineWords, crossValidatedEffects, fitWordModel, predictEffect } from '../src/eval/baseline.ts';
import { fitCurve, outOfFold, renderCalibrationModule, type Sample } from '../src/eval/calibration.ts';
import { firstMeasuresOf, readDevLabels, readFirstMeasures, readHandLabels, readReviews } from '../src/eval/labels.ts';
import { calibrationOf, isRight, summarise, type Scoring } from '../src/eval/metrics.ts';
import { PEER_NAME, readPeer, type Peer } from '../src/eval/peer.ts';
import { devOriginalItems, handItems, liveItems, readRecords, type Item } from '../src/eval/sets.ts';
import type { Effect } from '../src/taxonomy.ts';
import { EVAL_SETS, EvalReportSchema, formatIssues, type AnnotationReview, type DevLabel, type EvalReport, type EvalSet, type EvalSetId, type FirstMeasure, type HandLabel } from '../src/schema.ts';

const DATA = '/work/shared/data';
const FOLDS = 5;
const SEED = 20261202;
/** The "done when" figures. */
const TARGETS = { devAccuracy: 0.97, testAccuracy: 0.95, liveReadAccuracy: 0.975, unanswered: 0, cvEce: 0.03 };

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      catalog: { type: 'string', default: 'catalog' },
      labels: { type: 'string', default: join(DATA, 'labels-dev.jsonl') },
      'tool-labels': { type: 'string', default: 'labels/tools.jsonl' },
      review: { type: 'string', default: 'labels/annotation-review.jsonl' },
      'first-measures': { type: 'string', default: 'labels/first-measure.jsonl' },
      peer: { type: 'string', default: join(DATA, 'policylayer-intercept-categories.json') },
      out: { type: 'string' },
      errors: { type: 'boolean', default: false },
      'errors-test': { type: 'boolean', default: false },
      fit: { type: 'boolean', default: false },
      'record-first': { type: 'string' },
      'calibration-module': { type: 'string', default: 'src/classify/calibration.ts' },
    },
  });
  const out = values.out ?? join(values.catalog, 'eval.json');
  // Paths as the report names them: relative to where the command ran, as a reader would type them.
  const shown = { labels: relative('.', values.labels), tools: relative('.', values['tool-labels']), review: relative('.', values.review), peer: relative('.', values.peer), catalog: relative('.', values.catalog) || '.' };

  // 1. Read the inputs. The first labels and the peer are required; the newer label files may be
  //    absent or empty (their sets are then empty, and the report says so). A bad line is an error.
  let devLabels: DevLabel[], handLabels: HandLabel[] | null, reviews: AnnotationReview[] | null, firstMeasures: FirstMeasure[] | null, peer: Peer;
  try {
    devLabels = readDevLabels(values.labels);
    handLabels = readHandLabels(values['tool-labels']);
    reviews = readReviews(values.review);
    firstMeasures = readFirstMeasures(values['first-measures']);
    peer = readPeer(values.peer);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return;
  }
  const notes: string[] = [];
  if (handLabels === null) notes.push(`${shown.tools} is absent: the sets dev and test are empty.`);
  else if (handLabels.length === 0) notes.push(`${shown.tools} holds no labels yet: the sets dev and test are empty.`);
  if (firstMeasures === null) notes.push(`${relative('.', values['first-measures'])} is absent: no first measures are reported.`);
  if (reviews === null) notes.push(`${shown.review} is absent: no readOnlyHint has been reviewed, so live reviewed equals live raw.`);
  else if (reviews.length === 0) notes.push(`${shown.review} holds no relabels yet: live reviewed equals live raw.`);

  // 2. Classify each set's tools in their servers' context.
  const records = readRecords(join(values.catalog, 'servers'), (line) => console.error(line));
  const hand = handLabels ?? [];
  const sets = {
    devOriginal: devOriginalItems(devLabels, peer),
    dev: handItems(hand.filter((l) => l.split === 'dev'), records, peer),
    test: handItems(hand.filter((l) => l.split === 'test'), records, peer),
    live: liveItems(records, reviews ?? [], peer),
  };
  const notFound = [...sets.dev, ...sets.test].filter((i) => !i.analysis).length;
  if (notFound) notes.push(`${shown.tools}: labels naming a tool the catalog does not hold: ${notFound} (counted as unanswered).`);
  if (sets.live.unmatched.length) notes.push(`${sets.live.unmatched.length} relabels of ${shown.review} name no annotated live tool of the catalog.`);

  // 3. Calibration, cross-validated by server over every set but test (live with reviewed hints).
  //    Servers with test labels are left out whole, so nothing of theirs is fitted on.
  const testServers = new Set(sets.test.map((i) => i.server));
  const fitted: { item: Item; scoring: Scoring }[] = [
    ...sets.devOriginal.map((item) => ({ item, scoring: { kind: 'effect' } as const })),
    ...sets.dev.map((item) => ({ item, scoring: { kind: 'effect' } as const })),
    ...sets.live.items.map((item) => ({ item, scoring: { kind: 'read', reviewed: true } as const })),
  ].filter(({ item }) => item.analysis && !testServers.has(item.server));
  const samples: Sample[] = fitted.map(({ item, scoring }) => ({ server: item.server, raw: item.analysis!.strength.raw, evidence: item.analysis!.strength.lead > 0, right: isRight(item, scoring) }));
  const oof = outOfFold(samples, FOLDS, SEED);
  const oofByItem = new Map(fitted.map(({ item }, i) => [item, oof[i]!]));
  const overall = calibrationOf(samples.map((s, i) => ({ confidence: oof[i]!, right: s.right })));

  // 4. The word baseline, a yardstick: fitted on the effect labels of every set but test (servers
  //    with test labels left out whole), the dev sets scored by cross-validation by server, the
  //    test set once by a model fitted on all of them.
  const worded = [...sets.devOriginal, ...sets.dev].filter((i) => i.text && !testServers.has(i.server));
  const wordSamples = worded.map((i) => ({ server: i.server, words: baselineWords(i.text!.name, i.text!.description), effect: i.label as Effect }));
  const baselineCv = crossValidatedEffects(wordSamples, FOLDS, SEED);
  const heldOutModel = fitWordModel(wordSamples);
  const cvAnswers = new Map(worded.map((i, n) => [i, baselineCv[n]!]));
  const testAnswers = new Map(sets.test.filter((i) => i.text).map((i) => [i, predictEffect(heldOutModel, baselineWords(i.text!.name, i.text!.description))]));

  const firstByTool = new Map((firstMeasures ?? []).map((m) => [`${m.server}\u0000${m.tool}`, m]));

  // 5. The figures of each set.
  const summary = (id: EvalSetId, items: readonly Item[], scoring: Scoring, source: string, fittedOn: boolean, showErrors = true) =>
    summarise({
      id,
      source,
      items,
      scoring,
      outOfFold: fittedOn ? oofByItem : null,
      showErrors,
      unmatchedReviews: sets.live.unmatched.length,
      baseline: id === 'test' ? { answers: testAnswers, scored: 'held-out' } : { answers: cvAnswers, scored: 'cross-validated' },
      firstMeasures: firstByTool,
    });
  const liveSource = `${shown.catalog}/servers/*.json with provenance.method "live" and tools carrying annotations.readOnlyHint`;
  const report: EvalReport = {
    generatedAt: new Date().toISOString(),
    notes,
    sets: [
      summary('dev-original', sets.devOriginal, { kind: 'effect' }, `${shown.labels} joined with ${shown.peer} (names and descriptions; no input schemas)`, true),
      summary('dev', sets.dev, { kind: 'effect' }, `${shown.tools} (split dev) over ${shown.catalog}/servers`, true),
      summary('test', sets.test, { kind: 'effect' }, `${shown.tools} (split test) over ${shown.catalog}/servers`, false, values['errors-test']),
      summary('live', sets.live.items, { kind: 'read', reviewed: false }, liveSource, true),
      summary('live-reviewed', sets.live.items, { kind: 'read', reviewed: true }, `${liveSource}, hints replaced by ${shown.review}`, true),
    ],
    calibration: {
      method: `isotonic regression (pool-adjacent-violators) of right/wrong on raw strength, lightly smoothed; ${FOLDS}-fold cross-validation by server (seed ${SEED}) over the sets dev-original, dev and live reviewed (never test)`,
      folds: FOLDS,
      seed: SEED,
      tools: samples.length,
      servers: new Set(samples.map((s) => s.server)).size,
      cvEce: overall.ece,
      buckets: overall.buckets,
      shipped: { curve: CALIBRATION.map(([x, y]) => [x, y] as [number, number]), testEce: null, testBuckets: [] },
    },
    targets: [],
  };
  const testItems = sets.test.filter((i) => i.analysis);
  const shippedOnTest = calibrationOf(testItems.map((i) => ({ confidence: i.analysis!.classification.confidence, right: isRight(i, { kind: 'effect' }) })));
  report.calibration.shipped.testEce = shippedOnTest.ece;
  report.calibration.shipped.testBuckets = shippedOnTest.buckets;
  report.targets = targets(report);

  // 6. Refit the shipped curve from all non-test data, when asked.
  if (values.fit) {
    const curve = fitCurve(samples);
    const used = samples.filter((s) => s.evidence);
    const fit = { date: report.generatedAt.slice(0, 10), tools: used.length, servers: new Set(used.map((s) => s.server)).size, sets: 'dev-original, dev, live reviewed', folds: FOLDS, seed: SEED, cvEce: overall.ece };
    writeFileSync(values['calibration-module'], renderCalibrationModule(curve, fit));
    notes.push(`--fit rewrote ${values['calibration-module']} (${curve.length} points); this run's shipped figures are from the curve before it: run again to measure the new one.`);
  }

  // 6b. Record the first answers of a newly labelled draw, when asked: each of its labelled tools
  //     gets this run's answer and the commit it came from, which must hold the classifier and the
  //     catalog exactly as they are (docs/labelling.md, "Sets").
  if (values['record-first'] !== undefined) {
    let fresh: FirstMeasure[];
    try {
      const draw = Number(values['record-first']);
      if (!Number.isSafeInteger(draw) || draw <= 0) throw new Error(`--record-first: "${values['record-first']}" is not a draw's seed (a positive whole number)`);
      const labelled = [...sets.dev, ...sets.test].map((i) => ({ ...i, effect: i.analysis?.classification.effect ?? null, confidence: i.analysis?.classification.confidence ?? null }));
      fresh = firstMeasuresOf(draw, labelled, firstMeasures ?? [], committedHead(values.catalog));
    } catch (e) {
      console.error((e as Error).message);
      process.exitCode = 2;
      return;
    }
    appendFileSync(values['first-measures'], fresh.map((m) => `${JSON.stringify(m)}\n`).join(''));
    notes.push(`--record-first added ${fresh.length} first measures of draw ${fresh[0]!.draw} (commit ${fresh[0]!.commit.slice(0, 7)}) to ${relative('.', values['first-measures'])}; this run's figures are from before them.`);
  }

  // 7. Validate and write (the test set's errors are never written), then print.
  const checked = EvalReportSchema.safeParse(report);
  if (!checked.success) {
    console.error(`eval report does not match its schema: ${formatIssues(checked.error)}`);
    process.exitCode = 1;
    return;
  }
  const written = { ...checked.data, sets: checked.data.sets.map((s) => (s.id === 'test' ? { ...s, errorsShown: false, errors: [] } : s)) };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);
  print(checked.data, values.errors);
  console.log(`\nwrote ${out}`);
}

/**
 * The commit a first measure comes from: HEAD of the repository holding the catalog, whose
 * classifier (src/) and records must be as committed, or the answers would be no commit's.
 */
function committedHead(catalog: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', catalog, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let top: string;
  let head: string;
  try {
    top = git('rev-parse', '--show-toplevel');
    head = git('rev-parse', 'HEAD');
  } catch {
    throw new Error(`--record-first: ${catalog} is not in a git repository with a commit: a first measure names the commit it came from`);
  }
  const changed = execFileSync('git', ['-C', top, 'status', '--porcelain', '--', 'src', relative(top, join(resolve(catalog), 'servers')) || '.'], { encoding: 'utf8' }).trim();
  if (changed) throw new Error(`--record-first: src/ or the catalog's records differ from commit ${head.slice(0, 7)}; commit them first, so the answers are that commit's:\n${changed}`);
  return head;
}

/** The "done when" figures against this run. */
function targets(r: EvalReport): EvalReport['targets'] {
  const set = (id: EvalSetId) => r.sets.find((s) => s.id === id)!;
  type Unit = EvalReport['targets'][number]['unit'];
  const atLeast = (id: string, label: string, goal: number, value: number | null) => ({ id, label, target: goal, atLeast: true, unit: 'rate' as Unit, value, met: value !== null && value >= goal });
  const atMost = (id: string, label: string, unit: Unit, goal: number, value: number | null) => ({ id, label, target: goal, atLeast: false, unit, value, met: value !== null && value <= goal });
  return [
    atLeast('dev-original', 'Effect accuracy, first hand labels (dev-original)', TARGETS.devAccuracy, set('dev-original').accuracy),
    atLeast('dev', 'Effect accuracy, hand labels of catalog servers (dev)', TARGETS.devAccuracy, set('dev').accuracy),
    atLeast('test', 'Effect accuracy, held-out servers (test)', TARGETS.testAccuracy, set('test').accuracy),
    atLeast('live-reviewed', 'Read vs not-read on annotated live servers, annotations hidden (reviewed hints)', TARGETS.liveReadAccuracy, set('live-reviewed').accuracy),
    atMost('unanswered', 'Labelled tools left without an effect, all sets', 'count', TARGETS.unanswered, r.sets.reduce((s, x) => s + x.unanswered, 0)),
    atMost('cv-ece', 'Calibration error out of sample (cross-validated ECE, all sets but test)', 'error', TARGETS.cvEce, r.calibration.cvEce),
  ];
}

const pct = (x: number | null) => (x === null ? '    – ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const ece = (x: number | null) => (x === null ? '    –' : x.toFixed(3).padStart(5));

function table(title: string, m: Record<string, Record<string, number>>) {
  const cols = Object.keys(Object.values(m)[0] ?? {});
  console.log(`  ${title}`);
  console.log(`    ${'label \\ ours'.padEnd(12)} ${cols.map((c) => c.padStart(8)).join(' ')}`);
  for (const [row, cells] of Object.entries(m)) console.log(`    ${row.padEnd(12)} ${cols.map((c) => String(cells[c] ?? 0).padStart(8)).join(' ')}`);
}

function printSet(s: EvalSet, allErrors: boolean) {
  console.log(`\n${s.id} — ${EVAL_SETS[s.id]}: ${s.tools} tools of ${s.servers} servers`);
  console.log(`  ${s.kind === 'read' ? 'read vs not-read' : 'effect'} accuracy ${pct(s.accuracy)}   unanswered ${s.unanswered}   ECE ${ece(s.ece)}   cross-validated ECE ${ece(s.cvEce)}`);
  if (s.tools === 0) return;
  if (s.draws.length > 1) console.log(`  by draw: ${s.draws.map((d) => `${d.draw} ${pct(d.accuracy).trim()} (${d.tools})`).join(', ')}`);
  if (s.risk) console.log(`  risk exact ${pct(s.risk.exact)}   within one level ${pct(s.risk.withinOne)}`);
  console.log('  class      precision  recall  support');
  for (const [k, v] of Object.entries(s.perClass)) console.log(`  ${k.padEnd(9)}  ${pct(v.precision)}  ${pct(v.recall)}  ${String(v.support).padStart(6)}`);
  table('confusion', s.confusion);
  if (s.firstMeasure) {
    const f = s.firstMeasure;
    console.log(`  first measure (each draw's answers before anything changed for it) on ${f.tools} tools: right ${pct(f.accuracy)}, ECE of the confidences they had ${ece(f.ece)}`);
    for (const o of f.secondOpinion) console.log(`    below ${o.below.toFixed(2)}: the word baseline disagreed on ${o.disagreements}; it was right on ${o.baselineRight}, the first answer on ${o.firstRight}`);
  }
  if (s.baseline) console.log(`  word baseline (${s.baseline.scored}) on ${s.baseline.tools} tools: right ${pct(s.baseline.accuracy)}; ours ${pct(s.baseline.oursOnSame)}`);
  const p = s.peer;
  console.log(`  peer on the same tools: ${p.overlap} overlap, ${p.answered} given an effect; peer right ${pct(p.accuracyAnswered)} of those (${pct(p.accuracyOverlap)} of the overlap); ours ${pct(p.oursOnAnswered)} (${pct(p.oursOnOverlap)})`);
  if (s.review) {
    const r = s.review;
    console.log(`  review: ${r.relabels} relabels (${r.unmatched} unmatched), ${r.overturned} hints overturned: ${r.overturnedAmongDisagreements} of ${r.disagreements} where we disagreed with the hint, ${r.overturnedAmongAgreements} of ${r.agreements} where we agreed`);
  }
  if (!s.errorsShown) {
    console.log(`  errors: not shown (held out; --errors-test shows them once a change is final)`);
    return;
  }
  const shown = allErrors ? s.errors : s.errors.slice(0, 40);
  console.log(`  errors (${s.errors.length}${shown.length < s.errors.length ? `, first ${shown.length}; --errors for all` : ''}):`);
  for (const e of shown) console.log(`  - ${e.server}/${e.tool}: label ${e.label}, ours ${e.ours ?? 'none'}${e.confidence === null ? '' : ` @${e.confidence.toFixed(2)}`} (peer ${e.peer ?? '–'}) — ${e.evidence}`);
}

function print(r: EvalReport, allErrors: boolean) {
  console.log(`peer: ${PEER_NAME}`);
  for (const n of r.notes) console.log(`note: ${n}`);
  console.log('\nset             servers  tools  accuracy  unanswered    ECE  cv ECE  peer overlap  peer right  ours right');
  for (const s of r.sets) {
    console.log(
      `${s.id.padEnd(15)} ${String(s.servers).padStart(7)} ${String(s.tools).padStart(6)}    ${pct(s.accuracy)} ${String(s.unanswered).padStart(11)}  ${ece(s.ece)}   ${ece(s.cvEce)} ${String(s.peer.overlap).padStart(13)}      ${pct(s.peer.accuracyOverlap)}      ${pct(s.peer.oursOnOverlap)}`,
    );
  }
  for (const s of r.sets) {
    if (s.review?.relabels === 0) console.log(`\n${s.id}: the same as live (no relabels)`);
    else printSet(s, allErrors);
  }
  const c = r.calibration;
  console.log(`\nCalibration out of sample (${c.method}): ${c.tools} tools of ${c.servers} servers, ECE ${ece(c.cvEce)}`);
  console.log('  confidence     count  mean conf  right');
  for (const b of c.buckets) console.log(`  ${b.from.toFixed(2)}–${b.to.toFixed(2)}   ${String(b.count).padStart(6)}    ${pct(b.meanConfidence)}   ${pct(b.accuracy)}`);
  console.log(`Shipped curve on the test set: ECE ${ece(c.shipped.testEce)}`);
  console.log('\nTargets');
  for (const t of r.targets) console.log(`  ${t.met ? 'met    ' : 'NOT met'} ${t.label}: ${t.value === null ? 'not measured' : t.unit === 'count' ? t.value : t.value.toFixed(3)} (${t.atLeast ? 'at least' : 'at most'} ${t.target})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
