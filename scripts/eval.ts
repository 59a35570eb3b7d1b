/**
 * `npm run eval -- [--catalog DIR] [--labels FILE] [--peer FILE] [--out FILE] [--errors]`
 *
 * Measures the classifier and writes catalog/eval.json (validated by EvalReportSchema), which the
 * Methodology page shows:
 *   set 1 — our hand labels (labels-dev.jsonl) joined with the peer catalog's names and
 *           descriptions: effect accuracy, per-effect precision and recall, confusion, risk
 *           agreement, and the peer's own categories on the same tools;
 *   set 2 — live-crawled servers in the catalog whose tools carry readOnlyHint, classified with
 *           the annotations hidden: read vs not-read accuracy;
 *   calibration over both sets: confidence buckets against observed accuracy, and the ECE.
 * Exits 2 when an input is missing or unreadable.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { classifyServer } from '../src/classify/index.ts';
import { EvalReportSchema, formatIssues, RawToolSchema, type Classification, type EvalReport, type RawTool } from '../src/schema.ts';
import { EFFECT_VALUES, RISKS, type Effect, type Risk } from '../src/taxonomy.ts';

const DATA = '/work/shared/data';
const TARGETS = { effectAccuracy: 0.95, liveReadAccuracy: 0.95, ece: 0.05 };
const PEER_EFFECT: Record<string, Effect | null> = { Read: 'read', Write: 'write', Destructive: 'delete', Execute: 'execute', Financial: null, Other: null };
const BUCKETS = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];

type Label = { policy: string; tool: string; effect: Effect; risk: Risk };
type PeerTool = { policy: string; server_name: string; tool: string; description: string; category: string };
type Scored = { confidence: number; right: boolean };

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      catalog: { type: 'string', default: 'catalog' },
      labels: { type: 'string', default: join(DATA, 'labels-dev.jsonl') },
      peer: { type: 'string', default: join(DATA, 'policylayer-intercept-categories.json') },
      out: { type: 'string' },
      errors: { type: 'boolean', default: false },
    },
  });
  const out = values.out ?? join(values.catalog, 'eval.json');

  // 1. Read the inputs; a missing one is an error, not an empty result.
  let labels: Label[];
  let peer: PeerTool[];
  try {
    labels = readLabels(values.labels);
    peer = readPeer(values.peer);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return;
  }

  // 2. Set 1: classify each peer server's tools together (siblings matter) and join our labels.
  const dev = evalDev(labels, peer);
  // 3. Set 2: live servers with readOnlyHint, annotations hidden.
  const live = evalLive(join(values.catalog, 'servers'));
  // 4. Calibration over both.
  const calibration = calibrate([...dev.scored, ...live.scored]);

  const report: EvalReport = {
    generatedAt: new Date().toISOString(),
    dev: dev.report,
    live: live.report,
    calibration,
    targets: {
      effectAccuracy: target(TARGETS.effectAccuracy, dev.report.unanswered === 0 ? dev.report.effectAccuracy : 0, true),
      liveReadAccuracy: target(TARGETS.liveReadAccuracy, live.report.readAccuracy, true),
      ece: target(TARGETS.ece, calibration.ece, false),
    },
  };
  const checked = EvalReportSchema.safeParse(report);
  if (!checked.success) {
    console.error(`eval report does not match its schema: ${formatIssues(checked.error)}`);
    process.exitCode = 1;
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(checked.data, null, 2)}\n`);

  // 5. Print it as tables.
  print(checked.data, values.errors);
  console.log(`\nwrote ${out}`);
}

function readLabels(file: string): Label[] {
  if (!existsSync(file)) throw new Error(`${file}: missing (the hand labels)`);
  const out: Label[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const x = JSON.parse(line) as Partial<Label>;
      if (typeof x.policy !== 'string' || typeof x.tool !== 'string' || !EFFECT_VALUES.includes(x.effect as Effect) || !(x.risk! in RISKS)) {
        throw new Error(`${file}:${i + 1}: expected {policy, tool, effect, risk}`);
      }
      out.push(x as Label);
    });
  return out;
}

function readPeer(file: string): PeerTool[] {
  if (!existsSync(file)) throw new Error(`${file}: missing (the peer catalog's categories)`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { tools?: unknown };
  if (!Array.isArray(json.tools)) throw new Error(`${file}: expected {"tools": [...]}`);
  return json.tools as PeerTool[];
}

function evalDev(labels: Label[], peer: PeerTool[]) {
  const byPolicy = new Map<string, PeerTool[]>();
  for (const p of peer) byPolicy.set(p.policy, [...(byPolicy.get(p.policy) ?? []), p]);
  const ours = new Map<string, Classification>();
  for (const [policy, tools] of byPolicy) {
    const raw: RawTool[] = tools.map((p) => ({ name: p.tool, description: p.description ?? '', inputSchema: { type: 'object' } }));
    const result = classifyServer({ slug: policy, name: tools[0]!.server_name, tools: raw });
    tools.forEach((p, i) => ours.set(`${policy}\u0000${p.tool}`, result.tools[i]!));
  }
  const peerOf = new Map(peer.map((p) => [`${p.policy}\u0000${p.tool}`, p]));

  const confusion = emptyConfusion(EFFECT_VALUES, [...EFFECT_VALUES, 'none']);
  const peerConfusion = emptyConfusion(EFFECT_VALUES, [...EFFECT_VALUES, 'none']);
  const categories: Record<string, number> = {};
  const errors: EvalReport['dev']['errors'] = [];
  const scored: Scored[] = [];
  let right = 0, unanswered = 0, low = 0, riskExact = 0, riskNear = 0;
  let peerAnswered = 0, peerRight = 0, oursOnPeerAnswered = 0;
  const servers = new Set<string>();
  for (const l of labels) {
    const key = `${l.policy}\u0000${l.tool}`;
    const c = ours.get(key);
    const p = peerOf.get(key);
    servers.add(l.policy);
    if (!c) {
      unanswered++;
      confusion[l.effect]!.none!++;
      continue;
    }
    const ok = c.effect === l.effect;
    if (ok) right++;
    else errors.push({ server: l.policy, tool: l.tool, label: l.effect, ours: c.effect, confidence: c.confidence, peer: p?.category ?? null, evidence: c.evidence[0]?.detail ?? '' });
    confusion[l.effect]![c.effect]!++;
    scored.push({ confidence: c.confidence, right: ok });
    if (c.confidence < 0.5) low++;
    const gap = Math.abs(RISKS[c.risk].rank - RISKS[l.risk].rank);
    if (gap === 0) riskExact++;
    if (gap <= 1) riskNear++;
    const cat = p?.category ?? 'missing';
    categories[cat] = (categories[cat] ?? 0) + 1;
    const pe = p ? PEER_EFFECT[p.category] ?? null : null;
    peerConfusion[l.effect]![pe ?? 'none']!++;
    if (pe) {
      peerAnswered++;
      if (pe === l.effect) peerRight++;
      if (ok) oursOnPeerAnswered++;
    }
  }
  const n = labels.length;
  const perEffect = Object.fromEntries(
    EFFECT_VALUES.map((e) => {
      const tp = confusion[e]![e]!;
      const predicted = EFFECT_VALUES.reduce((s, row) => s + confusion[row]![e]!, 0);
      const support = Object.values(confusion[e]!).reduce((s, x) => s + x, 0);
      return [e, { precision: predicted ? tp / predicted : null, recall: support ? tp / support : null, support }];
    }),
  ) as EvalReport['dev']['perEffect'];
  const report: EvalReport['dev'] = {
    source: 'labels-dev.jsonl joined with policylayer-intercept-categories.json (names and descriptions; no input schemas)',
    servers: servers.size,
    tools: n,
    unanswered,
    effectAccuracy: n ? right / n : 0,
    perEffect,
    confusion,
    lowConfidenceRate: n ? low / n : 0,
    risk: { exact: n ? riskExact / n : 0, withinOne: n ? riskNear / n : 0 },
    peer: {
      name: 'PolicyLayer Intercept categories (Read→read, Write→write, Destructive→delete, Execute→execute; Financial and Other give no effect)',
      answered: peerAnswered,
      accuracyAnswered: peerAnswered ? peerRight / peerAnswered : null,
      accuracyAll: n ? peerRight / n : 0,
      ourAccuracyOnPeerAnswered: peerAnswered ? oursOnPeerAnswered / peerAnswered : null,
      categories,
      confusion: peerConfusion,
    },
    errors,
  };
  return { report, scored };
}

function evalLive(dir: string) {
  const confusion = emptyConfusion(['read', 'not-read'], ['read', 'not-read']);
  const errors: EvalReport['live']['errors'] = [];
  const scored: Scored[] = [];
  let servers = 0, tools = 0, right = 0;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const file of files) {
    let record: { slug?: unknown; name?: unknown; about?: unknown; provenance?: { method?: unknown }; tools?: unknown };
    try {
      record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as typeof record;
    } catch (e) {
      console.error(`${join(dir, file)}: skipped: ${(e as Error).message}`);
      continue;
    }
    if (record.provenance?.method !== 'live' || !Array.isArray(record.tools)) continue;
    const raw: RawTool[] = [];
    const hints: (boolean | undefined)[] = [];
    for (const t of record.tools as unknown[]) {
      if (!t || typeof t !== 'object') continue;
      // Catalog records write absent fields as null; tools/list leaves them out.
      const { name, title, description, inputSchema, outputSchema, annotations } = t as Record<string, unknown>;
      const parsed = RawToolSchema.safeParse({
        name,
        description,
        inputSchema: inputSchema ?? undefined,
        ...(typeof title === 'string' ? { title } : {}),
        ...(outputSchema && typeof outputSchema === 'object' ? { outputSchema } : {}),
      });
      if (!parsed.success) continue;
      // Annotations are hidden: the classifier must find the answer without them.
      raw.push(parsed.data);
      const hint = annotations && typeof annotations === 'object' ? (annotations as { readOnlyHint?: unknown }).readOnlyHint : undefined;
      hints.push(typeof hint === 'boolean' ? hint : undefined);
    }
    if (!hints.some((h) => h !== undefined)) continue;
    servers++;
    const slug = typeof record.slug === 'string' ? record.slug : file.replace(/\.json$/, '');
    const result = classifyServer({
      slug,
      name: typeof record.name === 'string' ? record.name : slug,
      about: typeof record.about === 'string' ? record.about : '',
      tools: raw,
    });
    hints.forEach((hint, i) => {
      if (hint === undefined) return;
      const c = result.tools[i]!;
      tools++;
      const saysRead = c.effect === 'read';
      const ok = saysRead === hint;
      if (ok) right++;
      else errors.push({ server: slug, tool: raw[i]!.name, readOnlyHint: hint, ours: c.effect, confidence: c.confidence, evidence: c.evidence[0]?.detail ?? '' });
      confusion[hint ? 'read' : 'not-read']![saysRead ? 'read' : 'not-read']!++;
      scored.push({ confidence: c.confidence, right: ok });
    });
  }
  const report: EvalReport['live'] = {
    source: `${dir}/*.json with provenance.method "live" and tools carrying annotations.readOnlyHint`,
    servers,
    tools,
    readAccuracy: tools ? right / tools : null,
    confusion,
    errors,
  };
  return { report, scored };
}

function calibrate(scored: Scored[]): EvalReport['calibration'] {
  const buckets: EvalReport['calibration']['buckets'] = [];
  let gap = 0;
  for (let i = 0; i + 1 < BUCKETS.length; i++) {
    const from = BUCKETS[i]!;
    const to = BUCKETS[i + 1]!;
    const inside = scored.filter((s) => s.confidence >= from && s.confidence < to);
    const mean = inside.length ? inside.reduce((s, x) => s + x.confidence, 0) / inside.length : null;
    const acc = inside.length ? inside.filter((x) => x.right).length / inside.length : null;
    if (mean !== null && acc !== null) gap += (inside.length / scored.length) * Math.abs(mean - acc);
    buckets.push({ from, to: Math.min(1, to), count: inside.length, meanConfidence: mean, accuracy: acc });
  }
  return { tools: scored.length, ece: scored.length ? gap : null, buckets };
}

function target(goal: number, value: number | null, atLeast: boolean) {
  return { target: goal, value, met: value !== null && (atLeast ? value >= goal : value <= goal) };
}

function emptyConfusion(rows: readonly string[], cols: readonly string[]): Record<string, Record<string, number>> {
  return Object.fromEntries(rows.map((r) => [r, Object.fromEntries(cols.map((c) => [c, 0]))]));
}

const pct = (x: number | null) => (x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function table(title: string, m: Record<string, Record<string, number>>) {
  const cols = Object.keys(Object.values(m)[0] ?? {});
  console.log(`\n${title}`);
  console.log(`  ${'label \\ ours'.padEnd(12)} ${cols.map((c) => c.padStart(8)).join(' ')}`);
  for (const [row, cells] of Object.entries(m)) console.log(`  ${row.padEnd(12)} ${cols.map((c) => String(cells[c] ?? 0).padStart(8)).join(' ')}`);
}

function print(r: EvalReport, allErrors: boolean) {
  const d = r.dev;
  console.log(`Set 1 — hand labels: ${d.tools} tools of ${d.servers} servers (${d.unanswered} without an effect)`);
  console.log(`  effect accuracy       ${pct(d.effectAccuracy)}`);
  console.log(`  low confidence (<0.5) ${pct(d.lowConfidenceRate)}`);
  console.log(`  risk exact            ${pct(d.risk.exact)}   within one level ${pct(d.risk.withinOne)}`);
  console.log('  effect     precision  recall  support');
  for (const e of EFFECT_VALUES) {
    const s = d.perEffect[e];
    console.log(`  ${e.padEnd(9)}  ${pct(s.precision)}  ${pct(s.recall)}  ${String(s.support).padStart(6)}`);
  }
  table('  confusion (ours)', d.confusion);
  console.log(`\n  peer: ${d.peer.name}`);
  console.log(`  peer answered ${d.peer.answered} of ${d.tools}; accuracy on those ${pct(d.peer.accuracyAnswered)} (ours on the same ${pct(d.peer.ourAccuracyOnPeerAnswered)}); over all ${pct(d.peer.accuracyAll)}`);
  console.log(`  peer categories: ${Object.entries(d.peer.categories).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  table('  confusion (peer)', d.peer.confusion);
  const shown = allErrors ? d.errors : d.errors.slice(0, 40);
  console.log(`\n  residual errors (${d.errors.length}${shown.length < d.errors.length ? `, first ${shown.length}; --errors for all` : ''}):`);
  for (const e of shown) console.log(`  - ${e.server}/${e.tool}: label ${e.label}, ours ${e.ours} @${e.confidence.toFixed(2)} (peer ${e.peer ?? '–'}) — ${e.evidence}`);

  const l = r.live;
  console.log(`\nSet 2 — live servers with readOnlyHint, annotations hidden: ${l.servers} servers, ${l.tools} tools`);
  console.log(`  read vs not-read accuracy ${pct(l.readAccuracy)}`);
  if (l.tools) table('  confusion (readOnlyHint \\ ours)', l.confusion);
  for (const e of allErrors ? l.errors : l.errors.slice(0, 40)) console.log(`  - ${e.server}/${e.tool}: readOnlyHint ${e.readOnlyHint}, ours ${e.ours} @${e.confidence.toFixed(2)} — ${e.evidence}`);

  const c = r.calibration;
  console.log(`\nCalibration over ${c.tools} tools: ECE ${c.ece === null ? '–' : c.ece.toFixed(3)}`);
  console.log('  confidence     count  mean conf  accuracy');
  for (const b of c.buckets) console.log(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}      ${String(b.count).padStart(5)}    ${pct(b.meanConfidence)}    ${pct(b.accuracy)}`);

  console.log('\nTargets');
  for (const [k, t] of Object.entries(r.targets)) console.log(`  ${k.padEnd(18)} ${t.met ? 'met    ' : 'NOT met'} value ${t.value === null ? '–' : t.value.toFixed(3)} target ${t.target}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
