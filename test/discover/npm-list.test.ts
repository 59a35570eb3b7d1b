import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSources } from '../../src/catalog/sources.ts';
import { parseNpmList } from '../../src/discover/npm-list.ts';
import { discover, filesIn, NOW, tempCatalog, tempFile } from './helpers.ts';

const TSV = [
  'package\tversion\tdownloads_a_month\tsummary',
  '@acme/mcp\t1.2.0\t1000\tMCP server for Acme',
  'nx-mcp\t0.25.0\t900\t',
  '@dyna-oss/dyna-mcp-server\t2.1.2\t800\t[DEPRECATED] Use *the* `remote` one: [here](https://example.com) <b>x</b>',
  '',
].join('\n');

describe('parseNpmList', () => {
  test('reads a TSV by its header, in any column order, and names bad lines with file and line', () => {
    const text = '# candidates\nsummary\tpackage\tversion\nA server\tgood-mcp\t1.0.0\n\tBad Name\t1.0.0\nx\tfine-mcp\tlatest\nno name\t\t1.0.0\n';
    const { items, invalid } = parseNpmList('list.tsv', text);
    expect(items).toEqual([{ line: 3, package: 'good-mcp', version: '1.0.0', summary: 'A server' }]);
    expect(invalid).toEqual([
      'list.tsv:4: "Bad Name" is not an npm package name',
      'list.tsv:5: fine-mcp: "latest" is not an exact version',
      'list.tsv:6: no package name in the "package" column',
    ]);
  });

  test('reads a plain list of names, with versions after "@" and comments', () => {
    const text = '# a comment\n\n@scope/server-mcp@2.0.1\nplain-mcp\n  # indented comment\n../../etc/passwd\n@scope/x@not.a.version\n';
    const { items, invalid } = parseNpmList('names.txt', text);
    expect(items).toEqual([
      { line: 3, package: '@scope/server-mcp', version: '2.0.1' },
      { line: 4, package: 'plain-mcp' },
    ]);
    expect(invalid).toEqual([
      'names.txt:6: "../../etc/passwd" is not an npm package name',
      'names.txt:7: @scope/x: "not.a.version" is not an exact version',
    ]);
  });
});

