/**
 * The one shape every signal reports through. A finding is a piece of evidence (as stored in the
 * catalog) plus what it implies beyond the effect: a flag to raise, a domain, or traits that set
 * the risk (sends data out, moves money, runs arbitrary code …).
 */
import type { Evidence } from '../schema.ts';
import type { Domain, Flag } from '../taxonomy.ts';

export type Trait =
  /** Sends messages or data to people or places outside the system. */
  | 'sends-out'
  /** Moves money: payments, refunds, trades, purchases. */
  | 'moves-money'
  /** Changes who can do what: roles, permissions, memberships, invitations. */
  | 'changes-access'
  /** Creates or changes credentials, keys or tokens. */
  | 'writes-secrets'
  /** Returns credentials, keys, tokens or connection strings. */
  | 'reads-secrets'
  /** Returns personal, financial or message content about people. */
  | 'reads-personal'
  /** Runs code, commands or queries given as input. */
  | 'arbitrary-code'
  /** Destroys a whole account, project, workspace or all stored data. */
  | 'account-wide'
  /** Changes only passing state: a hover, a resize, switching tabs. */
  | 'ephemeral'
  /** The description says the change cannot be undone. */
  | 'irreversible'
  /** Takes in content written by others: web pages, search results, mail, issues. */
  | 'untrusted-input'
  /** Reads data that belongs to the user or their organisation. */
  | 'private-data'
  /** Can reach an address it is given (a URL, a webhook). */
  | 'network'
  /** Works with the open web: pages, URLs, web search. */
  | 'web'
  /** Changes infrastructure: deployments, resources, clusters. */
  | 'infrastructure-change'
  /** Text a model reads addresses it with instructions: tool poisoning. */
  | 'addresses-model'
  /** Text a model reads hides characters people cannot see (beyond layout). */
  | 'hides-text'
  /** The server's instructions, read by the model with every tool, are poisoned. */
  | 'poisoned-instructions';

export type Finding = Evidence & {
  /**
   * The lexicon word the finding rests on (a verb's base form), when it rests on one: the same
   * word said twice, in the name and in the description, is one piece of evidence, not two.
   */
  word?: string | undefined;
  flag?: import('../taxonomy.ts').Flag | undefined;
  domain?: Domain | undefined;
  traits?: readonly Trait[] | undefined;
};

export type { Domain, Flag };
