/**
 * What the page of a server that could not be listed says beyond its entry: how a reader can help
 * for each cause, and the source front matter that would give the crawler what the server named.
 * Pure; every name in the suggestion is third-party text, so only names shaped like an environment
 * variable or an option make it into the suggestion, written as YAML strings.
 */
import type { Unlisted } from '../../src/schema.ts';
import type { UnlistedCause } from '../../src/taxonomy.ts';

/** One hint per cause: what to add to the server's source so the next crawl can list it. */
export const CAUSE_HELP: Record<UnlistedCause, string> = {
  credentials: 'Name each variable or setting it needs under `env`, with a placeholder value (never a real key): most servers list their tools before they use one.',
  arguments: 'Give the arguments it asked for under `args`: a placeholder path, URL or option is usually enough to list the tools.',
  network: 'If it only fetches something harmless at start, `network: true` lets it reach the internet from its sandbox; say why in the source.',
  'http-only': 'Find the argument that makes it speak stdio (often `--stdio`, `stdio` or `--transport stdio`) and put it under `args`, or crawl its HTTP endpoint with an `http` source.',
  'no-bin': 'Name the program to start with `bin`, or use a `command` source when the package has no bin at all.',
  runtime: 'It needs a program the crawl machine lacks; a recorded tool list (`snapshot`) from a machine that has it is the way in.',
  install: 'Pin a `version` that installs, or `overrides` for a broken dependency; a package that is not published cannot be crawled.',
  broken: 'Pin an earlier `version` that starts, and tell the package\'s authors about the broken release.',
  'no-tools': 'It answered with no tools: look for the variables or options that turn its tools on and add them as placeholders.',
  timeout: 'It never answered in time: check whether it waits for input, a login or a network service, and give it what it waits for.',
  crash: 'Read what it printed (above) for what it wanted, then add that as a placeholder (`env`, `args` or `files`).',
  protocol: 'It answered, but not with MCP: check that the arguments start its MCP server rather than another mode.',
};

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const OPTION = /^--?[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(=.{0,200})?$/;

/**
 * Front matter for the server's source with a placeholder for everything it named: variables
 * (names in capitals) under `env`, options under `args`. Null when it named nothing of that shape.
 */
export function suggestedSource(entry: Pick<Unlisted, 'needs'>): string | null {
  const env = entry.needs.filter((n) => ENV_NAME.test(n) && n === n.toUpperCase());
  const args = entry.needs.filter((n) => OPTION.test(n));
  if (!env.length && !args.length) return null;
  const lines: string[] = [];
  // JSON strings are YAML strings, so no name can end the value or open another key.
  if (args.length) lines.push(`args: [${args.slice(0, 20).map((a) => JSON.stringify(a)).join(', ')}]`);
  if (env.length) {
    lines.push('env:');
    for (const name of env.slice(0, 40)) lines.push(`  ${name}: placeholder`);
  }
  return lines.join('\n');
}
