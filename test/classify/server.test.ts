import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { classifyServer, classifyTool } from '../../src/classify/index.ts';
import { ClassificationSchema, ServerFlagSchema, type RawTool } from '../../src/schema.ts';
import { tool } from './helpers.ts';

describe('classifyServer', () => {
  test('raises the lethal trifecta when tools read private data, take in untrusted content and send out', () => {
    const tools = [
      tool('read_email', 'Read an email from the inbox'),
      tool('fetch_url', 'Fetch a web page and return its text', { url: { type: 'string' } }),
      tool('send_email', 'Send an email', { to: { type: 'string', description: 'Recipient email address' } }),
      tool('list_labels', 'List labels'),
    ];
    const r = classifyServer({ slug: 'mail', name: 'Mail', tools });
    expect(r.serverFlags).toHaveLength(1);
    const flag = ServerFlagSchema.parse(r.serverFlags[0]);
    if (flag.flag !== 'lethal-trifecta') throw new Error(`expected the lethal trifecta, got ${flag.flag}`);
    expect(flag.tools).toEqual({ private: ['read_email'], untrusted: ['read_email', 'fetch_url'], exfiltrate: ['send_email'] });
    expect(flag.detail).toMatch(/leak the private data/);
  });

  test('no trifecta without a way out', () => {
    const tools = [tool('read_email', 'Read an email'), tool('fetch_url', 'Fetch a web page', { url: { type: 'string' } })];
    expect(classifyServer({ slug: 'm', name: 'm', tools }).serverFlags).toEqual([]);
  });

  test('is deterministic and agrees with classifyTool', () => {
    const tools = [tool('create_issue', 'Creates an issue'), tool('delete_issue', 'Deletes an issue'), tool('generate_issue', '')];
    const ctx = { slug: 'tracker', name: 'Tracker', tools };
    const a = classifyServer(ctx);
    const b = classifyServer({ ...ctx, tools: [...tools] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    tools.forEach((t, i) => expect(classifyTool(t, ctx)).toEqual(a.tools[i]));
  });

  test('survives hostile and malformed tools', () => {
    const weird: RawTool[] = [
      { name: 'x'.repeat(10_000), description: 'y'.repeat(100_000), inputSchema: { type: 'object' } },
      { name: '\u202E\u200B', inputSchema: { properties: { a: { properties: { b: {} } } } } },
      { name: '__proto__', description: 'constructor', inputSchema: { type: 'object', properties: { __proto__: { type: 'string' } } } },
      { name: '💥', description: '(((((((((((((((((((((((((((((((', inputSchema: { properties: null } as never },
      { name: 'run', description: `${'a '.repeat(20_000)}!`, inputSchema: { type: 'object' } },
    ];
    const t0 = performance.now();
    const r = classifyServer({ slug: 'w', name: 'w', tools: weird });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(r.tools).toHaveLength(weird.length);
    for (const c of r.tools) {
      expect(ClassificationSchema.safeParse(c).success).toBe(true);
      for (const e of c.evidence) expect(e.detail.length).toBeLessThan(300);
    }
  });
});

describe('the classifier as a library', () => {
  const dir = 'src/classify';
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  test.each(files)('%s does no I/O and stays deterministic', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).not.toMatch(/from ['"](?:node:|fs|path|astro|@modelcontextprotocol)/);
    expect(text).not.toMatch(/\bDate\b|Math\.random|process\.|fetch\(/);
  });

  test('names no tool, server or label of the development data as a special case', () => {
    const labels = (JSON.parse(readFileSync('/work/shared/data/policylayer-intercept-categories.json', 'utf8')) as { tools: { policy: string; tool: string }[] }).tools;
    const code = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const special = new Set<string>();
    for (const l of labels) {
      // A full tool name with a separator (one-word names are ordinary verbs like "search").
      if (/[_-]/.test(l.tool) && code.includes(`'${l.tool}'`)) special.add(l.tool);
      if (code.includes(`'${l.policy}'`)) special.add(l.policy);
    }
    expect([...special]).toEqual([]);
  });
});
