/**
 * The progress of `scan --crawl`, on stderr (stdout may carry the one JSON or SARIF document).
 * Elsewhere than a terminal, a plain line per server as its crawl starts and as it ends, so a CI
 * log reads in order. On a terminal, each end is a line of its own, and below them one status
 * line, redrawn in place, names the servers still being crawled.
 */
import type { ConfiguredServer } from './configs.ts';
import type { CrawlEvent } from './crawl.ts';
import { forTerminal } from '../terminal.ts';
import { cutText } from '../text.ts';

/** The status line stays short enough not to wrap, or the redraw would leave its first half behind. */
const STATUS_CHARS = 78;

/** One progress line per server as its crawl starts and ends; third-party text shown safely, on one line. */
export function progressLine(event: CrawlEvent): string {
  const name = forTerminal(cutText(event.server.name, 60));
  const at = `[${event.index}/${event.total}]`;
  if (event.kind === 'start') return `${at} crawling ${name}…`;
  const secs = `${(event.ms / 1000).toFixed(1)} s`;
  if (event.tools !== null) return `${at} ${name}: ${event.tools} tool${event.tools === 1 ? '' : 's'} in ${secs}`;
  return `${at} ${name}: not listed after ${secs}: ${forTerminal(cutText(event.error ?? 'not listed', 300))}`;
}

/** Prints each crawl event: plain lines, or on a terminal the ends and a redrawn status line. */
export function progressPrinter(write: (text: string) => void, terminal: boolean): (event: CrawlEvent) => void {
  if (!terminal) return (event) => write(`${progressLine(event)}\n`);
  const running = new Set<ConfiguredServer>();
  let done = 0;
  let shown = false;
  return (event) => {
    // Clear the status line, print an end above it, and draw it again while servers are running.
    let text = shown ? '\r\u001b[K' : '';
    if (event.kind === 'start') running.add(event.server);
    else {
      running.delete(event.server);
      done++;
      text += `${progressLine(event)}\n`;
    }
    shown = running.size > 0;
    if (shown) {
      const names = [...running].map((s) => forTerminal(cutText(s.name, 30))).join(', ');
      text += cutText(`crawling ${names} (${done} of ${event.total} done)`, STATUS_CHARS);
    }
    write(text);
  };
}
