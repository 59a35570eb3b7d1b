/**
 * Signal: the server's MCP annotations (readOnlyHint, destructiveHint, openWorldHint). They are
 * the server's own claims — strong evidence, never blind truth. When they contradict what the
 * name, description or parameters say strongly, the tool gets the `annotation-conflict` flag and
 * evidence saying what conflicts.
 */
import type { Effect } from '../../taxonomy.ts';
import type { PreparedTool } from '../prepare.ts';
import type { Finding } from '../types.ts';

export function annotationsSignal(t: PreparedTool): Finding[] {
  const a = t.annotations;
  if (!a) return [];
  const out: Finding[] = [];
  if (a.readOnlyHint === true) {
    out.push({ signal: 'annotations', says: 'read', weight: 0.7, detail: 'annotation readOnlyHint: the server says it only reads' });
  } else {
    if (a.readOnlyHint === false) {
      out.push({ signal: 'annotations', says: 'write', weight: 0.3, detail: 'annotation readOnlyHint false: the server says it changes state' });
    }
    if (a.destructiveHint === true) {
      out.push({ signal: 'annotations', says: 'delete', weight: 0.4, detail: 'annotation destructiveHint: the server says it may destroy or overwrite data' });
    } else if (a.destructiveHint === false && a.readOnlyHint === false) {
      out.push({ signal: 'annotations', says: 'write', weight: 0.25, detail: 'annotation destructiveHint false: the server says its changes only add' });
    }
  }
  if (a.openWorldHint === true) {
    out.push({
      signal: 'annotations',
      says: 'flag',
      weight: 0.3,
      detail: 'annotation openWorldHint: the server says it reaches outside systems',
      flag: 'open-world',
      traits: ['untrusted-input'],
    });
  }
  return out;
}

/** How strongly the other signals point at each effect, and the strongest finding for each. */
export type Tally = { score: Record<Effect, number>; top: Record<Effect, Finding | undefined> };

/**
 * Conflicts between the annotations and the other signals. A claim of read-only against a strong
 * write, delete or execute; "not destructive" against a strong delete; "destructive" or "not
 * read-only" against a name and description that agree on a plain read.
 */
export function annotationConflicts(t: PreparedTool, others: Tally): Finding[] {
  const a = t.annotations;
  if (!a) return [];
  const { score } = others;

  const notRead = strongest(score, NOT_READ);
  if (a.readOnlyHint === true && notRead && score[notRead] >= 0.6 && score[notRead] > score.read - 0.1) {
    return [conflictFinding('readOnlyHint claims read-only', notRead, others)];
  }
  if (a.readOnlyHint !== true && a.destructiveHint === false && score.delete >= 0.6 && score.delete >= Math.max(score.write, score.execute)) {
    return [conflictFinding('destructiveHint false claims nothing is destroyed', 'delete', others)];
  }
  const quietOthers = Math.max(score.write, score.delete, score.execute) < 0.3;
  if (a.readOnlyHint !== true && a.destructiveHint === true && score.read >= 0.7 && quietOthers) {
    return [conflictFinding('destructiveHint claims it destroys data', 'read', others)];
  }
  if (a.readOnlyHint === false && a.destructiveHint !== true && score.read >= 0.85 && quietOthers) {
    return [conflictFinding('readOnlyHint false claims it changes state', 'read', others)];
  }
  return [];
}

const NOT_READ: readonly Effect[] = ['write', 'delete', 'execute'];

function strongest(score: Tally['score'], effects: readonly Effect[]): Effect | null {
  let best: Effect | null = null;
  for (const e of effects) if (best === null || score[e] > score[best]) best = e;
  return best;
}

function conflictFinding(claim: string, e: Effect, others: Tally): Finding {
  return {
    signal: 'annotations',
    says: 'flag',
    weight: 0.5,
    detail: `annotation conflict: ${claim}, but ${short(others.top[e]?.detail ?? e)} says ${e}`,
    flag: 'annotation-conflict',
  };
}

/** The start of another finding's detail, naming the signal that spoke ("name verb "delete""). */
function short(detail: string): string {
  const cut = detail.indexOf(' (from ');
  const head = cut > 0 ? detail.slice(0, cut) : detail.split(':')[0]!;
  return head.length > 70 ? `${head.slice(0, 69)}…` : head;
}
