/**
 * One MCP session over any transport: `initialize`, then `tools/list` page after page until the
 * server stops giving a cursor or a cap is reached. Every step has its own deadline. Tools are
 * kept exactly as returned: the SDK's own result schema would drop unknown fields and reject a
 * whole page for one odd tool, so pages are read with a permissive schema instead.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
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
};

/** Thrown with the step that failed; `cause` keeps the original error for callers that inspect it. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${step}: ${message}`, options);
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

  constructor(readonly inner: Transport) {}

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  start(): Promise<void> {
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (e) => this.onerror?.(e);
    this.inner.onmessage = (message, extra) => {
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
  if (raw && typeof raw === 'object' && JSON.stringify(raw).length <= SERVER_INFO_MAX_BYTES) {
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
  opts: Pick<CrawlOptions, 'caps'> & { step: number; deadline: number },
): Promise<SessionResult> {
  const tap = new TapTransport(transport);
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  const ranOut = 'the overall time for this server ran out';
  const run = async <T>(step: string, fn: (ms: number) => Promise<T>): Promise<T> => {
    const left = opts.deadline - Date.now();
    if (left <= 0) throw new OutOfTime(step, ranOut);
    const ms = Math.min(opts.step, left);
    try {
      return await withTimeout(fn(ms), ms, step);
    } catch (e) {
      // A step cut short by what was left of the server's time did not time out on its own.
      if (ms < opts.step && isTimeout(e)) throw new OutOfTime(step, `${ranOut} (${errorMessage(e)})`, { cause: e });
      throw new StepError(step, errorMessage(e), { cause: e });
    }
  };

  try {
    await run('initialize', (ms) => client.connect(tap, { timeout: ms }));
    const tools: unknown[] = [];
    const warnings: string[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    let truncated = false;
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      if (page > opts.caps.pages) {
        warnings.push(`stopped after ${opts.caps.pages} pages of tools/list (page cap)`);
        truncated = true;
        break;
      }
      const params = cursor === undefined ? {} : { cursor };
      let result: z.infer<typeof ListPageSchema>;
      try {
        result = await run(`tools/list page ${page}`, (ms) => client.request({ method: 'tools/list', params }, ListPageSchema, { timeout: ms }));
      } catch (e) {
        // Past the first page, the server's time is a cap like the page cap: what it listed is kept.
        if (!(e instanceof OutOfTime) || page === 1) throw e;
        warnings.push(`stopped after ${page - 1} pages of tools/list: the time for this server ran out (cap)`);
        truncated = true;
        break;
      }
      for (const tool of result.tools) {
        const size = JSON.stringify(tool)?.length ?? 0;
        if (tools.length >= opts.caps.tools || bytes + size > opts.caps.bytes) {
          const cap = tools.length >= opts.caps.tools ? `${opts.caps.tools} tools` : `${opts.caps.bytes} bytes of tool JSON`;
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
      if (seen.has(next)) {
        warnings.push(`tools/list repeated the cursor "${oneLine(next, 60)}" on page ${page}: stopped there`);
        truncated = true;
        break;
      }
      seen.add(next);
      cursor = next;
    }
    const result = tap.initializeResult;
    const protocolVersion = typeof result?.['protocolVersion'] === 'string' ? result['protocolVersion'] : null;
    const instructions = typeof result?.['instructions'] === 'string' ? result['instructions'] : null;
    return { tools, serverInfo: rawServerInfo(tap, client), protocolVersion, instructions, truncated, warnings };
  } finally {
    await client.close().catch(() => {});
  }
}
