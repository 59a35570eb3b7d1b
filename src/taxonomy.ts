/**
 * One map per enumeration. Each map feeds the zod enum in `schema.ts`, the badges and filters on
 * the site, and the methodology page, so a label or meaning is written once.
 */

export const EFFECTS = {
  read: { label: 'Read', meaning: 'Only reads, lists or searches: nothing changes.' },
  write: { label: 'Write', meaning: 'Creates or changes state, sends or publishes.' },
  delete: { label: 'Delete', meaning: 'Removes or irreversibly destroys data or resources.' },
  execute: {
    label: 'Execute',
    meaning: 'Runs code, commands, queries, scripts, flows or browser JavaScript given as input: what it does depends on the input.',
  },
} as const;
export type Effect = keyof typeof EFFECTS;
export const EFFECT_VALUES = Object.keys(EFFECTS) as [Effect, ...Effect[]];

export const RISKS = {
  low: { label: 'Low', rank: 0, meaning: 'Reads non-sensitive data.' },
  medium: { label: 'Medium', rank: 1, meaning: 'Reversible writes.' },
  high: { label: 'High', rank: 2, meaning: 'Deletes, external sends, money, permissions, or reading secrets.' },
  critical: { label: 'Critical', rank: 3, meaning: 'Arbitrary execution or account-wide destruction.' },
} as const;
export type Risk = keyof typeof RISKS;
export const RISK_VALUES = Object.keys(RISKS) as [Risk, ...Risk[]];

export const FLAGS = {
  'no-description': {
    label: 'No description',
    meaning: 'The server gives no description: the judgement rests on the name and parameters alone.',
  },
  'annotation-conflict': {
    label: 'Annotation conflict',
    meaning: "The server's MCP annotations contradict what the name, description or parameters say.",
  },
  'prompt-injection': {
    label: 'Possible prompt injection',
    meaning:
      'Text the model reads (the description, a parameter, an enum value, a default, a title, the output schema) addresses the model with instructions (hidden directives, requests for secrets, exfiltration): a sign of tool poisoning.',
  },
  'hidden-characters': {
    label: 'Hidden characters',
    meaning:
      'Text the model reads holds tag characters, variation selectors, control, zero-width or bidirectional-override characters that people cannot see.',
  },
  'sensitive-data': {
    label: 'Sensitive data',
    meaning: 'The tool reads or handles secrets, credentials, personal or financial data.',
  },
  'open-world': {
    label: 'Open world',
    meaning: 'The tool reaches outside systems (the web, third-party APIs): its results are untrusted content.',
  },
  'unknown-verb': {
    label: 'Unknown verb',
    meaning: 'The name holds no verb the lexicon knows: the effect rests on weaker signals.',
  },
  'long-description': {
    label: 'Very long description',
    meaning: 'The description was cut for display: long descriptions can hide instructions.',
  },
} as const;
export type Flag = keyof typeof FLAGS;
export const FLAG_VALUES = Object.keys(FLAGS) as [Flag, ...Flag[]];

export const DOMAINS = {
  financial: { label: 'Financial', meaning: 'Money: payments, orders, invoices, trading, billing.' },
  messaging: { label: 'Messaging', meaning: 'Email, chat, SMS and other messages to people.' },
  identity: { label: 'Identity', meaning: 'Users, groups, roles, permissions and access.' },
  secrets: { label: 'Secrets', meaning: 'Credentials, tokens, keys and passwords.' },
  infrastructure: { label: 'Infrastructure', meaning: 'Clouds, clusters, deployments, DNS, servers.' },
  data: { label: 'Data', meaning: 'Databases, tables, records and queries.' },
  code: { label: 'Code', meaning: 'Repositories, source files, builds, workflows and pipelines.' },
  browser: { label: 'Browser', meaning: 'Driving a web browser: pages, clicks, scripts.' },
  personal: { label: 'Personal', meaning: 'Personal data: contacts, calendars, files, health, location.' },
} as const;
export type Domain = keyof typeof DOMAINS;
export const DOMAIN_VALUES = Object.keys(DOMAINS) as [Domain, ...Domain[]];

export const SIGNALS = {
  'name-verb': { label: 'Name verb', meaning: "The verb in the tool's name (split from snake, camel, kebab or dotted names)." },
  'description': { label: 'Description', meaning: 'Phrases in the description that say what the tool returns or changes.' },
  'parameters': { label: 'Input parameters', meaning: 'Parameters that carry code, queries, commands, recipients, amounts or force flags.' },
  'actions': { label: 'Actions', meaning: 'A parameter that picks one of several operations: each read as a tool of its own, the most severe decides.' },
  'annotations': { label: 'MCP annotations', meaning: "The server's own hints (readOnlyHint, destructiveHint…): strong evidence, never blind truth." },
  'sibling-tools': { label: 'Sibling tools', meaning: 'What the other tools of the server tell about this one.' },
  'domain': { label: 'Domain', meaning: 'The field the tool works in (money, identity, infrastructure…), which sets the stakes.' },
  'poisoning': { label: 'Tool poisoning', meaning: 'Text aimed at the model rather than at people, anywhere the model reads it.' },
  'hidden-characters': { label: 'Hidden characters', meaning: 'Characters people cannot see, anywhere the model reads them.' },
  'server-instructions': { label: 'Server instructions', meaning: "The server's instructions, which clients give the model beside every tool." },
} as const;
export type Signal = keyof typeof SIGNALS;
export const SIGNAL_VALUES = Object.keys(SIGNALS) as [Signal, ...Signal[]];

