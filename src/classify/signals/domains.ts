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
  startsSecretPair,
  NAME_ONLY_DOMAIN_WORDS,
  PERSONAL_HEADS,
  PERSONAL_READ_WORDS,
  PRIVATE_WORDS,
  UNTRUSTED_WORDS,
  WEB_WORDS,
  wordDomain,
} from '../lexicon/domains.ts';
import type { PreparedTool } from '../prepare.ts';
import { singular, wordFact, type Word } from '../text.ts';
import type { Finding } from '../types.ts';
import type { NameParse } from './name-verb.ts';

/** What the server as a whole is about, shared by its tools. */
export type ServerDomains = { dominant: readonly { domain: Domain; why: string }[] };

/** Words after a noun that leave it the head of its phrase ("user_details", "users_by_org"). */
const NEUTRAL_TAILS = new Set(['detail', 'info', 'information', 'data', 'list', 'content', 'body', 'text', 'by', 'for', 'with', 'from', 'in', 'of', 'to', 'and', 'or', 'all', 'page', 'v1', 'v2', 'v3', 'batch', 'bulk', 'count', 'id']);

type HeadRule = { keepWhen?: ReadonlySet<string>; dropWhen?: ReadonlySet<string> };

/** Whether a personal noun keeps its meaning after the word before it ("console message" does not). */
function aboutPeople(rule: HeadRule | undefined, before: string | undefined): boolean {
  if (!rule) return true;
  if (rule.dropWhen) return !(before && rule.dropWhen.has(before));
  return before !== undefined && (rule.keepWhen?.has(before) ?? false);
}

/**
 * What the lexicon says of one word, for every check below: looked up once per word instead of
 * once per list. The lists other than the domains themselves are read in the singular.
 */
type WordFacts = {
  singular: string;
  /** The domain the word names in a name, and in a description (some words count only in names). */
  domain: Domain | undefined;
  openingDomain: Domain | undefined;
  web: boolean;
  others: boolean;
  personal: boolean;
  own: boolean;
  accountWide: boolean;
  /** Leaves the noun before it the head of its phrase. */
  neutralTail: boolean;
  headRule: HeadRule | undefined;
  pairStart: boolean;
};

const factsOf = wordFact((w: string): WordFacts => {
  const s = singular(w);
  const domain = wordDomain(w);
  return {
    singular: s,
    domain,
    openingDomain: NAME_ONLY_DOMAIN_WORDS.has(w) || NAME_ONLY_DOMAIN_WORDS.has(s) ? undefined : domain,
    web: WEB_WORDS.has(s),
    others: UNTRUSTED_WORDS.has(s),
    personal: PERSONAL_READ_WORDS.has(s),
    own: PRIVATE_WORDS.has(s),
    accountWide: ACCOUNT_WIDE_WORDS.has(s),
    neutralTail: NEUTRAL_TAILS.has(s),
    headRule: PERSONAL_HEADS.get(s),
    pairStart: startsSecretPair(w),
  };
});

/** How many words of the first sentence say what a tool is about. */
const OPENING_WORDS = 10;

const ACCOUNT_WIDE_RE = /\ball (?:of the |of your |your |its |stored )?(?:data|resources|records|content)\b|\bentire (?:account|project|workspace|organi[sz]ation|database|cluster)\b|\band (?:all )?its (?:resources|data|contents|branches)\b|\beverything\b/;

/** The domains named by a tool's own words, each with the word that named it and where. */
export function findDomains(t: PreparedTool, parse: NameParse): FoundDomains {
  const { nameWords, records } = nameWordsOf(t, parse);
  const found = new Map<Domain, { word: string; where: 'name' | 'description' }>();
  let pairInName = false;
  for (let i = 0; i < nameWords.length; i++) {
    const w = nameWords[i]!;
    const f = factsOf(records[i]!);
    pairInName ||= f.pairStart;
    const d = f.domain;
    if (d === 'messaging' && !aboutPeople(f.headRule, nameWords[i - 1])) continue;
    if (d && !found.has(d)) found.set(d, { word: w, where: 'name' });
  }
  // Only the opening words: later ones list fields and options ("…including name, email, avatar").
  const opening = t.lead.slice(0, OPENING_WORDS);
  let pairInOpening = false;
  for (let i = 0; i < opening.length; i++) {
    const w = opening[i]!;
    const f = factsOf(t.leadWords[i]!);
    pairInOpening ||= f.pairStart;
    const d = f.openingDomain;
    if (d && !found.has(d)) found.set(d, { word: w, where: 'description' });
  }
  // Secret pairs are looked for only where a word may start one.
  const inName = pairInName ? findSecretPair(nameWords) : undefined;
  const last = nameWords[nameWords.length - 1];
  const secretWord = inName ?? (pairInOpening ? findSecretPair(opening) : undefined) ?? (last === 'token' || last === 'tokens' ? last : undefined);
  if (secretWord && !found.has('secrets')) found.set('secrets', { word: secretWord, where: inName || secretWord.startsWith('token') ? 'name' : 'description' });
  return found;
}

