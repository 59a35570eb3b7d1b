import { describe, expect, test } from 'vitest';
import { classifyTool } from '../../src/classify/index.ts';
import { annotationsSignal } from '../../src/classify/signals/annotations.ts';
import { prepareTool, serverWords } from '../../src/classify/prepare.ts';
import { tool } from './helpers.ts';

const withHints = (name: string, description: string, annotations: Record<string, boolean>) => tool(name, description, undefined, { annotations });
const classify = (t: ReturnType<typeof tool>) => classifyTool(t, { slug: 's', name: 's', tools: [t] });

describe('annotations signal', () => {
  test.each([
    [{ readOnlyHint: true }, 'read'],
    [{ readOnlyHint: false }, 'write'],
    [{ destructiveHint: true }, 'delete'],
    [{ readOnlyHint: false, destructiveHint: false }, 'write'],
  ])('%j says %s', (annotations, says) => {
    const t = prepareTool(withHints('x', '', annotations), serverWords('s', 's'));
    expect(annotationsSignal(t).map((f) => f.says)).toContain(says);
  });

  test('openWorldHint raises the open-world flag', () => {
    expect(classify(withHints('fetch_page', 'Fetches a page', { openWorldHint: true })).flags).toContain('open-world');
  });

  test('is strong evidence when nothing contradicts it', () => {
    const c = classify(withHints('sequentialthinking', 'A tool for thinking step by step.', { readOnlyHint: true }));
    expect(c.effect).toBe('read');
    expect(c.flags).not.toContain('annotation-conflict');
  });

  test('never blind truth: a delete marked read-only stays a delete, with a conflict', () => {
    const c = classify(withHints('delete_project', 'Deletes a project and all of its data.', { readOnlyHint: true }));
    expect(c.effect).toBe('delete');
    expect(c.flags).toContain('annotation-conflict');
    expect(c.evidence.find((e) => e.detail.startsWith('annotation conflict'))?.detail).toBe(
      'annotation conflict: readOnlyHint claims read-only, but name verb "delete" says delete',
    );
    expect(c.doubts.join(' ')).toMatch(/annotations contradict/);
  });

  test('flags destructiveHint false against a strong delete', () => {
    const c = classify(withHints('purge_logs', 'Purges every stored log entry.', { readOnlyHint: false, destructiveHint: false }));
    expect(c.flags).toContain('annotation-conflict');
  });

  test('flags destructiveHint on a plain read', () => {
    const c = classify(withHints('list_users', 'Lists the users of the workspace.', { destructiveHint: true }));
    expect(c.flags).toContain('annotation-conflict');
    expect(c.effect).toBe('read');
  });

  test('agreeing annotations raise confidence', () => {
    const bare = classify(tool('list_things', 'Lists things'));
    const hinted = classify(withHints('list_things', 'Lists things', { readOnlyHint: true }));
    expect(hinted.confidence).toBeGreaterThanOrEqual(bare.confidence);
  });
});
