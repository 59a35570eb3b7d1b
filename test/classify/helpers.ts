/** Builds the inputs the signals read, from a plain tool, the way the classifier does. */
import { prepareTool, serverWords, type PreparedTool } from '../../src/classify/prepare.ts';
import type { RawTool } from '../../src/schema.ts';

export function tool(name: string, description = '', properties?: Record<string, unknown>, extra: Partial<RawTool> = {}): RawTool {
  return { name, description, inputSchema: properties ? { type: 'object', properties } : { type: 'object' }, ...extra };
}

export function prepared(name: string, description = '', properties?: Record<string, unknown>, server = 'demo'): PreparedTool {
  return prepareTool(tool(name, description, properties), serverWords(server, server));
}
