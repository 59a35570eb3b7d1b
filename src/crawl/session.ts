/**
 * One MCP session over any transport: `initialize`, then `tools/list` page after page until the
 * server stops giving a cursor or a cap is reached. Every step has its own deadline. Tools are
 * kept exactly as returned: the SDK's own result schema would drop unknown fields and reject a
 * whole page for one odd tool, so pages are read with a permissive schema instead.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, ListRootsRequestSchema, McpError, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compactBytes } from '../json.ts';
import type { CrawlOptions } from './options.ts';
import { errorMessage, oneLine } from './text.ts';

export type SessionResult = {
  tools: unknown[];
  serverInfo: { name: string; version: string; [k: string]: unknown } | null;
  protocolVersion: string | null;
  /** The `instructions` of the initialize result, which clients give the model; null when none. */
  instructions: string | null;
  truncated: boolean;
  warnings: string[];
  /** Which era of MCP the session spoke: `modern` (per-request `_meta`, 2026-07-28 on) or `legacy` (`initialize`). */
  era?: 'modern' | 'legacy';
  /** Modern: the versions the server said it supports. */
  supportedVersions?: string[];
  /** Modern: how long the server said its tool list stays fresh, and for whom it may be cached. */
  ttlMs?: number | null;
  cacheScope?: 'public' | 'private' | null;
};

/** Thrown with the step that failed; `cause` keeps the original error for callers that inspect it. */
export class StepError extends Error {
  readonly step: string;

  constructor(step: string, message: string, options?: { cause?: unknown }) {
    super(`${step}: ${message}`, options);
    this.step = step;
  }
}

/**
 * A byte or message cap that a transport or the session enforces was passed: the session ends at
 * once with this error, which names the cap, rather than holding more of what the server sends.
 */
export class CapExceeded extends Error {}

/** Set off once by the first cap passed; whoever holds the session ends it then. */
export class Tripwire {
  error: CapExceeded | null = null;
  private listeners: ((error: CapExceeded) => void)[] = [];

  trip(error: CapExceeded): void {
    if (this.error) return;
    this.error = error;
    for (const listener of this.listeners) listener(error);
  }

  onTrip(listener: (error: CapExceeded) => void): void {
    if (this.error) listener(this.error);
    else this.listeners.push(listener);
  }
}

/** A step that could not finish because the server's whole time ran out (not its own step timeout). */
class OutOfTime extends StepError {}

class StepTimeout extends Error {}

/** Our own timer or the SDK's request timeout, whichever fired first. */
function isTimeout(e: unknown): boolean {
  return e instanceof StepTimeout || (e instanceof McpError && e.code === ErrorCode.RequestTimeout);
}

const ListPageSchema = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.unknown().optional() });
const CLIENT_INFO = { name: 'mcp-risk-catalog-crawler', version: '0.1.0' };
/** serverInfo is the server's own text; an oversized one is cut down to its name and version. */
const SERVER_INFO_MAX_BYTES = 8_192;
/**
 * Requests and notifications a server may send the crawler in one session. The client answers
 * each request (ping, sampling…) by writing to the server, so a server that floods requests and
 * never reads its input would make those answers pile up in memory; a crawl needs none of them.
 */
export const MAX_SERVER_MESSAGES = 1_000;
/** A `nextCursor` longer than this stops the list: cursors are opaque tokens, not payloads. */
export const MAX_CURSOR_CHARS = 4_096;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`timed out after ${ms} ms (${what})`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Passes everything through and keeps the raw `initialize` result, which the SDK trims. */
class TapTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  initializeResult: Record<string, unknown> | null = null;
  private initializeId: string | number | null = null;
  /** Requests and notifications the server sent us. */
  private serverMessages = 0;
  readonly inner: Transport;
  private readonly tripwire: Tripwire;

  constructor(inner: Transport, tripwire: Tripwire) {
    this.inner = inner;
    this.tripwire = tripwire;
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  start(): Promise<void> {
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (e) => {
      // A transport's own cap (a line or body too large, input not read) ends the session.
      if (e instanceof CapExceeded) this.tripwire.trip(e);
      this.onerror?.(e);
    };
    this.inner.onmessage = (message, extra) => {
      if (this.tripwire.error) return;
      if ('method' in message && ++this.serverMessages > MAX_SERVER_MESSAGES) {
        this.tripwire.trip(new CapExceeded(`the server sent more than ${MAX_SERVER_MESSAGES} requests and notifications of its own (cap)`));
        return;
      }
      if ('id' in message && message.id === this.initializeId && 'result' in message) {
        this.initializeResult = message.result as Record<string, unknown>;
      }
      this.onmessage?.(message, extra);
    };
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if ('method' in message && message.method === 'initialize' && 'id' in message) this.initializeId = message.id;
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function rawServerInfo(tap: TapTransport, client: Client): SessionResult['serverInfo'] {
  const raw = tap.initializeResult?.['serverInfo'];
  const parsed = client.getServerVersion();
  if (!parsed) return null;
  if (raw && typeof raw === 'object' && compactBytes(raw, SERVER_INFO_MAX_BYTES) <= SERVER_INFO_MAX_BYTES) {
    return { ...(raw as Record<string, unknown>), name: parsed.name, version: parsed.version };
  }
  return { name: parsed.name, version: parsed.version };
}

/**
 * Runs the session and always closes the transport (which, for stdio, ends the process tree).
 * `deadline` (epoch ms) bounds the whole; each step gets the smaller of its own timeout and what is left.
 */
export async function listTools(
  transport: Transport,
  opts: Pick<CrawlOptions, 'caps'> & { step: number; deadline: number; tripwire?: Tripwire },
): Promise<SessionResult> {
  const tripwire = opts.tripwire ?? new Tripwire();
  const tap = new TapTransport(transport, tripwire);
  // Servers that work on files ask the client for its roots at start, and some wait on the answer
  // before they list tools; the crawler has none to offer, and says so instead of "method not found".
  const client = new Client(CLIENT_INFO, { capabilities: { roots: { listChanged: false } } });
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [] }));
  // A cap passed ends the session: closing the transport fails the pending request at once.
  tripwire.onTrip(() => void transport.close().catch(() => {}));
  const run = stepRunner(opts, tripwire);

  try {
    await run('initialize', (ms) => client.connect(tap, { timeout: ms }));
    const listed = await followPages(run, opts.caps, (params, ms) => client.request({ method: 'tools/list', params }, ListPageSchema, { timeout: ms }));
    const result = tap.initializeResult;
    const protocolVersion = typeof result?.['protocolVersion'] === 'string' ? result['protocolVersion'] : null;
    const instructions = typeof result?.['instructions'] === 'string' ? result['instructions'] : null;
    return { ...listed, serverInfo: rawServerInfo(tap, client), protocolVersion, instructions };
  } finally {
    await client.close().catch(() => {});
  }
}

