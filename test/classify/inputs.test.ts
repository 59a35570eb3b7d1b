/**
 * Inputs that decide the worst one call can do (docs/labelling.md: judge a tool by the most severe
 * thing one call can do with the inputs it accepts), and inputs that only look like code. Real
 * tools of catalogued servers, quoted as the servers list them, trimmed to what decides.
 */
import { describe, expect, test } from 'vitest';
import { classifyServer } from '../../src/classify/index.ts';
import type { Classification } from '../../src/schema.ts';
import { tool } from './helpers.ts';

function classify(server: string, name: string, description: string, properties?: Record<string, unknown>): Classification {
  return classifyServer({ slug: server, name: server, tools: [tool(name, description, properties)] }).tools[0]!;
}

const str = (description: string) => ({ type: 'string', description });
const num = (description: string) => ({ type: 'number', description });
const bool = (description: string) => ({ type: 'boolean', description });

describe('deploying code given in the call: what it serves is the input (execute)', () => {
  test.each([
    ['cloudflare', 'worker_deploy', 'Deploy or redeploy a Worker script from a local file or content string', { name: str('Name of the Worker script to deploy'), filePath: str('Path to the Worker script file (mutually exclusive with scriptContent)'), scriptContent: str('Content of the Worker script (mutually exclusive with filePath)') }],
    ['cloud-run', 'deploy_file_contents', 'Deploy files to Cloud Run by providing their contents directly. Takes an array of file objects containing filename and content.', { service: str('Name of the Cloud Run service to deploy to'), files: { type: 'array', description: 'Array of file objects containing filename and content' } }],
  ] as const)('%s/%s', (server, name, description, properties) => {
    const c = classify(server, name, description, properties);
    expect(c.effect).toBe('execute');
  });

  test('a directory of sources to deploy is a place, not code given (salesforce deploy_metadata)', () => {
    const c = classify('salesforce', 'deploy_metadata', 'Deploy metadata to an org from your local project.', { sourceDir: { type: 'array', items: { type: 'string' }, description: 'Path to the local source files to deploy.' } });
    expect(c.effect).toBe('write');
  });
});

describe('a number or a limit per thing carries no code', () => {
  test('robloxstudio-mcp/grep_scripts: "maxResultsPerScript" counts matches per script', () => {
    const c = classify('robloxstudio-mcp', 'grep_scripts', 'Ripgrep-inspired search across all script sources. Supports literal and Lua pattern matching, context lines, early termination, and results grouped by script with line/column numbers.', {
      pattern: str('Search pattern (literal string or Lua pattern)'),
      maxResultsPerScript: num('Max matches per script (like rg -m)'),
    });
    expect(c.effect).toBe('read');
    expect(c.evidence.some((e) => e.detail.includes('maxResultsPerScript'))).toBe(false);
  });
});

describe('a flag that deletes makes the worst call a delete', () => {
  test.each([
    ['stevestomp-ohno-mcp', 'summarize_task_activity', 'delete', 'Summarize task activity history to reduce context size', { task_id: str('Task ID'), delete_raw: bool('Delete raw activity entries after summarizing') }],
    ['ajpanada-mcp-azure-devops', 'repo_update_pull_request', 'delete', 'Update a Pull Request by ID with specified fields, including setting autocomplete with various completion options.', { pullRequestId: num('The ID of the pull request to update.'), deleteSourceBranch: bool('Whether to delete the source branch when the pull request autocompletes. Defaults to false.') }],
    ['k-jarzyna-mcp-miro', 'ungroup-items', 'delete', 'Ungroup a specific group on a Miro board', { groupId: str('ID of the group that you want to ungroup'), deleteItems: bool('Indicates whether the items should be removed. By default, false.') }],
    // A flag about what was deleted filters a read.
    ['dguido-google-workspace-mcp', 'list_calendars', 'read', 'List all calendars the user can access.', { showDeleted: bool('Include deleted calendars (default: false)') }],
  ] as const)('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a POST, PUT or PATCH of any body to any address is a generic request (execute)', () => {
  const request = (verb: string) => ({ url: str(`URL to perform ${verb} operation`), value: str('Data to post in the body'), token: str('Bearer token for authorization') });
  test.each(['POST', 'PUT', 'PATCH'])('playwright-executeautomation/playwright_%s', (verb) => {
    const c = classify('playwright-executeautomation', `playwright_${verb.toLowerCase()}`, `Perform an HTTP ${verb} request`, request(verb));
    expect(c.effect).toBe('execute');
  });

  test('a GET only fetches (playwright_get)', () => {
    expect(classify('playwright-executeautomation', 'playwright_get', 'Perform an HTTP GET request', { url: str('URL to perform GET operation') }).effect).toBe('read');
  });
});

describe('a statement restricted to reads runs no more than a read', () => {
  test('pollinations-mcp-server-sqlite/execute_query_with_url: "must be a SELECT query"', () => {
    const c = classify('pollinations-mcp-server-sqlite', 'execute_query_with_url', '', { query: str('SQL query to execute (must be a SELECT query)'), description: str('Optional description of the query purpose') });
    expect(c.effect).toBe('read');
  });

  test('unless the tool says its guard leaks (mssql-mcp-node/execute_read_query: "not a sandbox")', () => {
    const c = classify('mssql-mcp-node', 'execute_read_query', 'Run a SELECT-style SQL query against a configured database. The query executes inside a transaction that is ALWAYS rolled back, so accidental DML/DDL is non-durable (this is a guardrail, not a sandbox: an explicit `COMMIT TRANSACTION` in the query string ends the wrapper and following writes will persist - rely on a least-privilege SQL login for real isolation).', {
      query: str('Read-only SQL query. Wrapped in a rollback-only transaction, so any incidental writes are discarded.'),
    });
    expect(c.effect).toBe('execute');
  });

  test('a query a flag only may restrict is still execute (execute_query with "read_only")', () => {
    const c = classify('pollinations-mcp-server-sqlite', 'execute_query', '', { query: { type: 'string' }, read_only: { type: 'boolean' } });
    expect(c.effect).toBe('execute');
  });
});
