/**
 * Self-healing starts against real servers: the needs-setup fixture fails its first start the way
 * published servers do (a missing variable, a usage text, an HTTP listener, a required option), and
 * the crawl must list its tools on a later start, within the same budget, with what it tried on
 * the record; what cannot be healed ends as a cause, never as a record of zero tools.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readUnlisted } from '../../src/catalog/store.ts';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { crawlCli, fixture, fixtureSource, names, projectModules, recordIn, type CliRun } from './helpers.ts';

const opts = () => crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 20_000 } });
/** The fixture's path: a command source's first argument, which every start keeps. */
const script = fixture('needs-setup.ts');
const scenario = (name: string) => fixtureSource(`needs-${name}`, 'needs-setup.ts', { args: [name] });

describe('crawlSource heals a failed start', () => {
  test.each([
    ['a variable it named', 'env', { args: ['env'], env: { ACME_API_KEY: 'placeholder' } }, /it asked for ACME_API_KEY/],
    ['the sub-command its usage lists', 'subcommand', { args: ['subcommand', 'stdio'], env: {} }, /it printed its usage: tried stdio/],

    ['a required option, with a folder for a folder', 'option', { args: ['option', '--workspace', '$HOME'], env: {} }, /it asked for --workspace/],
  ])('with %s', async (_what, name, healed, why) => {
    const out = await crawlSource(scenario(name), opts());
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(['list_projects', 'get_project']);
    expect(out.healed).toEqual({ ...healed, args: [script, ...healed.args] });
    // Every start is on the record: the source's own first, then the one that worked.
    expect(out.attempts?.map((a) => a.why)).toEqual(['as the source says', expect.stringMatching(why)]);
    expect(out.attempts?.[1]?.result).toBe('listed 2 tools');
    expect(out.attempts?.[1]?.env).toEqual(Object.keys(healed.env));
    expect(out.warnings).toContainEqual(expect.stringMatching(/^listed on start 2 of 2: /));
    expect(out.sessionMs).toBeGreaterThan(0);
  });

  test('with the stdio option its --help names, when it listened on HTTP', async () => {
    const out = await crawlSource(scenario('http'), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.healed).toEqual({ args: [script, 'http', '--stdio'], env: {} });
    expect(out.attempts?.map((a) => a.why)).toEqual(['as the source says', 'it listened on HTTP: read its --help', 'it listened on HTTP: tried --stdio']);
    expect(out.attempts?.[0]?.result).toMatch(/listening on http:\/\/localhost:3999/);
  });

  test('with a placeholder file for a variable that names one', async () => {
    const out = await crawlSource(scenario('file'), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.healed).toEqual({
      args: [script, 'file'],
      env: { ACME_CONFIG_FILE: '$HOME/placeholder/acme_config_file.json' },
      files: { 'placeholder/acme_config_file.json': '{}\n' },
    });
  });

  // Each fails a second time the way a published server did once given a plain placeholder, and
  // lists its tools on the third start, once the placeholder takes the form the server asked for.
  test.each([
    [
      'a variable that names a file, after it read the HOME folder through it (EISDIR)',
      'settings-path',
      { args: ['settings-path'], env: { ACME_SETTINGS_PATH: '$HOME/placeholder/acme_settings_path.json' }, files: { 'placeholder/acme_settings_path.json': '{}\n' } },
      ['it asked for ACME_SETTINGS_PATH', 'it wants ACME_SETTINGS_PATH to name a file'],
      /EISDIR: illegal operation on a directory/,
    ],
    [
      'values of the form its validator names (a prefix, a length, a phone number)',
      'key-format',
      { args: ['key-format'], env: { ACME_ACCOUNT_SID: 'ACplaceholder', ACME_AUTH_TOKEN: 'placeholder000000000000000000000', ACME_PHONE_NUMBER: '+15555550100' } },
      ['it asked for ACME_ACCOUNT_SID, ACME_AUTH_TOKEN, ACME_PHONE_NUMBER', 'it wants ACME_ACCOUNT_SID to start with "AC", ACME_AUTH_TOKEN to be at least 32 characters long and ACME_PHONE_NUMBER to be a phone number'],
      /Account SID must start with AC/,
    ],
    [
      'a URL of the scheme it names',
      'url-scheme',
      { args: ['url-scheme'], env: { ACME_STORE_URI: 'acmedb://example.invalid/placeholder' } },
      ['it asked for ACME_STORE_URI', 'it wants a URL that starts with acmedb://'],
      /URL must start with 'acmedb:\/\/'/,
    ],
    [
      'an option written --flag=value, when it did not read it as two words',
      'split-option',
      { args: ['split-option', '--token=placeholder'] , env: {} },
      ['it asked for --token', 'it did not read --token <value>: tried --token=<value>'],
      /Missing --token argument/,
    ],
  ])('with %s', async (_what, name, healed, whys, second) => {
    const out = await crawlSource(scenario(name), opts());
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(['list_projects', 'get_project']);
    expect(out.healed).toEqual({ ...healed, args: [script, ...healed.args] });
    expect(out.attempts?.map((a) => a.why)).toEqual(['as the source says', ...whys]);
    expect(out.attempts?.[1]?.result).toMatch(second);
    expect(out.attempts?.[2]?.result).toBe('listed 2 tools');
  });

  test('one start after another, as each thing it needs is named', async () => {
    const out = await crawlSource(scenario('env-then-option'), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.healed).toEqual({ args: [script, 'env-then-option', '--workspace', '$HOME'], env: { ACME_API_KEY: 'placeholder' } });
    expect(out.attempts?.map((a) => a.result)).toEqual([
      expect.stringMatching(/ACME_API_KEY environment variable is required/),
      expect.stringMatching(/required option '--workspace <dir>' not specified/),
      'listed 2 tools',
    ]);
  });

  test('ends an HTTP listener at once rather than at the step timeout', async () => {
    const out = await crawlSource(scenario('http'), crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step: 600_000 } }));
    // Had it waited for the step timeout, the session would still be running ten minutes later.
    expect(out.ok).toBe(true);
    expect(out.attempts).toHaveLength(3);
  });

  test('does not retry what no placeholder can mend, and says why', async () => {
    const out = await crawlSource(scenario('network'), opts());
    if (out.ok) throw new Error('listed a server that needs the internet');
    expect(out.cause).toBe('network');
    expect(out.attempts).toHaveLength(1);
    expect(out.error).toMatch(/getaddrinfo ENOTFOUND api\.acme\.example/);
  });

  test('counts an answer with no tools as not listed', async () => {
    const out = await crawlSource(scenario('no-tools'), opts());
    if (out.ok) throw new Error('a list of zero tools counted as listed');
    expect(out.cause).toBe('no-tools');
    expect(out.error).toBe('the server answered tools/list with no tools');
  });
});

