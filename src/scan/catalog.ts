/**
 * The catalog a scan matches against: one entry per listed server with what identifies it (npm
 * package and version, image, URL, command) and, per tool, what a permission needs (its
 * classification, recommended action, definition hash and read-only annotation). It is built from
 * the server records, so the CLI bundled with the package and the `/scan/` page read the same data.
 */
import { z } from 'zod';
import { EFFECT_VALUES, RISK_VALUES } from '../taxonomy.ts';
import { actionFence } from '../policy/actions.ts';
import type { ServerRecord, Source } from '../schema.ts';

export const ScanToolSchema = z.object({
  name: z.string(),
  effect: z.enum(EFFECT_VALUES),
  risk: z.enum(RISK_VALUES),
  confidence: z.number(),
  flags: z.array(z.string()),
  /** The recommended rule's action; absent means allowed within limits (a write under a rate cap). */
  action: z.enum(['allow', 'deny', 'require_approval']).nullable(),
  hash: z.string().describe('The catalog hash of the tool definition (description, schema, annotations).'),
  parts: z
    .object({ description: z.string(), schema: z.string(), annotations: z.string() })
    .describe('A hash of each part of the definition, so drift can say which part changed.'),
  readOnlyHint: z.boolean().nullable().describe("The server's own readOnlyHint annotation, when it gave one."),
  fence: z
    .object({ param: z.string(), refuse: z.array(z.string()), cap: z.number().int().positive() })
    .nullable()
    .optional()
    .describe('A multi-action tool that needs approval: the argument that picks the action, the values to refuse and the cap for the rest, for formats that read arguments.'),
});
export type ScanTool = z.infer<typeof ScanToolSchema>;

export const ScanEntrySchema = z.object({
  slug: z.string(),
  name: z.string(),
  transport: z.string(),
  package: z.string().nullable(),
  version: z.string().nullable().describe('npm: the version that was crawled.'),
  url: z.string().nullable(),
  command: z.string().nullable(),
  args: z.array(z.string()),
  tools: z.array(ScanToolSchema),
});
export type ScanEntry = z.infer<typeof ScanEntrySchema>;

export const ScanCatalogSchema = z.object({
  version: z.literal('1'),
  generatedAt: z.string(),
  servers: z.array(ScanEntrySchema),
});
export type ScanCatalog = z.infer<typeof ScanCatalogSchema>;

/** A content hash of a JSON value; given by the caller, so this module stays free of node:crypto. */
export type HashJson = (value: unknown) => string;

/** A record as a scan entry; its source (when known) adds the URL or command line it runs. */
export function scanEntry(record: ServerRecord, source: Source | undefined, hash: HashJson): ScanEntry {
  return {
    slug: record.slug,
    name: record.name,
    transport: record.transport,
    package: record.package ?? source?.package ?? null,
    version: record.provenance.packageVersion ?? null,
    url: source?.url ?? null,
    command: source?.command ?? null,
    args: source?.args ?? [],
    tools: record.tools.map((t) => ({
      name: t.name,
      effect: t.classification.effect,
      risk: t.classification.risk,
      confidence: t.classification.confidence,
      flags: [...t.classification.flags],
      action: t.policy.action ?? null,
      hash: t.hash,
      parts: { description: hash([t.title, t.description]), schema: hash([t.inputSchema, t.outputSchema]), annotations: hash(t.annotations) },
      readOnlyHint: typeof t.annotations?.readOnlyHint === 'boolean' ? t.annotations.readOnlyHint : null,
      fence: actionFence(t.policy),
    })),
  };
}

export function scanCatalog(entries: ScanEntry[], generatedAt: string): ScanCatalog {
  return { version: '1', generatedAt, servers: [...entries].sort((a, b) => a.slug.localeCompare(b.slug)) };
}
