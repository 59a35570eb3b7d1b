import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { toInterceptYaml } from '../../src/policy/export.ts';
import { toYaml } from '../../src/policy/yaml.ts';
import { hasHidden, revealHidden } from '../../src/reveal.ts';
import { ServerRecordSchema } from '../../src/schema.ts';
import { serverPolicy } from '../../site/lib/pages.ts';

const ROOT = join(import.meta.dirname, '../..');
/** YAML 1.2's c-printable, less the byte order mark and NEL (a line break to YAML 1.1 readers). */
const YAML_PRINTABLE = /^[\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('toYaml', () => {
  test.each([
    ['plain words', 'minute rate limit'],
    ['a number-like string', '30/minute'],
    ['a version string', '1'],
    ['booleans and null words', 'yes'],
    ['a key-like string', 'x: y'],
    ['a comment', 'a #b'],
    ['a sequence-like string', '- item'],
    ['quotes and newlines', 'say "hi"\nthen \'bye\''],
    ['an anchor and an alias', '&a *b'],
    ['a trailing space', 'name '],
    ['a leading space', ' name'],
    ['hidden characters', 'list\u200bfiles\u202etxt.exe'],
    ['control characters', 'a\u0000b\u001bc'],
    ['DEL', 'a\u007fb'],
    ['C1 controls', 'c1\u0080\u0085\u009b\u009f'],
    ['a NUL and a carriage return', 'nul\u0000cr\rname'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udfffz'],
    ['a byte order mark', '\ufeffname'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['noncharacters', 'a\ufffeb\uffff'],
    ['tag characters', 'read\u{E0049}\u{E0047}\u{E007F}'],
    ['variation selectors', 'vs\ufe0f\u{E0100}\u{E01EF}'],
    ['a look-alike escape', 'x\\u202E \\U000E0041 \\x41'],
    ['an entity', 'delete&#95;everything &#x202E;'],
    ['a prototype key', '__proto__'],
    ['an empty string', ''],
    ['a tag', '!!python/object'],
    ['a merge key', '<<'],
    ['tilde', '~'],
  ])('writes %s so that it parses back to itself', (_, s) => {
    const doc = { key: s, [s]: [s, { [s]: s }], list: [] as string[], map: {} };
    const text = toYaml(doc);
    expect(parse(text)).toEqual(doc);
    // The yaml package reads some invalid YAML too, so validity is checked apart: every raw
    // character is in YAML's printable set (no BOM inside the document), and nothing is hidden.
    expect(text).toMatch(YAML_PRINTABLE);
    expect(hasHidden(text, 'text')).toBe(false);
  });

  test('writes nested sequences of maps as YAML libraries do', () => {
    const doc = { version: '1', tools: { a: { rules: [{ name: 'deny', action: 'deny' }] }, b: { rules: [] } }, hide: ['a'] };
    expect(toYaml(doc)).toBe('version: "1"\ntools:\n  a:\n    rules:\n    - name: deny\n      action: deny\n  b:\n    rules: []\nhide:\n- a\n');
  });

  test('writes every committed server policy and the hostile fixture as YAML that names each tool', () => {
    const dirs = [join(ROOT, 'catalog/servers'), join(ROOT, 'test/fixtures/catalog/servers')];
    let checked = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
        const record = ServerRecordSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
        // The site's server policy, which keeps a tool named like an object's prototype key.
        const text = toInterceptYaml(record.name, serverPolicy(record));
        const doc = parse(text);
        expect(Object.keys(doc.tools), f).toEqual(record.tools.map((t) => t.name).filter((n, i, all) => all.indexOf(n) === i));
        expect(doc.description).toBe(`Policy for ${revealHidden(record.name)}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
