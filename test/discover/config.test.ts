import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSources } from '../../src/catalog/sources.ts';
import { scrubArgs } from '../../src/discover/config.ts';
import { discover, filesIn, NOW, tempCatalog, tempFile } from './helpers.ts';

/** A Claude Desktop config as a user has it: with real-looking credentials in env, args and URLs. */
const CLAUDE = {
  mcpServers: {
    github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@1.2.3'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_realsecretvalue123' } },
    fetch: { command: 'uvx', args: ['mcp-server-fetch', '--ignore-robots-txt'] },
    weather: { command: '/usr/local/bin/uvx', args: ['--from', 'weather-tools==1.0.2', 'weather-mcp'], env: { WEATHER_HOME_DIR: '/home/me/weather' } },
    box: { command: 'docker', args: ['run', '-i', '--rm', '-e', 'API_TOKEN', '-e', 'REGION=eu-west-1', '-v', '/home/me:/data', '--network=host', 'ghcr.io/acme/box:1.0', 'serve'] },
    local: { command: 'node', args: ['/home/me/server.js', '--db', 'postgres://me:hunter2@db.internal/prod', '--api-key', 'sk-abc123', '--name=demo'] },
    remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer sk-live-xyz' } },
    legacy: { type: 'sse', url: 'https://user:pw@sse.example.com/sse' },
    scoped: { command: 'npx.cmd', args: ['--yes', '--package=@acme/tools@2.0.0', 'acme-mcp', '--stdio'] },
    bad: { command: 42 },
    none: {},
    'Odd / Name\u202e': { command: 'npx', args: ['odd-mcp@latest'] },
  },
};

describe('npm run discover -- --config', () => {
  test('turns each entry into a source by what it runs, and copies no value of its environment', async () => {
    const catalog = tempCatalog();
    const config = tempFile('claude_desktop_config.json', JSON.stringify(CLAUDE));
    const { code, out } = await discover(['--config', config, '--catalog', catalog]);
    expect(code).toBe(1);
    expect(out).toContain(`! ${config}: bad: not a server entry (command: Invalid input: expected string, received number)`);
    expect(out).toContain(`! ${config}: none: neither a command nor a url`);
    expect(out.split('\n').at(-1)).toBe('9 written, 0 refreshed, 0 unchanged, 0 skipped, 2 invalid');

    const files = filesIn(join(catalog, 'sources'));
    const all = Object.values(files).join('\n');
    for (const secret of ['ghp_realsecretvalue123', '/home/me/weather', 'hunter2', 'sk-abc123', 'sk-live-xyz', 'Bearer', 'user:pw', 'eu-west-1', '/home/me:/data']) {
      expect(all).not.toContain(secret);
    }

    const { sources, errors } = loadSources(join(catalog, 'sources'));
    expect(errors).toEqual([]);
    const byId = Object.fromEntries(sources.map((s) => [s.source.discovered!.id!, s]));
    expect(byId['github']!.slug).toBe('github');
    expect(byId['github']!.source).toMatchObject({
      transport: 'npm',
      package: '@modelcontextprotocol/server-github',
      version: '1.2.3',
      args: [],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'placeholder' },
      discovered: { via: 'config', from: config, at: NOW.toISOString(), id: 'github' },
    });
    expect(byId['fetch']!.source).toMatchObject({ transport: 'pypi', package: 'mcp-server-fetch', args: ['--ignore-robots-txt'] });
    expect(byId['weather']!.source).toMatchObject({ transport: 'pypi', package: 'weather-tools', version: '1.0.2', bin: 'weather-mcp', env: { WEATHER_HOME_DIR: '$HOME/placeholder' } });
    expect(byId['box']!.source).toMatchObject({ transport: 'oci', package: 'ghcr.io/acme/box:1.0', args: ['serve'], env: { API_TOKEN: 'placeholder', REGION: 'placeholder' } });
    expect(byId['box']!.about).toContain('Docker options of the config left out (a container runs outside the sandbox): "-v", "--network"');
    expect(byId['local']!.source).toMatchObject({
      transport: 'command',
      command: 'node',
      args: ['/home/me/server.js', '--db', 'postgres://me:placeholder@db.internal/prod', '--api-key', 'placeholder', '--name=demo'],
    });
    expect(byId['remote']!.source).toMatchObject({ transport: 'http', url: 'https://mcp.example.com/mcp' });
    expect(byId['remote']!.about).toContain('The config sends the header "Authorization"; the crawl sends none.');
    expect(byId['legacy']!.source).toMatchObject({ transport: 'sse', url: 'https://sse.example.com/sse' });
    expect(byId['scoped']!.source).toMatchObject({ transport: 'npm', package: '@acme/tools', version: '2.0.0', bin: 'acme-mcp', args: ['--stdio'] });
    // "latest" is no version; a hostile key becomes a safe slug and a readable, visible name.
    const odd = byId['Odd / Name\u202e']!;
    expect(odd.source).toMatchObject({ transport: 'npm', package: 'odd-mcp' });
    expect(odd.source.version).toBeUndefined();
    expect(odd.slug).toBe('odd-name');
    expect(odd.source.name).not.toMatch(/\u202e/);
  });

  test('reads VS Code\'s "servers", at the top or under "mcp" in its settings, and skips a server already catalogued by its URL', async () => {
    const catalog = tempCatalog({ 'sources/known.md': '---\nname: Known\ntransport: http\nurl: https://known.example.com/mcp/\n---\n' });
    const top = tempFile('mcp.json', JSON.stringify({ servers: { known: { type: 'http', url: 'https://KNOWN.example.com/mcp' }, memory: { command: 'npx', args: ['-y', 'mem-mcp'] } } }));
    const settings = tempFile('settings.json', JSON.stringify({ 'editor.fontSize': 14, mcp: { servers: { other: { command: 'npx', args: ['other-mcp@1.0.0'] } } } }));
    const { code, out } = await discover(['--config', top, '--config', settings, '--catalog', catalog]);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      `= known: already catalogued: ${join(catalog, 'sources/known.md')}`,
      '+ memory: memory',
      '+ other: other',
      '2 written, 0 refreshed, 0 unchanged, 1 skipped, 0 invalid',
    ]);
  });

  test('names a config that is not JSON or holds no servers, and writes nothing for it', async () => {
    const catalog = tempCatalog();
    const broken = tempFile('broken.json', '{"mcpServers": {');
    const empty = tempFile('empty.json', '{"other": {}}');
    const { code, out } = await discover(['--config', broken, '--config', empty, '--catalog', catalog]);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`! ${broken}: not valid JSON: `));
    expect(out).toContain(`! ${empty}: no "mcpServers" or "servers" object`);
    expect(filesIn(join(catalog, 'sources'))).toEqual({});
  });
});

describe('scrubArgs', () => {
  test.each([
    [['--token', 'abc', '--verbose'], ['--token', 'placeholder', '--verbose']],
    [['--api-key=abc'], ['--api-key=placeholder']],
    [['--password', '--next'], ['--password', '--next']],
    [['ghp_abcdef', 'xoxb-1-2', 'AKIAIOSFODNN7EXAMPLE'], ['placeholder', 'placeholder', 'placeholder']],
    [['--db=postgres://u:p@h/d'], ['--db=placeholder']],
    [['mysql://u:p@h/d'], ['mysql://u:placeholder@h/d']],
    [['--port', '8080', '/path/to/dir', '--name=demo'], ['--port', '8080', '/path/to/dir', '--name=demo']],
  ])('%j becomes %j', (args, expected) => {
    expect(scrubArgs(args)).toEqual(expected);
  });
});