describe('a crawl of servers that need setting up', () => {
  let root: string;
  let sources: string;
  let out: string;
  let first: CliRun;

  const write = (slug: string, front: string) => writeFileSync(join(sources, `${slug}.md`), `---\n${front}\n---\nA fixture.\n`);
  const command = (name: string) =>
    `command: ${JSON.stringify(process.execPath)}\nargs: ${JSON.stringify([fixture('needs-setup.ts'), name])}\npaths: ${JSON.stringify([projectModules])}`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'heal-crawl-'));
    sources = join(root, 'sources');
    out = join(root, 'servers');
    mkdirSync(sources);
    const discovered = 'discovered: {"via":"npm-list","from":"list.txt","at":"2026-12-01T00:00:00.000Z"}';
    write('found', `name: Found\ntransport: command\n${command('env')}\n${discovered}`);
    write('by-hand', `name: By hand\ntransport: command\n${command('env')}`);
    write('offline', `name: Offline\ntransport: command\n${command('network')}`);
    first = await crawlCli(['--sources', sources, '--out', out, '--timeout', '20000', '--write-sources']);
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('writes the start that worked into a discovered source, and shows it for a hand-written one', () => {
    expect(first.code).toBe(0);
    const found = readFileSync(join(sources, 'found.md'), 'utf8');
    expect(found).toMatch(/^env: \{"ACME_API_KEY":"placeholder"\}$/m);
    expect(first.output).toMatch(/source rewritten: .*found\.md\n(?: {8}.*\n)*? {8}\+env: \{"ACME_API_KEY":"placeholder"\}/);
    // The hand-written source is left as it was; the diff is printed for a person to apply.
    expect(readFileSync(join(sources, 'by-hand.md'), 'utf8')).not.toMatch(/ACME_API_KEY/);
    expect(first.output).toMatch(/hand-written source left as it is; the start that worked: .*by-hand\.md/);
    expect(recordIn(out, 'by-hand').provenance.attempts.map((a) => a.env)).toEqual([[], ['ACME_API_KEY']]);
  });

  test('records a server it could not list as unlisted, with the cause, and counts causes', () => {
    const entry = readUnlisted(join(root, 'unlisted'), 'offline');
    expect(entry).toMatchObject({ slug: 'offline', cause: 'network', attempts: [{ why: 'as the source says' }] });
    expect(entry?.error).toMatch(/ENOTFOUND/);
    expect(first.output).toMatch(/not listed, by cause: needs the internet at start 1/);
  });

  test('a re-crawl of the healed source lists it on the first start', async () => {
    const again = await crawlCli(['--sources', sources, '--out', out, '--only', 'found', '--timeout', '20000']);
    expect(again.code).toBe(0);
    expect(recordIn(out, 'found').provenance.attempts).toEqual([]);
  });

  test('--resume crawls only what the interrupted run had not attempted', async () => {
    // An interrupted run: begun before "found" was crawled above, never finished.
    const started = new Date(Date.parse(recordIn(out, 'found').provenance.crawledAt) - 1).toISOString();
    const runs = join(root, 'crawl-run.json');
    writeFileSync(runs, JSON.stringify({ [JSON.stringify([sources, null, null])]: { startedAt: started, finishedAt: null } }));
    const resumed = await crawlCli(['--sources', sources, '--out', out, '--timeout', '20000', '--resume']);
    expect(resumed.output).toMatch(/--resume: the run of .* had attempted 1 of these servers; crawling the other 2/);
    expect(resumed.output).not.toMatch(/\] found /);
    expect(JSON.parse(readFileSync(runs, 'utf8'))[JSON.stringify([sources, null, null])]).toMatchObject({ startedAt: started, finishedAt: expect.any(String) });
  });
});