describe('npm run discover -- --npm-list', () => {
  test('writes one source per package: readable name, exact version, scope as vendor, discovery, escaped summary', async () => {
    const catalog = tempCatalog();
    const list = tempFile('candidates.tsv', TSV);
    const { code, out } = await discover(['--npm-list', list, '--catalog', catalog]);
    expect(code).toBe(0);
    const files = filesIn(join(catalog, 'sources'));
    expect(Object.keys(files)).toEqual(['acme-mcp.md', 'dyna-oss-dyna-mcp-server.md', 'nx-mcp.md']);
    expect(files['acme-mcp.md']).toBe(
      [
        '---',
        'name: "Acme MCP"',
        'transport: "npm"',
        'package: "@acme/mcp"',
        'version: "1.2.0"',
        'vendor: "acme"',
        'tags: []',
        `discovered: {"via":"npm-list","from":${JSON.stringify(list)},"at":"${NOW.toISOString()}"}`,
        '---',
        'MCP server for Acme',
        '',
        `Discovered from the npm list ${list}; crawled live over stdio from an isolated install of version 1.2.0 of @acme/mcp.`,
        '',
      ].join('\n'),
    );
    // No scope, no vendor; no summary, no summary paragraph.
    expect(files['nx-mcp.md']).toMatch(/^---\nname: "Nx MCP"\ntransport: "npm"\npackage: "nx-mcp"\nversion: "0.25.0"\ntags: \[\]\n/);
    expect(files['nx-mcp.md']).toMatch(/---\nDiscovered from/);
    // Markdown in a summary is text, not markup.
    expect(files['dyna-oss-dyna-mcp-server.md']).toContain(
      '\\[DEPRECATED\\] Use \\*the\\* \\`remote\\` one: \\[here\\](https://example.com) \\<b\\>x\\</b\\>',
    );
    expect(files['dyna-oss-dyna-mcp-server.md']).toContain('name: "Dyna MCP Server"');

    // Every file is a valid source, marked as discovered.
    const { sources, errors } = loadSources(join(catalog, 'sources'));
    expect(errors).toEqual([]);
    expect(sources.map((s) => [s.slug, s.source.package, s.source.version, s.source.vendor ?? null, s.source.discovered?.via])).toEqual([
      ['acme-mcp', '@acme/mcp', '1.2.0', 'acme', 'npm-list'],
      ['dyna-oss-dyna-mcp-server', '@dyna-oss/dyna-mcp-server', '2.1.2', 'dyna-oss', 'npm-list'],
      ['nx-mcp', 'nx-mcp', '0.25.0', null, 'npm-list'],
    ]);
    expect(out.split('\n').at(-1)).toBe('3 written, 0 refreshed, 0 unchanged, 0 skipped, 0 invalid');
  });

  test('skips a package already catalogued by a source, a record or an unlisted entry, and names what holds it', async () => {
    const record = JSON.parse(readFileSync('test/fixtures/catalog/servers/hostile.json', 'utf8')) as Record<string, unknown>;
    const unlisted = {
      slug: 'waiting',
      name: 'Waiting',
      transport: 'npm',
      package: 'unlisted-mcp',
      cause: 'credentials',
      error: 'needs API_KEY',
      firstAttemptAt: '2026-11-30T00:00:00.000Z',
      lastAttemptAt: '2026-11-30T00:00:00.000Z',
    };
    const catalog = tempCatalog({
      'sources/hand.md': '---\nname: Hand\ntransport: npm\npackage: hand-mcp\n---\nWritten by hand.\n',
      'servers/held.json': JSON.stringify({ ...record, slug: 'held', package: 'recorded-mcp' }),
      'unlisted/waiting.json': JSON.stringify(unlisted),
    });
    const list = tempFile('names.txt', 'hand-mcp\nrecorded-mcp@1.0.0\nunlisted-mcp\nnew-mcp\nnew-mcp@2.0.0\n');
    const { code, out } = await discover(['--npm-list', list, '--catalog', catalog]);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      `= hand-mcp: already catalogued: ${join(catalog, 'sources/hand.md')}`,
      `= recorded-mcp: already catalogued: ${join(catalog, 'servers/held.json')}`,
      `= unlisted-mcp: already catalogued: ${join(catalog, 'unlisted/waiting.json')}`,
      '+ new-mcp: new-mcp',
      `= new-mcp: already catalogued: ${join(catalog, 'sources/new-mcp.md')}`,
      '1 written, 0 refreshed, 0 unchanged, 4 skipped, 0 invalid',
    ]);
    expect(Object.keys(filesIn(join(catalog, 'sources')))).toEqual(['hand.md', 'new-mcp.md']);
  });

  test('never overwrites a source: a slug taken by another server gets a suffix, and the hand-written file stays as it was', async () => {
    const hand = '---\nname: Someone else\ntransport: npm\npackage: "@other/thing"\n---\nA different server that took the slug.\n';
    const catalog = tempCatalog({ 'sources/foo-mcp.md': hand, 'sources/bar-mcp.md': '---\nbroken: [\n---\n' });
    const list = tempFile('names.txt', 'foo-mcp\nbar-mcp\n');
    const { code, out, err } = await discover(['--npm-list', list, '--catalog', catalog]);
    expect(code).toBe(0);
    expect(err).toMatch(/warning: .*bar-mcp\.md: front matter is not valid YAML/);
    const files = filesIn(join(catalog, 'sources'));
    expect(files['foo-mcp.md']).toBe(hand);
    expect(files['bar-mcp.md']).toBe('---\nbroken: [\n---\n');
    const written = Object.keys(files).filter((f) => f !== 'foo-mcp.md' && f !== 'bar-mcp.md');
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^bar-mcp-[0-9a-f]{8}\.md$/);
    expect(written[1]).toMatch(/^foo-mcp-[0-9a-f]{8}\.md$/);
    expect(files[written[1]!]).toContain('package: "foo-mcp"');
    expect(out).toContain('2 written');

    // The suffix depends on the name alone: a second catalog gets the same slug.
    const again = tempCatalog({ 'sources/foo-mcp.md': hand });
    await discover(['--npm-list', list, '--catalog', again]);
    expect(Object.keys(filesIn(join(again, 'sources')))).toContain(written[1]);
  });

  test('refreshes a discovered source to a new version, keeping the rest of its file; the same version leaves it untouched', async () => {
    const catalog = tempCatalog();
    const first = tempFile('list.tsv', 'package\tversion\tsummary\nfoo-mcp\t1.0.0\tFirst summary\n');
    await discover(['--npm-list', first, '--catalog', catalog]);
    const file = join(catalog, 'sources/foo-mcp.md');
    // A later edit (a healed start) that a refresh must keep.
    writeFileSync(file, readFileSync(file, 'utf8').replace('tags: []', 'args: ["--stdio"]\nenv: {"FOO_TOKEN":"placeholder"}\ntags: []'));
    const edited = readFileSync(file, 'utf8');

    const same = await discover(['--npm-list', first, '--catalog', catalog], new Date('2026-12-02T00:00:00.000Z'));
    expect(same.out.split('\n')).toEqual(['0 written, 0 refreshed, 1 unchanged, 0 skipped, 0 invalid']);
    expect(readFileSync(file, 'utf8')).toBe(edited);

    const second = tempFile('list.tsv', 'package\tversion\tsummary\nfoo-mcp\t1.1.0\tSecond summary\n');
    const later = new Date('2026-12-03T00:00:00.000Z');
    const { out } = await discover(['--npm-list', second, '--catalog', catalog], later);
    expect(out.split('\n')).toEqual(['~ foo-mcp: foo-mcp 1.0.0 → 1.1.0', '0 written, 1 refreshed, 0 unchanged, 0 skipped, 0 invalid']);
    const [source] = loadSources(join(catalog, 'sources')).sources;
    expect(source!.source).toMatchObject({
      version: '1.1.0',
      args: ['--stdio'],
      env: { FOO_TOKEN: 'placeholder' },
      discovered: { via: 'npm-list', from: second, at: later.toISOString() },
    });
    expect(source!.about).toMatch(/^First summary/);
  });

  test('reports invalid lines with file and line, writes the rest and exits 1; a missing list is named too', async () => {
    const catalog = tempCatalog();
    const list = tempFile('names.txt', 'good-mcp\nBad/Name\n@x/\u202eevil\n');
    const missing = join(catalog, 'nope.txt');
    const { code, out } = await discover(['--npm-list', list, '--npm-list', missing, '--catalog', catalog]);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines).toContain(`! ${list}:2: "Bad/Name" is not an npm package name`);
    // The hidden character is shown, not passed through.
    expect(lines).toContain(`! ${list}:3: "@x/\\\\u202Eevil" is not an npm package name`);
    expect(lines.some((l) => l.startsWith(`! ${missing}: ENOENT`))).toBe(true);
    expect(lines.at(-1)).toBe('1 written, 0 refreshed, 0 unchanged, 0 skipped, 3 invalid');
  });

  test('gives the longest name npm allows a slug within 80 characters and a name within 200', async () => {
    const catalog = tempCatalog();
    const long = `@${'s'.repeat(20)}/${'a-'.repeat(94)}mcp`;
    await discover(['--npm-list', tempFile('names.txt', `${long}\n`), '--catalog', catalog]);
    const { sources, errors } = loadSources(join(catalog, 'sources'));
    expect(errors).toEqual([]);
    expect(sources[0]!.slug).toMatch(/^s{20}-(?:a-)+[a-z0-9]*-?[0-9a-f]{8}$/);
    expect(sources[0]!.slug.length).toBeLessThanOrEqual(80);
    expect(sources[0]!.source.name.length).toBeLessThanOrEqual(200);
    expect(sources[0]!.source.package).toBe(long);
  });

  test('shows hidden characters of a summary as escapes and keeps the file valid', async () => {
    const catalog = tempCatalog();
    const list = tempFile('l.tsv', 'package\tsummary\nodd-mcp\t- starts a list\u200b and hides\u{e0041} text\n');
    await discover(['--npm-list', list, '--catalog', catalog]);
    const text = readFileSync(join(catalog, 'sources/odd-mcp.md'), 'utf8');
    expect(text).toContain('\\- starts a list\\\\u200B and hides\\\\u{E0041} text');
    expect(text).not.toMatch(/[\u200b\u{e0041}]/u);
    expect(loadSources(join(catalog, 'sources')).errors).toEqual([]);
  });
});
