import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../scripts/validate.ts';
import { buildRecord } from '../../src/catalog/record.ts';
import { loadSources } from '../../src/catalog/sources.ts';
import { writeRecordAtomic } from '../../src/catalog/store.ts';
import type { CrawlOutcome } from '../../src/crawl/types.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/catalog');
const dirs: string[] = [];

/** Runs `npm run validate` in-process and returns its exit code and every line it printed. */
async function validate(argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    return { code: await run(argv), output: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

function copyOfFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'validate-'));
  dirs.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

const edit = (file: string, change: (json: any) => void) => {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json));
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm run validate (scripts/validate.ts run)', () => {
  test('passes a valid catalog and counts what it checked', async () => {
    const { code, output } = await validate(['--catalog', FIXTURE]);
    expect(code).toBe(0);
    expect(output).toMatch(/^6 sources, 3 server records, \d+ tools, 3 unlisted: valid$/);
  });

  test('passes the committed catalog', async () => {
    const { code, output } = await validate(['--catalog', 'catalog']);
    expect(output).toMatch(/: valid$/);
    expect(code).toBe(0);
  });

  test('reports every problem of a whole catalog, each with its file and field', async () => {
    const root = copyOfFixture();
    const servers = join(root, 'servers');
    const sources = join(root, 'sources');
    writeFileSync(join(sources, 'kestra.md'), readFileSync(join(sources, 'kestra.md'), 'utf8').replace('transport: "snapshot"', 'transport: "npm"'));
    writeFileSync(join(sources, 'mailbox.md'), readFileSync(join(sources, 'mailbox.md'), 'utf8').replace('snapshots/mailbox.json', 'snapshots/missing.json'));
    edit(join(servers, 'hostile.json'), (r) => (r.tools[2].classification.risk = 'apocalyptic'));
    edit(join(servers, 'mailbox.json'), (r) => r.tools.push(r.tools[0]));
    edit(join(servers, 'kestra.json'), (r) => delete r.policy.tools['backfill_executions']);
    writeFileSync(join(servers, 'broken.json'), '{"slug": ');

    const { code, output } = await validate(['--catalog', root]);
    expect(code).toBe(1);
    const problems = output.split('\n').slice(0, -1);
    expect(problems).toEqual([
      `${join(sources, 'kestra.md')}: package: required when transport is npm`,
      `${join(sources, 'mailbox.md')}: snapshot: snapshots/missing.json does not exist`,
      expect.stringMatching(new RegExp(`^${join(servers, 'broken.json')}: not valid JSON`)),
      expect.stringMatching(new RegExp(`^${join(servers, 'hostile.json')}: tools\\.2\\.classification\\.risk: `)),
      `${join(servers, 'kestra.json')}: tool "backfill_executions" has no rule in the server policy`,
      `${join(servers, 'mailbox.json')}: tool slug "read_inbox" is used twice`,
      `${join(servers, 'mailbox.json')}: tool name "read_inbox" is listed twice`,
    ]);
    // The records that failed to load are not counted; the others still are.
    expect(output.split('\n').at(-1)).toMatch(/^5 sources, 2 server records, \d+ tools, 3 unlisted: 7 problems$/);
  });

  test('rejects a forged record, naming the file and every forged tool', async () => {
    const root = copyOfFixture();
    const file = join(root, 'servers', 'mailbox.json');
    edit(file, (r) => {
      for (const t of r.tools) {
        t.classification.effect = 'read';
        t.classification.risk = 'low';
        t.policy = { action: 'allow' };
        r.policy.tools[t.name] = { action: 'allow' };
      }
    });
    const { code, output } = await validate(['--catalog', root]);
    expect(code).toBe(1);
    const forged = output.split('\n').filter((l) => l.startsWith(`${file}: `));
    expect(forged.map((l) => /^[^:]+: tool "([^"]+)"/.exec(l)?.[1])).toEqual(['read_inbox', 'fetch_url', 'send_email', 'delete_message']);
    expect(forged[2]).toMatch(/effect is "read", recomputed "write"; risk is "low", recomputed "high"; policy\.action is "allow", recomputed "require_approval"/);
  });

  test('rejects an orphan record, a symlinked record and a record filed under another name', async () => {
    const root = copyOfFixture();
    const servers = join(root, 'servers');
    rmSync(join(root, 'sources', 'kestra.md'));
    renameSync(join(servers, 'mailbox.json'), join(servers, 'zz.json'));
    const outside = join(mkdtempSync(join(tmpdir(), 'validate-outside-')), 'a.json');
    dirs.push(join(outside, '..'));
    writeFileSync(outside, '{}');
    symlinkSync(outside, join(servers, 'link.json'));
    const { code, output } = await validate(['--catalog', root]);
    expect(code).toBe(1);
    expect(output.split('\n').filter((l) => !l.includes('hostile.json'))).toEqual([
      `${join(servers, 'link.json')}: is a symbolic link; records must be plain files`,
      `${join(servers, 'kestra.json')}: no source: sources/kestra.md does not exist, so nothing says where this record came from`,
      `${join(servers, 'zz.json')}: holds the record of "mailbox", whose file is mailbox.json`,
      expect.stringMatching(/^5 sources, 3 server records, \d+ tools, 3 unlisted: \d+ problems$/),
    ]);
  });

  test('rejects tools named constructor and toString that have no rule of their own', async () => {
    const root = copyOfFixture();
    const loaded = loadSources(join(root, 'sources')).sources.find((s) => s.slug === 'mailbox')!;
    const tools = ['constructor', 'toString', 'valueOf', 'read_inbox'].map((name) => ({ name, description: `Read the ${name}.`, inputSchema: { type: 'object' } }));
    const outcome: CrawlOutcome = { ok: true, method: 'live', tools, serverInfo: null, protocolVersion: null, packageVersion: null, snapshotSource: null, truncated: false, warnings: [], durationMs: 1 };
    writeRecordAtomic(join(root, 'servers'), buildRecord({ loaded, outcome, previous: null, now: '2026-11-20T08:00:00Z' }).record!);
    const file = join(root, 'servers', 'mailbox.json');
    const only = async () => (await validate(['--catalog', root])).output.split('\n').filter((l) => l.startsWith(file));
    expect(await only()).toEqual([]);
    edit(file, (r) => {
      delete r.policy.tools['constructor'];
      delete r.policy.tools['toString'];
    });
    expect(await only()).toEqual([`${file}: tool "constructor" has no rule in the server policy`, `${file}: tool "toString" has no rule in the server policy`]);
  });

  test('rejects future and unparsable dates', async () => {
    const root = copyOfFixture();
    const file = join(root, 'servers', 'kestra.json');
    edit(file, (r) => {
      r.provenance.crawledAt = '9999-12-31T23:59:59Z';
      r.changelog[0].at = 'last Tuesday';
    });
    const { output } = await validate(['--catalog', root]);
    expect(output.split('\n').filter((l) => l.startsWith(file))).toEqual([
      `${file}: provenance.crawledAt: "9999-12-31T23:59:59Z" is in the future`,
      `${file}: changelog[0].at: "last Tuesday" is not an ISO 8601 date`,
    ]);
  });

  test('reports a schema nested 100,000 levels deep, and goes on to the other records', async () => {
    const root = copyOfFixture();
    const file = join(root, 'servers', 'mailbox.json');
    edit(file, (r) => (r.tools[1].inputSchema = '__DEEP__'));
    const levels = 100_000;
    writeFileSync(file, readFileSync(file, 'utf8').replace('"__DEEP__"', `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`));
    const kestra = join(root, 'servers', 'kestra.json');
    edit(kestra, (r) => (r.tools[0].classification.risk = 'low'));
    const { code, output } = await validate(['--catalog', root]);
    expect(code).toBe(1);
    // The record schema itself refuses the depth, naming the tool by its place in the list.
    expect(output).toContain(`${file}: tools.1.inputSchema: nested deeper than 64 levels`);
    expect(output).toMatch(new RegExp(`${kestra}: tool "[^"]+": risk is "low", recomputed`));
  });

  test('checks every unlisted entry: schema, file name, source, dates, and no record of the same server', async () => {
    const root = copyOfFixture();
    const unlisted = join(root, 'unlisted');
    edit(join(unlisted, 'weather-key.json'), (e) => {
      e.firstAttemptAt = '2026-11-25T08:00:00Z';
      e.lastAttemptAt = '2026-11-20T08:00:00Z';
    });
    edit(join(unlisted, 'http-default.json'), (e) => {
      e.lastAttemptAt = '9999-01-01T00:00:00Z';
      e.cause = 'bad-luck';
    });
    writeFileSync(join(unlisted, 'broken.json'), '{');
    // An entry under another slug's file, one for a server that has a record, one with no source.
    const entry = JSON.parse(readFileSync(join(unlisted, 'hostile-unlisted.json'), 'utf8'));
    writeFileSync(join(unlisted, 'renamed.json'), JSON.stringify(entry));
    writeFileSync(join(unlisted, 'kestra.json'), JSON.stringify({ ...entry, slug: 'kestra' }));
    writeFileSync(join(unlisted, 'ghost.json'), JSON.stringify({ ...entry, slug: 'ghost', firstAttemptAt: 'yesterday' }));

    const { code, output } = await validate(['--catalog', root]);
    expect(code).toBe(1);
    expect(output.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${join(unlisted, 'broken.json')}: not valid JSON`)),
      expect.stringMatching(new RegExp(`^${join(unlisted, 'http-default.json')}: cause: `)),
      `${join(unlisted, 'ghost.json')}: no source: sources/ghost.md does not exist, so nothing says where this server came from`,
      `${join(unlisted, 'ghost.json')}: firstAttemptAt: "yesterday" is not an ISO 8601 date`,
      `${join(unlisted, 'kestra.json')}: "kestra" has a server record too (servers/kestra.json): a listed server has no unlisted entry`,
      `${join(unlisted, 'renamed.json')}: holds the unlisted entry of "hostile-unlisted", whose file is hostile-unlisted.json`,
      `${join(unlisted, 'weather-key.json')}: firstAttemptAt "2026-11-25T08:00:00Z" is after lastAttemptAt "2026-11-20T08:00:00Z"`,
      '6 sources, 3 server records, 57 tools, 7 unlisted: 7 problems',
    ]);

    // A future date is reported once the entry parses again.
    edit(join(unlisted, 'http-default.json'), (e) => (e.cause = 'http-only'));
    const again = await validate(['--catalog', root]);
    expect(again.output).toContain(`${join(unlisted, 'http-default.json')}: lastAttemptAt: "9999-01-01T00:00:00Z" is in the future`);
  });

  test('passes a catalog with no unlisted folder', async () => {
    const root = copyOfFixture();
    rmSync(join(root, 'unlisted'), { recursive: true });
    for (const slug of ['weather-key', 'http-default', 'hostile-unlisted']) rmSync(join(root, 'sources', `${slug}.md`));
    const { code, output } = await validate(['--catalog', root]);
    expect(output).toMatch(/^3 sources, 3 server records, \d+ tools, 0 unlisted: valid$/);
    expect(code).toBe(0);
  });

  test('prints third-party text with control characters escaped', async () => {
    const root = copyOfFixture();
    const file = join(root, 'servers', 'kestra.json');
    edit(file, (r) => {
      r.policy.tools['\u001b]0;owned\u0007\u001b[2J'] = { action: 'allow' };
      r.provenance.crawledAt = '\u001b[31mnow';
    });
    const { output } = await validate(['--catalog', root]);
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(output).toContain(`${file}: the server policy has a rule for "\\x1b]0;owned\\x07\\x1b[2J", which is not a tool of this server`);
    expect(output).toContain(`${file}: provenance.crawledAt: "\\x1b[31mnow" is not an ISO 8601 date`);
  });
});
