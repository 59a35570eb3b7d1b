/**
 * What a failed start said, read into a cause and what it asked for. The messages are the ones
 * published servers print (their names replaced), with the libraries that print them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { healedSourceText, lineDiff } from '../../src/catalog/source-writer.ts';
import { diagnose, listensOnHttp, neededEnv, neededOptions, neededPositional, neededShapes, serverSubcommands, stdioOptions, type Said } from '../../src/crawl/diagnose.ts';
import { isGuess, MAX_STARTS, nextStart, type Start } from '../../src/crawl/heal.ts';
import { argsAfterPackage, fillTemplate, lenientJson, packageHints, readmeEntries } from '../../src/crawl/hints.ts';
import { looksSecret, placeholderArg, placeholderEnv, shapedValue } from '../../src/crawl/placeholders.ts';

const said = (stderr: string, over: Partial<Said> = {}): Said => ({ error: 'initialize: MCP error -32000: Connection closed', stderr, stdout: '', exited: true, timedOut: false, ...over });

describe('neededEnv', () => {
  test.each([
    ['a plain sentence', 'Error: GITHUB_PERSONAL_ACCESS_TOKEN environment variable is required', ['GITHUB_PERSONAL_ACCESS_TOKEN']],
    ['"is not set"', 'FIRECRAWL_API_KEY is not set', ['FIRECRAWL_API_KEY']],
    ['a list after "missing"', 'Missing required environment variables: ACME_URL, ACME_TOKEN', ['ACME_URL', 'ACME_TOKEN']],
    ['"please set"', 'Please set the BRAVE_API_KEY environment variable', ['BRAVE_API_KEY']],
    ['two options offered', 'Error: HuggingFace API key is required. Provide it via --api-key option or HUGGINGFACE_API_KEY environment variable.', ['HUGGINGFACE_API_KEY']],
    ['zod issues over several lines', '[\n  {\n    "code": "invalid_type",\n    "expected": "string",\n    "path": [\n      "SUPABASE_URL"\n    ],\n    "message": "Required"\n  }\n]', ['SUPABASE_URL']],
    ['an env validator listing', '❌ Invalid environment variables:\n  NOTION_TOKEN: [ \'Required\' ]', ['NOTION_TOKEN']],
    [
      'a list under a heading that says they are needed',
      "Make sure you've set all required environment variables:\n- PIPEDREAM_CLIENT_ID\n- PIPEDREAM_CLIENT_SECRET\n- PIPEDREAM_PROJECT_ID\n    at registerComponentTools (file:///x.js:8:16)",
      ['PIPEDREAM_CLIENT_ID', 'PIPEDREAM_CLIENT_SECRET', 'PIPEDREAM_PROJECT_ID'],
    ],
    ['an example assignment on a usage line', 'Error: Missing Vercel API key\nUsage: node script.js VERCEL_API_KEY=<YOUR_API_KEY>', ['VERCEL_API_KEY']],
    ['an example assignment in words no pattern knows', 'Fatal error: Error: 請設定環境變數: GOOGLE_APPLICATION_CREDENTIALS=/path/to/credentials.json', ['GOOGLE_APPLICATION_CREDENTIALS']],
  ])('finds names in %s', (_what, text, names) => {
    expect(neededEnv(text)).toEqual(names);
  });

  test.each([
    ['Node error codes', "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' is required"],
    ['names the crawler owns', 'NODE_OPTIONS is not set; PATH is missing'],
    ['upper-case words that are not on a line saying something is missing', 'Starting ACME_SERVER v1.0 on stdio'],
    ['an assignment of a real-looking value', 'Loaded LOG_LEVEL=info from the environment'],
    ['an error code in brackets', 'obsidian-mcp: error [CLI_UNKNOWN_COMMAND] Problem: The command is missing or unknown.'],
    ['a list under a heading that asks for nothing', 'Loaded settings:\n- ACME_REGION\n- ACME_MODE'],
  ])('ignores %s', (_what, text) => {
    expect(neededEnv(text)).toEqual([]);
  });
});

describe('neededOptions and neededPositional', () => {
  test.each([
    ["commander's required option", "error: required option '-k, --api-key <key>' not specified", [{ flag: '--api-key', takesValue: true }]],
    ["yargs' missing arguments", 'Missing required arguments: token, base-url', [{ flag: '--token', takesValue: true }, { flag: '--base-url', takesValue: true }]],
    ['plain wording', 'Error: --project is required', [{ flag: '--project', takesValue: true }]],
    ['a usage line whose option is outside brackets', 'Usage: mcp-server-filesystem --allowed-directories <allowed-directories> [--verbose]', [{ flag: '--allowed-directories', takesValue: true }]],
  ])('reads %s', (_what, text, options) => {
    expect(neededOptions(text)).toEqual(options);
  });

  test.each([
    ["commander's missing argument", "error: missing required argument 'directory'", ['directory']],
    ['a usage line', 'Usage: mcp-server-filesystem [options] <allowed-directory> [additional-directories...]', ['allowed-directory']],
    ['a usage line with only optional parts', 'Usage: acme [options] [command]', []],
    ["an option's value on a usage line", 'Usage: acme --root <dir> <name>', ['name']],
    ['a folder it wants, in words', 'Error: At least one allowed path must be provided', ['allowed path']],
    ['a URL written as its form on a usage line', 'Error: Redis URL is required\nUsage: npx @gongrzhe/server-redis redis://host:port', ['redis://host:port']],
  ])('reads %s', (_what, text, names) => {
    expect(neededPositional(text)).toEqual(names);
  });
});

describe('listensOnHttp and serverSubcommands', () => {
  test.each([
    ['HTTP Server started on port 3000', true],
    ['Server listening on http://localhost:8080/mcp', true],
    ['MCP server running at 0.0.0.0:3001', true],
    ['Acme MCP Server running on stdio', false],
    ['Listening for requests on stdio (port 3000 unused)', false],
    ['Connected to database', false],
  ])('%s → %s', (line, expected) => {
    expect(listensOnHttp(line)).toBe(expected);
  });

  test.each([
    ['a flag named for it', '  --stdio          use stdio transport', [['--stdio']]],
    ['an option with stdio among its values', '  -t, --transport <type>  transport: stdio or http (default: http)', [['--transport', 'stdio']]],
    ['a mode in brackets', '  --mode [stdio|sse]   how to serve', [['--mode', 'stdio']]],
    ['nothing about stdio', '  --port <n>  port to listen on', []],
  ])('reads the stdio switch in a help text: %s', (_what, line, expected) => {
    expect(stdioOptions(`Usage: acme [options]\n\nOptions:\n${line}\n`)).toEqual(expected);
  });

  test('finds the sub-commands that start a server in a usage text, in the order to try', () => {
    const usage = 'Usage: acme [options] [command]\n\nCommands:\n  login    sign in\n  start    start the server\n  stdio    serve over stdio\n  help     display help\n';
    expect(serverSubcommands(usage)).toEqual(['stdio', 'start']);
  });
});

describe('neededShapes: the form a value must take', () => {
  test.each([
    [
      'a bare prefix, a length and a phone number, each on the line of its variable',
      '❌ Environment validation failed:\n- TWILIO_ACCOUNT_SID: Account SID must start with AC\n- TWILIO_AUTH_TOKEN: Auth token must be at least 32 characters\n- TWILIO_PHONE_NUMBER: Phone number must be in E.164 format (+1234567890)',
      { TWILIO_ACCOUNT_SID: { prefix: 'AC' }, TWILIO_AUTH_TOKEN: { minLength: 32 }, TWILIO_PHONE_NUMBER: { phone: true } },
    ],
    [
      'a quoted prefix on another line than the one variable named',
      "Error: Invalid API key format\nFHIRfly API keys start with 'ffly_'\n\nPlease check your FHIRFLY_API_KEY environment variable.",
      { FHIRFLY_API_KEY: { prefix: 'ffly_' } },
    ],
    ['a length in brackets', '[Error] MANAGEMENT_API_SECRET environment variable is not set. Please configure your mcp config to set the MANAGEMENT_API_SECRET environment variable (at least 32 characters).', { MANAGEMENT_API_SECRET: { minLength: 32 } }],
    ['a boolean', "Error: IMAP_SECURE must be 'true' or 'false'.", { IMAP_SECURE: { boolean: true } }],
    ['a scheme on the line of its variable', "MONGO_URI must start with 'mongodb://' or 'mongodb+srv://'", { MONGO_URI: { scheme: 'mongodb' } }],
    [
      'a file: it read the folder it was given',
      'Loading config from CCLSP_CONFIG_PATH: /home/mcp\nFailed to load config from CCLSP_CONFIG_PATH: Error: EISDIR: illegal operation on a directory, read',
      { CCLSP_CONFIG_PATH: { file: true } },
    ],
    ['a file: it could not find the value it was given', 'Error: ROLLBAR_CONFIG_FILE="placeholder" was not found.', { ROLLBAR_CONFIG_FILE: { file: true } }],
    ['a file: its example is one', 'Fatal error: Error: 請設定環境變數: GOOGLE_APPLICATION_CREDENTIALS=/path/to/credentials.json', { GOOGLE_APPLICATION_CREDENTIALS: { file: true } }],
  ])('reads %s', (_what, text, shapes) => {
    expect(neededShapes(text)).toEqual(shapes);
  });

  test.each([
    ['a variable that is missing, not a file that is', 'Error: ACME_CONFIG_FILE not found in the environment'],
    ['a sentence that starts with a word', 'Error: ACME_NAME must start with a letter'],
    ['a prefix when two variables are named and neither on its line', "Error: ACME_ID and ACME_KEY are required\nKeys start with 'ak_'"],
  ])('reads no form from %s', (_what, text) => {
    expect(neededShapes(text)).toEqual({});
  });
});

describe('diagnose', () => {
  test.each([
    ['a missing variable', said('Error: ACME_TOKEN environment variable is required'), 'credentials'],
    ['a required option', said("error: required option '--url <url>' not specified"), 'arguments'],
    ['a usage text alone', said('', { stdout: 'Usage: acme [options]\n\nOptions:\n  -h, --help  display help\n' }), 'arguments'],
    ['an HTTP listener', said('HTTP Server started on port 3000', { exited: false }), 'http-only'],
    ['DNS without a network', said('getaddrinfo EAI_AGAIN api.acme.example'), 'network'],
    ['a fetch that failed', said('Token validation failed: TypeError: fetch failed'), 'network'],
    ['a missing module', said("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'zod' imported from /opt/mcp/server/x.js"), 'broken'],
    ['a missing program', said('Error: spawn python3 ENOENT'), 'runtime'],
    ['no Docker daemon', said('Failed to connect to Docker daemon: connect ENOENT /var/run/docker.sock'), 'runtime'],
    ['a missing browser', said("browserType.launch: Executable doesn't exist at /home/mcp/.cache/ms-playwright/chromium"), 'runtime'],
    ['an install that failed', said('', { error: 'install: npm install x@1: not published (ETARGET)' }), 'install'],
    ['a package without a program', said('', { error: 'bin: x has no bin: the package declares no program to start' }), 'no-bin'],
    ['an answer with no tools', said('', { error: '', noTools: true, exited: false }), 'no-tools'],
    ['silence', said('', { exited: false, timedOut: true, error: 'initialize: timed out after 15000 ms' }), 'timeout'],
    ['an exit with nothing said', said('', { error: 'initialize: Connection closed' }), 'crash'],
    ['a config file it wants filled in', said('Please update it with your WordPress site URL and API key, then run again.'), 'credentials'],
  ])('calls %s %s', (_what, input, cause) => {
    expect(diagnose(input).cause).toBe(cause);
  });

  test.each([
    ['a scheme it names with no variable', "Invalid MongoDB connection URL. URL must start with 'mongodb://' or 'mongodb+srv://'", 'mongodb'],
    ['a URL format it refused', 'Server error: [ { "validation": "url", "code": "invalid_string", "message": "Invalid Elasticsearch URL format", "path": [ "urls", 0 ] } ]', 'https'],
    ['a URL it could not parse', '[TypeError: Failed to parse URL from https://<YOUR_SHOP>.myshopify.com/admin/oauth/access_token] { [cause]: TypeError: Invalid URL', 'https'],
    ['nothing about URLs', 'Error: ACME_TOKEN environment variable is required', null],
  ])('reads the URL it wants from %s', (_what, stderr, scheme) => {
    expect(diagnose(said(stderr)).urlScheme).toBe(scheme);
  });

  test.each([
    ['a folder read as a file, with no variable named', 'Error authorizing with Google: Error: EISDIR: illegal operation on a directory, read at Module.readFileSync (node:fs:483:20)', 'readFolder'],
    ["commander's refusal of a positional", 'error: too many arguments. Expected 0 arguments but got 1.', 'refusedPositional'],
    ["parseArgs' refusal of a positional", "TypeError [ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL]: Unexpected argument 'stdio'. This command does not take positional arguments", 'refusedPositional'],
  ])('reads %s', (_what, stderr, field) => {
    const d = diagnose(said(stderr));
    expect({ readFolder: d.readFolder, refusedPositional: d.refusedPositional }).toEqual({ readFolder: field === 'readFolder', refusedPositional: field === 'refusedPositional' });
  });
});

describe('nextStart', () => {
  const bare: Start = { args: [], env: {}, why: 'as the source says' };
  const next = (d: Parameters<typeof nextStart>[0]['diagnosis'], tried: Start[] = [bare], hints = null as Parameters<typeof nextStart>[0]['hints']) =>
    nextStart({ last: tried.at(-1)!, diagnosis: d, hints, tried, subcommandFirst: true });

  test('sets a placeholder for each variable named, by what its name says', () => {
    const start = next(diagnose(said('Missing required environment variables: ACME_BASE_URL, ACME_TOKEN, ACME_PORT')));
    expect(start).toEqual({ args: [], env: { ACME_BASE_URL: 'https://example.invalid', ACME_TOKEN: 'placeholder', ACME_PORT: '8080' }, why: 'it asked for ACME_BASE_URL, ACME_TOKEN, ACME_PORT' });
  });

  test('adds what the README shows with what the server said, in one start', () => {
    const start = next(diagnose(said('Error: ACME_TOKEN is required')), [bare], { env: ['ACME_TOKEN', 'ACME_WORKSPACE_DIR'], args: ['--read-only'], from: ["the README's mcpServers block"] });
    expect(start?.env).toEqual({ ACME_TOKEN: 'placeholder', ACME_WORKSPACE_DIR: '$HOME' });
    expect(start?.args).toEqual(['--read-only']);
    expect(start?.why).toBe("it asked for ACME_TOKEN, the README's mcpServers block sets ACME_WORKSPACE_DIR and the README's mcpServers block passes --read-only");
  });

  test('gives a variable that names a file a placeholder file', () => {
    const start = next(diagnose(said('Error: No configuration found. Set ACME_TOKEN or ACME_CONFIG_FILE.')));
    expect(start?.env).toEqual({ ACME_TOKEN: 'placeholder', ACME_CONFIG_FILE: '$HOME/placeholder/acme_config_file.json' });
    expect(start?.files).toEqual({ 'placeholder/acme_config_file.json': '{}\n' });
  });

  test('gives a variable the prefix its format check names', () => {
    const tried: Start[] = [bare, { args: [], env: { FHIR_API_KEY: 'placeholder' }, why: 'it asked for FHIR_API_KEY' }];
    const d = diagnose(said("Error: Invalid API key format. Keys start with 'ffly_'. Please check your FHIR_API_KEY environment variable."));
    expect(nextStart({ last: tried[1]!, diagnosis: d, hints: null, tried, subcommandFirst: true })).toEqual({
      args: [],
      env: { FHIR_API_KEY: 'ffly_placeholder' },
      why: 'it wants FHIR_API_KEY to start with "ffly_"',
    });
  });

  test('makes every path variable a file when it read a folder without naming one', () => {
    const last: Start = { args: [], env: { CREDENTIALS_PATH: '$HOME', NOTES_DIR: '$HOME' }, why: "the README's mcpServers block sets CREDENTIALS_PATH, NOTES_DIR" };
    const d = diagnose(said('Error authorizing with Google: Error: EISDIR: illegal operation on a directory, read at Module.readFileSync (node:fs:483:20)'));
    expect(nextStart({ last, diagnosis: d, hints: null, tried: [bare, last], subcommandFirst: true })).toEqual({
      args: [],
      env: { CREDENTIALS_PATH: '$HOME/placeholder/credentials_path.json', NOTES_DIR: '$HOME' },
      files: { 'placeholder/credentials_path.json': '{}\n' },
      why: 'it wants CREDENTIALS_PATH to name a file',
    });
  });

  test('gives the URL scheme it names to the placeholder URLs it was given, arguments too', () => {
    const last: Start = { args: ['https://example.invalid'], env: { MCP_STORE_URI: 'https://example.invalid' }, why: 'it asked for MCP_STORE_URI' };
    const d = diagnose(said("Invalid MongoDB connection URL. URL must start with 'mongodb://' or 'mongodb+srv://'"));
    const start = nextStart({ last, diagnosis: d, hints: null, tried: [bare, last], subcommandFirst: true });
    expect(start?.args).toEqual(['mongodb://example.invalid/placeholder']);
    expect(start?.env).toEqual({ MCP_STORE_URI: 'mongodb://example.invalid/placeholder' });
  });

  test('a URL format it refused turns a host placeholder into a URL', () => {
    const last: Start = { args: [], env: { ES_HOST: 'example.invalid', ES_API_KEY: 'placeholder' }, why: "the README's mcpServers block sets ES_HOST, ES_API_KEY" };
    const d = diagnose(said('Server error: [ { "validation": "url", "code": "invalid_string", "message": "Invalid Elasticsearch URL format", "path": [ "urls", 0 ] } ]'));
    expect(nextStart({ last, diagnosis: d, hints: null, tried: [bare, last], subcommandFirst: true })?.env).toEqual({ ES_HOST: 'https://example.invalid', ES_API_KEY: 'placeholder' });
  });

  test('gives a folder as the first argument when it asks for an allowed path', () => {
    expect(next(diagnose(said('Error: At least one allowed path must be provided')))?.args).toEqual(['$HOME']);
  });

  test('drops the placeholder positionals a server refuses, and keeps the values of its options', () => {
    const last: Start = { args: ['serve', '--root', '$HOME', '$HOME'], env: {}, why: 'its usage needs <dir>' };
    const d = diagnose(said('error: too many arguments. Expected 0 arguments but got 1.'));
    expect(nextStart({ last, diagnosis: d, hints: null, tried: [bare, last], subcommandFirst: true })).toEqual({ args: ['serve', '--root', '$HOME'], env: {}, why: 'it takes no positional arguments' });
  });

  test('leaves out a placeholder file it refused when it was given other settings too', () => {
    const last: Start = {
      args: [],
      env: { ROLLBAR_ACCESS_TOKEN: 'placeholder', ROLLBAR_CONFIG_FILE: '$HOME/placeholder/rollbar_config_file.json' },
      files: { 'placeholder/rollbar_config_file.json': '{}\n' },
      why: 'it asked for ROLLBAR_ACCESS_TOKEN, ROLLBAR_CONFIG_FILE',
    };
    const d = diagnose(said('Invalid Rollbar config file "/home/mcp/placeholder/rollbar_config_file.json": expected an account-only config like { "accountToken": "..." }, a single-project config like { "token": "..." }'));
    expect(nextStart({ last, diagnosis: d, hints: null, tried: [bare, last], subcommandFirst: true })).toEqual({
      args: [],
      env: { ROLLBAR_ACCESS_TOKEN: 'placeholder' },
      why: 'it refused the placeholder file of ROLLBAR_CONFIG_FILE: left out',
    });
    // With nothing else to read, leaving the file out is the start already tried.
    const alone: Start = { args: [], env: { CCLSP_CONFIG_PATH: '$HOME/placeholder/cclsp_config_path.json' }, files: { 'placeholder/cclsp_config_path.json': '{}\n' }, why: 'x' };
    const refusal = diagnose(said("Failed to load config from CCLSP_CONFIG_PATH: /home/mcp/placeholder/cclsp_config_path.json: TypeError: Cannot read properties of undefined (reading 'length')"));
    expect(nextStart({ last: alone, diagnosis: refusal, hints: null, tried: [bare, alone], subcommandFirst: true })).toBeNull();
  });

  test("takes the README's arguments whole when they give each option it asked for, with its value", () => {
    const d = diagnose(said("obsidian-mcp: error [CLI_UNKNOWN_COMMAND] Problem: The command is missing or unknown.\nUsage: obsidian-mcp serve --vault notes=/absolute/path/to/vault"));
    const readme = { env: [], args: ['serve', '--vault', 'notes=$HOME'], from: ["the README's mcpServers block"] };
    expect(next(d, [bare], readme)).toEqual({ args: ['serve', '--vault', 'notes=$HOME'], env: {}, why: "the README's mcpServers block passes serve --vault notes=$HOME" });
    // An option the README does not show is asked for as the server named it.
    expect(next(d, [bare], { ...readme, args: ['--read-only'] })?.args).toEqual(['--vault']);
  });

  test.each([
    ["Vault 'notes' does not contain an .obsidian directory. Detected: /home/mcp", '.obsidian'],
    ['Could not find project root (.agent-relay directory)', '.agent-relay'],
  ])('makes the marker folder it looked for: %s', (stderr, dir) => {
    const last: Start = { args: ['serve'], env: {}, why: 'x' };
    const start = nextStart({ last, diagnosis: diagnose(said(stderr)), hints: null, tried: [bare, last], subcommandFirst: true });
    expect(start).toEqual({ args: ['serve'], env: {}, files: { [`${dir}/.placeholder`]: '' }, why: `it looked for a ${dir} folder` });
  });

  test('makes no folder of a file it could not find', () => {
    expect(diagnose(said('Error: Schema file not found at /home/mcp/schema.graphqls')).markerDirs).toEqual([]);
  });

  test('passes a variable as an argument when it asks again for one it was given and its usage shows it so', () => {
    const last: Start = { args: [], env: { VERCEL_API_KEY: 'placeholder' }, why: 'it asked for VERCEL_API_KEY' };
    const d = diagnose(said('Error: Missing Vercel API key\nUsage: node script.js VERCEL_API_KEY=<YOUR_API_KEY>'));
    expect(nextStart({ last, diagnosis: d, hints: null, tried: [bare, last], subcommandFirst: true })).toEqual({
      args: ['VERCEL_API_KEY=placeholder'],
      env: { VERCEL_API_KEY: 'placeholder' },
      why: 'its usage passes VERCEL_API_KEY=<value> as an argument',
    });
  });

  test('puts a sub-command first and a flag last', () => {
    const d = diagnose(said('', { stdout: 'Usage: acme [command]\n\nCommands:\n  stdio  serve over stdio\n' }));
    expect(next(d, [{ ...bare, args: ['--verbose'] }])?.args).toEqual(['stdio', '--verbose']);
    expect(nextStart({ last: { ...bare, args: ['--verbose'] }, diagnosis: d, hints: null, tried: [{ ...bare, args: ['--verbose'] }], subcommandFirst: false })?.args).toEqual(['--verbose', 'stdio']);
  });

  test('asks an HTTP listener for its help, then guesses each switch to stdio once, then stops', () => {
    const d = diagnose(said('HTTP Server started on port 3000', { exited: false }));
    const tried: Start[] = [bare];
    for (let s = next(d, tried); s; s = nextStart({ last: bare, diagnosis: d, hints: null, tried, subcommandFirst: true })) tried.push(s);
    expect(tried.map((t) => t.args.join(' '))).toEqual(['', '--help', '--stdio', 'stdio', 'mcp', '--transport stdio']);
    expect(tried.slice(1).every(isGuess)).toBe(true);
    expect(tried).toHaveLength(MAX_STARTS);
  });

  test.each([
    ['the internet', 'getaddrinfo ENOTFOUND api.acme.example'],
    ['a missing module', 'Error: Cannot find module "./dist/index.js"'],
    ['a missing program', 'spawn docker ENOENT'],
  ])('tries nothing more when the server needs %s', (_what, text) => {
    expect(next(diagnose(said(text)))).toBeNull();
  });

  test('never repeats a start, nor guesses after silence', () => {
    const d = diagnose(said('Error: ACME_TOKEN is required'));
    const first = next(d)!;
    expect(next(d, [bare, first])).toBeNull();
    expect(next(diagnose(said('', { exited: false, timedOut: true })))).toBeNull();
  });
});

describe('placeholders', () => {
  test.each([
    ['ACME_API_KEY', 'placeholder'],
    ['ACME_API_URL', 'https://example.invalid'],
    ['DATABASE_HOST', 'example.invalid'],
    ['REDIS_PORT', '8080'],
    ['OBSIDIAN_VAULT', '$HOME'],
    ['NOTES_DIR', '$HOME'],
    ['AWS_REGION', 'us-east-1'],
    ['ENABLE_WRITES', 'false'],
    ['SMTP_USER_EMAIL', 'placeholder@example.invalid'],
    ['MCP_MONGODB_URI', 'mongodb://example.invalid/placeholder'],
    ['REDIS_URL', 'redis://example.invalid/placeholder'],
    ['IMAP_SECURE', 'false'],
    ['SQLITE_DB_PATH', '$HOME/placeholder.db'],
    ['DATABASE_PATH', '$HOME/placeholder.db'],
    ['DB_FILE', '$HOME/placeholder.db'],
  ])('%s gets %s', (name, value) => {
    expect(placeholderEnv(name)).toBe(value);
  });

  test.each([
    ['--api-key', 'placeholder'],
    ['--base-url', 'https://example.invalid'],
    ['--workspace', '$HOME'],
    ['allowed-directory', '$HOME'],
    ['--port', '8080'],
    ['mongodb-url', 'mongodb://example.invalid/placeholder'],
    ['redis://host:port', 'redis://example.invalid/placeholder'],
    ['allowed path', '$HOME'],
    // mcp-server-sqlite-npx: "Usage: mcp-server-sqlite-npx <database-path>"; HOME, a folder, fails with SQLITE_CANTOPEN.
    ['database-path', '$HOME/placeholder.db'],
    ['db', '$HOME/placeholder.db'],
    // executeautomation's database server: "Usage for SQLite: node index.js <database_file_path>".
    ['database_file_path', '$HOME/placeholder.db'],
    ['path/to/data.sqlite', '$HOME/placeholder.db'],
  ])('argument %s gets %s', (name, value) => {
    expect(placeholderArg(name)).toBe(value);
  });

  test.each([
    ['API_TOKEN', 'anything', true],
    ['', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', true],
    ['', 'sk-proj-abc', true],
    ['', 'x8Jd92kLm3Nq0Pz7Rt5Vw1Yb4', true],
    ['MODE', 'readonly', false],
    ['', '--stdio', false],
  ])('looksSecret(%s, %s) is %s', (name, value, expected) => {
    expect(looksSecret(name, value)).toBe(expected);
  });
});

describe('shapedValue', () => {
  test.each([
    ['placeholder', { prefix: 'AC' }, 'ACplaceholder'],
    ['ACplaceholder', { prefix: 'AC' }, 'ACplaceholder'],
    ['placeholder', { minLength: 16 }, 'placeholder00000'],
    ['placeholder', { prefix: 'sk_', minLength: 16 }, 'sk_placeholder00'],
    ['placeholder', { phone: true }, '+15555550100'],
    ['placeholder', { boolean: true }, 'false'],
    ['https://example.invalid', { scheme: 'mongodb' }, 'mongodb://example.invalid/placeholder'],
  ])('%s in the form %j is %s', (value, shape, out) => {
    expect(shapedValue(value, shape)).toBe(out);
  });
});

describe('package hints', () => {
  const readme = [
    '# Acme MCP',
    '```json',
    '{',
    '  // Claude Desktop',
    '  "mcpServers": {',
    '    "acme": {',
    '      "command": "npx",',
    '      "args": ["-y", "@acme/mcp@latest", "--token=ghp_16C7e42F292c6912E7710c838347Ae178B4a", "--root", "/Users/me/projects", "--read-only"],',
    '      "env": { "ACME_API_KEY": "sk-live-123456789012345678901234", "ACME_REGION": "eu" },',
    '    },',
    '  },',
    '}',
    '```',
  ].join('\n');

  test('reads mcpServers blocks written with comments and trailing commas', () => {
    expect(lenientJson('{ "a": 1, // one\n "b": [2,], }')).toEqual({ a: 1, b: [2] });
    expect(readmeEntries(readme)).toHaveLength(1);
  });

  test('keeps the arguments after the package, with secrets and paths replaced', () => {
    const [entry] = readmeEntries(readme);
    expect(argsAfterPackage(entry!, '@acme/mcp', ['acme-mcp'])).toEqual(['--token=placeholder', '--root', '$HOME', '--read-only']);
    expect(argsAfterPackage({ command: 'acme-mcp', args: ['serve'] }, '@acme/mcp', ['acme-mcp'])).toEqual(['serve']);
    // A README's example database file stays a file: SQLite cannot open HOME, a folder.
    expect(argsAfterPackage({ command: 'npx', args: ['-y', '@acme/mcp', '/path/to/your/database.db'] }, '@acme/mcp', ['acme-mcp'])).toEqual(['$HOME/placeholder.db']);
    expect(argsAfterPackage({ command: 'npx', args: ['-y', '@acme/mcp', '/Users/me/notes'] }, '@acme/mcp', ['acme-mcp'])).toEqual(['$HOME']);
    expect(argsAfterPackage({ command: 'npx', args: ['-y', 'other-pkg'] }, '@acme/mcp', ['acme-mcp'])).toBeNull();
  });

  test.each([
    ['a whole template, by the flag it follows', ['--clientId', '<YOUR_CLIENT_ID>'], ['--clientId', 'placeholder']],
    ['a template inside a value, the rest kept', ['--domain', '<YOUR_SHOP>.myshopify.com'], ['--domain', 'placeholder.myshopify.com']],
    ['templates joined by separators', ['YOUR_ACCOUNT_SID/YOUR_API_KEY:YOUR_API_SECRET'], ['placeholder/placeholder:placeholder']],
    ['a masked token', ['--accessToken=shpat_xxxxx'], ['--accessToken=shpat_placeholder']],
    ['a folder template, by its own name', ['<path/to/notes>'], ['$HOME']],
    ['a named folder', ['serve', '--vault', 'notes=/absolute/path/to/vault'], ['serve', '--vault', 'notes=$HOME']],
  ])('fills README templates with placeholders of their form: %s', (_what, args, out) => {
    expect(argsAfterPackage({ command: 'npx', args: ['-y', 'acme-mcp', ...args] }, 'acme-mcp', [])).toEqual(out);
  });

  test('leaves a value without a template to the other rules', () => {
    expect(fillTemplate('--read-only', '')).toBeNull();
    expect(fillTemplate('https://api.acme.example', '--url')).toBeNull();
  });

  test('takes names, never values, from a package folder: README and server.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hints-'));
    try {
      writeFileSync(join(dir, 'README.md'), readme);
      writeFileSync(
        join(dir, 'server.json'),
        JSON.stringify({
          packages: [
            {
              registryType: 'npm',
              identifier: '@acme/mcp',
              environmentVariables: [{ name: 'ACME_ORG', isRequired: true }, { name: 'ACME_DEBUG' }, { name: 'PATH', isRequired: true }],
            },
          ],
        }),
      );
      const hints = packageHints(dir, '@acme/mcp', ['acme-mcp']);
      expect(hints.env).toEqual(['ACME_API_KEY', 'ACME_REGION', 'ACME_ORG']);
      expect(hints.args).toEqual(['--token=placeholder', '--root', '$HOME', '--read-only']);
      expect(hints.from).toEqual(["the README's mcpServers block", 'its server.json']);
      expect(JSON.stringify(hints)).not.toMatch(/sk-live|ghp_/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writing back a healed source', () => {
  const text = '---\nname: "Acme"\ntransport: "npm"\npackage: "@acme/mcp"\ntags: []\n---\nWhat it is.\n';

  test('replaces args and env and keeps everything else', () => {
    const after = healedSourceText(text, { args: ['stdio'], env: { ACME_TOKEN: 'placeholder' } });
    expect(after).toBe('---\nname: "Acme"\ntransport: "npm"\npackage: "@acme/mcp"\ntags: []\nargs: ["stdio"]\nenv: {"ACME_TOKEN":"placeholder"}\n---\nWhat it is.\n');
    // Only the lines that changed show in the diff: the rest is written as it was.
    expect(lineDiff(text, after)).toBe('+args: ["stdio"]\n+env: {"ACME_TOKEN":"placeholder"}');
  });

  test('shows the change as a line diff', () => {
    expect(lineDiff('a\nb\nc', 'a\nB\nc\nd')).toBe('-b\n+B\n+d');
  });
});
