/**
 * What the era probe costs on legacy servers: crawls each legacy fixture server several times with
 * the probe (its default time) and without it (`probe: 0`, the legacy handshake at once),
 * alternating, and prints the median session time of each, and the difference.
 *
 *   npx tsx bench/era-probe.ts [RUNS]
 *
 * The real servers of the catalog are measured the same way with the crawl CLI
 * (`--probe-timeout 0` against the default), see the README.
 */
import { fileURLToPath } from 'node:url';
import type { LoadedSource } from '../src/catalog/sources.ts';
import { crawlSource } from '../src/crawl/index.ts';
import { crawlOptions, DEFAULT_TIMEOUTS } from '../src/crawl/options.ts';
import { SourceSchema } from '../src/schema.ts';

/** Legacy servers: SDK-based ones, bare JSON-RPC ones, and one that never answers an unknown method. */
const LEGACY = [
  ['toolbox.ts', []],
  ['paginated.ts', []],
  ['many-tools.ts', ['500']],
  ['poisoned-text.ts', []],
  ['era-legacy.ts', []],
  ['era-legacy-hangs.ts', []],
] as const;

const runs = Number(process.argv[2] ?? 5);
const modules = fileURLToPath(new URL('../node_modules', import.meta.url));

function sourceOf(file: string, args: readonly string[]): LoadedSource {
  const path = fileURLToPath(new URL(`../test/fixtures/servers/${file}`, import.meta.url));
  const slug = file.replace(/\.ts$/, '');
  const source = SourceSchema.parse({ name: slug, transport: 'command', command: process.execPath, args: [path, ...args], paths: [modules] });
  return { slug, file: `/nonexistent/sources/${slug}.md`, source, about: '' };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function sessionMs(loaded: LoadedSource, probe: number): Promise<number> {
  const out = await crawlSource(loaded, crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 20_000, probe } }));
  if (!out.ok) throw new Error(`${loaded.slug}: ${out.error}`);
  if (probe > 0 && out.era !== 'legacy') throw new Error(`${loaded.slug}: expected a legacy server, got ${out.era}`);
  return out.sessionMs ?? out.durationMs;
}

console.log(`probe time ${DEFAULT_TIMEOUTS.probe} ms; ${runs} runs each, alternating; median session ms`);
console.log(['server', 'no probe', 'probe', 'difference'].map((h) => h.padEnd(22)).join(''));
for (const [file, args] of LEGACY) {
  const loaded = sourceOf(file, args);
  const without: number[] = [];
  const withProbe: number[] = [];
  for (let i = 0; i < runs; i++) {
    without.push(await sessionMs(loaded, 0));
    withProbe.push(await sessionMs(loaded, DEFAULT_TIMEOUTS.probe));
  }
  const [a, b] = [median(without), median(withProbe)];
  console.log([file.replace(/\.ts$/, ''), `${a}`, `${b}`, `${b - a >= 0 ? '+' : ''}${b - a}`].map((c) => c.padEnd(22)).join(''));
}