/** Runs one step of a session within its own timeout and what is left of the server's time. */
export type StepRunner = <T>(step: string, fn: (ms: number) => Promise<T>) => Promise<T>;

/**
 * A step runner for one session: each step gets the smaller of its own timeout and what is left
 * before `deadline`; a step failed because a cap tripped reports the cap.
 */
export function stepRunner(opts: { step: number; deadline: number }, tripwire: Tripwire): StepRunner {
  const ranOut = 'the overall time for this server ran out';
  return async <T>(step: string, fn: (ms: number) => Promise<T>): Promise<T> => {
    const left = opts.deadline - Date.now();
    if (left <= 0) throw new OutOfTime(step, ranOut);
    const ms = Math.min(opts.step, left);
    try {
      return await withTimeout(fn(ms), ms, step);
    } catch (e) {
      // The request failed because the session was ended on a cap: that cap is the reason.
      if (tripwire.error) throw new StepError(step, tripwire.error.message, { cause: e });
      // A step cut short by what was left of the server's time did not time out on its own.
      if (ms < opts.step && isTimeout(e)) throw new OutOfTime(step, `${ranOut} (${errorMessage(e)})`, { cause: e });
      throw new StepError(step, errorMessage(e), { cause: e });
    }
  };
}

/** One `tools/list` page as a server returned it, before its tools are counted against the caps. */
export type ListPage = { tools: unknown[]; nextCursor?: unknown };

/**
 * Follows `tools/list` pages until the server stops giving a cursor or a cap is reached: pages,
 * tools, bytes of tool JSON, a cursor too long or seen before, the server's time (past page 1).
 * Both eras list this way; `request` sends one page's request with the params given.
 */
export async function followPages<P extends ListPage>(
  run: StepRunner,
  caps: CrawlOptions['caps'],
  request: (params: { cursor?: string }, ms: number) => Promise<P>,
  onPage?: (page: P) => void,
): Promise<{ tools: unknown[]; truncated: boolean; warnings: string[] }> {
  const tools: unknown[] = [];
  const warnings: string[] = [];
  // Hashes of the cursors seen, not the cursors: a server's cursors are not kept in memory.
  const seen = new Set<string>();
  let bytes = 0;
  let truncated = false;
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    if (page > caps.pages) {
      warnings.push(`stopped after ${caps.pages} pages of tools/list (page cap)`);
      truncated = true;
      break;
    }
    const params = cursor === undefined ? {} : { cursor };
    let result: P;
    try {
      result = await run(`tools/list page ${page}`, (ms) => request(params, ms));
    } catch (e) {
      // Past the first page, the server's time is a cap like the page cap: what it listed is kept.
      if (!(e instanceof OutOfTime) || page === 1) throw e;
      warnings.push(`stopped after ${page - 1} pages of tools/list: the time for this server ran out (cap)`);
      truncated = true;
      break;
    }
    onPage?.(result);
    for (const tool of result.tools) {
      const size = compactBytes(tool, caps.bytes);
      if (tools.length >= caps.tools || bytes + size > caps.bytes) {
        const cap = tools.length >= caps.tools ? `${caps.tools} tools` : `${caps.bytes} bytes of tool JSON`;
        warnings.push(`tool list cut at ${cap} (cap)`);
        truncated = true;
        break;
      }
      tools.push(tool);
      bytes += size;
    }
    if (truncated) break;
    const next = result.nextCursor;
    if (typeof next !== 'string' || next === '') break;
    if (next.length > MAX_CURSOR_CHARS) {
      warnings.push(`tools/list gave a nextCursor of ${next.length} characters on page ${page} (over ${MAX_CURSOR_CHARS}): stopped there`);
      truncated = true;
      break;
    }
    const key = createHash('sha256').update(next).digest('hex');
    if (seen.has(key)) {
      warnings.push(`tools/list repeated the cursor "${oneLine(next, 60)}" on page ${page}: stopped there`);
      truncated = true;
      break;
    }
    seen.add(key);
    cursor = next;
  }
  return { tools, truncated, warnings };
}
