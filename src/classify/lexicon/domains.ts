/**
 * Nouns that place a tool in a domain (money, messages, identity …) and nouns that make what it
 * reads sensitive or untrusted. General words only; vendor and product names are left out so a
 * server is judged by what its tools say they do, not by who made it.
 */
import type { Domain } from '../../taxonomy.ts';
import { perWord, singular } from '../text.ts';

const DOMAIN_WORDS: Record<Domain, readonly string[]> = {
  financial: ['payment', 'pay', 'invoice', 'refund', 'charge', 'balance', 'price', 'pricing', 'coupon', 'discount', 'subscription', 'billing', 'bill', 'trade', 'trading', 'transaction', 'money', 'wallet', 'currency', 'dispute', 'payout', 'bank', 'banking', 'checkout', 'cart', 'purchase', 'ledger', 'tax', 'holding', 'margin', 'stock', 'satoshi', 'btc', 'bitcoin', 'crypto', 'cryptocurrency', 'utxo', 'fund', 'revenue', 'expense', 'budget', 'accounting', 'payroll', 'salary', 'loan', 'iban', 'finance', 'financial', 'fee', 'receipt', 'merchant', 'order', 'market', 'dex', 'ohlc', 'ohlcv', 'candlestick', 'brc20'],
  messaging: ['message', 'email', 'mail', 'sms', 'mms', 'chat', 'channel', 'conversation', 'notification', 'inbox', 'dm', 'newsletter', 'call', 'voicemail', 'recipient', 'reply', 'reaction', 'mailbox', 'outbox', 'whatsapp', 'telegram'],
  identity: ['user', 'group', 'role', 'permission', 'rbac', 'iam', 'team', 'member', 'membership', 'invitation', 'login', 'auth', 'authentication', 'authorization', 'sso', 'saml', 'scim', 'oauth', 'mfa', 'otp', 'identity', 'principal', 'acl', 'whoami', 'verification', 'privilege', 'entitlement'],
  secrets: ['secret', 'password', 'passwd', 'passphrase', 'credential', 'apikey', 'dsn', 'vault', 'keychain', 'mnemonic'],
  infrastructure: ['cluster', 'pod', 'deployment', 'k8s', 'kubernetes', 'kubectl', 'container', 'vm', 'instance', 'host', 'dns', 'network', 'firewall', 'vpc', 'subnet', 'region', 'cloud', 'terraform', 'cloudformation', 'helm', 'lambda', 'metric', 'alert', 'alarm', 'monitor', 'incident', 'dashboard', 'apm', 'tunnel', 'gateway', 'ip', 'ssl', 'tls', 'cdn', 'compute', 'downtime', 'uptime', 'ec2', 'eks', 'ecs', 'ingress', 'log', 'trace', 'stack', 'infrastructure', 'certificate', 'vpn', 'proxy', 'replica'],
  data: ['database', 'db', 'table', 'sql', 'schema', 'column', 'row', 'dataset', 'warehouse', 'cypher', 'vector', 'embedding', 'datasource', 'csv', 'etl', 'knowledge', 'graph', 'bucket', 'data', 'analytics', 'transformation', 'migration', 'collection'],
  code: ['repository', 'repo', 'commit', 'branch', 'merge', 'pr', 'pipeline', 'ci', 'build', 'workflow', 'flow', 'code', 'source', 'snippet', 'lint', 'package', 'dependency', 'npm', 'release', 'sdk', 'diff', 'test', 'function', 'script', 'mock', 'compile', 'compiler', 'assembly', 'programming'],
  browser: ['browser', 'tab', 'dom', 'element', 'screenshot', 'console', 'cookie', 'viewport', 'selector', 'dialog', 'webpage', 'iframe', 'devtools', 'form'],
  personal: ['contact', 'calendar', 'photo', 'medical', 'patient', 'location', 'gps', 'phone', 'profile', 'customer', 'prospect', 'person', 'people', 'birthday', 'passport', 'ssn', 'diary', 'employee', 'biometric', 'fingerprint'],
};

const WORD_DOMAIN = new Map<string, Domain>();
for (const [d, list] of Object.entries(DOMAIN_WORDS) as [Domain, readonly string[]][]) for (const w of list) WORD_DOMAIN.set(w, d);

