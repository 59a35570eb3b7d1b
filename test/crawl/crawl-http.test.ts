import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { crawlOptions, crawlSource } from '../../src/crawl/index.ts';
import { serveLegacySse, serveNothing, serveStreamableHttp, type Hosted } from '../fixtures/servers/http-host.ts';
import { createPaginatedServer } from '../fixtures/servers/paginated.ts';
import { createToolboxServer } from '../fixtures/servers/toolbox.ts';
import { names, source } from './helpers.ts';

const opts = (step = 10_000) => crawlOptions({ cacheDir: '/nonexistent/cache', timeouts: { step } });
const TOOLBOX = ['list_notes', 'get_note', 'delete_note', 'purge_all', 'mystery', 'summarize_notes'];

describe('crawlSource over HTTP', () => {
  const hosts: Hosted[] = [];
  let toolboxHttp: Hosted;
  let pagedHttp: Hosted;
  let toolboxSse: Hosted;
  let silent: Hosted;

  beforeAll(async () => {
    toolboxHttp = await serveStreamableHttp(createToolboxServer);
    pagedHttp = await serveStreamableHttp(() => createPaginatedServer({ total: 23, pageSize: 5 }));
    toolboxSse = await serveLegacySse(createToolboxServer);
    silent = await serveNothing();
    hosts.push(toolboxHttp, pagedHttp, toolboxSse, silent);
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
  });

  test('lists a streamable HTTP server with its serverInfo', async () => {
    const out = await crawlSource(source('http-toolbox', { transport: 'http', url: toolboxHttp.url }), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out).toMatchObject({ method: 'live', serverInfo: { name: 'fixture-toolbox', version: '1.2.3' }, truncated: false, warnings: [] });
    expect(names(out.tools)).toEqual(TOOLBOX);
  });

  test('follows nextCursor over streamable HTTP', async () => {
    const out = await crawlSource(source('http-paged', { transport: 'http', url: pagedHttp.url }), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out.tools).toHaveLength(23);
    expect(names(out.tools).at(-1)).toBe('tool_022');
  });

  test('lists a legacy SSE server', async () => {
    const out = await crawlSource(source('sse-toolbox', { transport: 'sse', url: toolboxSse.url }), opts());
    if (!out.ok) throw new Error(out.error);
    expect(out).toMatchObject({ method: 'live', warnings: [] });
    expect(names(out.tools)).toEqual(TOOLBOX);
  });

  test('falls back to legacy SSE when streamable HTTP is refused', async () => {
    const out = await crawlSource(source('http-to-sse', { transport: 'http', url: toolboxSse.url }), opts());
    if (!out.ok) throw new Error(out.error);
    expect(names(out.tools)).toEqual(TOOLBOX);
    expect(out.warnings).toEqual([expect.stringMatching(/^streamable HTTP refused with HTTP 405 \(initialize: .*\): listed over legacy SSE$/)]);
  });

  test('gives up on a server that never answers within the step timeout', async () => {
    const started = Date.now();
    const out = await crawlSource(source('http-silent', { transport: 'http', url: silent.url }), opts(800));
    expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/^initialize: .*timed out after 800 ms/) });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('fails cleanly when nothing listens', async () => {
    const out = await crawlSource(source('http-closed', { transport: 'http', url: 'http://127.0.0.1:9/mcp' }), opts());
    expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/^initialize: /) });
  });
});
