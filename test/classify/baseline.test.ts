import { describe, expect, test } from 'vitest';
import { baselineWords, crossValidatedEffects, fitWordModel, predictEffect, type WordSample } from '../../src/eval/baseline.ts';
import type { Effect } from '../../src/taxonomy.ts';

const sample = (server: string, name: string, description: string, effect: Effect): WordSample => ({ server, words: baselineWords(name, description), effect });

describe('baselineWords', () => {
  test.each([
    ['list_issues', 'List the issues of a repository. Returns at most 100.', ['n:list', 'n:issues', 'd:list', 'd:issues', 'd:repository']],
    ['runSEOAudit', 'Run SEO audit', ['n:run', 'n:seo', 'n:audit', 'd:run', 'd:seo', 'd:audit']],
    // Filler words, one-letter words and numbers say nothing of the call.
    ['get_v2_item', 'Get an item by its ID (v2 API, 3 calls a second)', ['n:get', 'n:v2', 'n:item', 'd:get', 'd:item', 'd:id', 'd:v2', 'd:api', 'd:calls', 'd:second']],
    // Only the first sentence is read: the verb is there.
    ['drop', 'Drop a table. Use list_tables first to see what exists.', ['n:drop', 'd:drop', 'd:table']],
  ])('returns the words of %s and of its first sentence, each once', (name, description, expected) => {
    expect(baselineWords(name, description)).toEqual(expected);
  });
});

describe('predictEffect', () => {
  const labelled = [
    sample('a', 'delete_file', 'Delete a file', 'delete'),
    sample('a', 'remove_dir', 'Remove a directory and what it holds', 'delete'),
    sample('b', 'list_files', 'List files', 'read'),
    sample('b', 'read_file', 'Read a file', 'read'),
    sample('c', 'write_file', 'Write a file', 'write'),
    sample('c', 'run_command', 'Run a shell command', 'execute'),
  ];
  const model = fitWordModel(labelled);

  test('returns the effect whose labelled tools share the words', () => {
    expect(predictEffect(model, baselineWords('delete_dir', 'Delete a directory'))).toBe('delete');
    expect(predictEffect(model, baselineWords('list_dirs', 'List directories'))).toBe('read');
    expect(predictEffect(model, baselineWords('run_script', 'Run a script'))).toBe('execute');
  });

  test('returns the most common effect when no word was ever seen', () => {
    const moreDeletes = fitWordModel([...labelled, sample('d', 'purge_cache', 'Purge the cache', 'delete')]);
    const moreReads = fitWordModel([...labelled, sample('d', 'get_user', 'Get a user', 'read')]);
    expect(predictEffect(moreDeletes, baselineWords('zzz', 'Qqq'))).toBe('delete');
    expect(predictEffect(moreReads, baselineWords('zzz', 'Qqq'))).toBe('read');
  });
});

describe('crossValidatedEffects', () => {
  test('scores each server with a model fitted without it', () => {
    // Server "only" is the one place "zap" appears, labelled delete; the others' "zap"-free tools
    // are reads. Fitted on itself it would answer delete; fitted without it, "zap" is unknown.
    const samples = [
      sample('only', 'zap_thing', 'Zap a thing', 'delete'),
      ...['s1', 's2', 's3', 's4', 's5', 's6'].flatMap((s) => [sample(s, 'get_thing', 'Get a thing', 'read'), sample(s, 'list_things', 'List things', 'read')]),
    ];
    const answers = crossValidatedEffects(samples, 5, 1);
    expect(answers).toHaveLength(samples.length);
    expect(answers[0]).toBe('read');
    expect(predictEffect(fitWordModel(samples), samples[0]!.words)).toBe('delete');
  });
});
