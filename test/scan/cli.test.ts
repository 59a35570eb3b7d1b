import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/scan.ts';
import { loadScanCatalog } from '../../src/scan/files.ts';

const FIX = join(import.meta.dirname, '../fixtures/scan');
const work = mkdtempSync(join(tmpdir(), 'scan-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scan(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: work });
  return { code, out, err };
}

describe('npm run scan', () => {
  test('prints one JSON document with every file, server and error, and goes on past broken files', async () => {
    const r = await scan(['--format', 'json', join(FIX, 'broken/.cursor/mcp.json'), join(FIX, 'project/.mcp.json'), join(FIX, 'missing.json')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.servers.map((s: { name: string; catalog: string | null }) => [s.name, s.catalog])).toEqual([
      ['fs', 'filesystem'],
      ['ci', 'circleci'],
      ['homegrown', null],
    ]);
    expect(report.errors).toEqual([
      { file: join(FIX, 'broken/.cursor/mcp.json'), line: 4, message: 'not valid JSON: CommaExpected' },
      { file: join(FIX, 'missing.json'), line: null, message: 'cannot read: ENOENT' },
    ]);
  });

  test('--fail-on high exits 1 when a configured server has a high-risk tool, 0 when none', async () => {
    expect((await scan(['--fail-on', 'high', join(FIX, 'project/.mcp.json')])).code).toBe(1);
    expect((await scan(['--fail-on', 'high', join(FIX, 'home/.codex/config.toml')])).code).toBe(1);
    expect((await scan(['--fail-on', 'medium', join(FIX, 'home/.codeium/windsurf/mcp_config.json')])).code).toBe(0);
  });

  test('--format sarif is SARIF 2.1.0 with a located result per server and config error', async () => {
    const r = await scan(['--format', 'sarif', join(FIX, 'broken/.mcp.json')]);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results;
    expect(results.map((x: { ruleId: string; locations: { physicalLocation: { region?: { startLine: number } } }[] }) => [x.ruleId, x.locations[0]!.physicalLocation.region?.startLine])).toEqual([
      ['mcp-risk/low', 3],
      ['mcp-risk/config-error', 4],
      ['mcp-risk/config-error', 5],
    ]);
    const ids = new Set(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id));
    for (const x of results) expect(ids.has(x.ruleId)).toBe(true);
  });

  test('bad arguments exit 2 with the usage', async () => {
    const r = await scan(['--write', 'emacs', join(FIX, 'project/.mcp.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--write emacs: one of claude-code, cursor/);
  });

  test('--write claude-code merges into existing settings, keeps the user keys and rules, shows a diff and keeps a backup', async () => {
    const settings = join(work, 'settings.json');
    writeFileSync(settings, '{\n  // mine\n  "model": "opus",\n  "permissions": { "allow": ["Bash(npm test)"], "deny": ["Read(./.env)"] }\n}\n');
    const r = await scan(['--write', 'claude-code', '--out', 'settings.json', join(FIX, 'home/.claude.json')]);
    expect(r.code).toBe(0);
    const merged = JSON.parse(readFileSync(settings, 'utf8'));
    expect(merged.model).toBe('opus');
    expect(merged.permissions.allow[0]).toBe('Bash(npm test)');
    expect(merged.permissions.allow).toContain('mcp__memory__open_nodes');
    expect(merged.permissions.deny).toEqual(['Read(./.env)']);
    expect(merged.permissions.ask).toContain('mcp__my-slack__slack_post_message');
    expect(readFileSync(`${settings}.bak`, 'utf8')).toContain('// mine');
    expect(r.err).toMatch(/^\+ +"mcp__memory__open_nodes",?$/m);
    expect(r.err).toContain('backup: settings.json.bak');
    // A second run changes nothing and backs nothing up.
    const again = await scan(['--write', 'claude-code', '--out', 'settings.json', join(FIX, 'home/.claude.json')]);
    expect(again.err).toContain('settings.json: unchanged');
    expect(existsSync(`${settings}.bak.2`)).toBe(false);
  });

  test('--write intercept writes one checked file per server into the --out folder', async () => {
    const r = await scan(['--write', 'intercept', '--out', 'intercept', join(FIX, 'home/.codex/config.toml')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(work, 'intercept/docs.intercept.yaml'), 'utf8')).toContain('rate_limit: "120/minute"');
    expect(existsSync(join(work, 'intercept/stripe.intercept.yaml'))).toBe(true);
  });

  test('a changed tool definition fails --fail-on drift; added and removed tools are named', async () => {
    const catalogFile = join(work, 'catalog.json');
    const catalog = loadScanCatalog(join(import.meta.dirname, '../../catalog/servers'));
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const config = join(work, 'mcp.json');
    cpSync(join(FIX, 'project/.mcp.json'), config);
    const first = await scan(['--lock', 'mcp-lock.json', '--catalog', 'catalog.json', '--fail-on', 'drift', 'mcp.json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'mcp-lock.json'), 'utf8')).servers.fs.catalog).toBe('filesystem');
    expect((await scan(['--lock', 'mcp-lock.json', '--catalog', 'catalog.json', '--fail-on', 'drift', 'mcp.json'])).code).toBe(0);

    // The same server name now lists a changed, a new and a missing tool.
    const fs = catalog.servers.find((s) => s.slug === 'filesystem')!;
    fs.tools[0] = { ...fs.tools[0]!, hash: `sha256:${'0'.repeat(64)}`, parts: { ...fs.tools[0]!.parts, description: 'sha256:changed' } };
    const removed = fs.tools.pop()!;
    fs.tools.push({ ...fs.tools[1]!, name: 'exfiltrate' });
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const later = await scan(['--lock', 'mcp-lock.json', '--catalog', 'catalog.json', '--fail-on', 'drift', '--format', 'json', 'mcp.json']);
    expect(later.code).toBe(1);
    expect(JSON.parse(later.out).drift.find((d: { server: string }) => d.server === 'fs')).toEqual({
      server: 'fs',
      file: config,
      added: ['exfiltrate'],
      removed: [removed.name],
      changed: [{ tool: fs.tools[0]!.name, what: ['description'] }],
    });
  });
});
