/**
 * The single source of truth for every shape the project reads or writes: source front matter,
 * tools as servers return them, classifications, server records and policies. Types are derived
 * with `z.infer`; the JSON Schemas published with the site are generated from these schemas.
 */
import { z } from 'zod';
import { depthWithin, MAX_JSON_DEPTH, ownCopy } from './json.ts';
import {
  DOMAIN_VALUES,
  EFFECT_VALUES,
  FLAG_VALUES,
  POLICY_ACTION_VALUES,
  RISK_VALUES,
  SIGNAL_VALUES,
  TRANSPORT_VALUES,
  UNLISTED_CAUSE_VALUES,
  type ServerFlagKind,
} from './taxonomy.ts';

/** URL- and file-safe slug: lower-case letters, digits, `_` and `-`, 1–80 characters. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'a slug is 1-80 characters of a-z, 0-9, "_" and "-", starting with a letter or digit')
  .describe('URL- and file-safe identifier, unique within its parent.');

// ---------------------------------------------------------------------------------------------
// Third-party JSON objects. zod's `z.record`, `.catchall` and `.loose` build their result by
// assignment, and `out["__proto__"] = v` sets the prototype instead of a key: a parameter or tool
// named `__proto__` would silently drop out of a record and of its hash. The schemas below keep the
// object a server sent (every own key) or copy it key by key as own properties.
// ---------------------------------------------------------------------------------------------

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Worded as zod words its own type errors. */
function notAnObject(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `Invalid input: expected object, received ${kind}`;
}

/** The issues of one zod result, moved under `path` into another schema's context. */
function addIssues(ctx: z.RefinementCtx, error: z.ZodError, path: PropertyKey[] = []): void {
  for (const issue of error.issues) ctx.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message });
}

/** Any JSON object, returned as sent, every own key kept. */
const JsonObjectSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (!isJsonObject(value)) ctx.addIssue({ code: 'custom', message: notAnObject(value) });
  })
  .meta({ type: 'object' }) as unknown as z.ZodType<Record<string, unknown>>;

/**
 * A JSON object as a record keeps it: within `MAX_JSON_DEPTH` levels, as the crawler leaves it,
 * so a record that validates can be written, read and built into pages without overflowing a stack.
 */
const RecordJsonObjectSchema = JsonObjectSchema.refine((v) => depthWithin(v), `nested deeper than ${MAX_JSON_DEPTH} levels`);

/**
 * An object with known fields checked by `fields` (a `.catchall` object schema) and any other
 * keys kept: the object is returned as sent, so no key is lost.
 */
function openObject<T extends z.ZodType<Record<string, unknown>>>(fields: T): z.ZodType<z.output<T>> {
  const { $schema: _, ...shape } = z.toJSONSchema(fields) as Record<string, unknown>;
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const parsed = fields.safeParse(value);
      if (!parsed.success) addIssues(ctx, parsed.error);
    })
    .meta(shape) as unknown as z.ZodType<z.output<T>>;
}

/** A map from third-party keys (tool names) to values checked and parsed by `value`, every key kept. */
function ownRecord<T extends z.ZodType>(value: T): z.ZodType<Record<string, z.output<T>>> {
  const { $schema: _, ...item } = z.toJSONSchema(value) as Record<string, unknown>;
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (!isJsonObject(input)) return void ctx.addIssue({ code: 'custom', message: notAnObject(input) });
      for (const key of Object.keys(input)) {
        const parsed = value.safeParse(input[key]);
        if (!parsed.success) addIssues(ctx, parsed.error, [key]);
      }
    })
    // Runs after the check above even when it failed; then the input is left as it is, and the issues stand.
    .overwrite((input) => {
      if (!isJsonObject(input)) return input;
      const parsed = Object.keys(input).map((key) => [key, value.safeParse(input[key])] as const);
      return parsed.every(([, r]) => r.success) ? ownCopy(parsed.map(([key, r]) => [key, r.data])) : input;
    })
    .meta({ type: 'object', additionalProperties: item }) as unknown as z.ZodType<Record<string, z.output<T>>>;
}

// ---------------------------------------------------------------------------------------------
// Sources (catalog/sources/<slug>.md front matter, edited by people)
// ---------------------------------------------------------------------------------------------

/**
 * Names a source may not set: the crawler owns them (PATH, HOME, TMPDIR), or they change what
 * code a process loads before the server's own (the dynamic linker's, Node's, the shell's).
 */
export const RESERVED_ENV = /^(PATH|HOME|TMPDIR|TMP|TEMP|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|LD_.*|DYLD_.*)$/;