export type FoundDomains = Map<Domain, { word: string; where: 'name' | 'description' }>;

/** The name's words after the server prefix, less the word the name parse read as its verb. */
function nameWordsOf(t: PreparedTool, parse: NameParse): { nameWords: string[]; records: Word[] } {
  const nameWords: string[] = [];
  const records: Word[] = [];
  for (let i = t.start; i < t.tokens.length; i++) {
    if (t.tokens[i] === parse.word) continue;
    nameWords.push(t.tokens[i]!);
    records.push(t.tokenWords[i]!);
  }
  return { nameWords, records };
}

export function domainsSignal(t: PreparedTool, parse: NameParse, server: ServerDomains, found: FoundDomains = findDomains(t, parse)): Finding[] {
  const out: Finding[] = [];
  const { nameWords, records } = nameWordsOf(t, parse);

  if (found.size > 0) {
    // In the taxonomy's order; a tool that names one domain needs no ordering.
    const domains = found.size === 1 ? found.keys() : DOMAIN_VALUES.filter((d) => found.has(d));
    for (const d of domains) {
      const hit = found.get(d)!;
      out.push({ signal: 'domain', says: 'domain', domain: d, weight: hit.where === 'name' ? 0.5 : 0.35, detail: `domain ${d}: "${hit.word}" in the ${hit.where}` });
    }
  } else {
    for (const { domain, why } of server.dominant) {
      out.push({ signal: 'domain', says: 'domain', domain, weight: 0.2, detail: `domain ${domain}: ${why}` });
    }
  }

  // Sensitivity of what it touches, from the name and first sentence.
  const secrets = found.get('secrets');
  if (secrets) {
    out.push({ signal: 'domain', says: 'risk', weight: 0.6, detail: `"${secrets.word}" in the ${secrets.where}: credentials or keys`, traits: ['reads-secrets', 'writes-secrets'] });
  }
  const facts = records.map(factsOf);
  // Only nouns that head their phrase count: English compounds end in their head ("email_template").
  let personal: string | undefined;
  let ownData = false;
  for (let i = 0; i < facts.length && personal === undefined; i++) {
    const f = facts[i]!;
    const isHead = i + 1 === facts.length || facts[i + 1]!.neutralTail;
    if (!isHead || !aboutPeople(f.headRule, facts[i - 1]?.singular)) continue;
    if (f.personal) personal = f.singular;
    else if (f.own) ownData = true;
  }
  if (personal) {
    out.push({ signal: 'domain', says: 'risk', weight: 0.4, detail: `"${personal}" in the name: data about people, their messages or money`, traits: ['reads-personal', 'private-data'] });
  } else if (ownData) {
    out.push({ signal: 'domain', says: 'none', weight: 0.1, detail: 'works on the user\'s own data', traits: ['private-data'] });
  }
  // The first web word of the name and opening words, else the first word for others' content.
  let web: string | undefined;
  let others: string | undefined;
  const seen = facts.length + Math.min(t.leadWords.length, OPENING_WORDS);
  for (let i = 0; i < seen && web === undefined; i++) {
    const f = i < facts.length ? facts[i]! : factsOf(t.leadWords[i - facts.length]!);
    if (f.web) web = f.singular;
    else if (others === undefined && f.others) others = f.singular;
  }
  const untrusted = web ?? others;
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
    const wide = nameWords.find((_, i) => facts[i]!.accountWide);
    const phrase = wide ? null : ACCOUNT_WIDE_RE.exec(t.lower.slice(0, 400));
    if (wide || phrase) {
      const what = wide ? `"${wide}" in the name` : 'the description';
      out.push({ signal: 'domain', says: 'risk', weight: 0.6, detail: `${what}: removing it takes everything in it`, traits: ['account-wide'] });
    }
  }
  return out;
}
