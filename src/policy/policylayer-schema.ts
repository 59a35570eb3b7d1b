/**
 * The shape of PolicyLayer's documented `policy.json` dialect, strict: every document the site or
 * the scan command emits in that dialect is checked against it, and `/schema/policy.json` is
 * generated from it.
 *
 * The top level and the per-tool keys are those of PolicyLayer's "Writing policies" page
 * (policylayer.com/docs/writing-policies): `version`, `default`, `hide`, `all_tools.limits`, and
 * `tools[name]` with `require`, `deny_if` and `limits`, all three lists. That page names the lists
 * without showing an entry; PolicyLayer's own published example shows a `deny_if` entry as a rule,
 * `{"conditions": [{"path": "args.amount", "op": "gt", "value": 100}], "on_deny": "…"}`: the
 * conditions of one rule all hold for it to match, and its `on_deny` is the message the agent gets.
 * A `require` entry is taken to be a rule of the same shape (a call is refused unless it holds).
 * Conditions use the paths and operators Intercept documents for the same company's engine.
 */
import { z } from 'zod';
import { LimitSchema } from '../schema.ts';

export const ConditionSchema = z
  .object({
    path: z.string().regex(/^(args|state)\.[^.]/, 'a path into the call: args.<field> or state.<counter>'),
    op: z.enum(['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'regex', 'contains', 'exists']),
    value: z.unknown(),
  })
  .strict();

export const PolicyLayerRuleSchema = z
  .object({
    conditions: z.array(ConditionSchema).min(1).describe('Every condition must hold for the rule to match.'),
    on_deny: z.string().optional().describe('The message the agent gets when the rule refuses a call.'),
  })
  .strict();

const StrictLimitSchema = LimitSchema.strict();

export const PolicyLayerToolSchema = z
  .object({
    require: z.array(PolicyLayerRuleSchema).optional().describe('Rules every call must meet; a call that fails one is refused.'),
    deny_if: z.array(PolicyLayerRuleSchema).optional().describe('Rules under which a call is refused: any rule that matches refuses it.'),
    limits: z.array(StrictLimitSchema).optional(),
  })
  .strict();

export const PolicyLayerSchema = z
  .object({
    version: z.literal('1'),
    default: z.enum(['allow', 'deny']),
    hide: z.array(z.string()).optional().describe('Tools removed from the list and refused on call.'),
    all_tools: z.object({ limits: z.array(StrictLimitSchema) }).strict().optional(),
    tools: z.record(z.string(), PolicyLayerToolSchema),
  })
  .strict()
  .describe("A policy.json in PolicyLayer's documented dialect.");
export type PolicyLayerPolicy = z.infer<typeof PolicyLayerSchema>;
export type PolicyLayerTool = z.infer<typeof PolicyLayerToolSchema>;
export type PolicyLayerRule = z.infer<typeof PolicyLayerRuleSchema>;
