/**
 * What a crawl may spend: time per step and in all, and how much of a tool list it keeps.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, findSandbox, type Limits, type Sandbox } from '../sandbox/index.ts';

export type CrawlOptions = {
  /** Root of the install cache: `npm/<slug>/` per server, `node/<major>/` per Node runtime. */
  cacheDir: string;
  /** Where a source's `snapshot` path is resolved; default: the parent of the source's folder. */
  catalogDir?: string | undefined;
  timeouts: {
    /** One `npm install` (a cold install of a large server can take minutes). */
    install: number;
    /** Start the server and complete `initialize`; also each `tools/list` page. */
    step: number;
    /**
     * The whole session with one server after any install: start, `initialize` and every page.
     * Default 4 × step, so a server that answers each page just in time cannot hold the crawl
     * for pages × step.
     */
    session: number;
    /** Everything for one server, install included; default install + session. */
    total: number;
    /**
     * How long the era probe (`server/discover`) waits before taking the server for legacy; paid
     * at most once per server, by a legacy server that never answers unknown methods. 0: no probe,
     * every server is spoken to the legacy way.
     */
    probe: number;
  };
  caps: {
    /** `tools/list` pages followed before the list is cut. */
    pages: number;
    /** Tools kept. */
    tools: number;
    /** Bytes of tool JSON kept, all pages together. */
    bytes: number;
  };
  /**
   * The sandbox every server process (and its install) runs in; `null` only when the crawl was
   * asked to run without one (`--no-sandbox`). When bubblewrap cannot be used, `unavailable` says
   * why and every server that needs a process fails with that message.
   */
  sandbox: Sandbox | null;
  sandboxUnavailable?: string | undefined;
  /** Progress notes (installs); silent when absent. */
  log?: ((line: string) => void) | undefined;
  /**
   * Keep each server's installed tree after its crawl (`--keep-installs`, for development);
   * default false: the tree is released and only its lockfile kept (see releaseInstall).
   */
  keepInstalls?: boolean | undefined;
  /** The npm registry installs use; default: the one npm's own configuration names (see npmRegistry). */
  registry?: string | undefined;
  /**
   * Bytes the install cache may take (`--cache-budget`); past it, npm's oldest downloads are
   * evicted after an install (see boundCache). Default DEFAULT_CACHE_BUDGET; null: no bound.
   */
  cacheBudget: number | null;
  /**
   * After a failed start, try further starts with placeholders (see heal.ts); default true.
   * False: the source's own start only, for a scan that starts a user's server as configured.
   */
  heal?: boolean | undefined;
};

export const DEFAULT_TIMEOUTS = { install: 300_000, step: 30_000, probe: 2_000 } as const;
/**
 * 12 GB: with the trees of the servers being crawled at once on top, a cold crawl of every npm
 * candidate stays within 15 GB at its peak.
 */
export const DEFAULT_CACHE_BUDGET = 12e9;
export const DEFAULT_CAPS: CrawlOptions['caps'] = { pages: 100, tools: 5_000, bytes: 16 * 1024 * 1024 };

/** `MCP_CATALOG_CACHE`, else `~/.cache/mcp-risk-catalog`: never the project's own node_modules. */
export function defaultCacheDir(): string {
  return process.env['MCP_CATALOG_CACHE'] || join(homedir(), '.cache', 'mcp-risk-catalog');
}

export function crawlOptions(partial: {
  cacheDir?: string | undefined;
  catalogDir?: string | undefined;
  timeouts?: Partial<CrawlOptions['timeouts']> | undefined;
  caps?: Partial<CrawlOptions['caps']> | undefined;
  log?: ((line: string) => void) | undefined;
  /** `false` crawls without the sandbox (`--no-sandbox`); the default finds bubblewrap. */
  sandbox?: false | undefined;
  /** The sandbox's resource limits; default `DEFAULT_LIMITS`. */
  limits?: Partial<Limits> | undefined;
  keepInstalls?: boolean | undefined;
  registry?: string | undefined;
  cacheBudget?: number | null | undefined;
  heal?: boolean | undefined;
} = {}): CrawlOptions {
  const install = partial.timeouts?.install ?? DEFAULT_TIMEOUTS.install;
  const step = partial.timeouts?.step ?? DEFAULT_TIMEOUTS.step;
  // By default a session may take the start and a few pages at full length, the whole an install more.
  const session = partial.timeouts?.session ?? 4 * step;
  const found = partial.sandbox === false ? null : findSandbox({ ...DEFAULT_LIMITS, ...partial.limits });
  return {
    sandbox: found?.ok ? found.sandbox : null,
    sandboxUnavailable: found && !found.ok ? found.why : undefined,
    cacheDir: partial.cacheDir ?? defaultCacheDir(),
    catalogDir: partial.catalogDir,
    timeouts: { install, step, session, total: partial.timeouts?.total ?? install + session, probe: partial.timeouts?.probe ?? DEFAULT_TIMEOUTS.probe },
    caps: { ...DEFAULT_CAPS, ...partial.caps },
    log: partial.log,
    keepInstalls: partial.keepInstalls ?? false,
    registry: partial.registry,
    cacheBudget: partial.cacheBudget === undefined ? DEFAULT_CACHE_BUDGET : partial.cacheBudget,
    heal: partial.heal ?? true,
  };
}
