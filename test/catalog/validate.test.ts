import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../scripts/validate.ts';

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
    expect(output).toMatch(/^3 sources, 3 server records, \d+ tools: valid$/);
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
    expect(output.split('\n').at(-1)).toMatch(/^2 sources, 2 server records, \d+ tools: 7 problems$/);
  });
});
