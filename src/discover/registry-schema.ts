/**
 * The parts of the MCP Registry API this project reads (`GET /v0.1/servers`, server.json of schema
 * 2025-12-11), as published in modelcontextprotocol/registry (`docs/reference/api/openapi.yaml`,
 * `docs/reference/server-json/`). They describe third-party input, not the catalog's own shapes,
 * so they live beside their one reader. Fields this project does not use are not checked; every
 * string is capped, since a registry (or a stand-in for one) may send anything.
 */
import { z } from 'zod';

const Text = (max: number) => z.string().max(max);

/** One input: an argument, an environment variable, a header, a URL variable. */
const InputSchema = z.object({
  description: Text(5_000).optional(),
  isRequired: z.boolean().optional(),
  format: Text(100).optional(),
  value: Text(5_000).optional(),
  isSecret: z.boolean().optional(),
  default: Text(5_000).optional(),
  placeholder: Text(5_000).optional(),
  choices: z.array(Text(1_000)).max(1_000).optional(),
});

/** An input whose value may name variables in `{curly_braces}`, each itself an input. */
export const RegistryInputSchema = InputSchema.extend({ variables: z.record(Text(200), InputSchema).optional() });
export type RegistryInput = z.infer<typeof RegistryInputSchema>;

/** A named input: an environment variable or a header. */
export const KeyValueInputSchema = RegistryInputSchema.extend({ name: Text(500) });
export type KeyValueInput = z.infer<typeof KeyValueInputSchema>;

/** A command-line argument: positional (a value or a hint) or named (`--flag`). */
export const ArgumentSchema = z.discriminatedUnion('type', [
  RegistryInputSchema.extend({ type: z.literal('positional'), valueHint: Text(500).optional(), isRepeated: z.boolean().optional() }),
  RegistryInputSchema.extend({ type: z.literal('named'), name: Text(500), isRepeated: z.boolean().optional() }),
]);
export type Argument = z.infer<typeof ArgumentSchema>;

const TransportSchema = z.object({
  type: Text(100),
  url: Text(2_000).optional(),
  headers: z.array(KeyValueInputSchema).max(200).optional(),
  variables: z.record(Text(200), InputSchema).optional(),
});

export const PackageSchema = z.object({
  registryType: Text(100),
  registryBaseUrl: Text(2_000).optional(),
  identifier: Text(1_000),
  version: Text(255).optional(),
  runtimeHint: Text(100).optional(),
  transport: TransportSchema,
  runtimeArguments: z.array(ArgumentSchema).max(200).optional(),
  packageArguments: z.array(ArgumentSchema).max(200).optional(),
  environmentVariables: z.array(KeyValueInputSchema).max(200).optional(),
});
export type Package = z.infer<typeof PackageSchema>;

export const RemoteSchema = TransportSchema.extend({ url: Text(2_000) });
export type Remote = z.infer<typeof RemoteSchema>;

/** A server.json, as the registry serves it in `servers[].server`. */
export const ServerJsonSchema = z.object({
  name: Text(1_000),
  description: Text(5_000).optional(),
  title: Text(1_000).optional(),
  version: Text(255).optional(),
  websiteUrl: Text(2_000).optional(),
  repository: z.object({ url: Text(2_000).optional(), source: Text(100).optional(), subfolder: Text(1_000).optional() }).optional(),
  packages: z.array(PackageSchema).max(100).optional(),
  remotes: z.array(RemoteSchema).max(100).optional(),
});
export type ServerJson = z.infer<typeof ServerJsonSchema>;

/** The registry's own facts about an entry; `status` says whether it was deleted. */
const OfficialMetaSchema = z.object({ status: Text(100).optional(), updatedAt: Text(100).optional() });

/** One page of `GET /v0.1/servers`: entries left unchecked here, so one bad entry does not lose the page. */
export const ServerListSchema = z.object({
  servers: z.array(z.unknown()),
  metadata: z.object({ nextCursor: Text(2_000).nullable().optional(), count: z.number().optional() }).optional(),
});

export const ServerResponseSchema = z.object({
  server: ServerJsonSchema,
  _meta: z.object({ 'io.modelcontextprotocol.registry/official': OfficialMetaSchema.optional() }).optional(),
});
export type ServerResponse = z.infer<typeof ServerResponseSchema>;
