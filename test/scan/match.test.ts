import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { identityOf, matchServer, splitSpec } from '../../src/scan/match.ts';
import { loadScanCatalog } from '../../src/scan/files.ts';
import type { ConfiguredServer } from '../../src/scan/configs.ts';

const catalog = loadScanCatalog(join(import.meta.dirname, '../../catalog/servers'));
const server = (command: string | null, args: string[] = [], url: string | null = null): ConfiguredServer => ({
  name: 'mine', client: 'generic', file: 'x.json', scope: null, command, args, url, alwaysAllow: [], disabled: false, envNames: [], line: null,
});

describe('identityOf', () => {
  test.each([
    [server('npx', ['-y', '@scope/pkg@1.2.3', '--flag']), { kind: 'npm', package: '@scope/pkg', version: '1.2.3' }],
    [server('npx', ['pkg@latest']), { kind: 'npm', package: 'pkg', version: null }],
    [server('/usr/local/bin/npx.cmd', ['--yes', 'pkg']), { kind: 'npm', package: 'pkg', version: null }],
    [server('pnpm', ['dlx', '@a/b@2']), { kind: 'npm', package: '@a/b', version: '2' }],
    [server('npm', ['exec', '--', 'c@3.0.0']), { kind: 'npm', package: 'c', version: '3.0.0' }],
    [server('bunx', ['d']), { kind: 'npm', package: 'd', version: null }],
    [server('npx', ['-p', 'e@1', 'e-bin']), { kind: 'npm', package: 'e', version: '1' }],
    [server('uvx', ['--from', 'x', 'mcp-server-git==0.6.2']), { kind: 'pypi', package: 'mcp-server-git', version: '0.6.2' }],
    [server('docker', ['run', '-i', '--rm', '-e', 'TOKEN', 'ghcr.io/acme/mcp:1.0']), { kind: 'image', image: 'ghcr.io/acme/mcp:1.0' }],
    [server(null, [], 'https://mcp.example.com/mcp/'), { kind: 'url', url: 'https://mcp.example.com/mcp' }],
    [server('node', ['server.js']), { kind: 'command', line: 'node server.js' }],
  ])('reads %j', (s, identity) => {
    expect(identityOf(s)).toEqual(identity);
  });

  test('splitSpec keeps a scope', () => {
    expect(splitSpec('@scope/name')).toEqual({ name: '@scope/name', version: null });
  });
});

describe('matchServer', () => {
  test('matches an npm package at the catalogued version without a note', () => {
    const m = matchServer(server('npx', ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31']), catalog);
    expect(m.entry?.slug).toBe('filesystem');
    expect(m.note).toBeNull();
  });

  test('says so when the configured version is not the catalogued one', () => {
    const m = matchServer(server('npx', ['-y', '@shortcut/mcp@0.24.0']), catalog);
    expect(m.entry?.slug).toBe('shortcut');
    expect(m.note).toBe('version 0.24.0 is not in the catalog; its tools are those of 0.25.0');
  });

  test('leaves an unknown server unmatched, and never matches by the name the user gave it', () => {
    const m = matchServer({ ...server('node', ['./x.js']), name: 'filesystem' }, catalog);
    expect(m.entry).toBeNull();
    expect(m.note).toBe('not in the catalog (command node ./x.js)');
  });

  test('matches a catalogued command line exactly, whatever the runner', () => {
    const entry = { slug: 'kestra', name: 'Kestra', transport: 'command', package: null, version: null, url: null, command: 'uvx', args: ['--from', 'kestra-mcp', 'kestra-mcp'], tools: [] };
    const local = { version: '1' as const, generatedAt: '', servers: [entry] };
    expect(matchServer(server('uvx', ['--from', 'kestra-mcp', 'kestra-mcp']), local).entry?.slug).toBe('kestra');
    expect(matchServer(server('uvx', ['--from', 'kestra-mcp', 'other']), local).entry).toBeNull();
  });
});
