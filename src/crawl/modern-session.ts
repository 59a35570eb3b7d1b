/**
 * The modern client (MCP 2026-07-28): no handshake, `_meta` with the protocol version, client info
 * and capabilities on every request, `server/discover` for the server's identity and instructions,
 * then `tools/list` pages under the same caps as a legacy session (session.ts). The SDK speaks only
 * the legacy revisions, so this is written over our own transports: the stdio child's JSON lines,
 * and one bounded `fetch` POST per request on Streamable HTTP.
 *
 * `stdioSession` probes first and falls back to the legacy session on the same process when the
 * server is legacy (era.ts decides); `probeHttp` does the HTTP binding's era check.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { compactBytes } from '../json.ts';
import { boundedFetch } from './bounded-fetch.ts';
import { EraMemory, META, MODERN_VERSIONS, readProbe, requestMeta, type ProbeReply, type ProbeVerdict } from './era.ts';
import type { CrawlOptions } from './options.ts';
import { CapExceeded, followPages, listTools, MAX_SERVER_MESSAGES, StepError, stepRunner, Tripwire, type ListPage, type SessionResult, type StepRunner } from './session.ts';
import { errorMessage, oneLine } from './text.ts';

const CLIENT_INFO = { name: 'mcp-risk-catalog-crawler', version: '0.1.0' };
/** serverInfo is the server's own text; an oversized one is cut down to its name and version. */
const SERVER_INFO_MAX_BYTES = 8_192;
/** The most bytes of an HTTP answer to the probe read: a DiscoverResult takes a few hundred. */
const PROBE_MAX_BYTES = 1024 * 1024;

export type SessionOptions = Pick<CrawlOptions, 'caps'> & { step: number; deadline: number; probe: number; tripwire?: Tripwire };

type Reply = Exclude<ProbeReply, null>;

/** Sends one modern request and returns the server's JSON-RPC answer to it (result or error). */
interface Channel {
  request(method: string, params: Record<string, unknown>, ms: number): Promise<Reply>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the answer matching `id` out of a JSON-RPC message, or null when it is something else. */
function replyOf(message: unknown, id: string): Reply | null {
  if (!isObject(message) || message['id'] !== id) return null;
  if ('result' in message) return { result: message['result'] };
  if (isObject(message['error'])) return { error: message['error'] };
  return null;
}

/**
 * Requests over a started stdio transport, answers matched by id. The server's own requests and
 * notifications are counted against the session's message cap and otherwise ignored: a modern
 * server must not send requests on stdio, and a crawl needs none of its notifications.
 */
class StdioChannel implements Channel {
  private pending = new Map<string, (reply: Reply | Error) => void>();
  private next = 0;
  /** The id of the last request sent. */
  lastId = '';
  private serverMessages = 0;
  private readonly transport: Transport;

  constructor(transport: Transport, tripwire: Tripwire) {
    this.transport = transport;
    transport.onmessage = (message: JSONRPCMessage) => {
      if (tripwire.error) return;
      if ('method' in message) {
        if (++this.serverMessages > MAX_SERVER_MESSAGES) tripwire.trip(new CapExceeded(`the server sent more than ${MAX_SERVER_MESSAGES} requests and notifications of its own (cap)`));
        return;
      }
      const id = 'id' in message ? String(message.id) : '';
      const settle = this.pending.get(id);
      const reply = replyOf(message, id);
      if (settle && reply) {
        this.pending.delete(id);
        settle(reply);
      }
    };
    transport.onclose = () => this.failAll(new Error('Connection closed'));
    transport.onerror = (e) => {
      if (e instanceof CapExceeded) tripwire.trip(e);
    };
  }

  private failAll(error: Error): void {
    for (const settle of this.pending.values()) settle(error);
    this.pending.clear();
  }

