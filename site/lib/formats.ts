/**
 * Permissions in every client's own format for the site's pages, written by the scan command's own
 * writers (`src/scan/writers.ts`) and checked by its own rules before they are shown: a tool page
 * renders them at build time, the policy builder in the browser. Nothing here writes a format.
 */
import type { ActionFence } from '../../src/policy/actions.ts';
import type { ServerDecisions } from '../../src/scan/decide.ts';
import { checkWritten } from '../../src/scan/rules.ts';
import { RATE_CAP_CLIENTS, WRITE_CLIENT_VALUES, WRITE_CLIENTS, writeFor, type WriteClient } from '../../src/scan/writers.ts';
import type { Choice } from './builder.ts';

export { WRITE_CLIENT_VALUES, WRITE_CLIENTS, type WriteClient };

export function isWriteClient(value: string): value is WriteClient {
  return (WRITE_CLIENT_VALUES as readonly string[]).includes(value);
}

/**
 * The text a page shows for one client: the written documents, each under its suggested file name
 * when there are several, or the problems the check found instead of a document that would not mean
 * what it says.
 */
export function clientText(client: WriteClient, decisions: readonly ServerDecisions[]): string {
  const written = writeFor(client, decisions);
  const problems = checkWritten(client, written);
  if (problems.length) return `Not written: ${problems.join('\n')}\n`;
  return written.map((w) => (written.length > 1 ? `# ${w.path}\n${w.text}` : w.text)).join('\n');
}

/** One row of the builder as the client formats need it. */
export type ChosenTool = {
  name: string;
  choice: Choice;
  /** The cap of the tool's rule in the builder's policy.json, calls a minute, when it has one. */
  perMinute: number | null;
  /** The catalog judges the tool a read. */
  read: boolean;
  /** The server annotates the tool read-only and the catalog judges it a read. */
  readOnlyAgreed: boolean;
  /** A multi-action tool whose recommended rule was kept: the actions to refuse in formats that read arguments. */
  fence?: ActionFence | null;
};

/**
 * The builder's choices as decisions for one client. Allow, approval and deny are the person's
 * own decision. A limited tool is allowed under its cap where the format can hold a cap; where it
 * cannot, allowing it would drop the cap, so it is allowed only when it reads, and asked for
 * otherwise, as the scan command does with a limited write. A tool counts as agreed read-only
 * only while it is allowed. A multi-action tool whose recommended rule was kept is fenced by action
 * where the format reads arguments (Intercept, policy.json).
 */
export function builderDecisions(server: string, rows: readonly ChosenTool[], client: WriteClient): ServerDecisions {
  const caps = new Map<string, number>();
  const fences = new Map<string, ActionFence>();
  const out: ServerDecisions = { server, allow: [], ask: [], deny: [], readOnlyAgreed: [], caps };
  const holdsCaps = RATE_CAP_CLIENTS.includes(client);
  for (const row of rows) {
    const decision = row.choice === 'deny' ? 'deny' : row.choice === 'require_approval' ? 'ask' : row.choice === 'limit' && !holdsCaps && !row.read ? 'ask' : 'allow';
    out[decision].push(row.name);
    if (decision === 'ask' && row.fence) fences.set(row.name, row.fence);
    if (decision !== 'allow') continue;
    if (row.readOnlyAgreed) out.readOnlyAgreed.push(row.name);
    if (row.perMinute !== null) caps.set(row.name, row.perMinute);
  }
  if (fences.size) out.fences = fences;
  return out;
}
