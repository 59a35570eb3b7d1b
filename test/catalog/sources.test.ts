import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSources } from '../../src/catalog/sources.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sources-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadSources', () => {
  test('loads good sources and reports a bad one with its file and field, without stopping', () => {
    const dir = folder({
      'good.md': '---\nname: Good\ntransport: npm\npackage: good-mcp\nenv: { TOKEN: placeholder }\n---\nAbout *good*.\n',
      'no-package.md': '---\nname: Bad\ntransport: npm\n---\n',
      'bad-transport.md': '---\nname: Bad\ntransport: carrier-pigeon\n---\n',
      'bad-yaml.md': '---\nname: [unclosed\n---\n',
      'Bad Name.md': '---\nname: X\ntransport: snapshot\nsnapshot: snapshots/x.json\n---\n',
      'escape.md': '---\nname: X\ntransport: snapshot\nsnapshot: ../../etc/passwd\n---\n',
      'unknown-field.md': '---\nname: X\ntransport: http\nurl: https://example.com/mcp\ntoken: secret\n---\n',
    });
    const { sources, errors } = loadSources(dir);
    expect(sources.map((s) => s.slug)).toEqual(['good']);
    expect(sources[0]!.about).toBe('About *good*.');
    expect(sources[0]!.source.env).toEqual({ TOKEN: 'placeholder' });
    const byFile = Object.fromEntries(errors.map((e) => [e.file.split('/').pop(), e.message]));
    expect(byFile['no-package.md']).toMatch(/no-package\.md: package: required when transport is npm/);
    expect(byFile['bad-transport.md']).toMatch(/bad-transport\.md: transport:/);
    expect(byFile['bad-yaml.md']).toMatch(/bad-yaml\.md: front matter is not valid YAML/);
    expect(byFile['Bad Name.md']).toMatch(/file name: "Bad Name" is not a safe slug/);
    expect(byFile['escape.md']).toMatch(/escape\.md: snapshot: must be a path inside catalog/);
    expect(byFile['unknown-field.md']).toMatch(/unknown-field\.md: .*token/);
  });

  test('follows no link: a linked source is reported, not read', () => {
    const outside = folder({ 'secret.md': '---\nname: Secret\ntransport: npm\npackage: the-start-of-a-private-file\n---\n' });
    const dir = folder({ 'good.md': '---\nname: Good\ntransport: npm\npackage: good-mcp\n---\n' });
    symlinkSync(join(outside, 'secret.md'), join(dir, 'linked.md'));
    const { sources, errors } = loadSources(dir);
    expect(sources.map((s) => s.slug)).toEqual(['good']);
    expect(errors).toEqual([{ file: join(dir, 'linked.md'), message: `${join(dir, 'linked.md')}: not a plain file (a link or a folder); a source must be a file of its own` }]);
  });

  test('loads every committed source', () => {
    const { sources, errors } = loadSources('catalog/sources');
    expect(errors).toEqual([]);
    expect(sources.length).toBeGreaterThanOrEqual(90);
    expect(sources.filter((s) => s.source.transport === 'npm').length).toBeGreaterThanOrEqual(60);
  });
});
