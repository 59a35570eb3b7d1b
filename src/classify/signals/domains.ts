/**
 * Signal: the field a tool works in (money, messages, identity, secrets, infrastructure, data,
 * code, browser, personal), from the nouns of its name and first sentence, with the server's own
 * domain as a fallback. The same nouns tell whether what it reads is secret, personal, private or
 * written by strangers, and whether a delete takes a whole account with it. These feed risk.
 */
import { DOMAIN_VALUES, type Domain } from '../../taxonomy.ts';
import {
  ACCOUNT_WIDE_WORDS,
  findSecretPair,
  NAME_ONLY_DOMAIN_WORDS,
  PERSONAL_HEADS,
  PERSONAL_READ_WORDS,
  PRIVATE_WORDS,
  UNTRUSTED_WORDS,
  WEB_WORDS,
  wordDomain,
} from '../lexicon/domains.ts';
import type { PreparedTool } from '../prepare.ts';
import { singular } from '../text.ts';
import type { Finding } from '../types.ts';
import type { NameParse } from './name-verb.ts';

/** What the server as a whole is about, shared by its tools. */
export type ServerDomains = { dominant: readonly { domain: Domain; why: string }[] };

/** Words after a noun that leave it the head of its phrase ("user_details", "users_by_org"). */
const NEUTRAL_TAILS = new Set(['detail', 'info', 'information', 'data', 'list', 'content', 'body', 'text', 'by', 'for', 'with', 'from', 'in', 'of', 'to', 'and', 'or', 'all', 'page', 'v1', 'v2', 'v3', 'batch', 'bulk', 'count', 'id']);

/** Whether a word heads its noun phrase: English compounds end in their head ("email_template"). */
function isHead(ws: readonly string[], i: number): boolean {
  const next = ws[i + 1];
  return next === undefined || NEUTRAL_TAILS.has(next);
}

/** Whether a personal noun keeps its meaning after the word before it ("console message" does not). */
function aboutPeople(word: string, before: string | undefined): boolean {
  const rule = PERSONAL_HEADS[word];
  if (!rule) return true;
  if (rule.dropWhen) return !(before && rule.dropWhen.has(before));
  return before !== undefined && (rule.keepWhen?.has(before) ?? false);
}

/** How many words of the first sentence say what a tool is about. */
const OPENING_WORDS = 10;

const ACCOUNT_WIDE_RE = /\ball (?:of the |of your |your |its |stored )?(?:data|resources|records|content)\b|\bentire (?:account|project|workspace|organi[sz]ation|database|cluster)\b|\band (?:all )?its (?:resources|data|contents|branches)\b|\beverything\b/;

/** The domains named by a tool's own words, each with the word that named it and where. */
export function findDomains(t: PreparedTool, parse: NameParse): FoundDomains {
  const nameWords = t.tokens.slice(t.start).filter((w) => w !== parse.word);
  const found = new Map<Domain, { word: string; where: 'name' | 'description' }>();
  for (const [i, w] of nameWords.entries()) {
    const d = wordDomain(w);
    if (d === 'messaging' && !aboutPeople(singular(w), nameWords[i - 1])) continue;
    if (d && !found.has(d)) found.set(d, { word: w, where: 'name' });
  }
  // Only the opening words: later ones list fields and options ("…including name, email, avatar").
  const opening = t.lead.slice(0, OPENING_WORDS);
  for (const w of opening) {
    if (NAME_ONLY_DOMAIN_WORDS.has(w) || NAME_ONLY_DOMAIN_WORDS.has(singular(w))) continue;
    const d = wordDomain(w);
    if (d && !found.has(d)) found.set(d, { word: w, where: 'description' });
  }
  const inName = findSecretPair(nameWords);
  const last = nameWords[nameWords.length - 1];
  const secretWord = inName ?? findSecretPair(opening) ?? (last === 'token' || last === 'tokens' ? last : undefined);
  if (secretWord && !found.has('secrets')) found.set('secrets', { word: secretWord, where: inName || secretWord.startsWith('token') ? 'name' : 'description' });
  return found;
}

export type FoundDomains = Map<Domain, { word: string; where: 'name' | 'description' }>;

export function domainsSignal(t: PreparedTool, parse: NameParse, server: ServerDomains, found: FoundDomains = findDomains(t, parse)): Finding[] {
  const out: Finding[] = [];
  const nameWords = t.tokens.slice(t.start).filter((w) => w !== parse.word);

  for (const d of DOMAIN_VALUES) {
    const hit = found.get(d);
    if (!hit) continue;
    out.push({ signal: 'domain', says: 'domain', domain: d, weight: hit.where === 'name' ? 0.5 : 0.35, detail: `domain ${d}: "${hit.word}" in the ${hit.where}` });
  }
  if (found.size === 0) {
    for (const { domain, why } of server.dominant) {
      out.push({ signal: 'domain', says: 'domain', domain, weight: 0.2, detail: `domain ${domain}: ${why}` });
    }
  }

  // Sensitivity of what it touches, from the name and first sentence.
  const seen = [...nameWords, ...t.lead.slice(0, OPENING_WORDS)].map(singular);
  const secrets = found.get('secrets');
  if (secrets) {
    out.push({ signal: 'domain', says: 'risk', weight: 0.6, detail: `"${secrets.word}" in the ${secrets.where}: credentials or keys`, traits: ['reads-secrets', 'writes-secrets'] });
  }
  const sing = nameWords.map(singular);
  const heads = sing.filter((w, i) => isHead(sing, i) && aboutPeople(w, sing[i - 1]));
  const personal = heads.find((w) => PERSONAL_READ_WORDS.has(w));
  if (personal) {
    out.push({ signal: 'domain', says: 'risk', weight: 0.4, detail: `"${personal}" in the name: data about people, their messages or money`, traits: ['reads-personal', 'private-data'] });
  } else if (heads.some((w) => PRIVATE_WORDS.has(w))) {
    out.push({ signal: 'domain', says: 'none', weight: 0.1, detail: 'works on the user\'s own data', traits: ['private-data'] });
  }
  const web = seen.find((w) => WEB_WORDS.has(w));
  const untrusted = web ?? seen.find((w) => UNTRUSTED_WORDS.has(w));
  if (untrusted) {
    out.push({
      signal: 'domain',
      says: 'none',
      weight: 0.1,
      detail: web ? `"${web}": works with the open web, whose content anyone can write` : `"${untrusted}": content written by others`,
      traits: web ? ['untrusted-input', 'web'] : ['untrusted-input'],
    });
  }
  if (parse.resolved?.reading.effect === 'delete') {
    const wide = nameWords.find((w) => ACCOUNT_WIDE_WORDS.has(singular(w)));
    const phrase = wide ? null : ACCOUNT_WIDE_RE.exec(t.lower.slice(0, 400));
    if (wide || phrase) {
      const what = wide ? `"${wide}" in the name` : 'the description';
      out.push({ signal: 'domain', says: 'risk', weight: 0.6, detail: `${what}: removing it takes everything in it`, traits: ['account-wide'] });
    }
  }
  return out;
}
