import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { clientOfPath, readConfig } from '../../src/scan/configs.ts';

const FIX = join(import.meta.dirname, '../fixtures/scan');
const read = (rel: string) => readConfig(join(FIX, rel), readFileSync(join(FIX, rel), 'utf8'));
const names = (rel: string) => read(rel).servers.map((s) => `${s.client}:${s.scope ?? '-'}:${s.name}`);

describe('readConfig', () => {
  test.each([
    ['project/.mcp.json', ['claude-code:-:fs', 'claude-code:-:ci', 'claude-code:-:homegrown']],
    ['home/.claude.json', ['claude-code:-:memory', 'claude-code:project:/home/user/app:my-slack']],
    ['desktop/claude_desktop_config.json', ['claude-desktop:-:filesystem', 'claude-desktop:-:runner']],
    ['project/.cursor/mcp.json', ['cursor:-:tracker', 'cursor:-:remote-thing']],
    ['project/.vscode/mcp.json', ['vscode:-:pg', 'vscode:-:everything']],
    ['home/.codeium/windsurf/mcp_config.json', ['windsurf:-:search', 'windsurf:-:hosted']],
    ['home/Cline/cline_mcp_settings.json', ['cline:-:k8s']],
    ['project/.roo/mcp.json', ['cline:-:browser']],
    ['home/.codex/config.toml', ['codex:-:docs', 'codex:-:stripe']],
  ])('reads the servers of %s under the names the user gave them', (rel, expected) => {
    expect(read(rel).errors).toEqual([]);
    expect(names(rel)).toEqual(expected);
  });

  test('keeps environment variable names, never their values', () => {
    const ci = read('project/.mcp.json').servers.find((s) => s.name === 'ci')!;
    expect(ci.envNames).toEqual(['CIRCLECI_TOKEN']);
    expect(JSON.stringify(ci)).not.toContain('fake-token-not-a-secret');
    const stripe = read('home/.codex/config.toml').servers.find((s) => s.name === 'stripe')!;
    expect(JSON.stringify(stripe)).not.toContain('sk_test_fake');
  });

  test('reads Windsurf serverUrl and Cline alwaysAllow', () => {
    expect(read('home/.codeium/windsurf/mcp_config.json').servers[1]!.url).toBe('https://mcp.example.invalid/sse');
    expect(read('home/Cline/cline_mcp_settings.json').servers[0]!.alwaysAllow).toEqual(['kubectl_get']);
  });

  test('names file and line of a JSON syntax error', () => {
    const r = read('broken/.cursor/mcp.json');
    expect(r.servers).toEqual([]);
    expect(r.errors).toEqual([{ file: join(FIX, 'broken/.cursor/mcp.json'), line: 4, message: 'not valid JSON: CommaExpected' }]);
  });

  test('names file and line of a TOML syntax error', () => {
    const r = read('broken/.codex/config.toml');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: join(FIX, 'broken/.codex/config.toml'), line: 4 });
    expect(r.errors[0]!.message).toMatch(/^not valid TOML/);
  });

  test('reports bad entries by line and keeps the good ones of the same file', () => {
    const r = read('broken/.mcp.json');
    expect(r.servers.map((s) => s.name)).toEqual(['good']);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [4, 'server "bad-args": "args" is not a list of strings'],
      [5, 'server "nothing": neither "command" nor "url"'],
    ]);
  });

  test.each([
    ['a/.mcp.json', 'claude-code'],
    ['/home/u/.claude.json', 'claude-code'],
    ['x/.cursor/mcp.json', 'cursor'],
    ['x/.vscode/mcp.json', 'vscode'],
    ['~/.codex/config.toml', 'codex'],
    ['Library/Application Support/Claude/claude_desktop_config.json', 'claude-desktop'],
    ['x/servers.json', null],
  ])('clientOfPath(%s) is %s', (path, client) => {
    expect(clientOfPath(path)).toBe(client);
  });

  test('tells VS Code by its "servers" key when the path does not', () => {
    expect(readConfig('x.json', '{"servers":{"a":{"command":"npx","args":["b"]}}}').servers[0]!.client).toBe('vscode');
  });
});
