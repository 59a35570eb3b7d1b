/**
 * The scan command's room: read the MCP client configs people already have, match each configured
 * server to catalog records offline, report the riskiest tools, write permissions in each
 * client's own format, and catch a server whose tools changed under the same name.
 *
 * Everything here is pure over text and data except `files.ts` (reading, locating and writing
 * files), so the `/scan/` page runs the same code in the browser. Files:
 * - `configs.ts`: a config's text → the servers it configures, with errors naming file and line;
 * - `locate.ts`: the usual config locations for `--auto`;
 * - `catalog.ts`: the compact catalog the scan matches against, built from server records;
 * - `match.ts`: configured server → catalog entry (npm package and version, image, URL, command);
 * - `decide.ts`: each tool's decision (allow, ask, deny) from its recommended policy;
 * - `report.ts`: table, JSON, Markdown and SARIF, and `--fail-on`;
 * - `writers.ts` and `rules.ts`: each client's permission format, and the checks every document passes;
 * - `merge.ts`: merging into an existing settings file with a diff;
 * - `lock.ts`: the lock file and drift.
 * Not exported here, as they start processes: `crawl.ts` (`--crawl`: unknown servers listed by the
 * sandboxed crawler and judged) and `progress.ts` (its progress display).
 */

export * from './configs.ts';
export * from './catalog.ts';
export * from './match.ts';
export * from './decide.ts';
export * from './report.ts';
export * from './writers.ts';
export * from './rules.ts';
export * from './merge.ts';
export * from './lock.ts';
