/**
 * The peer catalog (PolicyLayer Intercept's categories), read once and matched to our tools by
 * tool name and server: the peer's policy name is our slug, or the peer's repository is the
 * record's, when that repository holds only one of the peer's servers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatIssues } from '../schema.ts';
import type { Effect } from '../taxonomy.ts';

const PeerToolSchema = z.object({ policy: z.string(), server: z.string(), server_name: z.string(), tool: z.string(), description: z.string().nullable().optional(), category: z.string() });
export type PeerTool = z.infer<typeof PeerToolSchema>;

export const PEER_NAME = 'PolicyLayer Intercept categories (Read→read, Write→write, Destructive→delete, Execute→execute; Financial and Other give no effect)';

/** The peer's categories as effects; Financial mixes reads and payments, Other says nothing. */
export const PEER_EFFECT: Record<string, Effect | null> = { Read: 'read', Write: 'write', Destructive: 'delete', Execute: 'execute', Financial: null, Other: null };

export type Peer = {
  byPolicy: Map<string, PeerTool[]>;
  /** The peer's category for a tool of a server (slug, repository URL), or null when it does not list it. */
  category(slug: string, repository: string | null, tool: string): string | null;
};

export function readPeer(file: string): Peer {
  if (!existsSync(file)) throw new Error(`${file}: missing (the peer catalog's categories)`);
  const parsed = z.object({ tools: z.array(PeerToolSchema) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${formatIssues(parsed.error)}`);
  const byPolicy = new Map<string, PeerTool[]>();
  const byRepo = new Map<string, Set<string>>();
  for (const p of parsed.data.tools) {
    byPolicy.set(p.policy, [...(byPolicy.get(p.policy) ?? []), p]);
    byRepo.set(p.server.toLowerCase(), (byRepo.get(p.server.toLowerCase()) ?? new Set()).add(p.policy));
  }
  const categories = new Map(parsed.data.tools.map((p) => [`${p.policy}\u0000${p.tool}`, p.category]));
  return {
    byPolicy,
    category(slug, repository, tool) {
      const own = categories.get(`${slug}\u0000${tool}`);
      if (own !== undefined) return own;
      const policies = repository ? byRepo.get(repoPath(repository)) : undefined;
      return policies?.size === 1 ? (categories.get(`${[...policies][0]}\u0000${tool}`) ?? null) : null;
    },
  };
}

/** "https://github.com/Owner/Repo.git" → "owner/repo". */
function repoPath(url: string): string {
  return url.toLowerCase().replace(/\.git$/, '').replace(/\/+$/, '').split('/').slice(-2).join('/');
}
