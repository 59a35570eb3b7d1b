/**
 * The shape of PolicyLayer's documented `policy.json` dialect, strict: every document the site or
 * the scan command emits in that dialect is checked against it, and `/schema/policy.json` is
 * generated from it.
 */
import { z } from 'zod';
import { LimitSchema } from '../schema.ts';

const ConditionSchema = z.object({ path: z.string().min(1), op: z.enum(['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'regex', 'contains', 'exists']), value: z.unknown() }).strict();

export const PolicyLayerToolSchema = z
  .object({
    require: z.array(ConditionSchema).optional().describe('Conditions every call must meet.'),
    deny_if: z.array(ConditionSchema).optional().describe('Conditions under which a call is refused.'),
    on_deny: z.string().optional().describe('The message the agent gets when a call is refused.'),
    limits: z.array(LimitSchema).optional(),
  })
  .strict();

export const PolicyLayerSchema = z
  .object({
    version: z.literal('1'),
    default: z.enum(['allow', 'deny']),
    hide: z.array(z.string()).optional().describe('Tools removed from the list and refused on call.'),
    all_tools: z.object({ limits: z.array(LimitSchema) }).strict().optional(),
    tools: z.record(z.string(), PolicyLayerToolSchema),
  })
  .strict()
  .describe("A policy.json in PolicyLayer's documented dialect.");
export type PolicyLayerPolicy = z.infer<typeof PolicyLayerSchema>;
export type PolicyLayerTool = z.infer<typeof PolicyLayerToolSchema>;

