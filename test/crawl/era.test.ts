/**
 * Both eras of MCP over real processes: modern-only, dual-era, a version gate answering -32022
 * first, and legacy servers (one answering unknown methods, one silent on them), over stdio and
 * Streamable HTTP. The fixtures are raw JSON-RPC programs written from the 2026-07-28 spec.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { readProbe } from '../../src/crawl/era.ts';
import { crawlSource } from '../../src/crawl/index.ts';
import { crawlOptions } from '../../src/crawl/options.ts';
import { fixture, fixtureSource, names, source } from './helpers.ts';

const opts = (probe = 2_000) => crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 10_000, probe } });
const ALL = ['get_weather', 'execute_sql'];

const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

/** Starts a fixture over HTTP and resolves with the URL it prints once it listens. */
function hosted(file: string): Promise<string> {
  const child = spawn(process.execPath, [fixture(file), '--http'], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl !== -1) resolve(out.slice(0, nl).trim());
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

describe('the probe verdict (era.ts)', () => {
  const asked = '2026-07-28';
  it.each([
    ['no answer', null, 'legacy'],
    ['a DiscoverResult', { result: { supportedVersions: ['2026-07-28'] } }, 'modern'],
    ['an empty result (a legacy server that answers anything)', { result: {} }, 'legacy'],
    ['method not found', { error: { code: -32601, message: 'Method not found' } }, 'legacy'],
    ['invalid params', { error: { code: -32602, message: 'bad' } }, 'legacy'],
    ['not initialized', { error: { code: -32000, message: 'Server not initialized' } }, 'legacy'],
    ['-32022 with our version listed', { error: { code: -32022, data: { supported: ['2026-07-28'] } } }, 'modern-retry'],
    ['-32022 with a legacy version only', { error: { code: -32022, data: { supported: ['2025-06-18'] } } }, 'legacy'],
    ['-32022 with unknown versions only', { error: { code: -32022, data: { supported: ['2030-01-01'] } } }, 'unsupported'],
    ['a header mismatch', { error: { code: -32020, message: 'mismatch' } }, 'modern-retry'],
    ['a DiscoverResult with no version in common', { result: { supportedVersions: ['2030-01-01'] } }, 'unsupported'],
  ] as const)('%s → %s', (_what, reply, era) => {
    expect(readProbe(reply, asked).era).toBe(era);
  });

  it('picks a mutually supported version from a DiscoverResult', () => {
    const verdict = readProbe({ result: { supportedVersions: ['2030-01-01', '2026-07-28'] } }, '2030-01-01');
    expect(verdict).toMatchObject({ era: 'modern', version: '2026-07-28' });
  });
});

describe.each(['stdio', 'http'] as const)('crawling both eras over %s', (via) => {
  // A modern server answers the probe as soon as it runs: a long probe time costs it nothing, and
  // keeps a start slowed by a loaded machine from passing for silence.
  const crawl = async (slug: string, file: string, probe = 10_000) => {
    const loaded = via === 'stdio' ? fixtureSource(slug, file) : source(slug, { transport: 'http', url: await hosted(file) });
    return crawlSource(loaded, opts(probe));
  };

  it('lists a modern-only server with every tool, its version, instructions, ttl and the new tool fields', async () => {
    const out = await crawl('modern-only', 'era-modern-only.ts');
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(ALL);
    expect(out).toMatchObject({ era: 'modern', protocolVersion: '2026-07-28', supportedVersions: ['2026-07-28'], ttlMs: 300_000, cacheScope: 'public' });
    expect(out.instructions).toContain('execute_sql changes the database');
    expect(out.serverInfo).toMatchObject({ name: 'era-modern-only', version: '1.2.3' });
    expect(out.tools[0]).toMatchObject({ title: 'Weather Information Provider', icons: [{ src: 'https://example.com/weather-icon.png' }], _meta: { 'com.example/owner': 'weather-team' } });
  });

  it('stays modern with a dual-era server', async () => {
    const out = await crawl('dual', 'era-dual.ts');
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(ALL);
    expect(out).toMatchObject({ era: 'modern', protocolVersion: '2026-07-28', ttlMs: 60_000, cacheScope: 'private' });
  });

  it('retries with a version from the -32022 list and never falls back to initialize', async () => {
    const out = await crawl('version-gate', 'era-version-gate.ts');
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(ALL);
    expect(out).toMatchObject({ era: 'modern', protocolVersion: '2026-07-28', supportedVersions: ['2026-07-28', '2025-11-25'] });
  });

  it('falls back to initialize when the legacy server refuses server/discover', async () => {
    const out = await crawl('legacy', 'era-legacy.ts');
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(ALL);
    expect(out.era).toBe('legacy');
    expect(LEGACY).toContain(out.protocolVersion);
    // An answered probe costs a round trip, not the probe's time.
    expect(out.durationMs).toBeLessThan(10_000);
  });

  it('takes a server silent on server/discover for legacy after the probe time, once', async () => {
    const probe = 1_500;
    const out = await crawl('legacy-hangs', 'era-legacy-hangs.ts', probe);
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(ALL);
    expect(out.era).toBe('legacy');
    // The probe's time was spent, and not twice: the rest is one quick legacy session.
    expect(out.sessionMs ?? out.durationMs).toBeGreaterThanOrEqual(probe);
    expect(out.durationMs).toBeLessThan(2 * probe + 3_000);
  });
});

describe('the era found is kept across the starts of one server', () => {
  it('probes a silent legacy server once, not once per self-healing start', async () => {
    const probe = 6_000;
    const out = await crawlSource(fixtureSource('legacy-hangs-healed', 'era-legacy-hangs.ts', { args: ['--needs-key'] }), opts(probe));
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(ALL);
    expect(out.attempts?.length).toBe(2);
    expect(out.attempts?.[0]?.result).toMatch(/WEATHER_API_KEY/);
    // Two starts, one probe: a second probe would have cost another 6 s.
    expect(out.durationMs).toBeGreaterThanOrEqual(probe);
    expect(out.durationMs).toBeLessThan(2 * probe);
  });
});

const LEGACY = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];