/** An environment value in a source is a placeholder: it never holds a real secret. */
const PlaceholderEnvSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment names are letters, digits and "_"'), z.string())
  .describe('Environment variables the server needs to start; values are placeholders, never secrets.');

/**
 * Where a machine-written source came from (`npm run discover`, or a crawl that healed its start
 * with `--write-sources`). A source without it is hand-written, and no tool ever overwrites it.
 */
export const DiscoveredSchema = z
  .object({
    via: z.enum(['registry', 'npm-list', 'config']).describe('Which listing named the server.'),
    from: z.string().min(1).describe('The listing: a registry URL, a file name.'),
    at: z.string().describe('ISO date of the discovery run.'),
    id: z.string().optional().describe('The server\'s name in that listing (a registry name, a config key).'),
  })
  .strict()
  .describe('Present on machine-written sources only: where and when the server was discovered.');
export type Discovered = z.infer<typeof DiscoveredSchema>;

export const SourceSchema = z
  .object({
    name: z.string().min(1).max(200).describe('Display name of the server.'),
    transport: z.enum(TRANSPORT_VALUES).describe('How the crawler reaches the server.'),
    package: z.string().min(1).optional().describe('npm, pypi: the package name; oci: the image (a registry path, with a tag or digest or not).'),
    version: z.string().min(1).optional().describe('npm: an exact version or range; pypi: an exact version; oci: the image tag when the image names none; default latest.'),
    bin: z.string().min(1).optional().describe('npm: which of the package\'s bins to start; default the only one, the package-named one, or the one whose name marks the server among helpers (src/crawl/package-entry.ts); a package with no bin starts its main entry. pypi: the program to run from the package when it is not named like the package.'),
    command: z.string().min(1).optional().describe('command: the program to start. "$CATALOG" is replaced by the catalog folder (the parent of the sources folder).'),
    args: z
      .array(z.string())
      .default([])
      .describe('Arguments for the command or bin (pypi: the program, oci: the image). "$CACHE" is replaced by the install folder, "$HOME" by the server\'s private HOME, "$CATALOG" by the catalog folder.'),
    runtimeArgs: z
      .array(z.string())
      .default([])
      .describe('pypi: arguments for uvx, before the package; oci: arguments for docker run, before the image (the crawler adds -i, --rm, the network setting and the env names itself).'),
    url: z.url().optional().describe('http / sse: the endpoint.'),
    env: PlaceholderEnvSchema.default({}),
    files: z
      .record(
        z.string().regex(/^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_.-][A-Za-z0-9_./-]*$/, 'a relative path inside the server\'s HOME (no "." or ".." parts)'),
        z.string(),
      )
      .optional()
      .describe('Placeholder files written into the server\'s private HOME before it starts (e.g. an OAuth client file with dummy values); "$HOME" in env values and args names that folder. Never secrets.'),
    node: z.string().regex(/^\d+$/).optional().describe('npm: run under this Node major (installed from the registry into the cache).'),
    installScripts: z.boolean().default(false).describe('npm: allow the package\'s install scripts (off by default).'),
    network: z
      .boolean()
      .default(false)
      .describe('Let the server reach the network from its sandbox (off by default: a private loopback only); for a server that must fetch at start. The record says so.'),
    paths: z
      .array(z.string().min(1))
      .default([])
      .describe('command: further host files or folders the server needs, shown read-only at the same path inside its sandbox ("$CATALOG" expanded); the program and the folders its arguments name are shown already.'),
    overrides: z.record(z.string(), z.string()).optional().describe('npm: dependency overrides for the install (e.g. pin the SDK).'),
    snapshot: z.string().min(1).optional().describe('A recorded tools/list result, relative to catalog/: the fallback or, for snapshot sources, the data.'),
    snapshotNote: z.string().optional().describe('Where the snapshot came from.'),
    repository: z.url().optional(),
    homepage: z.url().optional(),
    vendor: z.string().optional().describe('Who provides the server.'),
    tags: z.array(z.string()).default([]),
    discovered: DiscoveredSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const need = (field: keyof typeof s, why: string) => {
      if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required when ${why}` });
    };
    if (s.transport === 'npm' || s.transport === 'pypi' || s.transport === 'oci') need('package', `transport is ${s.transport}`);
    if (s.transport === 'command') need('command', 'transport is command');
    if (s.transport === 'http' || s.transport === 'sse') need('url', `transport is ${s.transport}`);
    if (s.transport === 'snapshot') need('snapshot', 'transport is snapshot');
    for (const name of Object.keys(s.env)) {
      if (RESERVED_ENV.test(name)) {
        ctx.addIssue({ code: 'custom', path: ['env', name], message: 'is set by the crawler or changes what code loads (PATH, HOME, TMPDIR, NODE_OPTIONS, LD_*…): a source may not set it' });
      }
    }
    if (s.snapshot !== undefined && (s.snapshot.includes('..') || s.snapshot.startsWith('/'))) {
      ctx.addIssue({ code: 'custom', path: ['snapshot'], message: 'must be a path inside catalog/ (no "..", not absolute)' });
    }
  });
export type Source = z.infer<typeof SourceSchema>;

// ---------------------------------------------------------------------------------------------
// Tools as servers return them (tools/list). Untrusted: validated loosely, capped on display.
// ---------------------------------------------------------------------------------------------

export const ToolAnnotationsSchema = openObject(
  z
    .object({
      title: z.string().optional(),
      readOnlyHint: z.boolean().optional(),
      destructiveHint: z.boolean().optional(),
      idempotentHint: z.boolean().optional(),
      openWorldHint: z.boolean().optional(),
    })
    .catchall(z.unknown())
    .describe("The server's own claims about a tool: hints from an untrusted party, never truth."),
);
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

export const RawToolSchema = z
  .object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: JsonObjectSchema.default({ type: 'object' }),
    outputSchema: JsonObjectSchema.optional(),
    annotations: ToolAnnotationsSchema.optional(),
    icons: z.array(z.unknown()).optional(),
    _meta: JsonObjectSchema.optional(),
  })
  .catchall(z.unknown());
export type RawTool = z.infer<typeof RawToolSchema>;

/** A recorded `tools/list` result, as committed in catalog/snapshots/. */
export const SnapshotSchema = z.object({
  source: z.string().optional().describe('Where this snapshot was recorded from.'),
  recordedAt: z.string().optional(),
  serverInfo: z.object({ name: z.string(), version: z.string() }).optional(),
  instructions: z.string().optional().describe("The server's `instructions` from its initialize result, when it sent any."),
  tools: z.array(z.unknown()),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

// ---------------------------------------------------------------------------------------------
// Classification and policy
// ---------------------------------------------------------------------------------------------

export const EvidenceSchema = z.object({
  signal: z.enum(SIGNAL_VALUES).describe('Which signal spoke.'),
  says: z.enum([...EFFECT_VALUES, 'risk', 'flag', 'domain', 'none'] as const).describe('The effect it points to, or what else it adds.'),
  weight: z.number().min(0).max(1).describe('How strongly it points there (0–1).'),
  detail: z.string().describe('A short human sentence naming what was seen.'),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ActionSchema = z.object({
  value: z.string().describe('The action: a value of the parameter, or an operation the text names.'),
  effect: z.enum(EFFECT_VALUES).describe('What a call with this action does, judged as a tool of its own.'),
  risk: z.enum(RISK_VALUES),
});
export type Action = z.infer<typeof ActionSchema>;

export const ActionsSchema = z
  .object({
    param: z
      .string()
      .nullable()
      .describe('The parameter that picks the action (`action`, `operation`, `command`, …); null when the parameters given pick it.'),
    exact: z
      .boolean()
      .describe(
        "True when the values are the parameter's own (its enum, or values its description lists), so a policy can match them; false when they are operations the tool's text names for a sub-command router.",
      ),
    items: z.array(ActionSchema).min(1),
  })
  .describe("A multi-action tool's actions; the tool's effect is that of its most severe action.");
export type Actions = z.infer<typeof ActionsSchema>;

export const ClassificationSchema = z.object({
  effect: z.enum(EFFECT_VALUES),
  risk: z.enum(RISK_VALUES),
  confidence: z.number().min(0).max(1),
  domains: z.array(z.enum(DOMAIN_VALUES)),
  flags: z.array(z.enum(FLAG_VALUES)),
  evidence: z.array(EvidenceSchema).min(1),
  /** What lowered the confidence, in words, for the tool page. */
  doubts: z.array(z.string()).default([]),
  /** One plain sentence on what the tool does. */
  summary: z.string(),
  /** Present for multi-action ("router") tools only. */
  actions: ActionsSchema.optional(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const LimitSchema = z.object({
  counter: z.string().min(1),
  window: z.enum(['second', 'minute', 'hour', 'day']),
  max: z.number().int().positive(),
  scope: z.enum(['grant', 'session', 'global']).default('grant'),
});
export type Limit = z.infer<typeof LimitSchema>;

export const ActionRuleSchema = z
  .object({
    action: z.enum(POLICY_ACTION_VALUES).optional(),
    limits: z.array(LimitSchema).optional(),
  })
  .strict()
  .describe('The rule for calls that pick one action of a multi-action tool.');
export type ActionRule = z.infer<typeof ActionRuleSchema>;

export const ActionRulesSchema = z
  .object({
    param: z.string().describe('The argument that picks the action.'),
    rules: ownRecord(ActionRuleSchema).describe("A rule per value of the argument (the tool's actions)."),
  })
  .strict()
  .describe(
    "Per-action rules of a multi-action tool. A client that can read a call's arguments (Intercept, PolicyLayer) applies the rule of the value sent; one that cannot applies the tool rule, which asks for approval whenever any action does more than read.",
  );
export type ActionRules = z.infer<typeof ActionRulesSchema>;

export const ToolRuleSchema = z
  .object({
    action: z.enum(POLICY_ACTION_VALUES).optional(),
    limits: z.array(LimitSchema).optional(),
    reason: z.string().optional(),
    actions: ActionRulesSchema.optional(),
  })
  .strict();
export type ToolRule = z.infer<typeof ToolRuleSchema>;

export const PolicySchema = z
  .object({
    version: z.literal('1'),
    default: z.enum(['allow', 'deny', 'require_approval']),
    tools: ownRecord(ToolRuleSchema).describe('A rule per tool, by tool name (any name, `__proto__` included).'),
  })
  .strict()
  .describe('A policy.json document: a default action and a rule per tool.');
export type Policy = z.infer<typeof PolicySchema>;

// ---------------------------------------------------------------------------------------------
// Catalog records (catalog/servers/<slug>.json, written by the crawler only)
// ---------------------------------------------------------------------------------------------

/** An icon a server names for a tool: kept as data; the site never loads it from the server's host. */
export const IconSchema = z.object({
  src: z.string().describe('The icon\'s URI (https: or data:), as the server sent it.'),
  mimeType: z.string().optional(),
  sizes: z.array(z.string()).optional(),
  theme: z.string().optional(),
});
export type Icon = z.infer<typeof IconSchema>;

/** A tool parameter marked `x-mcp-header`: on Streamable HTTP its value is mirrored into a header. */
export const HeaderParamSchema = z.object({
  parameter: z.string().describe('The property of the input schema (after local `$ref`s are resolved).'),
  header: z.string().describe('The header it is mirrored into, `Mcp-Param-{name}`.'),
});

export const ToolRecordSchema = z.object({
  name: z.string().min(1),
  slug: SlugSchema,
  title: z.string().nullable(),
  description: z.string(),
  inputSchema: RecordJsonObjectSchema,
  outputSchema: RecordJsonObjectSchema.nullable().default(null),
  annotations: ToolAnnotationsSchema.refine((v) => depthWithin(v), `nested deeper than ${MAX_JSON_DEPTH} levels`).nullable(),
  icons: z.array(IconSchema).default([]).describe('The icons the server names for the tool, as data: never loaded from a third-party host by the site.'),
  _meta: RecordJsonObjectSchema.nullable().default(null).describe("The tool's `_meta` as the server sent it (bounded)."),
  headerParams: z
    .array(HeaderParamSchema)
    .default([])
    .describe('Parameters marked `x-mcp-header`, which a client mirrors into HTTP headers; recomputed from the input schema.'),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  classification: ClassificationSchema,
  policy: ToolRuleSchema,
});
export type ToolRecord = z.infer<typeof ToolRecordSchema>;

/** One start the crawler tried: what it changed from the source, and how it ended. */
export const AttemptSchema = z.object({
  args: z.array(z.string()).describe('The arguments given after the program.'),
  env: z.array(z.string()).describe('The names of the placeholder variables set (values are placeholders, so only names are kept).'),
  why: z.string().describe('Why this start was tried: "as the source says", or what the previous start printed.'),
  result: z.string().describe('"listed N tools", or the error.'),
});
export type Attempt = z.infer<typeof AttemptSchema>;

const IsolationSchema = z.object({
  sandbox: z.enum(['bubblewrap', 'none']).describe('"none" only when the crawl ran with --no-sandbox.'),
  network: z.boolean().describe('Whether the server could reach the network.'),
  limits: z.array(z.string()).describe('The resource limits that held: memory, cpu, files (per process), processes, tree-memory (the whole tree).'),
});

export const ProvenanceSchema = z.object({
  method: z.enum(['live', 'snapshot']),
  transport: z.enum(TRANSPORT_VALUES),
  crawledAt: z.string().describe('ISO date of the crawl (or when the snapshot was taken in).'),
  firstCrawledAt: z
    .string()
    .nullable()
    .default(null)
    .describe('ISO date of the first crawl that listed this server (kept from crawl to crawl); null for records older than this field.'),
  lastAttemptAt: z.string().nullable().default(null),
  serverInfo: openObject(z.object({ name: z.string(), version: z.string() }).catchall(z.unknown())).nullable(),
  protocolVersion: z.string().nullable().describe('The protocol version the session spoke: negotiated by `initialize` (legacy) or chosen from the server\'s supported versions (modern).'),
  era: z
    .enum(['modern', 'legacy'])
    .nullable()
    .default(null)
    .describe('The era of MCP the live session spoke: modern (2026-07-28 on: per-request `_meta`, `server/discover`) or legacy (the `initialize` handshake); null for snapshots and records crawled before eras were told apart.'),
  supportedVersions: z.array(z.string()).default([]).describe('Modern servers: the protocol versions they said they support.'),
  ttlMs: z.number().int().min(0).nullable().default(null).describe('Modern servers: how long (ms) their tool list stays fresh, the smallest `ttlMs` of its pages; null when they gave none.'),
  cacheScope: z.enum(['public', 'private']).nullable().default(null).describe('Modern servers: whether their tool list may be cached across authorization contexts (public) or only within one (private).'),
  recrawlDueAt: z.string().nullable().default(null).describe('When the tool list is stale by its `ttlMs`: crawledAt + ttlMs; null when no ttl was given.'),
  packageVersion: z.string().nullable().default(null),
  sandbox: IsolationSchema
    .nullable()
    .default(null)
    .describe('How the server process was isolated; null when none ran (snapshot, remote server).'),
  snapshotSource: z.string().nullable().default(null),
  stale: z.boolean(),
  error: z.string().nullable(),
  truncated: z.boolean().default(false).describe('True when a cap (pages, tools, bytes) cut the list.'),
  durationMs: z.number().nullable().default(null),
  installMs: z.number().nullable().default(null).describe('Of durationMs, the time spent installing (npm); null when nothing was installed.'),
  sessionMs: z.number().nullable().default(null).describe('Of durationMs, the time spent starting the server and listing its tools.'),
  attempts: z.array(AttemptSchema).default([]).describe('The starts tried before the one that listed the tools (self-healing), in order; empty when the first worked.'),
  warnings: z.array(z.string()).default([]),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const ChangeSchema = z.object({
  at: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});
export type Change = z.infer<typeof ChangeSchema>;

/** A warning about the server as a whole (kinds and meanings: SERVER_FLAGS in taxonomy.ts). */
export const ServerFlagSchema = z.discriminatedUnion('flag', [
  z.object({
    flag: z.literal('lethal-trifecta'),
    detail: z.string(),
    tools: z.object({ private: z.array(z.string()), untrusted: z.array(z.string()), exfiltrate: z.array(z.string()) }),
  }),
  z.object({
    flag: z.enum(['poisoned-instructions', 'hidden-instructions'] satisfies ServerFlagKind[]),
    detail: z.string().describe('What was found in the server\'s instructions, with the offending text quoted (escaped, capped).'),
  }),
]);
export type ServerFlag = z.infer<typeof ServerFlagSchema>;

/**
 * Most characters of a server's `instructions` kept on its record, like a description: cut on a
 * code-point boundary. The classifier reads what the record keeps, so a record can be checked.
 */
export const INSTRUCTIONS_MAX_CHARS = 16_000;

export const ServerRecordSchema = z.object({
  slug: SlugSchema,
  name: z.string(),
  about: z.string().default(''),
  transport: z.enum(TRANSPORT_VALUES),
  package: z.string().nullable().default(null),
  repository: z.string().nullable().default(null),
  homepage: z.string().nullable().default(null),
  vendor: z.string().nullable().default(null),
  domains: z.array(z.enum(DOMAIN_VALUES)).default([]),
  provenance: ProvenanceSchema,
  instructions: z
    .string()
    .max(INSTRUCTIONS_MAX_CHARS)
    .nullable()
    .default(null)
    .describe(
      "The `instructions` of the server's initialize result, which clients put in the model's context whenever its tools are in use; null when it sent none. Cut at 16,000 characters.",
    ),
  serverFlags: z.array(ServerFlagSchema).default([]),
  changelog: z.array(ChangeSchema).default([]),
  policy: PolicySchema,
  tools: z.array(ToolRecordSchema),
});
export type ServerRecord = z.infer<typeof ServerRecordSchema>;

/**
 * A server the crawler knows but could not list (catalog/unlisted/<slug>.json): why, and what was
 * tried. Never a server record with zero tools: a page says "not listed yet" and the reason. A
 * server that lists its tools later gets a record in catalog/servers/ and loses this file.
 */
export const UnlistedSchema = z.object({
  slug: SlugSchema,
  name: z.string(),
  about: z.string().default(''),
  transport: z.enum(TRANSPORT_VALUES),
  package: z.string().nullable().default(null),
  packageVersion: z.string().nullable().default(null).describe('npm: the version that was installed, when the install worked.'),
  repository: z.string().nullable().default(null),
  homepage: z.string().nullable().default(null),
  vendor: z.string().nullable().default(null),
  discovered: DiscoveredSchema.nullable().default(null),
  cause: z.enum(UNLISTED_CAUSE_VALUES).describe('Why it was not listed (UNLISTED_CAUSES).'),
  error: z.string().describe('The last start\'s error, with what the server printed (capped, escaped on display).'),
  needs: z.array(z.string()).default([]).describe('What the server named as missing: environment variables, options.'),
  attempts: z.array(AttemptSchema).default([]),
  firstAttemptAt: z.string(),
  lastAttemptAt: z.string(),
  durationMs: z.number().nullable().default(null),
  installMs: z.number().nullable().default(null),
  sessionMs: z.number().nullable().default(null),
  sandbox: IsolationSchema.nullable().default(null),
});
export type Unlisted = z.infer<typeof UnlistedSchema>;

/** Output of `npm run classify -- --tools FILE.json`. */
export const ClassifyOutputSchema = z.array(
  z.object({
    name: z.string(),
    effect: z.enum(EFFECT_VALUES),
    risk: z.enum(RISK_VALUES),
    confidence: z.number(),
    evidence: z.array(EvidenceSchema),
    flags: z.array(z.enum(FLAG_VALUES)),
    policy: ToolRuleSchema,
  }),
);

/** Format a zod error as "field: message" lines, for errors that name the file and the field. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Classifier evaluation (catalog/eval.json, written by `npm run eval`; read by the Methodology page)
// ---------------------------------------------------------------------------------------------

const RateSchema = z.number().min(0).max(1);
const ConfusionSchema = z
  .record(z.string(), z.record(z.string(), z.number().int().min(0)))
  .describe('Rows: the reference answer; columns: ours (or "none").');

/** A hand label of labels/tools.jsonl (docs/labelling.md, "The label"). */
export const HandLabelSchema = z.strictObject({
  server: z.string().min(1).describe('The catalog slug.'),
  tool: z.string().min(1).describe("The tool's name exactly as the server lists it."),
  effect: z.enum(EFFECT_VALUES),
  risk: z.enum(RISK_VALUES),
  domains: z.array(z.enum(DOMAIN_VALUES)),
  note: z.string().optional().describe('Why, when the label is not obvious from the name.'),
  split: z.enum(['dev', 'test']).describe('Set by the server: the first byte of the SHA-256 of the slug, even for test.'),
  review: z
    .enum(['agreed', 'adjudicated'])
    .describe('agreed: two independent blind labellers gave the same effect; adjudicated: they differed and the rule book decided.'),
  labels: z
    .array(z.object({ effect: z.enum(EFFECT_VALUES), risk: z.enum(RISK_VALUES) }))
    .length(2)
    .optional()
    .describe('The two first labels, when they were adjudicated.'),
  draw: z.number().int().positive().optional().describe('The seed of the random draw its server came from (docs/labelling.md, "Sets").'),
});
export type HandLabel = z.infer<typeof HandLabelSchema>;

/** A blind relabel of an annotated live tool (labels/annotation-review.jsonl): it replaces the readOnlyHint. */
export const AnnotationReviewSchema = z.strictObject({
  server: z.string().min(1),
  tool: z.string().min(1),
  effect: z.enum(EFFECT_VALUES),
  note: z.string().optional().describe('The rule of docs/labelling.md that decided, when the label is not obvious.'),
  review: z.enum(['agreed', 'adjudicated']).describe('As in labels/tools.jsonl: two blind passes, and the rule book where they differed.'),
  labels: z.array(z.enum(EFFECT_VALUES)).length(2).optional().describe('The two first labels, when they were adjudicated.'),
});
export type AnnotationReview = z.infer<typeof AnnotationReviewSchema>;

/**
 * A first measure (labels/first-measure.jsonl): the classifier's answer to a tool of a random draw,
 * recorded at the commit before anything was changed for that draw, so it is an out-of-sample
 * answer even where the rules were later fixed from the draw's errors.
 */
export const FirstMeasureSchema = z.strictObject({
  server: z.string().min(1),
  tool: z.string().min(1),
  draw: z.number().int().positive().describe('The seed of the draw, as in labels/tools.jsonl.'),
  effect: z.enum(EFFECT_VALUES).describe('The effect the classifier gave then.'),
  confidence: RateSchema.describe('The confidence it gave then, from the curve of that commit.'),
  commit: z.string().regex(/^[0-9a-f]{40}$/).describe('The commit whose classifier and catalog gave the answer.'),
});
export type FirstMeasure = z.infer<typeof FirstMeasureSchema>;

/** A first-generation hand label (shared/data/labels-dev.jsonl), keyed by the peer's policy name. */
export const DevLabelSchema = z.object({
  policy: z.string().min(1),
  tool: z.string().min(1),
  effect: z.enum(EFFECT_VALUES),
  risk: z.enum(RISK_VALUES),
  domains: z.array(z.enum(DOMAIN_VALUES)).optional(),
  note: z.string().optional(),
});
export type DevLabel = z.infer<typeof DevLabelSchema>;

/** The labelled sets `npm run eval` reports, in order. */
export const EVAL_SETS = {
  'dev-original': 'Our first hand labels, joined with the peer catalog\'s names and descriptions (no input schemas)',
  dev: 'Hand labels of catalog servers in the dev split, classified from their records with full input schemas',
  test: 'Hand labels of catalog servers in the held-out test split: nothing is tuned on it',
  live: 'Annotated live servers, annotations hidden, against their own readOnlyHint',
  'live-reviewed': 'The same, where a blind relabel of the tool replaces its readOnlyHint',
} as const;
export type EvalSetId = keyof typeof EVAL_SETS;
export const EVAL_SET_VALUES = Object.keys(EVAL_SETS) as [EvalSetId, ...EvalSetId[]];

/** Confidence bands: how many tools fell in one, their mean confidence and how many were right. */
const CalibrationBucketSchema = z.object({
  from: RateSchema,
  to: RateSchema,
  count: z.number().int().min(0),
  meanConfidence: RateSchema.nullable(),
  accuracy: RateSchema.nullable(),
});

const ShareSchema = z.object({ precision: RateSchema.nullable(), recall: RateSchema.nullable(), support: z.number().int().min(0) });

export const EvalSetSchema = z.object({
  id: z.enum(EVAL_SET_VALUES),
  source: z.string().describe('Where the labels and the tools came from.'),
  kind: z.enum(['effect', 'read']).describe('"effect": the four effects; "read": read against not-read.'),
  servers: z.number().int().min(0),
  tools: z.number().int().min(0),
  unanswered: z.number().int().min(0).describe('Labelled tools left without an effect (not classified, or not found). The target is 0.'),
  accuracy: RateSchema.nullable().describe('Effect accuracy (kind "effect") or read/not-read accuracy (kind "read"); null when the set is empty.'),
  perClass: z.record(z.string(), ShareSchema).describe('Per effect (or read, not-read): precision, recall and the labelled count.'),
  confusion: ConfusionSchema,
  ece: RateSchema.nullable().describe('Expected calibration error of the shipped confidences on this set.'),
  cvEce: RateSchema.nullable().describe('Expected calibration error of the cross-validated (out-of-fold) confidences; null for the test set, never fitted on.'),
  risk: z.object({ exact: RateSchema, withinOne: RateSchema }).nullable().describe('Risk level against the label, where labels carry one.'),
  firstMeasure: z
    .object({
      tools: z.number().int().min(0).describe('Labelled tools of the set with a first measure.'),
      accuracy: RateSchema.nullable().describe('How often the first answer matched the label: the out-of-sample figure of a fresh draw.'),
      ece: RateSchema.nullable().describe('Expected calibration error of the confidences the first answers were given (each from the curve of its commit).'),
      secondOpinion: z
        .array(
          z.object({
            below: RateSchema.describe('First answers under this confidence…'),
            disagreements: z.number().int().min(0).describe('…where the word baseline gave another effect.'),
            baselineRight: z.number().int().min(0),
            firstRight: z.number().int().min(0),
          }),
        )
        .describe('Whether the word baseline, taking over where the first answer was unsure, would have fixed more than it broke.'),
    })
    .nullable()
    .describe('The first measures of the set\'s tools (labels/first-measure.jsonl); null when none.'),
  baseline: z
    .object({
      scored: z.enum(['cross-validated', 'held-out']).describe('"cross-validated": each server scored by a model fitted without it; "held-out": fitted on the other sets, scored once.'),
      tools: z.number().int().min(0).describe('Labelled tools it answered (those whose text the run holds).'),
      accuracy: RateSchema.nullable().describe('Its effect accuracy on them.'),
      oursOnSame: RateSchema.nullable().describe("The classifier's on the same tools."),
    })
    .nullable()
    .describe('The word-statistics yardstick (src/eval/baseline.ts): naive Bayes on the name and first sentence, learned from the effect labels of every set but test; null for the read sets.'),
  peer: z.object({
    overlap: z.number().int().min(0).describe('Labelled tools the peer also lists (same tool name, same server).'),
    answered: z.number().int().min(0).describe('Of those, tools the peer gives an effect (Read, Write, Destructive, Execute).'),
    accuracyAnswered: RateSchema.nullable(),
    accuracyOverlap: RateSchema.nullable().describe('Tools the peer leaves without an effect count as wrong.'),
    oursOnOverlap: RateSchema.nullable(),
    oursOnAnswered: RateSchema.nullable(),
    categories: z.record(z.string(), z.number().int().min(0)),
  }),
  review: z
    .object({
      relabels: z.number().int().min(0).describe('Annotated tools of the set with a blind relabel.'),
      unmatched: z.number().int().min(0).describe('Relabels naming no annotated live tool.'),
      overturned: z.number().int().min(0).describe('Relabels whose read/not-read differs from the hint.'),
      disagreements: z.number().int().min(0).describe('Relabelled tools where the classifier disagreed with the raw hint.'),
      overturnedAmongDisagreements: z.number().int().min(0),
      agreements: z.number().int().min(0).describe('Relabelled tools where the classifier agreed with the raw hint.'),
      overturnedAmongAgreements: z.number().int().min(0),
    })
    .nullable()
    .describe('The review of servers\' own hints (set live-reviewed only).'),
  draws: z
    .array(z.object({ draw: z.number().int(), servers: z.number().int().min(0), tools: z.number().int().min(0), accuracy: RateSchema.nullable() }))
    .describe('The same accuracy per random draw of servers, in the order drawn (hand-labelled sets whose labels name their draw).'),
  errorsShown: z.boolean().describe('False for the test set unless `--errors-test`: its errors are not published.'),
  errors: z.array(
    z.object({
      server: z.string(),
      tool: z.string(),
      label: z.string().describe('The label: an effect, or read / not-read.'),
      ours: z.enum(EFFECT_VALUES).nullable(),
      confidence: z.number().nullable(),
      peer: z.string().nullable(),
      evidence: z.string(),
    }),
  ),
});
export type EvalSet = z.infer<typeof EvalSetSchema>;

const TargetSchema = z.object({
  id: z.string(),
  label: z.string(),
  target: z.number(),
  atLeast: z.boolean().describe('True: the value must reach the target; false: it must stay at or under it.'),
  unit: z.enum(['rate', 'count', 'error']).describe('How the value reads: a share of tools, a count of tools, or a calibration error.'),
  value: z.number().nullable().describe('Null when not measured (an empty set).'),
  met: z.boolean(),
});

export const EvalReportSchema = z.object({
  generatedAt: z.string().describe('ISO date of the run.'),
  notes: z.array(z.string()).describe('What the run could not measure and why (an absent label file, an empty set).'),
  sets: z.array(EvalSetSchema).describe('One entry per labelled set, in the order of EVAL_SETS.'),
  calibration: z.object({
    method: z.string().describe('How the curve is fitted and cross-validated.'),
    folds: z.number().int().min(2),
    seed: z.number().int(),
    tools: z.number().int().min(0).describe('Tools scored out of fold: every set but test, live reviewed.'),
    servers: z.number().int().min(0),
    cvEce: RateSchema.nullable().describe('Expected calibration error of the out-of-fold confidences over all those tools.'),
    buckets: z.array(CalibrationBucketSchema).describe('The out-of-sample curve: out-of-fold confidence against how often it was right.'),
    shipped: z.object({
      curve: z.array(z.tuple([RateSchema, RateSchema])).describe('The shipped curve (src/classify/calibration.ts): raw strength → confidence.'),
      testEce: RateSchema.nullable().describe('Its expected calibration error on the test set.'),
      testBuckets: z.array(CalibrationBucketSchema),
    }),
  }),
  targets: z.array(TargetSchema).describe('The "done when" figures, each met or not.'),
});
export type EvalReport = z.infer<typeof EvalReportSchema>;