  request(method: string, params: Record<string, unknown>, ms: number): Promise<Reply> {
    const id = `crawl-${++this.next}`;
    this.lastId = id;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timed out after ${ms} ms (${method})`));
      }, ms);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      });
      this.transport.send({ jsonrpc: '2.0', id, method, params } as JSONRPCMessage).catch((e: unknown) => {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }

  /** Stops listening, so the legacy session can take the transport over. */
  detach(): void {
    this.pending.clear();
    this.transport.onmessage = undefined;
    this.transport.onclose = undefined;
    this.transport.onerror = undefined;
  }
}

/** A transport already started (by the probe), handed to the SDK's client, whose connect starts it again. */
class Started implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly inner: Transport;
  /** Sees each message first: the answer to a probe that timed out may still come. */
  private readonly late: (message: JSONRPCMessage) => void;

  constructor(inner: Transport, late: (message: JSONRPCMessage) => void = () => {}) {
    this.inner = inner;
    this.late = late;
  }

  start(): Promise<void> {
    this.inner.onmessage = (m) => {
      this.late(m);
      this.onmessage?.(m);
    };
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (e) => this.onerror?.(e);
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.inner.send(message);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** One POST per request, with the headers the HTTP binding requires; the body is JSON or an SSE stream. */
class HttpChannel implements Channel {
  private next = 0;
  /** The HTTP status of the last answer, which the era check reads. */
  lastStatus = 0;
  private readonly url: URL;
  private readonly fetch: FetchLike;

  constructor(url: URL, fetch: FetchLike) {
    this.url = url;
    this.fetch = fetch;
  }

  async request(method: string, params: Record<string, unknown>, ms: number): Promise<Reply> {
    const id = `crawl-${++this.next}`;
    const meta = isObject(params['_meta']) ? params['_meta'] : {};
    const asked = meta[META.protocolVersion];
    const version = typeof asked === 'string' ? asked : MODERN_VERSIONS[0]!;
    const response = await this.fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': version,
        'mcp-method': method,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      signal: AbortSignal.timeout(ms),
    });
    this.lastStatus = response.status;
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const messages = type.includes('text/event-stream') ? sseData(text) : [text];
    for (const data of messages) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        continue;
      }
      const reply = replyOf(parsed, id) ?? (isObject(parsed) && parsed['id'] == null && isObject(parsed['error']) ? { error: parsed['error'] } : null);
      if (reply) return reply;
    }
    throw new Error(`HTTP ${response.status} without a JSON-RPC answer to ${method}${text ? `: ${oneLine(text, 120)}` : ''}`);
  }
}

/** The `data` of each event of an SSE body. */
function sseData(body: string): string[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data !== '');
}

/** The server's identity from a result's `_meta`, bounded like a legacy serverInfo. */
function serverInfoOf(result: Record<string, unknown> | null): SessionResult['serverInfo'] {
  const meta = result?.['_meta'];
  const info = isObject(meta) ? meta[META.serverInfo] : undefined;
  if (!isObject(info) || typeof info['name'] !== 'string' || typeof info['version'] !== 'string') return null;
  if (compactBytes(info, SERVER_INFO_MAX_BYTES) <= SERVER_INFO_MAX_BYTES) return { ...info, name: info['name'], version: info['version'] };
  return { name: info['name'], version: info['version'] };
}

/** A modern error as a step's message. */
function refused(method: string, error: Extract<Reply, { error: unknown }>['error']): Error {
  const code = typeof error.code === 'number' ? error.code : 'no code';
  const message = typeof error.message === 'string' ? oneLine(error.message, 200) : '';
  return new Error(`${method} was refused (${code}${message ? `: ${message}` : ''})`);
}

type ModernPage = ListPage & { ttlMs?: unknown; cacheScope?: unknown; _meta?: unknown };

/** Lists the tools of a server known to be modern, speaking `version`. */
async function modernList(channel: Channel, run: StepRunner, opts: SessionOptions, verdict: Extract<ProbeVerdict, { era: 'modern' }>): Promise<SessionResult> {
  const meta = requestMeta(verdict.version, CLIENT_INFO);
  let serverInfo = serverInfoOf(verdict.discover);
  let ttlMs: number | null = null;
  let cacheScope: 'public' | 'private' | null = null;
  const listed = await followPages<ModernPage>(
    run,
    opts.caps,
    async (params, ms) => {
      const reply = await channel.request('tools/list', { ...params, _meta: meta }, ms);
      if ('error' in reply) throw refused('tools/list', reply.error);
      const result = reply.result;
      if (!isObject(result) || !Array.isArray(result['tools'])) throw new Error('tools/list answered without a tools array');
      // A result without resultType is complete (servers of earlier revisions); any other kind asks for what a crawl cannot give.
      const kind = result['resultType'];
      if (kind !== undefined && kind !== 'complete') throw new Error(`tools/list answered with resultType "${oneLine(String(kind), 60)}", not a complete list`);
      return result as ModernPage;
    },
    (page) => {
      // The list is as fresh as its stalest page, and private when any page is.
      const ttl = page.ttlMs;
      if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0) ttlMs = ttlMs === null ? ttl : Math.min(ttlMs, ttl);
      if (page.cacheScope === 'private' || (page.cacheScope === 'public' && cacheScope === null)) cacheScope = page.cacheScope;
      serverInfo ??= serverInfoOf(page as Record<string, unknown>);
    },
  );
  const instructions = verdict.discover?.['instructions'];
  return {
    ...listed,
    serverInfo,
    protocolVersion: verdict.version,
    instructions: typeof instructions === 'string' ? instructions : null,
    era: 'modern',
    supportedVersions: verdict.supported,
    ttlMs,
    cacheScope,
  };
}

/**
 * From a verdict that asked for another version, asks `server/discover` again with it; the answer
 * must be modern now. No fallback to `initialize`: the server said it is modern.
 */
async function settle(channel: Channel, run: StepRunner, verdict: ProbeVerdict): Promise<ProbeVerdict> {
  if (verdict.era !== 'modern-retry') return verdict;
  const reply = await run('server/discover', (ms) => channel.request('server/discover', { _meta: requestMeta(verdict.version, CLIENT_INFO) }, ms));
  const again = readProbe(reply, verdict.version);
  if (again.era === 'modern') return again;
  if (again.era === 'modern-retry' || again.era === 'unsupported') {
    throw new StepError('server/discover', `the server refused version ${verdict.version} from its own list (${'error' in reply ? errorMessage(refused('server/discover', reply.error)) : 'no DiscoverResult'})`);
  }
  throw new StepError('server/discover', `the server refused ${verdict.version} and then answered as a legacy server (${again.why})`);
}

/** Sends the probe: its answer, or null when none came within `ms` (or the server closed). */
async function probe(channel: Channel, version: string, ms: number): Promise<ProbeReply> {
  try {
    return await channel.request('server/discover', { _meta: requestMeta(version, CLIENT_INFO) }, ms);
  } catch {
    return null;
  }
}

/**
 * One stdio session on a transport not yet started: the era probe (skipped when `memory` knows
 * the server is legacy, or the probe is off), then the modern listing or the legacy session on the
 * same process. Always closes the transport.
 */
export async function stdioSession(transport: Transport, opts: SessionOptions, memory: EraMemory): Promise<SessionResult> {
  if (memory.era === 'legacy' || opts.probe <= 0) return { ...(await listTools(transport, opts)), era: 'legacy' };
  const tripwire = opts.tripwire ?? new Tripwire();
  tripwire.onTrip(() => void transport.close().catch(() => {}));
  const run = stepRunner(opts, tripwire);
  let handedOver = false;
  try {
    await run('start', () => transport.start());
    const channel = new StdioChannel(transport, tripwire);
    const version = memory.version ?? MODERN_VERSIONS[0]!;
    // A server known to be modern gets its full step for the first request; otherwise the probe's short time.
    const probeMs = Math.max(1, Math.min(memory.era === 'modern' ? opts.step : Math.min(opts.probe, opts.step), opts.deadline - Date.now()));
    const reply = await probe(channel, version, probeMs);
    if (tripwire.error) throw new StepError('server/discover', tripwire.error.message);
    const verdict = await settle(channel, run, readProbe(reply, version));
    if (verdict.era === 'unsupported') throw new StepError('server/discover', verdict.why);
    if (verdict.era === 'modern') {
      memory.era = 'modern';
      memory.version = verdict.version;
      return await modernList(channel, run, opts, verdict);
    }
    if (verdict.era === 'modern-retry') throw new StepError('server/discover', 'the server stayed on a modern error');
    memory.era = 'legacy';
    channel.detach();
    handedOver = true;
    // A modern server slower to start than the probe's time answers it late: the next start of this
    // server then speaks modern (the legacy session fails, as a modern-only server refuses initialize).
    const probeId = channel.lastId;
    const late = (message: JSONRPCMessage) => {
      if (reply !== null) return;
      const answer = replyOf(message, probeId);
      const again = answer && readProbe(answer, version);
      if (again?.era === 'modern' || again?.era === 'modern-retry') {
        memory.era = 'modern';
        memory.version = again.version;
      }
    };
    return { ...(await listTools(new Started(transport, late), { ...opts, tripwire })), era: 'legacy' };
  } finally {
    if (!handedOver) await transport.close().catch(() => {});
  }
}

/**
 * The HTTP binding's era check: a modern `server/discover` POST first. A result or a recognised
 * modern error (in a `400` body or any other) means modern, and the tools are listed here; a `4xx`
 * without one, or no answer within the probe's time, means legacy: null, and the caller opens
 * the legacy session (streamable HTTP, then SSE).
 */
export async function probeHttp(url: URL, fetch: FetchLike, opts: SessionOptions): Promise<SessionResult | null> {
  if (opts.probe <= 0) return null;
  const tripwire = opts.tripwire ?? new Tripwire();
  const channel = new HttpChannel(url, fetch);
  const run = stepRunner(opts, tripwire);
  const version = MODERN_VERSIONS[0]!;
  // A DiscoverResult is small: a probe answer past PROBE_MAX_BYTES is no answer, and is not read on.
  const probing = new HttpChannel(url, boundedFetch(PROBE_MAX_BYTES, () => {}, fetch));
  const reply = await probe(probing, version, Math.max(1, Math.min(opts.probe, opts.step, opts.deadline - Date.now())));
  if (tripwire.error) throw new StepError('server/discover', tripwire.error.message);
  const verdict = await settle(channel, run, readProbe(reply, version));
  if (verdict.era === 'unsupported') throw new StepError('server/discover', verdict.why);
  if (verdict.era !== 'modern') return null;
  return modernList(channel, run, opts, verdict);
}

