/**
 * Which era of MCP a server speaks, read from its answer to one modern request (the probe).
 *
 * Modern revisions (2026-07-28 and later) have no `initialize` handshake: every request carries
 * its protocol version in `_meta`, and a server must answer `server/discover`. Legacy revisions
 * (2025-11-25 and earlier) open with `initialize`. The spec's rule, on stdio and HTTP alike: a
 * `DiscoverResult` or a recognised modern error means modern (an UnsupportedProtocolVersionError
 * names the versions to use instead); any other error, or silence within the probe's time, means
 * legacy. The fallback is never keyed to one error code: legacy servers answer unknown methods
 * with codes of their own, or not at all. Pure: the sessions send the probe and act on this.
 */

/** The modern versions this crawler speaks, preferred first. */
export const MODERN_VERSIONS: readonly string[] = ['2026-07-28'];
/** The legacy versions the SDK's `initialize` handshake can negotiate (the latest it knows first). */
export const LEGACY_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

/** JSON-RPC error codes only a modern server sends: HeaderMismatch, MissingRequiredClientCapability, UnsupportedProtocolVersion. */
export const HEADER_MISMATCH = -32020;
export const MISSING_CLIENT_CAPABILITY = -32021;
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;
const MODERN_ERRORS = new Set([HEADER_MISMATCH, MISSING_CLIENT_CAPABILITY, UNSUPPORTED_PROTOCOL_VERSION]);

/** The `_meta` keys a modern request and result carry. */
export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
} as const;

export type Era = 'modern' | 'legacy';

/** A version list as a server sent it: strings only, a bounded number of short ones. */
export function versionList(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64).slice(0, 32);
}

/** One JSON-RPC answer to the probe, or null when none came within the probe's time. */
export type ProbeReply = { result: unknown } | { error: { code?: unknown; message?: unknown; data?: unknown } } | null;

export type ProbeVerdict =
  /** Modern, speaking `version`; `discover` is the DiscoverResult when the probe returned one. */
  | { era: 'modern'; version: string; supported: string[]; discover: Record<string, unknown> | null }
  /**
   * Modern but it rejected the version asked: ask again with `version`. A mutually supported
   * legacy version in its list is spoken the legacy way (`legacyVersion`).
   */
  | { era: 'modern-retry'; version: string; supported: string[] }
  | { era: 'legacy'; why: string; legacyVersion?: string }
  /** Modern, with no version in common: neither era can list it. */
  | { era: 'unsupported'; supported: string[]; why: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first of our versions (preferred first) the server supports. */
function mutual(ours: readonly string[], theirs: readonly string[]): string | null {
  return ours.find((v) => theirs.includes(v)) ?? null;
}

/** What the probe's answer says about the server. `asked` is the version the probe carried. */
export function readProbe(reply: ProbeReply, asked: string): ProbeVerdict {
  if (reply === null) return { era: 'legacy', why: 'no answer to server/discover within the probe time' };
  if ('result' in reply) {
    const result = reply.result;
    const supported = isObject(result) ? versionList(result['supportedVersions']) : [];
    // Only a result shaped like a DiscoverResult says modern: a legacy server may answer an unknown method with `{}`.
    if (!isObject(result) || supported.length === 0) return { era: 'legacy', why: 'server/discover answered without supportedVersions' };
    const version = MODERN_VERSIONS.includes(asked) && supported.includes(asked) ? asked : mutual(MODERN_VERSIONS, supported);
    if (version) return { era: 'modern', version, supported, discover: result };
    return noCommonVersion(supported);
  }
  const { code, message } = reply.error;
  if (typeof code === 'number' && MODERN_ERRORS.has(code)) {
    const data = reply.error.data;
    const supported = isObject(data) ? versionList(data['supported']) : [];
    if (code !== UNSUPPORTED_PROTOCOL_VERSION) {
      // A header or capability complaint is modern, but says nothing new about versions: ask once more as before.
      return { era: 'modern-retry', version: asked, supported };
    }
    // The version asked may be in its list after all (a gate that misfired): asked once more, like any other.
    const version = mutual(MODERN_VERSIONS, supported);
    if (version) return { era: 'modern-retry', version, supported };
    return noCommonVersion(supported);
  }
  const said = typeof message === 'string' ? message.slice(0, 120) : '';
  return { era: 'legacy', why: `server/discover was refused (${typeof code === 'number' ? code : 'no code'}${said ? `: ${said}` : ''})` };
}

/** A modern server with no modern version in common: a legacy version in its list is still spoken the legacy way. */
function noCommonVersion(supported: string[]): ProbeVerdict {
  const legacy = mutual(LEGACY_VERSIONS, supported);
  if (legacy) return { era: 'legacy', why: `it supports ${supported.join(', ')}: spoken through initialize`, legacyVersion: legacy };
  return {
    era: 'unsupported',
    supported,
    why: `the server supports ${supported.length ? supported.join(', ') : 'no version it named'}; the crawler speaks ${[...MODERN_VERSIONS, ...LEGACY_VERSIONS].join(', ')}`,
  };
}

/** The `_meta` every modern request carries. */
export function requestMeta(version: string, clientInfo: { name: string; version: string }): Record<string, unknown> {
  return { [META.protocolVersion]: version, [META.clientInfo]: clientInfo, [META.clientCapabilities]: {} };
}

/**
 * The era a server was found to speak, kept across the self-healing starts of one crawl: the spec
 * asks clients to cache it for the server, and a legacy server that ignores the probe then costs
 * the probe's time once, not once per start.
 */
export class EraMemory {
  era: Era | null = null;
  /** The modern version found, so later starts ask with it at once. */
  version: string | null = null;
}