/** Words too common in passing to place a tool from its description: they count only in its name. */
export const NAME_ONLY_DOMAIN_WORDS = new Set([
  'data', 'source', 'form', 'call', 'order', 'test', 'host', 'log', 'build', 'function', 'market', 'user', 'group',
  'team', 'member', 'code', 'element', 'console', 'dialog', 'instance', 'network', 'graph', 'knowledge', 'flow',
  'collection', 'table', 'row', 'column', 'charge', 'balance', 'margin', 'stock', 'fund', 'holding', 'bill',
  'reply', 'channel', 'location', 'profile', 'tab', 'script', 'package', 'release', 'merge', 'diff', 'commit',
  'branch', 'identity', 'role', 'fee', 'price', 'cart', 'trace', 'metric', 'alert', 'monitor', 'stack',
  'container', 'cloud', 'region',
]);

/** The domain a word points to, if any ("invoices" → financial). */
export const wordDomain = perWord((word: string): Domain | undefined => WORD_DOMAIN.get(word) ?? WORD_DOMAIN.get(singular(word)));

/** Two-word names of secrets ("api key", "connection string", "access token"). */
const SECRET_PAIRS = new Set([
  'api key', 'private key', 'secret key', 'ssh key', 'access key', 'signing key', 'encryption key', 'provisioning key',
  'connection string', 'access token', 'auth token', 'api token', 'bearer token', 'refresh token', 'personal token',
  'session token', 'oauth token', 'client secret',
]);

const PAIR_FIRSTS = new Set([...SECRET_PAIRS].map((p) => p.split(' ')[0]!));

/** Whether a word may start a secret pair ("api", "access", "client"). */
export const startsSecretPair = (w: string) => PAIR_FIRSTS.has(w);

/** Secret names split into words ("apiKey" → api key) or run together in a description. */
export function findSecretPair(ws: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < ws.length; i++) {
    if (!PAIR_FIRSTS.has(ws[i]!)) continue;
    const pair = `${ws[i]} ${singular(ws[i + 1]!)}`;
    if (SECRET_PAIRS.has(pair)) return pair;
  }
  return undefined;
}

/** Data about people or their money: reading it needs care. */
export const PERSONAL_READ_WORDS = new Set([
  'customer', 'user', 'member', 'employee', 'prospect', 'contact', 'profile', 'message', 'conversation', 'call',
  'transaction', 'invoice', 'balance', 'dispute', 'charge', 'payment', 'subscription', 'replay', 'attachment',
  'inbox', 'phone', 'location', 'medical', 'patient', 'email', 'mail', 'sms', 'history', 'holding', 'reply',
  'position', 'margin', 'trade', 'order', 'shipment', 'tracking',
]);

/** Content written by others, outside the user's control: web pages, mail, issues, chats. */
export const UNTRUSTED_WORDS = new Set([
  'web', 'url', 'website', 'webpage', 'internet', 'scrape', 'crawl', 'browse', 'online', 'page', 'email', 'mail',
  'inbox', 'message', 'conversation', 'comment', 'issue', 'ticket', 'review', 'tweet', 'feed', 'rss', 'forum',
  'chat', 'thread', 'post', 'reply', 'note',
]);

/** The open web in particular: results come from anyone. */
export const WEB_WORDS = new Set(['web', 'url', 'website', 'webpage', 'internet', 'scrape', 'crawl', 'online', 'browse']);

/** Things that belong to the user or their organisation. */
export const PRIVATE_WORDS = new Set([
  'file', 'document', 'note', 'drive', 'repository', 'repo', 'database', 'inbox', 'mail', 'email', 'message',
  'conversation', 'calendar', 'contact', 'customer', 'transaction', 'invoice', 'secret', 'credential', 'password',
]);

/** Things whose deletion takes everything in them. */
export const ACCOUNT_WIDE_WORDS = new Set([
  'project', 'workspace', 'account', 'organization', 'organisation', 'org', 'tenant', 'database', 'cluster',
  'infrastructure', 'stack', 'tf', 'terraform', 'everything',
]);

/**
 * Compounds whose first word makes the second impersonal ("console message", "alarm history").
 * Only these heads need it; the modifiers named are the ones that keep them about people.
 */
export const PERSONAL_HEADS: ReadonlyMap<string, { keepWhen?: ReadonlySet<string>; dropWhen?: ReadonlySet<string> }> = new Map([
  ['message', { dropWhen: new Set(['console', 'commit', 'error', 'log', 'status', 'validation', 'warning', 'system', 'exception', 'debug']) }],
  ['history', { keepWhen: new Set(['channel', 'chat', 'conversation', 'message', 'call', 'browsing', 'order', 'transaction', 'payment', 'purchase', 'location', 'search']) }],
]);
