import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIX = join(import.meta.dirname, '../fixtures/scan');
const repo = mkdtempSync(join(tmpdir(), 'scan-action-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Run the Action's script as the runner would, in a checkout, and wait for it to exit. */
function runScript(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn('bash', [join(ROOT, 'scripts/scan-action.sh')], { cwd: repo, env: { PATH: process.env['PATH'] ?? '', HOME: repo, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('the GitHub Action', () => {
  test('action.yml is a composite action whose scan step runs the tested script and fails after the upload', () => {
    const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    const names = action.runs.steps.map((s: { name?: string; uses?: string }) => s.name ?? s.uses);
    expect(names.indexOf('Upload SARIF')).toBeLessThan(names.indexOf('Fail on risk'));
    expect(action.runs.steps.find((s: { id?: string }) => s.id === 'scan').run).toContain('scripts/scan-action.sh');
  });

  test('writes SARIF and a summary, and records a met --fail-on as output without failing before the upload', { timeout: 180_000 }, async () => {
    cpSync(join(FIX, 'project/.mcp.json'), join(repo, '.mcp.json'));
    mkdirSync(join(repo, '.vscode'));
    cpSync(join(FIX, 'project/.vscode/mcp.json'), join(repo, '.vscode/mcp.json'));
    const output = join(repo, 'output.txt');
    const summary = join(repo, 'summary.md');
    writeFileSync(output, '');
    const r = await runScript({ MCP_RISK_FAIL_ON: 'high', MCP_RISK_SARIF: 'out.sarif', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(repo, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('.mcp.json');
    expect(readFileSync(output, 'utf8')).toBe('failed=true\nsarif=out.sarif\n');
    expect(readFileSync(summary, 'utf8')).toContain('| ci | claude-code | circleci | high |');
  });

  test('leaves failed=false when nothing reaches the chosen risk', { timeout: 180_000 }, async () => {
    const output = join(repo, 'output2.txt');
    writeFileSync(output, '');
    const r = await runScript({ MCP_RISK_CONFIGS: join(FIX, 'home/.codeium/windsurf/mcp_config.json'), MCP_RISK_FAIL_ON: 'medium', GITHUB_OUTPUT: output });
    expect(r.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toContain('failed=false');
  });
});
