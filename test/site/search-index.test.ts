import { describe, expect, test } from 'vitest';
import { bundleDir, planShards } from '../../site/search-index.ts';

describe('planShards', () => {
  test('packs whole servers, in order, into shards of at most the given pages', () => {
    const servers = [
      { slug: 'a', pages: 10 },
      { slug: 'b', pages: 15 },
      { slug: 'c', pages: 5 },
      { slug: 'd', pages: 30 },
      { slug: 'e', pages: 1 },
    ];
    expect(planShards(servers, 20)).toEqual([
      { servers: ['a'], pages: 10 },
      { servers: ['b', 'c'], pages: 20 },
      { servers: ['d'], pages: 30 },
      { servers: ['e'], pages: 1 },
    ]);
  });

  test('gives one shard for a small catalog and none without tool pages', () => {
    expect(planShards([{ slug: 'a', pages: 3 }, { slug: 'b', pages: 4 }], 25_000)).toEqual([{ servers: ['a', 'b'], pages: 7 }]);
    expect(planShards([{ slug: 'a', pages: 0 }], 10)).toEqual([]);
  });

  test('names the first bundle pagefind/, as a plain Pagefind build would', () => {
    expect([0, 1, 2].map(bundleDir)).toEqual(['pagefind', 'pagefind-1', 'pagefind-2']);
  });
});
