/**
 * Discovery: listings (an npm package list, the MCP Registry, a client's `mcpServers` config) turned
 * into machine-written sources in `catalog/sources/`, each marked with where and when it was
 * discovered. Every listing is third-party text; each reader turns its entries into candidates
 * (`write.ts`), and one writer decides, against the whole catalog, what is new, what is a refresh
 * and what is already there.
 */
export { readCatalogued, type Catalogued } from './catalogued.ts';
export { parseConfig } from './config.ts';
export { npmListCandidate, parseNpmList } from './npm-list.ts';
export { registryEntry } from './registry.ts';
export { DEFAULT_FETCH_LIMITS, fetchServerList, type FetchLimits } from './registry-fetch.ts';
export { lastRunOf, readState, stateFileFor, writeState } from './state.ts';
export { countOutcomes, summaryLines, type Counts } from './summary.ts';
export { writeCandidates, type Candidate, type Outcome } from './write.ts';
