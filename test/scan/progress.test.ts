/** The crawl's progress display: plain lines off a terminal, a redrawn status line on one, third-party names made safe. */
import { describe, expect, test } from 'vitest';
import type { ConfiguredServer } from '../../src/scan/index.ts';
import type { CrawlEvent } from '../../src/scan/crawl.ts';
import { progressPrinter } from '../../src/scan/progress.ts';

const server = (name: string): ConfiguredServer => ({ name, client: 'generic', file: '/x/.mcp.json', scope: null, command: 'x', args: [], url: null, alwaysAllow: [], disabled: false, envNames: [], line: 1 });
const a = server('alpha');
const b = server('beta\u001b[2J');

/** Two crawls at once: alpha lists 3 tools, beta (whose name carries an escape sequence) fails. */
const EVENTS: CrawlEvent[] = [
  { kind: 'start', server: a, index: 1, total: 2 },
  { kind: 'start', server: b, index: 2, total: 2 },
  { kind: 'end', server: a, index: 1, total: 2, ms: 1234, tools: 3, error: null },
  { kind: 'end', server: b, index: 2, total: 2, ms: 40, tools: null, error: 'initialize: timed out\nafter 30000 ms' },
];

function printed(terminal: boolean): string {
  let out = '';
  const print = progressPrinter((t) => (out += t), terminal);
  for (const e of EVENTS) print(e);
  return out;
}

describe('scan --crawl progress', () => {
  test('elsewhere than a terminal: one plain line per start and per end', () => {
    expect(printed(false)).toBe(
      '[1/2] crawling alpha…\n' +
        '[2/2] crawling beta\\x1b[2J…\n' +
        '[1/2] alpha: 3 tools in 1.2 s\n' +
        '[2/2] beta\\x1b[2J: not listed after 0.0 s: initialize: timed out\\nafter 30000 ms\n',
    );
  });

  test('on a terminal: the ends as lines, and one status line redrawn in place until none is running', () => {
    const CLEAR = '\r\u001b[K';
    expect(printed(true)).toBe(
      'crawling alpha (0 of 2 done)' +
        `${CLEAR}crawling alpha, beta\\x1b[2J (0 of 2 done)` +
        `${CLEAR}[1/2] alpha: 3 tools in 1.2 s\ncrawling beta\\x1b[2J (1 of 2 done)` +
        `${CLEAR}[2/2] beta\\x1b[2J: not listed after 0.0 s: initialize: timed out\\nafter 30000 ms\n`,
    );
  });
});