/** Warnings about a server as a whole, each with a detail sentence on its record. */
export const SERVER_FLAGS = {
  'lethal-trifecta': {
    label: 'Lethal trifecta',
    meaning: 'Tools that read private data, take in content written by others and can send data out, all within reach of one model.',
  },
  'poisoned-instructions': {
    label: 'Poisoned instructions',
    meaning:
      "The server's instructions, which clients put in the model's context beside every tool, address the model with directives of the kind tool poisoning uses: every tool of the server needs approval.",
  },
  'hidden-instructions': {
    label: 'Hidden characters in the instructions',
    meaning: "The server's instructions hold characters people cannot see (beyond layout): every tool of the server needs approval.",
  },
} as const;
export type ServerFlagKind = keyof typeof SERVER_FLAGS;
export const SERVER_FLAG_VALUES = Object.keys(SERVER_FLAGS) as [ServerFlagKind, ...ServerFlagKind[]];

export const TRANSPORTS = {
  npm: 'An npm package started over stdio from a crawl cache folder.',
  command: 'Any stdio command and arguments.',
  pypi: 'A Python package from PyPI, started over stdio with uvx where uv is installed.',
  oci: 'A container image, started over stdio with docker run where Docker is installed.',
  http: 'A streamable HTTP endpoint (falls back to legacy SSE).',
  sse: 'A legacy HTTP+SSE endpoint.',
  snapshot: 'A recorded tools/list result.',
} as const;
export type Transport = keyof typeof TRANSPORTS;
export const TRANSPORT_VALUES = Object.keys(TRANSPORTS) as [Transport, ...Transport[]];

/**
 * Why a server could not be listed (catalog/unlisted/). Each cause is decided from what the crawl
 * saw (src/crawl/diagnose.ts): the install's error, the server's exit and what it printed.
 */
export const UNLISTED_CAUSES = {
  credentials: { label: 'Needs credentials or settings', meaning: 'It stopped at start for a key, token, URL or setting that placeholders could not satisfy.' },
  arguments: { label: 'Needs arguments', meaning: 'It printed its usage or asked for arguments or options the crawl could not guess.' },
  network: { label: 'Needs the internet at start', meaning: 'It tried to reach a remote service before answering; the sandbox has no network.' },
  'http-only': { label: 'Serves HTTP, not stdio', meaning: 'It listened on a port instead of speaking MCP on stdin and stdout.' },
  'no-bin': { label: 'No program to start', meaning: 'The package has no bin, or none the crawl could pick.' },
  runtime: { label: 'Runtime missing here', meaning: 'It needs a program this machine does not have (Python, Docker, a browser, a system tool).' },
  install: { label: 'Install failed', meaning: 'npm could not install it (not published, a dependency missing, the registry unreachable).' },
  broken: { label: 'Broken publish', meaning: 'It installed but crashed on start with a missing module, a syntax error or a missing file.' },
  'no-tools': { label: 'Listed no tools', meaning: 'It answered but advertised no tools: most servers of this kind enable tools only once configured.' },
  timeout: { label: 'No answer', meaning: 'It started but never answered the MCP handshake or the tool list in time.' },
  crash: { label: 'Exited', meaning: 'It exited on start for another reason (its output is quoted).' },
  protocol: { label: 'Protocol error', meaning: 'It answered, but not with a valid MCP tool list.' },
} as const;
export type UnlistedCause = keyof typeof UNLISTED_CAUSES;
export const UNLISTED_CAUSE_VALUES = Object.keys(UNLISTED_CAUSES) as [UnlistedCause, ...UnlistedCause[]];

export const ACTIONS = {
  allow: { label: 'Allow', meaning: 'Calls go through (limits still apply).' },
  limit: { label: 'Limit', meaning: 'Calls go through up to a rate cap.' },
  require_approval: { label: 'Require approval', meaning: 'A person approves each call.' },
  deny: { label: 'Deny', meaning: 'Calls are refused.' },
} as const;
/** Actions a policy document may carry; "limit" is a builder choice expressed as `limits`. */
export const POLICY_ACTION_VALUES = ['allow', 'deny', 'require_approval'] as const;
