/**
 * An MCP client transport over a child's stdin/stdout that we spawn ourselves, so the child gets
 * its own process group and the whole tree can be ended (the SDK's StdioClientTransport gives no
 * such control). Messages are JSON lines; servers that print banners or logs on stdout are
 * tolerated: a line that is not a JSON-RPC message is skipped and counted.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { spawnTree, type ProcessTree } from './process-tree.ts';
import { CapExceeded } from './session.ts';
import { cleanText } from './text.ts';

export type Launch = {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** The private HOME every process of the tree inherits, when it is unique to this server (no sandbox). */
  home: string | null;
  /** Run once the tree is gone (removes the sandbox's control group). */
  cleanup?: () => void | Promise<void>;
  /** Bytes for the child's descriptor 3 (the sandbox's arguments). */
  fd3?: Buffer;
};

/** A reply larger than this (one line) ends the session rather than filling memory. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/**
 * Bytes written to the server's stdin that it has not read yet. The crawler sends a few small
 * requests and answers; a server that stops reading would make them queue in memory without end.
 */
export const MAX_QUEUED_BYTES = 1024 * 1024;
const STDERR_KEEP = 8 * 1024;
/** The first lines often say what went wrong before a usage text or stack trace follows. */
const STDERR_HEAD = 300;
const NOISE_SAMPLES = 3;
/** Non-JSON-RPC stdout kept to diagnose a failed start (usage texts are often printed there). */
const NOISE_KEEP = 4 * 1024;

export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Lines on stdout that were not JSON-RPC messages. */
  noiseLines = 0;
  /** JSON-RPC messages received from the server. */
  messages = 0;
  noiseSamples: string[] = [];
  /** The first non-JSON-RPC lines on stdout, raw (bounded): read to diagnose a failed start. */
  noiseText = '';
  /** Called with each chunk the server prints outside the protocol (stderr, stray stdout lines). */
  onOutput?: (text: string) => void;
  /** How the server exited on its own, before the crawler ended it. */
  exit: { code: number | null; signal: string | null } | null = null;

  private tree: ProcessTree | null = null;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private stderr = '';
  private stderrHead = '';
  private closed = false;
  private closing = false;

  private readonly launch: Launch;

  constructor(launch: Launch) {
    this.launch = launch;
  }

  get pid(): number | null {
    return this.tree?.pid ?? null;
  }

  /** What the server printed outside the protocol, raw but bounded: its stderr (start and end) and stray stdout. */
  output(): { stderr: string; stdout: string } {
    const stderr = this.stderr.length < STDERR_KEEP ? this.stderr : `${this.stderrHead}\n…\n${this.stderr}`;
    return { stderr, stdout: this.noiseText };
  }

  /** What the server wrote on stderr, cleaned for display: its start and, when long, its end. */
  stderrSummary(chars = 600): string {
    const all = this.stderr.length < STDERR_KEEP ? this.stderr : null;
    if (all !== null && all.length <= chars) return cleanText(all).trim();
    const tail = this.stderr.slice(-(chars - STDERR_HEAD));
    return `${cleanText(this.stderrHead).trim()} … ${cleanText(tail).trim()}`;
  }

  start(): Promise<void> {
    const { command, args, env, cwd, home, fd3 } = this.launch;
    return new Promise((resolve, reject) => {
      const tree = spawnTree(command, args, { env, cwd, home, fd3 });
      this.tree = tree;
      const { child } = tree;
      child.once('spawn', () => resolve());
      child.once('error', (e) => {
        reject(new Error(`cannot start ${command}: ${e.message}`));
        this.finish();
      });
      child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        if (this.stderrHead.length < STDERR_HEAD) this.stderrHead += text.slice(0, STDERR_HEAD - this.stderrHead.length);
        this.stderr = (this.stderr + text).slice(-STDERR_KEEP);
        this.onOutput?.(text);
      });
      // A server that dies leaves writes failing with EPIPE; the exit is reported through onclose.
      child.stdin.on('error', () => {});
      // Only an exit the crawler did not cause says something about the server.
      child.once('exit', (code, signal) => {
        if (!this.closing) this.exit = { code, signal };
      });
      child.once('close', () => this.finish());
    });
  }

  private read(chunk: Buffer): void {
    // What a server prints while it is being ended ("received SIGTERM…") is not part of the session.
    if (this.closing) return;
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      this.chunks.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.buffered = 0;
      this.line(line);
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      this.chunks.push(chunk.subarray(start));
      this.buffered += chunk.length - start;
      if (this.buffered > MAX_LINE_BYTES) {
        this.chunks = [];
        this.buffered = 0;
        // Reported as a cap, so the session fails with this reason rather than "Connection closed".
        this.onerror?.(new CapExceeded(`a line on stdout exceeded ${MAX_LINE_BYTES} bytes`));
        void this.close();
      }
    }
  }

  private line(raw: string): void {
    const text = raw.trim();
    if (text === '') return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = json === undefined ? null : JSONRPCMessageSchema.safeParse(json);
    if (!parsed?.success) {
      this.noiseLines++;
      if (this.noiseSamples.length < NOISE_SAMPLES) this.noiseSamples.push(cleanText(text.slice(0, 120)));
      if (this.noiseText.length < NOISE_KEEP) this.noiseText += `${raw.trimEnd().slice(0, NOISE_KEEP - this.noiseText.length)}\n`;
      this.onOutput?.(text);
      return;
    }
    this.messages++;
    this.onmessage?.(parsed.data);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.tree?.child.stdin;
      if (!stdin || this.closed || stdin.destroyed) return reject(new Error('not connected'));
      if (stdin.writableLength > MAX_QUEUED_BYTES) {
        const error = new CapExceeded(`the server left more than ${MAX_QUEUED_BYTES} bytes unread on its stdin`);
        this.onerror?.(error);
        void this.close();
        return reject(error);
      }
      // Accepted once queued: the cap above bounds the queue, so no wait for 'drain' (and no pile of listeners).
      stdin.write(`${JSON.stringify(message)}\n`);
      resolve();
    });
  }

  /** Ends the whole process tree and waits until it is gone. */
  async close(): Promise<void> {
    this.closing = true;
    await this.tree?.kill();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
