import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

/**
 * The refresh workflow runs third-party servers on a runner that can hold a write token: these
 * tests read the workflow file itself and hold it to least privilege.
 */
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { permissions?: Record<string, string>; needs?: string | string[]; steps?: Step[] };
type Workflow = { permissions?: Record<string, string>; jobs: Record<string, Job> };

const workflow = parse(readFileSync(join(import.meta.dirname, '../../.github/workflows/refresh-catalog.yml'), 'utf8')) as Workflow;
const jobs = workflow.jobs;
const steps = (job: string) => jobs[job]!.steps ?? [];
const runs = (job: string) => steps(job).map((s) => s.run ?? '');

describe('.github/workflows/refresh-catalog.yml', () => {
  test('gives the workflow a read-only token and no OIDC token by default', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  test('gives every job its own permissions, writing contents in merge only and pages and id-token in deploy only', () => {
    for (const [name, job] of Object.entries(jobs)) expect(job.permissions, `job ${name}`).toBeDefined();
    const holders = (scope: string, level: string) => Object.entries(jobs).filter(([, j]) => j.permissions?.[scope] === level).map(([n]) => n);
    expect(holders('contents', 'write')).toEqual(['merge']);
    expect(holders('pages', 'write')).toEqual(['deploy']);
    expect(holders('id-token', 'write')).toEqual(['deploy']);
    expect(jobs['crawl']!.permissions).toEqual({ contents: 'read' });
    expect(jobs['merge']!.permissions).toEqual({ contents: 'write' });
    expect(jobs['deploy']!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  test('checks out without persisting credentials wherever third-party code or data is handled', () => {
    const checkouts = Object.entries(jobs).flatMap(([name, job]) => (job.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout@')).map((s) => [name, s] as const));
    expect(checkouts.map(([name]) => name).sort()).toEqual(['build', 'crawl', 'merge']);
    for (const [name, step] of checkouts) expect(step.with?.['persist-credentials'], `checkout in ${name}`).toBe(false);
  });

  test('installs bubblewrap before the crawl', () => {
    const install = runs('crawl').findIndex((r) => /apt-get install -y [^\n]*\bbubblewrap\b/.test(r));
    const crawl = runs('crawl').findIndex((r) => r.includes('npm run crawl'));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(crawl).toBeGreaterThan(install);
  });

  test('keys the install cache by the exact sources, with no restore-keys fallback', () => {
    const caches = Object.values(jobs).flatMap((j) => (j.steps ?? []).filter((s) => s.uses?.startsWith('actions/cache')));
    expect(caches).toHaveLength(1);
    expect(caches[0]!.with?.['restore-keys']).toBeUndefined();
    expect(caches[0]!.with?.['key']).toMatch(/hashFiles\('catalog\/sources\/\*\*'\)/);
  });

  test('pushes only after merge and validate, and only from the merge job', () => {
    const merge = runs('merge');
    const at = (pattern: RegExp) => merge.findIndex((r) => pattern.test(r));
    expect(at(/npm run merge/)).toBeGreaterThanOrEqual(0);
    expect(at(/npm run validate/)).toBeGreaterThan(at(/npm run merge/));
    expect(at(/git push/)).toBeGreaterThan(at(/npm run validate/));
    // The token reaches the push step alone.
    const withToken = steps('merge').filter((s) => JSON.stringify(s).includes('github.token'));
    expect(withToken).toEqual([steps('merge')[at(/git push/)]]);
    for (const name of Object.keys(jobs).filter((n) => n !== 'merge')) {
      expect(runs(name).some((r) => /git push/.test(r)), `job ${name}`).toBe(false);
    }
  });

  test('runs the jobs in order: crawl, merge, build, deploy', () => {
    expect([jobs['merge']!.needs, jobs['build']!.needs, jobs['deploy']!.needs]).toEqual(['crawl', 'merge', 'build']);
  });
});
