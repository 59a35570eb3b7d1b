/**
 * Signal: the input parameters. Some parameters carry what the call will do — SQL, a shell
 * command, a script — and so point to execution; others raise the stakes (force, recursive,
 * permanent), hint that something happens (confirm, dry_run), or show what the tool touches:
 * amounts (money), recipients (messages), paths (files), URLs (the network).
 */
import type { Param, PreparedTool } from '../prepare.ts';
import { quote } from '../text.ts';
import type { Finding, Trait } from '../types.ts';

/** Parameter names that are code or commands whatever their description says. */
const CODE_WORDS = new Set(['script', 'javascript', 'js', 'python', 'command', 'cmd', 'shell', 'bash', 'powershell', 'program', 'cypher', 'sql']);
/** Names that are code only when their description says so ("query", "expression", "code"). */
const MAYBE_CODE_WORDS = new Set(['query', 'expression', 'expr', 'eval', 'code', 'function', 'statement', 'source']);
const RUNS_RE = /\b(?:run|runs|execute[sd]?|executing|evaluate[sd]?|eval|invoke[sd]?)\b/;
const CODE_ABOUT_RE = /\b(?:sql|cypher|javascript|python|shell|script|command|function declaration)\b/;
const SELECT_ONLY_RE = /\bread[- ]?only\b|\bselect (?:statement|query|queries)\b|\bonly select\b/;
const FORCE_WORDS = new Set(['force', 'recursive', 'recursively', 'overwrite']);
const PERMANENT_WORDS = new Set(['permanent', 'permanently', 'cascade', 'purge', 'hard']);
const CONFIRM_WORDS = new Set(['confirm', 'confirmation', 'confirmed', 'dry', 'dryrun']);
const MONEY_WORDS = new Set(['amount', 'price', 'currency', 'iban', 'payment', 'fee']);
const RECIPIENT_WORDS = new Set(['recipient', 'recipients', 'cc', 'bcc']);
/** Names that are recipients only when their description says so ("to" may end a date range). */
const MAYBE_RECIPIENT_WORDS = new Set(['to', 'channel', 'chat', 'phone', 'email', 'address']);
const RECIPIENT_ABOUT_RE = /\b(?:recipient|send|sent|email address|phone number|channel|message)\b/;
const PATH_WORDS = new Set(['path', 'file', 'filename', 'filepath', 'directory', 'dir', 'folder', 'paths', 'files']);
const URL_WORDS = new Set(['url', 'uri', 'href', 'urls', 'link']);
/** Addresses the tool's system will send data to later: a webhook, a callback. */
const HOOK_WORDS = new Set(['webhook', 'callback', 'endpoint', 'hook']);
const CONTENT_WORDS = new Set(['content', 'body', 'payload', 'value', 'yaml', 'definition', 'properties', 'fields', 'patch', 'changes', 'update', 'updates']);

const has = (p: Param, set: ReadonlySet<string>) => p.words.some((w) => set.has(w));

export function parametersSignal(t: PreparedTool): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const once = (key: string, f: Finding) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const p of t.params) {
    const name = quote(p.name, 40);
    const code = has(p, CODE_WORDS) || (has(p, MAYBE_CODE_WORDS) && CODE_ABOUT_RE.test(p.about));
    if (code) {
      if (SELECT_ONLY_RE.test(p.about)) {
        once('code', { signal: 'parameters', says: 'read', weight: 0.35, detail: `parameter ${name} takes a read-only query` });
      } else {
        const runs = RUNS_RE.test(p.about) || p.words.some((w) => w === 'command' || w === 'cmd' || w === 'shell' || w === 'script');
        once('code', {
          signal: 'parameters',
          says: 'execute',
          weight: runs ? 0.5 : 0.3,
          detail: `parameter ${name} carries code, a query or a command${runs ? ' to run' : ''}`,
          traits: runs ? ['arbitrary-code'] : [],
        });
      }
    }
    if (has(p, PERMANENT_WORDS)) {
      once('permanent', { signal: 'parameters', says: 'delete', weight: 0.3, detail: `parameter ${name}: can remove for good`, traits: ['irreversible'] });
    } else if (has(p, FORCE_WORDS)) {
      once('force', { signal: 'parameters', says: 'risk', weight: 0.3, detail: `parameter ${name}: can skip safeguards or reach further` });
    }
    if (has(p, CONFIRM_WORDS)) {
      once('confirm', { signal: 'parameters', says: 'write', weight: 0.25, detail: `parameter ${name}: the call has consequences worth confirming` });
    }
    if (has(p, MONEY_WORDS)) {
      once('money', { signal: 'parameters', says: 'domain', weight: 0.4, detail: `parameter ${name}: an amount of money or goods`, domain: 'financial' });
    }
    if (has(p, RECIPIENT_WORDS) || (has(p, MAYBE_RECIPIENT_WORDS) && RECIPIENT_ABOUT_RE.test(p.about))) {
      const traits: Trait[] = ['sends-out'];
      once('recipient', { signal: 'parameters', says: 'domain', weight: 0.4, detail: `parameter ${name}: names who receives a message`, domain: 'messaging', traits });
    }
    if (has(p, PATH_WORDS)) {
      once('path', { signal: 'parameters', says: 'none', weight: 0.1, detail: `parameter ${name}: works on files` });
    }
    if (has(p, HOOK_WORDS)) {
      once('hook', { signal: 'parameters', says: 'none', weight: 0.1, detail: `parameter ${name}: an address the system will send data to`, traits: ['network', 'sends-out'] });
    } else if (has(p, URL_WORDS)) {
      once('url', { signal: 'parameters', says: 'none', weight: 0.1, detail: `parameter ${name}: reaches an address it is given`, traits: ['network'] });
    }
    if (has(p, CONTENT_WORDS)) {
      once('content', { signal: 'parameters', says: 'write', weight: 0.2, detail: `parameter ${name}: content to store` });
    }
  }
  return out;
}
