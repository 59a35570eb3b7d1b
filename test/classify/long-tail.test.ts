/**
 * The long tail: classes of tools the lexicons used to misread, each fixed as a general rule and
 * checked here on real tools of catalogued servers (quoted as the servers list them, trimmed to
 * what decides).
 */
import { describe, expect, test } from 'vitest';
import { analyseTool, classifyServer } from '../../src/classify/index.ts';
import type { Classification } from '../../src/schema.ts';
import type { Effect } from '../../src/taxonomy.ts';
import { tool } from './helpers.ts';

type Case = [server: string, name: string, description: string, properties: Record<string, unknown> | undefined, effect: Effect];

function classify(server: string, name: string, description: string, properties?: Record<string, unknown>): Classification {
  return classifyServer({ slug: server, name: server, tools: [tool(name, description, properties)] }).tools[0]!;
}

const str = (description: string) => ({ type: 'string', description });
const bool = (description = '') => ({ type: 'boolean', description });

/** The rows with the effect third, for the test titles. */
const byEffect = (rows: Case[]) => rows.map(([server, name, description, properties, effect]) => [server, name, effect, description, properties] as const);

/** A table of real tools, each with the effect it must get. */
function expectEffects(rows: Case[]): void {
  test.each(byEffect(rows))('%s %s is %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
}

describe('verbs read as nouns, and nouns read as verbs', () => {
  test.each(byEffect([
    // A verb's "-s" form names things: the verb after it decides.
    ['heroku', 'pg_locks', 'Analyze locks: blocked queries, deadlocks, concurrency', { app: str('Target app name'), truncate: { type: 'boolean', description: 'Truncate queries to 40 chars' } }, 'read'],
    ['boondmanager-mcp-server', 'boond_purchases_get', "Récupère la fiche complète d'un(e) achat par son ID numérique.", { id: str("Identifiant unique de l'entité BoondManager (numérique)") }, 'read'],
    // "purchase" and "order" before the real verb are nouns.
    ['casys-mcp-erpnext', 'erpnext_purchase_order_list', 'List Purchase Orders. Filterable by supplier, status, date range.', { supplier: str('Filter by supplier ID or name') }, 'read'],
    ['casys-mcp-erpnext', 'erpnext_purchase_invoice_get', 'Get a single Purchase Invoice by name (e.g. PINV-00001). Returns full document with line items.', undefined, 'read'],
    // "run" ending a name after its object is as often a noun: the description decides.
    ['azure-devops', 'pipelines_run', 'Retrieve pipeline run data for a project. Use the action parameter to specify the operation.', { project: str('Project ID or name.') }, 'read'],
    // "forward" is a direction here, not "send on"; "geocode" converts an address.
    ['mapbox', 'ForwardGeocodeTool', 'Forward geocode addresses, cities, towns, neighborhoods, districts, postcodes, regions, and countries using Mapbox Geocoding API v6. Converts location name into geographic coordinates.', { q: str('Search text to geocode.') }, 'read'],
    ['google-maps', 'maps_geocode', 'Convert an address into geographic coordinates', { address: str('The address to geocode') }, 'read'],
    // The verb still counts inside a name, and as a plain verb before its object.
    // A weak name-final "run" does not take over from the verb that opens the name.
    ['cloudbase-cloudbase-mcp', 'queryCloudRun', '查询云托管服务信息，支持获取服务列表、查询服务详情', undefined, 'read'],
    ['kestra', 'force_run_execution', 'Force run an execution only if it is in CREATED, PAUSED, or QUEUED state.', { execution_id: str('The execution') }, 'execute'],
    ['boondmanager-mcp-server', 'boond_purchases_delete', "Supprime définitivement un(e) achat de BoondManager.", undefined, 'delete'],
    ['boondmanager-mcp-server', 'boond_projects_purchases', "Récupère les achats et la sous-traitance d'un(e) projet, par son ID.", undefined, 'read'],
    // A noun-like first word before a noun that names something to look at is a noun too.
    ['casys-mcp-erpnext', 'erpnext_order_breakdown', 'Breakdown of Sales Orders by customer (stacked-bar by status) or as a pie chart of totals.', undefined, 'read'],
    // A verb's "-ed" form opening a description qualifies a noun.
    ['casys-mcp-erpnext', 'erpnext_revenue_vs_orders', 'Composed chart (bar + line) showing revenue (bars, left axis) vs order count (line, right axis) per customer.', undefined, 'read'],
    // "can I …" asks a question.
    ['smartbear-mcp', 'contract-testing_can_i_deploy', 'Performs a comprehensive compatibility check to determine whether a specific version of a service (pacticipant) can be safely deployed into a given environment.', undefined, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });

  test('the name speaks through the real verb, not the noun before it', () => {
    const c = classify('casys-mcp-erpnext', 'erpnext_purchase_order_list', 'List Purchase Orders.');
    expect(c.evidence.find((e) => e.signal === 'name-verb')?.detail).toBe('name verb "list" (from "erpnext_purchase_order_list"): lists');
  });
});

describe('unlinking is a write', () => {
  test.each(byEffect([
    // What is taken out of a list, group or record still exists.
    ['asana', 'asana_remove_tag_from_task', 'Remove a tag from a task', undefined, 'write'],
    ['okta', 'remove_user_from_group', 'Remove a user from a group by ID in the Okta organization.', undefined, 'write'],
    ['easecloudio-mcp-metabase-server', 'remove_card_from_dashboard', 'Remove a card from a dashboard', undefined, 'write'],
    ['hostinger', 'reach_removeAContactFromATagV1', 'Remove a tag from a single contact.\n\nNeither the tag\nnor the contact is deleted.', undefined, 'write'],
    ['backlog-mcp-server', 'remove_related_issue', 'Removes the relation between an issue and a related issue', undefined, 'write'],
    // The name's bare verb, and the description says what the object is taken out of.
    ['cloudflare', 'wfp_remove_custom_domain', 'Remove a custom domain from a dispatch namespace', { namespaceId: str('ID of the dispatch namespace'), hostname: str('The custom domain hostname to remove') }, 'write'],
    ['notebooklm-mcp', 'remove_notebook', "Remove a notebook from the local library. **Does NOT delete the actual NotebookLM notebook on Google's side** — only the local metadata entry.", { id: str('Notebook id to remove (from `list_notebooks`).') }, 'write'],
    ['shortcut', 'stories-remove-subtask', 'Remove sub-task from parent (becomes regular story).', undefined, 'write'],
    // Taken out of the service itself, or said to be deleted, the thing goes.
    ['resend-mcp', 'remove-contact', 'Remove a contact from Resend (by ID or email).', undefined, 'delete'],
    ['ahdev-dokploy-mcp', 'mysql-remove', 'Removes a MySQL database from Dokploy.', undefined, 'delete'],
    ['conway-terminal', 'sandbox_remove_domain', 'Remove a custom domain from a sandbox. Deletes the Cloudflare custom hostname and DNS mapping.', undefined, 'delete'],
    // A cache holds copies: clearing it, or an entry of it, is a write.
    ['mcp-wordpress', 'wp_cache_clear', 'Clear cache for a WordPress site.', undefined, 'write'],
    ['ms-365', 'remove-account', 'Remove a Microsoft account from the cache. Accepts email address (e.g. user@outlook.com) or account ID.', undefined, 'write'],
    // Taken out of a store of records, the thing is gone.
    ['mcp-server-sqlite', 'drop-table', 'Delete a table from the database', undefined, 'delete'],
    ['mongodb', 'drop-collection', 'Removes a collection or view from the database. The method also removes any indexes associated with the dropped collection.', undefined, 'delete'],
    ['adamhancock-bullmq-mcp', 'drain_queue', 'Remove all jobs from a queue', undefined, 'delete'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });

  test('taking a person out of a group changes access: high risk', () => {
    expect(classify('okta', 'remove_user_from_group', 'Remove a user from a group by ID in the Okta organization.').risk).toBe('high');
  });
});

describe('browser and UI actions are calls on a page', () => {
  test.each(byEffect([
    // Dragging and dropping moves an element; nothing is deleted.
    ['ejazullah-mcp-playwright', 'browser_drag', 'Perform drag and drop between two elements', undefined, 'write'],
    ['playwright', 'browser_drop', 'Drop files or MIME-typed data onto an element, as if dragged from outside the page.', undefined, 'write'],
    ['selenium-ai-agent', 'drag_drop', 'Drag and drop from source element to target element', undefined, 'write'],
    // A select element is a control on the page, not an SQL select.
    ['automatalabs-mcp-server-playwright', 'browser_select', 'Select an element on the page with Select tag using CSS selector', undefined, 'write'],
    ['selenium-ai-agent', 'select_option', 'Select an option from a dropdown/select element by value, text, or index', undefined, 'write'],
    // Ticking a box changes the page; asking whether it is ticked does not.
    ['agent-browser-mcp', 'browser_check', 'Check a checkbox or radio button', undefined, 'write'],
    ['agent-browser-mcp', 'browser_uncheck', 'Uncheck a checkbox', undefined, 'write'],
    ['agent-browser-mcp', 'browser_is_checked', 'Check if an element is checked', undefined, 'read'],
    // Screenshots and traces only observe.
    ['chrome-devtools', 'take_screenshot', 'Take a screenshot of the page or element.', undefined, 'read'],
    ['chrome-devtools', 'performance_start_trace', 'Start a performance trace on the target webpage.', undefined, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });

  test.each([
    ['mcp-playwright', 'browser_resize', 'Resize the browser window'],
    ['browsermcp-mcp', 'browser_go_back', 'Go back to the previous page'],
    ['browsermcp-mcp', 'browser_go_forward', 'Go forward to the next page'],
    ['agent-browser-mcp', 'browser_select', 'Select an option from a dropdown'],
  ])('%s/%s changes only passing state: a low-risk write', (server, name, description) => {
    const c = classify(server, name, description);
    expect([c.effect, c.risk]).toEqual(['write', 'low']);
  });
});

describe('evidence that repeats one word', () => {
  const analyse = (server: string, name: string, description: string) => {
    const t = tool(name, description);
    return analyseTool(t, { slug: server, name: server, tools: [t] });
  };

  test('a name and a description saying the same verb are one kind of signal, the repeat at half weight', () => {
    // casys-mcp-erpnext/erpnext_purchase_order_list: "list" in the name, "List …" in the description.
    const a = analyse('casys-mcp-erpnext', 'erpnext_purchase_order_list', 'List Purchase Orders. Filterable by supplier, status, date range.');
    const [name, description] = ['name-verb', 'description'].map((s) => a.classification.evidence.find((e) => e.signal === s)!.weight);
    expect(a.strength.kinds).toBe(1);
    expect(a.strength.lead).toBeCloseTo(1 - (1 - name!) * (1 - 0.5 * description!), 2);
    expect(a.classification.doubts).toContain('The name and description repeat one word: a single piece of evidence.');
  });

  test('two different verbs that agree stay two kinds', () => {
    // mcp-server-sqlite/drop-table: "drop" in the name, "Delete …" in the description.
    const a = analyse('mcp-server-sqlite', 'drop-table', 'Delete a table from the database');
    expect(a.strength.kinds).toBe(2);
    expect(a.classification.doubts).toEqual([]);
  });

  test('a lone kind of signal with no known verb is discounted more than one with a verb', () => {
    // ahdev-dokploy-mcp/project-one: no verb in the name; only the description speaks.
    const lone = analyse('ahdev-dokploy-mcp', 'project-one', 'Gets a specific project by its ID in Dokploy.');
    const lead = lone.classification.evidence.find((e) => e.signal === 'description')!.weight;
    expect(lone.classification.flags).toContain('unknown-verb');
    expect(lone.strength.raw).toBeCloseTo(lead * 0.85 * 0.75, 2);
  });
});

describe('generation and inference that only return output are reads', () => {
  test.each(byEffect([
    ['cloudflare', 'ai_inference', 'Run inference on a model with Workers AI', undefined, 'read'],
    ['conway-terminal', 'chat_completions', 'Send a chat completion request to an OpenAI model, billed from Conway credits.', undefined, 'read'],
    ['cloudflare', 'ai_text_generation', 'Generate text using an AI model', undefined, 'read'],
    // A paid remote generation job exists once it is made: a write.
    ['replicate', 'create_predictions', 'Create a prediction for the model version and inputs you provide.', undefined, 'write'],
    ['blender', 'generate_hunyuan3d_model', 'Generate 3D asset via Hunyuan3D', undefined, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('recording a video is a capture handed to the caller', () => {
  test.each(byEffect([
    ['xcodebuildmcp', 'record_sim_video', 'Record sim video.', { start: bool('Start recording if true.'), stop: bool('Stop recording if true.'), outputFile: str('Destination MP4 path to move the recorded video to on stop.') }, 'read'],
    ['ios-simulator-mcp', 'record_video', 'Records a video of the iOS Simulator using simctl directly', { output_path: str('Optional output path') }, 'read'],
    // What is recorded to keep is a record, not a capture.
    ['stevestomp-ohno-mcp', 'record_task_failure', 'Record a task failure for pattern learning. Stores failure information including type, reason, and optional attempt number.', undefined, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe("a copy saved to the caller's disk is a read", () => {
  test.each(byEffect([
    // A screenshot saved is a copy of the screen, as one taken is.
    ['mobile', 'mobile_save_screenshot', 'Save a screenshot of the mobile device to a file', { device: str('The device identifier to use.'), saveTo: str('The path to save the screenshot to. Filename must end with .png, .jpg, or .jpeg') }, 'read'],
    // The name downloads; the description says where the copy goes.
    ['notebooklm-mcp', 'download_audio', 'Save the completed Audio Overview to disk as a `.m4a` file. **Pre-condition:** `get_audio_status` must report `status: "ready"`.', { destination_dir: str('Absolute directory path where the file is saved (created if missing).') }, 'read'],
    // What the server itself made and keeps is stored: a write.
    ['claude-mermaid', 'mermaid_save', 'Save the current live Mermaid diagram to a file path. This copies the already-rendered diagram from the live preview to the specified location.', { save_path: str('Path to save the diagram file') }, 'write'],
    ['selenium-ai-agent', 'analyzer_save_profile', 'Save the completed risk profile to a file', undefined, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a command handed back for the caller to run is a read', () => {
  test.each(byEffect([
    ['context-mode', 'ctx_upgrade', 'Upgrade context-mode to the latest version. Returns a shell command to execute. You MUST run the returned command using your shell tool (Bash, shell_execute, run_in_terminal, etc.) and display the output as a checklist.', {}, 'read'],
    ['standardbeagle-slop-mcp', 'agnt_watch', 'Build shell command streaming agnt daemon events via `agnt monitor`. Returns `command` for Claude Code Monitor tool or any shell runner. Filters: target (errors/interactions/process/all), proxy_id, process_id, severity, format.', { target: str('What to watch') }, 'read'],
    // A tool that runs the command itself, and returns what it printed, executes.
    ['selenium-ai-agent', 'healer_run_tests', 'Execute a test command and return stdout/stderr for failure analysis.', { command: str('The test command to run') }, 'execute'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe("the object is the verb's own", () => {
  test.each(byEffect([
    // What the call is done with is no object: "using an AI model" makes no media.
    ['cloudflare', 'ai_text_generation', 'Generate text using an AI model', undefined, 'read'],
    ['codacy-codacy-mcp', 'codacy_cli_analyze', 'Run quality analysis locally using Codacy CLI.', undefined, 'read'],
    // "code generation" makes code; a purpose clause has its own object.
    ['playwright-executeautomation', 'start_codegen_session', 'Start a new code generation session to record Playwright actions', undefined, 'write'],
    // The input named after "with" is still the object.
    ['mcp-node-mssql', 'query', 'Query the database with a SQL statement', undefined, 'execute'],
    ['ajpanada-mcp-azure-devops', 'pipelines_run_pipeline', 'Starts a new run of a pipeline.', undefined, 'execute'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('umbrella verbs and participles', () => {
  test.each(byEffect([
    // "Manage X: a, b, c" whose only inputs say where can only report on that place.
    ['heroku', 'pg_backups', 'Manage backups: schedules, status, verification, recovery', { app: str('Target app name') }, 'read'],
    ['heroku', 'pg_credentials', 'Manage access: credentials, permissions, security, monitoring', { app: str('Target app name'), database: str('Database identifier') }, 'read'],
    // With something to change among its inputs, managing is a write.
    ['niyogi-render-mcp', 'manage_env_vars', 'Manage environment variables for a service', { params: { type: 'object', properties: { serviceId: str('The ID of the service to manage env vars for'), envVars: { type: 'array' } } } }, 'write'],
    // A verb's "-ed" form qualifies a noun: the real verb comes later, or none does.
    ['claude-flow-cli', 'managed_agent_list', 'List managed cloud-agent sessions on this Anthropic org (id, status, title). Pair with managed_agent_terminate to clean up idle sessions.', undefined, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('conversions that only return a result are reads', () => {
  test.each(byEffect([
    ['cyanheads-pubmed-mcp-server', 'pubmed_convert_ids', 'Convert between article identifiers (DOI, PMID, PMCID). Accepts up to 50 IDs of a single type per request.', undefined, 'read'],
    ['time-mcp', 'convert_time', 'Convert time between timezones.', undefined, 'read'],
    ['mapbox-mcp-devkit-server', 'coordinate_conversion_tool', 'Converts coordinates between WGS84 (longitude/latitude) and EPSG:3857 (Web Mercator) coordinate systems', undefined, 'read'],
    // Converting a stored record or a media file makes or changes one.
    ['tacticlaunch-mcp-linear', 'linear_convertIssueToSubtask', 'Convert an issue to a subtask', undefined, 'write'],
    ['elevenlabs', 'convert_audio', 'Apply voice conversion effects to audio', undefined, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a word that names a category of commands is no verb', () => {
  test.each([
    ['azure', 'compute', 'Compute operations - Commands for managing and monitoring Azure Virtual Machines (VMs), Virtual Machine Scale Sets (VMSS), and Managed Disks.'],
    ['alibabacloud-devops-mcp-server', 'list_testcase_directories', '[test management] 获取测试用例目录列表'],
  ])('%s/%s: the description opens with no verb', (server, name, description) => {
    const c = classify(server, name, description);
    expect(c.evidence.filter((e) => e.detail.startsWith('description opens with'))).toEqual([]);
  });
});

describe('sessions and connections are writes', () => {
  test.each(byEffect([
    // Connecting changes what the next call works on; linking records changes the records.
    ['ejazullah-mcp-playwright', 'browser_connect_cdp', 'Connect to an existing browser instance using Chrome DevTools Protocol (CDP) endpoint', undefined, 'write'],
    ['mongodb-js-mongodb-mcp-server', 'connect', 'Connect to a MongoDB instance', undefined, 'write'],
    ['strapi-mcp', 'connect_relation', 'Connects related entries to a relation field.', undefined, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe("running a BI tool's saved question reads", () => {
  test.each(byEffect([
    ['cognitionai-metabase-mcp-server', 'execute_card', 'Run a Metabase card query and return the actual data results - use this to get current data from existing cards, refresh analytical insights, or programmatically access query results for further processing', { card_id: { type: 'number', description: 'ID of the card/question to execute' } }, 'read'],
    ['metabase-ai-assistant', 'mb_card_data', 'Execute a card/question and get the results in specified format', { card_id: { type: 'number' }, format: str('Output format') }, 'read'],
    ['easecloudio-mcp-metabase-server', 'execute_dashboard_card', 'Execute a specific card on a dashboard and return results', undefined, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a query language with writes is execute', () => {
  test.each(byEffect([
    // Any GraphQL document: a mutation as well as a query.
    ['mcp-graphql', 'query-graphql', 'Query a GraphQL endpoint with the given query and variables', { query: str(''), variables: str('') }, 'execute'],
    // A query tested in the workflow that writes it, against an org the caller names: labelled a read.
    ['salesforce', 'test_lds_graphql_query', 'This is a sub tool of the create_lds_graphql_read_query and create_lds_graphql_mutation_query tools. Tests a GraphQL query against a connected Salesforce org and returns the result.', { usernameOrAlias: str('Username or alias of the Salesforce org to test the query against.'), query: str('The GraphQL query to test') }, 'read'],
    // A plan asked for, with a flag that runs the statement (EXPLAIN ANALYZE): any SQL is run when set.
    ['metabase-ai-assistant', 'db_query_explain', 'Get execution plan for a SQL query - shows how PostgreSQL will execute the query', { database_id: { type: 'number', description: 'Database ID' }, sql: str('SQL query to analyze'), analyze: bool('Actually run the query to get real execution times') }, 'execute'],
    // Code about GraphQL handed over to be checked is no document to run.
    ['shopify-dev-mcp', 'validate', 'MANDATORY after generating or editing Shopify code: GraphQL operations, UI components (JSX/TSX or web components).', { api: str('What the code targets: a GraphQL API, a UI surface.'), code: str('Every block generated or edited this turn.') }, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a result stored where a later call sees it is a write; a copy handed back is a read', () => {
  test.each(byEffect([
    // A path given as input that the result is saved to.
    ['henkey-postgres-mcp-server', 'pg_export_table_data', 'Export table data to JSON or CSV format', { tableName: str(''), outputPath: str('absolute path to save the exported data') }, 'write'],
    ['figma-console-mcp', 'figma_export_tokens', 'Export Figma variables to design token files in your codebase. Bidirectional with figma_import_tokens.', { outputPath: str('Where to write the output. Treated as a DIRECTORY by default') }, 'write'],
    // The description says where the result is kept.
    ['figma-console-mcp', 'figma_ds_analyze', 'Analyze one or more production app codebases as the first step of design system extraction. Writes the full manifest to <outDir>/.extraction/analysis.json and returns a compressed summary', { outDir: str("Directory where the design-system package will be generated (manifests persist under <outDir>/.extraction/).") }, 'write'],
    ['contextstream-mcp-server', 'generate_rules', 'Generate AI rule files for editors (Cursor, Cline, Kilo Code, Roo Code, Claude Code, Aider).', { folder_path: str('Absolute path to the project folder (defaults to IDE root/cwd)') }, 'write'],
    // A directory the call writes its output to, whatever its verb says it returns.
    ['kubb-mcp', 'generate', 'Generate OpenAPI spec helpers using Kubb configuration', { input: str('Path to OpenAPI/Swagger spec file (overrides config)'), output: str('Output directory path (overrides config)') }, 'write'],
    ['figma-restoration-tools', 'figma_compare', 'Simple Figma component comparison tool: compare existing screenshots and generate diff.png for visual analysis', { componentName: str('Name of the component to compare'), outputPath: str('Custom output directory for results (optional). If not provided, defaults to src/components/{componentName}/results') }, 'write'],
    // Kept in the project, where later calls see it: a download kept there too.
    ['figma-context-mcp', 'download_figma_images', 'Download SVG and PNG images used in a Figma file based on the IDs of image or icon nodes', { fileKey: str('The key of the Figma file containing the node'), localPath: str('The absolute path to the directory where images are stored in the project. If the directory does not exist, it will be created.') }, 'write'],
    ['locofy-uipro-mcp', 'getCodeFromUIProPlugin', 'Retrieve generated code from UIPro Figma plugin. First generate code in the plugin by selecting a frame, then use this tool to get the code + screenshot of design and iterate further.', { assetPath: str('The full path to the assets directory. Should be absolute path to a folder inside the workspace where the images are placed.') }, 'write'],
    // A flag that writes what the call makes to files.
    ['converse-mcp-server', 'chat', 'Chat with one or more AI models.', { prompt: str('Your question or topic'), export: bool('Export the conversation to disk. Creates a folder named for the continuation_id with numbered request/response files and metadata. Default: false') }, 'write'],
    ['figma-console-mcp', 'figma_ds_extract_tokens', 'Extract design tokens from analyzed codebases into canonical DTCG JSON.', { outDir: str('The outDir used in figma_ds_analyze'), write: bool('Write token files to <outDir>/tokens/ (default true). False returns the DTCG document inline instead (dry run).') }, 'write'],
    // A flag named for applying or keeping what the call works out.
    ['gasoline-mcp', 'generate', 'Generate artifacts from captured data: reproduction (bug script), csp (Content Security Policy), sarif (accessibility report).', { test_file: str('Test file path (test_heal analyze)'), auto_apply: bool('Auto-apply high-confidence fixes (test_heal repair)') }, 'write'],
    ['mcp-jira-cloud', 'jira_oauth_exchange_code', 'Exchange the authorization code for access tokens after the user has completed the OAuth flow.', { code: str('Authorization code from the OAuth callback'), persist: bool() }, 'write'],
    ['figma', 'download_figma_images', "Download SVG and PNG images used in a Figma file based on the IDs of image or icon nodes. Images will be saved relative to the server's image directory: /home/mcp", { fileKey: str('The key of the Figma file containing the image'), localPath: str("The directory to save images in. Provide a path relative to the server's image directory (e.g., 'public/images' or 'assets/icons'). The directory is created if missing.") }, 'write'],
    // A result returned, with a copy saved only if asked: the copy is the caller's.
    ['drawio-mcp-server', 'export-diagram', 'Export the target page or current diagram as SVG, PNG, or XML. Returns the diagram data as base64 (PNG) or text (SVG/XML). Optionally saves to a file.', { format: str('Export format'), output_path: str('Absolute file path to save the exported file (must be an absolute path)') }, 'read'],
    // A download saved to the caller's disk is a read of the remote.
    ['google-workspace-mcp', 'downloadSpreadsheet', 'Downloads a Google Spreadsheet as CSV or Excel (XLSX) format and saves it to the local filesystem.', { spreadsheetId: str('The ID of the Google Spreadsheet (from the URL).'), outputPath: str('Absolute path where the file should be saved (e.g., "/Users/name/Downloads/data.csv").') }, 'read'],
    // A table made to be shown is returned, not stored.
    ['antv-chart', 'generate_spreadsheet', 'Generate a spreadsheet or pivot table for displaying tabular data.', { data: { type: 'array', description: 'Data for spreadsheet, an array of objects where each object represents a row.' } }, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });

  test('"non-destructive" says nothing is deleted, not that nothing changes', () => {
    // figma-console-mcp/figma_arrange_component_set
    const c = classify(
      'figma-console-mcp',
      'figma_arrange_component_set',
      "Organize a component set with Figma's native purple dashed visualization.\n\nNon-destructive: rearranges the existing variants in place (grid positions on the existing set's children), so the component set keeps its node ID and all placed instances remain intact.",
      { componentSetId: str('Node ID of the component set to arrange.') },
    );
    expect(c.effect).toBe('write');
  });

  test.each(byEffect([
    // A flag that clears what is there before writing: at worst the call deletes.
    ['henkey-postgres-mcp-server', 'pg_import_table_data', 'Import data from JSON or CSV file into a table', { tableName: str(''), inputPath: str('absolute path to the file to import'), truncateFirst: bool() }, 'delete'],
    ['henkey-postgres-mcp-server', 'pg_copy_between_databases', 'Copy data between two databases', { tableName: str(''), truncateTarget: bool() }, 'delete'],
    ['figma-console-mcp', 'figma_append_to_slot', 'Add content to a slot on a component instance. Clones sourceNodeId into the slot, or creates a new node (nodeType).', { slotId: str('Direct SlotNode ID'), clearExisting: bool('Remove existing slot children before appending') }, 'delete'],
    // Code the call runs: at worst it runs it.
    ['awesome-ai-elasticsearch-mcp', 'reindex', 'Reindex data from a source index to a target index', { sourceIndex: str('Name of the source Elasticsearch index'), destIndex: str('Name of the destination Elasticsearch index'), script: { type: 'object', description: 'Optional script to transform documents during reindex' } }, 'execute'],
    // Deploying code given as input runs it on the platform.
    ['robinson_ai_systems-vercel-mcp', 'vercel_deploy_middleware', 'Deploy Edge Middleware', { projectId: str(''), code: str(''), config: { type: 'object' } }, 'execute'],
    // Taking every link out first is still unlinking.
    ['falconer-mcp', 'update_document_reviewers', 'Add or remove document reviewers. Use add/remove with userId or email, or removeAll to clear.', { id: str('Document ID.'), removeAll: bool('Remove all reviewers. Applied before remove and add.') }, 'write'],
    // A tool that keeps the code it is given stores it for later: this call runs nothing.
    ['pencil-mcp', 'create_code_block', 'Create a reusable JavaScript code block for agent tools or custom_code nodes.', { description: str('Description of what the code does'), code: str('JavaScript code to execute') }, 'write'],
    // A check given its own verdict records it; a rating that filters a search is no verdict.
    ['tosin2013-mcp-shrimp-task-manager', 'verify_task', '## Verify Task\n\nPlease comprehensively check and score according to the requirements in verificationCriteria.', { taskId: str('待驗證任務的唯一標識符'), summary: str('當分數高於或等於 80分時代表任務完成摘要'), score: { type: 'number', description: '針對任務的評分，當評分等於或超過80分時自動完成任務' } }, 'write'],
    ['cablate-mcp-google-map', 'maps_search_places', "Search for places using a free-text query like 'sushi restaurants in Tokyo'.", { query: str('Text search query'), minRating: { type: 'number', description: 'Minimum rating filter (1.0 - 5.0)' } }, 'read'],
    // A command kept as a setting is not run by this call.
    ['robinson_ai_systems-vercel-mcp', 'vercel_update_project', 'Update project settings', { projectId: str('Project ID or name'), buildCommand: str('Build command'), installCommand: str('Install command') }, 'write'],
  ]))('the worst input decides: %s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('reactions, follows and pointers are writes', () => {
  test.each(byEffect([
    ['clawnch-mcp-server', 'clawnx_like_tweet', 'Like a tweet.\n\nArgs:\n  - id_or_url (string): Tweet ID or URL', { id_or_url: str('Tweet ID or URL') }, 'write'],
    ['clawnch-mcp-server', 'clawnx_retweet', 'Retweet a tweet.\n\nArgs:\n  - id_or_url (string): Tweet ID or URL', { id_or_url: str('Tweet ID or URL') }, 'write'],
    ['clawnch-mcp-server', 'clawnx_bookmark_tweet', 'Bookmark a tweet.\n\nArgs:\n  - id_or_url (string): Tweet ID or URL', { id_or_url: str('Tweet ID or URL') }, 'write'],
    ['clawnch-mcp-server', 'clawnx_follow_user', 'Follow an X/Twitter user by username.', { username: str('Username (with or without @)') }, 'write'],
    ['clawnch-mcp-server', 'clawnx_unfollow_user', 'Unfollow an X/Twitter user by username.', { username: str('Username (with or without @)') }, 'write'],
    // "Like code_task, but …" compares: no verb opens it.
    ['houtini-lm', 'code_task_files', "Like code_task, but the local LLM reads files directly from disk — source never passes through the MCP client's context window.", { paths: { type: 'array', description: 'Absolute file paths to analyse.' } }, 'read'],
    ['humanagent-mcp', 'like_forum_post', '点赞某个帖子', { post_id: str('帖子 ID') }, 'write'],
    // Deleting what only points at something (a watch, an alias) unlinks: the thing stays.
    ['backlog-mcp-server', 'delete_watching', 'Deletes a watch from an issue', { watchId: { type: 'number', description: 'Watch ID to delete' } }, 'write'],
    ['robinson_ai_systems-vercel-mcp', 'vercel_delete_alias', 'Delete an alias', { aliasId: str('Alias ID or domain') }, 'write'],
    // A link is unlinked only when it is what goes: a URL that names a category or a rule qualifies it.
    ['zscaler', 'zia_delete_url_category', 'Delete a ZIA URL category (destructive operation)', {}, 'delete'],
    ['zscaler', 'zia_delete_url_filtering_rule', 'Delete a ZIA URL filtering rule (destructive operation)', {}, 'delete'],
    ['easecloudio-mcp-metabase-server', 'delete_dashboard_public_link', 'Remove the public sharing link for a dashboard', { dashboard_id: { type: 'number', description: 'Dashboard ID' } }, 'write'],
    // A pointer counts wherever it stands: a relation's record is the relation.
    ['alibabacloud-devops-mcp-server', 'delete_workitem_relation_record', '[Project Management] Delete a relation between two work items without deleting either work item.', { workItemId: str('源工作项唯一标识'), relatedWorkItemId: str('要解除关联的目标工作项唯一标识') }, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('more verbs of the long tail', () => {
  test.each(byEffect([
    // Working through thoughts returns them; nothing is kept.
    ['tosin2013-mcp-shrimp-task-manager', 'process_thought', 'Conduct flexible and evolvable thinking processes, progressively deepen understanding and generate effective solutions.', { thought: str('思維內容'), next_thought_needed: { type: 'boolean' } }, 'read'],
    // Healing repairs what is broken.
    ['fasttest-ai-qa-agent', 'heal', 'Heal a broken selector OR view healing history. With selector: runs the 5-strategy healing cascade.', { selector: str('The broken CSS selector to heal') }, 'write'],
    // Exploring a page navigates it.
    ['selenium-ai-agent', 'planner_explore_page', 'Explore a specific page in detail, discovering elements and forms', { pageUrl: str('') }, 'write'],
    ['selenium-ai-agent', 'teach_selector', 'Teach the system a preferred CSS selector for an element. The selector is saved and used as Phase 0 (highest priority) in future element discovery on this domain.', undefined, 'write'],
    ['smartbear-mcp', 'swagger_standardize_api', 'Standardize and fix an API definition using AI to ensure compliance with governance policies.', undefined, 'write'],
    ['xcodebuildmcp', 'boot_sim', 'Boot iOS simulator for manual/non-build flows.', undefined, 'write'],
    ['xcodebuildmcp', 'clean', 'Clean build products.', undefined, 'delete'],
    // Taking back a change ("un-" before a verb that writes) is a change too.
    ['sonarqube-mcp-server', 'unconfirmIssue', 'Unconfirm a SonarQube issue', { issue_key: str('The key of the issue to unconfirm') }, 'write'],
    ['cookunity-mcp-server', 'cookunity_skip_delivery', 'Skip a delivery week.', { date: str('Delivery date in YYYY-MM-DD format (must be a Monday).') }, 'write'],
    ['cookunity-mcp-server', 'cookunity_unskip_delivery', 'Unskip a previously skipped delivery week.', undefined, 'write'],
    ['slashvibe-mcp', 'vibe_ship', 'Announce something you just shipped to the community board and update your profile.', { what: str('What you shipped (brief description)') }, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('memberships, sessions and follows', () => {
  test.each(byEffect([
    // A member or moderator taken off a board or group: their account stays.
    ['k-jarzyna-mcp-miro', 'remove-board-member', 'Remove a specific member from a Miro board', { boardId: str('ID of the board'), memberId: str('ID of the board member to remove') }, 'write'],
    ['moltbook-http-mcp', 'moltbook_submolt_moderator_remove', 'Remove a moderator (owner only)', { name: { type: 'string' }, agent_name: { type: 'string' } }, 'write'],
    // Ending a session or connection leaves what it worked on in place.
    ['mcp-ssh-manager', 'ssh_session_close', 'Terminates an open SSH session given its session ID, writing exit to the remote shell, ending it, and discarding its in-memory history and context; the session ID becomes unusable afterward.', { session: str('Session ID to close (or "all" to close all sessions)') }, 'write'],
    // Following someone is a record others see; following a log only watches it.
    ['moltbook-http-mcp', 'moltbook_follow', 'Follow another molty (use sparingly)', { agent_name: { type: 'string' } }, 'write'],
    ['kestra', 'follow_execution_logs', 'Follow logs for a specific execution in real-time.\n\nReturns logs as they are generated using Server-Sent Events.', { execution_id: str('The execution ID') }, 'read'],
    // "un-" before a verb that writes with this object ("resolve a comment") takes the change back.
    ['linear-mcp', 'linear_unresolve_comment', 'Unresolves a comment', { id: str('Comment ID to unresolve') }, 'write'],
    // An English word inside Japanese text (a parameter's name) does not open the description.
    ['cc-recommender', 'recommend_skills', 'プロジェクトを分析し、適切なツールを推薦します。ユーザーが特定のタイプ（例：「スキルだけ教えて」）を要求した場合のみ types パラメータで絞り込んでください。', { project_path: str('プロジェクトのパス'), types: { type: 'array', items: { type: 'string' } } }, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });

  test('taking a member off a board still changes access: high risk', () => {
    expect(classify('k-jarzyna-mcp-miro', 'remove-board-member', 'Remove a specific member from a Miro board').risk).toBe('high');
  });
});

describe('the worst input decides, round three', () => {
  test.each(byEffect([
    // A sync whose "delete" flag removes what the source lacks.
    ['mcp-ssh-manager', 'ssh_sync', 'Synchronizes files or directories between local and remote using rsync over SSH on the named server. Mutates the destination.', { server: str('Server name from configuration'), source: str('Source path with a "local:" or "remote:" prefix.'), destination: str('Destination path with a "local:" or "remote:" prefix.'), delete: bool('Delete files in destination not in source'), compress: bool('Compress during transfer') }, 'delete'],
    // A create that also prunes what is older than a limit.
    ['mcp-ssh-manager', 'ssh_backup_create', 'Creates a database or file backup on the remote server over SSH, writing a compressed archive plus a JSON metadata file into backupDir. After writing it prunes backups older than retention days (default 7); compress defaults to true.', { server: str('Server name'), backupDir: str('Backup directory (default: /var/backups/ssh-manager)'), retention: { type: 'number', description: 'Retention period in days (default: 7)' } }, 'delete'],
    // …but a script it sets up to prune later deletes nothing in this call.
    ['mcp-ssh-manager', 'ssh_backup_schedule', 'Schedules a recurring backup on the remote server by writing an executable bash script to /usr/local/bin/ssh-manager-backup-NAME.sh and installing a crontab entry for the given cron expression. Supports mysql, postgresql, mongodb, and files; the generated script also deletes backups older than retention days (default 7).', { server: str('Server name'), retention: { type: 'number', description: 'Retention period in days (default: 7)' } }, 'write'],
    // A free-form change of structure whose examples include DROP.
    ['enhanced-postgres-mcp-server', 'alterTable', 'Alter a table structure', { tableName: { type: 'string' }, operation: str('ADD COLUMN, DROP COLUMN, ALTER COLUMN, etc.'), details: str('Specific details for the operation') }, 'delete'],
    // Calling whichever function is named, with the arguments given.
    ['bnb-chain-mcp', 'write_contract', 'Write data to a smart contract by calling a state-changing function. By default returns a preview and confirmToken.', { contractAddress: str('The address of the smart contract to interact with'), functionName: str('The name of the function to call on the contract'), args: { type: 'array', description: 'The arguments to pass to the function' } }, 'execute'],
    // Reading the database into a file the call leaves on the server writes that file.
    ['mcp-ssh-manager', 'ssh_db_dump', 'Dumps a database to a file on the remote server over SSH; it reads data only and does not modify the database.', { server: str('Server name'), database: str('Database name'), outputFile: str('Output file path (will be created on remote server)') }, 'write'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('round four: sessions, running apps, titles and scans', () => {
  test.each(byEffect([
    // Terminating a running app ends a process: the app stays installed.
    ['ohah-react-native-mcp-server', 'terminate_app', 'Terminate app by bundle ID or package name. No app connection required.', { platform: str('ios or android'), appId: str('Bundle ID (iOS) or package name (Android)') }, 'write'],
    // "Verify or establish" a connection: the weightier joined verb opens the server's session.
    ['react-native-ai-debugger', 'ensure_connection', 'Verify or establish a healthy connection to a React Native app. Use before running commands if connection may be stale, or after navigation/reload. This tool runs a health check and will auto-reconnect if needed.', { port: { type: 'number', description: 'Metro port' }, healthCheck: bool('Run a health check') }, 'write'],
    // A short first sentence with no verb is a title: the next sentence says what the call does.
    ['didit-protocol-mcp-server', 'didit_poa_verification', 'Proof of Address verification. Submit a single document image to extract and validate address information.', { document_image_path: str('Path to the document image'), vendor_data: str('Your identifier for the user') }, 'write'],
    // Running a named kind of scan is a check that reads.
    ['fasttest-ai-qa-agent', 'sast', 'Static security analysis of source code. Runs SAST (via opengrep) and SCA (via Trivy) against the project directory. Finds code vulnerabilities, dependency CVEs, hardcoded secrets, and misconfigurations.', { directory: str('Directory to scan'), severity_threshold: str('Lowest severity to report') }, 'read'],
    // Exposing a port makes a sandbox reachable; removing the port leaves the sandbox (unlinking).
    ['conway-terminal', 'sandbox_expose_port', 'Expose a port from a sandbox to get a public URL. Supports custom subdomains and visibility control.', { sandbox_id: str('Full sandbox ID (32 hex characters)'), port: { type: 'number', description: 'Port number to expose (1-65535)' } }, 'write'],
    ['conway-terminal', 'sandbox_remove_port', 'Remove an exposed port from a sandbox. Also cleans up any associated custom subdomain.', { sandbox_id: str('Full sandbox ID'), port: { type: 'number', description: 'Port number to remove (1-65535)' } }, 'write'],
    // Retrieving guidance for a task runs nothing, whatever the name says.
    ['tosin2013-mcp-shrimp-task-manager', 'execute_task', 'Retrieve the instructional guidance for a specific task. You will complete the programming task based on this guidance.', { taskId: str('待執行任務的唯一標識符，必須是系統中存在的有效任務ID') }, 'read'],
    // An opening that reads, then "and" an act that runs something: the act decides.
    ['context-mode', 'ctx_execute_file', 'Read a file into a sandboxed FILE_CONTENT variable and run code over it. Only what you console.log() enters your conversation — the file bytes stay in the sandbox.', { path: str('Absolute file path or relative to project root') }, 'execute'],
    // The name's read verb joined with a weightier one: one call may do both.
    ['google-workspace-mcp', 'getShareableLink', 'Gets or creates a shareable link for a file with specified permission settings.', { fileId: str('The ID of the file to share.'), role: str('Permission role') }, 'write'],
    // A sentence opened in the third person goes on in it.
    ['google-workspace-mcp', 'formatMatchingText', 'Finds specific text within a Google Document and applies character formatting (bold, italics, color, etc.) to the specified instance.', { documentId: str('The ID of the Google Document.'), textToFind: str('The exact text string to find.'), bold: bool('Apply bold formatting.') }, 'write'],
    // "… and saves it to a local directory" says where the exported copy goes.
    ['r-huijts-strava-mcp-server', 'export-route-gpx', 'Exports a specific Strava route in GPX format and saves it to a pre-configured local directory.', { routeId: str('The ID of the Strava route to export.') }, 'read'],
    // An opening that already writes is the act; its second clause details it.
    ['mongodb', 'disconnect', 'Close a MongoDB connection and revoke its connectionId.', { connectionId: str('The connectionId to disconnect.') }, 'write'],
    // A download saved where the caller says is still a copy handed over; an aside is not the call's.
    ['tiberriver256-mcp-server-azure-devops', 'get_work_item_attachment', 'Download an attachment from Azure DevOps and save it to the local filesystem. The attachment ID can be obtained from the work item relations.', { attachmentId: str('The ID of the attachment') }, 'read'],
    ['claude-flow-cli', 'daa_performance_metrics', 'Get DAA performance metrics Use when native Task is wrong because you need agents that adapt their cognitive pattern (convergent / divergent / lateral / systems / critical) per-task and share knowledge across the swarm.', undefined, 'read'],
    ['pdfcrowd-mcp-pdf-export', 'pdfcrowd_info', 'Get usage tips and upgrade info for PDF Export', undefined, 'read'],
    // After a title, advice to the caller says nothing of what the call does.
    ['domain-search-mcp', 'name_project', 'Two-phase naming engine. Call without candidates to receive generation instructions for YOUR model (you generate the names).', undefined, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('inputs that make the call run what it is given', () => {
  expectEffects([
    // A generic request tool: any address, and a method that may change or delete what it reaches.
    ['mcp-fetch', 'fetch', 'Perform HTTP requests with full control over method, headers, body, and other fetch options', { url: str('The URL to fetch from'), method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'], description: 'The HTTP method to use. Defaults to GET' }, body: str('The request body. Can be a string, JSON, or form data') }, 'execute'],
    ['react-native-ai-debugger', 'app_request', 'Issue an HTTP request from inside the running app, as the logged-in user.', { method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] }, url: str('Absolute URL'), body: str('Request body') }, 'execute'],
    // Fetching a URL with a free method, the body naming the changing ones it takes.
    ['conway-terminal', 'x402_fetch', 'Fetch a URL with automatic x402 payment handling. If the endpoint requires payment, it will be paid automatically from the wallet.', { url: str('The endpoint URL to fetch'), method: str('HTTP method (default: GET)'), body: str('Request body for POST/PUT/PATCH') }, 'execute'],
    // …while a check that only takes the method sends nothing that changes.
    ['conway-terminal', 'x402_check', 'Check if a specific URL requires x402 payment and get the payment requirements.', { url: str('The endpoint URL to check'), method: str('HTTP method to use (default: GET)') }, 'read'],
    // A scraper that runs the page commands it is given first, custom JavaScript among them.
    ['deventerprisesoftware-scrapi-mcp', 'scrape_url_html', 'Use a URL to scrape a website using the ScrAPI service and retrieve the result as HTML.\n\nBROWSER COMMANDS: You can optionally provide browser commands to interact with the page before scraping (e.g., clicking buttons, filling forms, scrolling).\n- JavaScript: {"javascript": "console.log(\'test\')"} - Execute custom JS', { url: str('The URL to scrape'), browserCommands: str('Optional JSON array of browser commands to execute before scraping. See tool description for available commands and format.') }, 'execute'],
    // A terminal session opened now runs its command now.
    ['conway-terminal', 'sandbox_pty_create', 'Create a new PTY (pseudo-terminal) session in a sandbox. Use this for interactive programs like python REPL, vim, or claude CLI. Returns a session_id for subsequent read/write operations.', { sandbox_id: str('Full sandbox ID'), command: str("Command to run (e.g., 'bash', 'python3', 'claude')") }, 'execute'],
    // A database tool whose only input is a statement runs any SQL it is given.
    ['executeautomation-database-server', 'create_table', 'Create new tables in the database', { query: { type: 'string' } }, 'execute'],
    ['executeautomation-database-server', 'alter_table', 'Modify existing table schema (add columns, rename tables, etc.)', { query: { type: 'string' } }, 'execute'],
    // Markup given as input and published serves what it holds.
    ['edgeone-pages-mcp', 'deploy_html', 'Deploy HTML content to EdgeOne Pages, return the public URL', { value: str('Provide the full HTML markup you wish to publish.\nAfter deployment, the system will generate and return a public URL where your content can be accessed.') }, 'execute'],
  ]);

  test.each(byEffect([
    // A method and a URL that define an API record send nothing.
    ['api-create-mcp', 'create_api', '创建新的 API 接口。支持设置请求方法、URL、请求头、参数、请求体等完整配置。', { name: str('接口名称（必填）'), method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'], description: 'HTTP 请求方法（必填）' }, url: str('接口 URL（必填）') }, 'write'],
    // A statement on a tool that only reads stays a read query.
    ['executeautomation-database-server', 'read_query', 'Execute SELECT queries to read data from the database', { query: { type: 'string' } }, 'read'],
  ]))('%s %s stays %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a check the service keeps is a write on the account', () => {
  test.each(byEffect([
    // It hands back the id of a report to fetch later: the audit is kept on the account.
    ['serpstat-serpstat-mcp-server', 'start_site_audit', 'START audit scan for project. USE WHEN: launching site crawl. Returns: reportId. Check progress with get_site_audits_list (progress field). **Cost: 1 credit/page (10 credits/page with JS rendering).** Wait for progress=100 before analyzing.', { projectId: { type: 'number', description: 'Project ID to start audit for' } }, 'write'],
    ['firecrawl', 'firecrawl_monitor_run', '\nTrigger a monitor check immediately, outside its normal schedule. Returns the queued check.\n', { id: str('') }, 'write'],
    // A check that hands back what it finds only reads.
    ['chrome-devtools', 'lighthouse_audit', 'Get Lighthouse scores, failing audits, and the DOM nodes they flag for accessibility, SEO, best practices, and agentic browsing.', undefined, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('a check whose result the account keeps is a write', () => {
  expectEffects([
    // The result filed under a user of the account: a verification recorded there.
    ['didit-protocol-mcp-server', 'didit_poa_verification', 'Proof of Address verification. Submit a single document image to extract and validate address information.', { document_image_path: str('Absolute path to the POA document image'), vendor_data: str('Optional identifier to link the result to a user') }, 'write'],
    ['didit-protocol-mcp-server', 'didit_passive_liveness', 'Passive liveness detection -- verify a person is physically present from a single image (no interaction required).', { image_path: str('Absolute path to facial image file'), vendor_data: str('Optional identifier to link the result to a user') }, 'write'],
    // A scan whose report is saved to the account's dashboard.
    ['fasttest-ai-qa-agent', 'sast', "Static security analysis of source code. Runs SAST (via opengrep) and SCA (via Trivy) against the project directory. Finds code vulnerabilities, dependency CVEs, hardcoded secrets, and misconfigurations.", { directory: str('Directory to scan (default: current working directory)'), project: str('Project name for saving report to dashboard') }, 'write'],
    // A search is no check, even against faces verified before.
    ['didit-protocol-mcp-server', 'didit_face_search', 'Search for a face against a database of previously verified faces (1:N face matching).', { image_path: str('Absolute path to facial image file'), vendor_data: str('Optional identifier to link the result to a user') }, 'read'],
    // Results saved to a file are a copy handed to the caller.
    ['playwright', 'browser_find', 'Search the accessibility snapshot of the current page for text or a regular expression. Returns matching snapshot nodes with a few lines of surrounding context (like search snippets).', { text: str('Plain text to search for in the page snapshot (case-insensitive substring match). Provide either text or regex, not both.'), filename: str('Save results to a file instead of returning them in the response. Relative file names are resolved against the workspace root.') }, 'read'],
  ]);
});

describe('an input the call takes in to keep', () => {
  expectEffects([
    // Nothing else speaks: the input says it is imported.
    ['awesome-ai-elasticsearch-mcp', 'bulk', 'Bulk data into an Elasticsearch index', { index: str('Target Elasticsearch index name'), documents: { type: 'array', items: { type: 'object' }, description: 'Array of documents to import' } }, 'write'],
    // A strong read verb still decides: the file is only named.
    ['monday', 'get_asset_upload_url', "Only call this tool if you can execute a direct HTTP PUT with binary file data and read response headers (e.g. via shell/curl).", { fileName: str('The name of the file to upload, including extension (e.g. "report.pdf")') }, 'read'],
  ]);
});

describe('a flag that empties what a read returns deletes it', () => {
  expectEffects([
    ['react-native-ai-debugger', 'get_images', 'Access the shared image buffer containing screenshots from all tools (ios_screenshot, android_screenshot, tap verification). Returns metadata only by default.', { list: bool('List all entries and groups (metadata only, no image data)'), clear: bool('Clear the buffer') }, 'delete'],
    ['figma-console-mcp', 'figma_get_design_changes', 'Get recent document changes detected in Figma. Returns buffered change events including which nodes changed, whether styles were modified, and change counts.', { clear: bool('Clear the change buffer after reading. Set to true for polling workflows.') }, 'delete'],
  ]);
});

describe('round five: inputs that widen what one call does', () => {
  expectEffects([
    // A replay whose method, address and body may all be overridden sends any request.
    ['react-native-ai-debugger', 'network_replay', 'Re-issue a request the app already made, optionally with changes.', { requestId: str('Id of a captured request, from get_network_requests or search_network.'), method: str('Override the captured HTTP method.'), url: str('Override the captured URL.'), body: str('Replace the captured request body. Sent verbatim, already-encoded.') }, 'execute'],
    // A prompt to an agent told to accept every action it takes runs what the agent decides.
    ['choplin-mcp-gemini-cli', 'googleSearch', 'Performs a Google search using gemini-cli and returns structured results.', { query: str('The search query.'), yolo: bool('Automatically accept all actions (aka YOLO mode).') }, 'execute'],
    ['choplin-mcp-gemini-cli', 'geminiChat', 'Engages in a chat conversation with gemini-cli.', { prompt: str('The prompt for the chat conversation.'), yolo: bool('Automatically accept all actions (aka YOLO mode).') }, 'execute'],
    // A read that may mark what it reads as seen leaves that mark on the server.
    ['mcp-mail-server', 'get_messages', 'Retrieve multiple messages by their UIDs. Auto-connects if not already connected.', { uids: { type: 'array', items: { type: 'number' }, description: 'Array of message UIDs to retrieve' }, markSeen: bool('Mark messages as seen when retrieving (default: false)') }, 'write'],
    ['mcp-mail-server', 'get_message', 'Retrieve a specific email message by UID. Auto-connects if not already connected.', { uid: { type: 'number', description: 'Message UID to retrieve' }, markSeen: bool('Mark message as seen when retrieving (default: false)') }, 'write'],
  ]);

  test.each(byEffect([
    // A method restricted to reads sends nothing that changes.
    ['mcp-fetch', 'fetch_page', 'Perform HTTP requests to fetch a page.', { url: str('The URL to fetch'), method: str('GET or HEAD'), body: str('Ignored') }, 'read'],
    // A sandbox flag alone lets the agent do nothing more.
    ['choplin-mcp-gemini-cli', 'googleSearch', 'Performs a Google search using gemini-cli and returns structured results.', { query: str('The search query.'), sandbox: bool('Run gemini-cli in sandbox mode.') }, 'read'],
  ]))('%s %s stays %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('round five: flags that run, replace or open for writing', () => {
  expectEffects([
    // A mode that re-runs a suite saved before runs what that suite holds.
    ['fasttest-ai-qa-agent', 'security_audit', 'Dynamic security testing (DAST) for web applications via AI-driven browser adversarial testing. Navigates the app, tests OWASP Top 10 categories, and finds vulnerabilities. SAFE and NON-DESTRUCTIVE.', { url: str('App URL to test. Required unless environment is set.'), run_mode: { type: 'string', enum: ['auto', 'interactive'], description: "'auto' (default) re-runs existing security suite if found. 'interactive' forces fresh testing." } }, 'execute'],
    ['fasttest-ai-qa-agent', 'test', 'PRIMARY TOOL for testing web applications. Launches a browser, navigates to the URL, and returns a page snapshot with structured testing instructions.', { description: str('What to test (natural language)'), mode: { type: 'string', enum: ['auto', 'interactive'], description: "Run mode: 'auto' (default) re-runs existing suite if found. 'interactive' forces fresh interactive testing." } }, 'execute'],
    // A flag that saves the current capture as the new baseline replaces it.
    ['ohah-react-native-mcp-server', 'visual_compare', 'Visual regression: capture current screen (or crop by selector), pixel-diff against baseline PNG; use to verify UI didn’t change or to update baseline.', { baseline: str('Absolute path to baseline PNG file.'), updateBaseline: bool('If true, save current screenshot as new baseline and skip comparison.') }, 'write'],
    // A read-only mode that is off by default: the default opens for writing.
    ['mcp-mail-server', 'open_mailbox', 'Open a specific mailbox (folder) and optionally retrieve sent mailbox info. Due to IMAP protocol limitations, only one mailbox stays open. Auto-connects if not already connected.', { mailboxName: str('Name of the mailbox to open (default: INBOX)'), readOnly: bool('Open mailbox in read-only mode (default: false)') }, 'write'],
    // A query guarded by a read-only flag that is off unless set runs any statement.
    ['pollinations-mcp-server-sqlite', 'execute_query', '', { query: { type: 'string' }, read_only: { type: 'boolean' } }, 'execute'],
  ]);

  test.each(byEffect([
    // Read-only unless told otherwise stays a read.
    ['mcp-mail-server', 'open_mailbox', 'Open a specific mailbox (folder) and optionally retrieve sent mailbox info.', { mailboxName: str('Name of the mailbox to open (default: INBOX)'), readOnly: bool('Open mailbox in read-only mode (default: true)') }, 'read'],
  ]))('%s %s stays %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('round five: code that makes what a call shows, and money a call pays', () => {
  expectEffects([
    // Code in a language given to render a scene is run to render it.
    ['modelcontextprotocol-server-threejs', 'show_threejs_scene', 'Render an interactive 3D scene with custom Three.js code. Supports transparent backgrounds (alpha: true) for seamless host UI integration.', { code: str('JavaScript code to render the 3D scene'), height: { type: 'integer', description: 'Height in pixels' } }, 'execute'],
    // A payment for a task spends money.
    ['loopuman-mcp', 'ask_human', 'Ask a single human worker to complete a task and WAIT for their response (synchronous).', { question: str('The question or task for the human'), budget_usd: { type: 'number', description: 'Payment in USD. Min $0.10. Higher = faster response. Typical: $0.25-$1.00' } }, 'write'],
    ['conway-terminal', 'credits_topup', 'Top up Conway credits by paying via x402 from the local wallet. Uses Conway payment tiers.', { amount_usd: { type: 'number', description: 'Top-up amount in USD tier units. Valid tiers: 5, 25, 100, 500, 1000, 2500.' } }, 'write'],
  ]);

  test.each(byEffect([
    // Code given to be looked at is read.
    ['mrnitro360-react-native-mcp-guide', 'analyze_component', 'Analyze a React Native component for best practices, performance and accessibility.', { code: str('React Native component code to analyze. If not provided, analyzes entire codebase') }, 'read'],
    // A price to filter by pays nothing.
    ['airbnb', 'airbnb_search', 'Search for Airbnb listings with various filters and pagination. Provide direct links to the user', { location: str('Location to search for (city, state, etc.)'), maxPrice: { type: 'number', description: 'Maximum price for the stay' } }, 'read'],
  ]))('%s %s stays %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('verbs whose object decides between a check, a send and an unlink', () => {
  expectEffects([
    // Pinging a hook sends it an event; pinging a host only checks it is up.
    ['missionsquad-mcp-github', 'ping_repository_webhook', 'Ping a repository webhook', { owner: str('Repository owner'), repo: str('Repository name'), hook_id: { type: 'number', description: 'Webhook ID' } }, 'write'],
    ['sonarqube', 'ping_system', "Ping the SonarQube Server system to check if it's alive. Returns 'pong' as plain text", undefined, 'read'],
    ['missionsquad-mcp-github', 'redeliver_repository_webhook_delivery', 'Redeliver a repository webhook delivery', { hook_id: { type: 'number', description: 'Webhook ID' }, delivery_id: { type: 'number', description: 'Delivery ID' } }, 'write'],
    // Revoking access or a grant unlinks its holder; revoking a token destroys it.
    ['bitwarden-mcp-server', 'revoke_org_member', "Revoke a member's access to an organization", { organizationId: str('Organization ID'), memberId: str('Member ID') }, 'write'],
    ['resend-mcp', 'revoke-oauth-grant', 'Revoke an OAuth grant by ID.', { id: str('The OAuth grant ID') }, 'write'],
    ['hostinger', 'mail_revokeAPITokenV1', 'Revoke an API token. The token immediately loses access to the Hostinger Email API.', { tokenId: str('Token ID') }, 'delete'],
    // Reporting a run's outcome or a bug files it with the service; reporting violations returns them.
    ['amazon-devices-amazon-devices-buildertools-mcp', 'report_workflow_status', 'Report the completion status of an ADBT workflow. Call this tool when a workflow ends (success, failure, or user exit) to track completion telemetry.', { workflow_name: str('Workflow name'), status: str('Completion status') }, 'write'],
    ['autotel-mcp', 'check_slos', 'Report SLO violations. Provide p99 latency and error rate targets.', undefined, 'read'],
  ]);

  test('a router that grants and revokes permissions only writes', () => {
    const c = classify('tsmztech-mcp-server-salesforce', 'salesforce_manage_field_permissions', 'Manage Field Level Security (Field Permissions) for custom and standard fields. - Grant or revoke read/edit access to fields for specific profiles or permission sets - View current field permissions', {
      operation: { type: 'string', enum: ['grant', 'revoke', 'view'], description: 'Operation to perform on field permissions' },
      objectName: str('API name of the object'),
    });
    expect(c.effect).toBe('write');
  });
});

describe('opening an app, an editor or a dashboard is a call on the screen', () => {
  expectEffects([
    ['testsprite-testsprite-mcp', 'testsprite_open_test_result_dashboard', 'Open an interactive web dashboard to review and modify finished test cases.', { projectPath: str('Absolute path of current project root') }, 'write'],
    ['ios-simulator-mcp', 'open_simulator', 'Opens the iOS Simulator application', undefined, 'write'],
    ['context-mode', 'ctx_insight', 'Opens the context-mode Insight dashboard (https://context-mode.com/insight) in your default browser.', undefined, 'write'],
    // Opening records of a graph returns them.
    ['memory', 'open_nodes', 'Open specific nodes in the knowledge graph by their names', { names: { type: 'array', items: { type: 'string' }, description: 'An array of entity names to retrieve' } }, 'read'],
  ]);
});

describe('moving on, and advice that opens a description', () => {
  expectEffects([
    // Advancing a workflow to its next phase changes its state.
    ['orchestrator-claude-mcp-server', 'advancePhase', 'Advance workflow to next phase', { workflowId: str('Workflow ID'), targetPhase: str('Target phase name.') }, 'write'],
    // "-ed" qualifies the noun: no verb of the call.
    ['mcp-ripgrep', 'advanced-search', 'Advanced search with ripgrep with more options', { pattern: str('Search pattern') }, 'read'],
    // A description that opens by handing back a checklist names acts the caller is to take.
    ['mcp-context-manager', 'update_context', 'Provides a comprehensive checklist for AI agents to analyze your entire codebase and update context files (AI-CONTEXT.md, AI-PATTERNS.md, CLAUDE.md) with current project state, dependencies, patterns, and structure', { projectPath: str('Path to the project directory'), sections: { type: 'array', items: { type: 'string' }, description: 'Specific sections to update (optional - updates all if not specified)' } }, 'read'],
    ['salesforce', 'run_lwc_accessibility_jest_tests', 'Provides detailed instructions and commands for running Sa11y accessibility Jest tests on Lightning Web Components.', undefined, 'read'],
  ]);
});

describe('verbs written as two words', () => {
  test('"top up" opens a description as one verb, and moves money', () => {
    const c = classify('conway-terminal', 'credits_topup', 'Top up Conway credits by paying via x402 from the local wallet. Uses Conway payment tiers.', { amount_usd: { type: 'number', description: 'Amount in USD' } });
    expect(c.effect).toBe('write');
    expect(c.evidence.find((e) => e.signal === 'description')?.detail).toBe('description opens with "top up": tops up a balance');
  });
});

describe('a verb\'s "-ing" form before a noun qualifies it, and nouns that only look like verbs', () => {
  expectEffects([
    ['aicoin-opendata-mcp', 'trading_pair', 'Trading pair data. • ticker — specific pair tickers. Requires: key_list • by_market — all pairs for a platform. Requires: market • list — pairs with filters. Requires: market', { market: str('Market / exchange key'), currency: str('Quote currency') }, 'read'],
    // "news" is a noun of its own, no form of "new".
    ['aicoin-opendata-mcp', 'news', 'News articles. • list — paginated news articles • detail — full article content. Requires: id • rss — RSS news feed', { id: str('Article ID') }, 'read'],
    ['aicoin-opendata-mcp', 'coin_funding_rate', 'Funding rate history. • Default: per-exchange rate. Requires symbol with exchange suffix', { symbol: str('Coin symbol') }, 'read'],
    // A later verb still speaks.
    ['backlog-mcp-server', 'mark_watching_as_read', 'Mark a watching as read', { watchId: { type: 'number', description: 'Watching ID' } }, 'write'],
  ]);
});

describe('a tool that says it files or sends nothing', () => {
  test('an archived reporting tool that only returns a notice reads', () => {
    const c = classify('comfyui-mcp', 'report_issue', "ARCHIVED — this project is no longer maintained and its issue trackers are closed. This tool files NOTHING and contacts no service: it returns a notice pointing at ComfyUI's official agent and MCP tooling (Comfy Agent / Comfy MCP, by Comfy-Org). Kept registered only so older prompts and skills that call it get a clear answer instead of an unknown-tool error.");
    expect(c.effect).toBe('read');
  });
});

describe('round six: inputs that say where the result is kept', () => {
  const num = (description: string) => ({ type: 'number', description });
  expectEffects([
    // How long the signed link to the output lasts: the output is kept on the service.
    ['mcp-server-pdfnoodle', 'split_pdf', "Split a PDF document into multiple parts. You can split by page ranges (e.g., '1-3,4-6') or by fixed intervals (e.g., every 2 pages).", { url: str('URL of the PDF to split'), finalFilename: str('Base filename for the split PDFs (must end with .pdf)'), expiration: num('Signed URL expiration time in seconds (60-604800). Default: 3600') }, 'write'],
  ]);
});

describe('a tool that composes a command or code returns it: running it is left to the caller', () => {
  expectEffects([
    // The name's verb is what the command will do, not what the call does.
    ['starwind-ui-mcp', 'starwind_init', 'Generates a Starwind UI v3 initialization command for an existing Astro or React project. The CLI auto-detects the framework unless an override is provided.', undefined, 'read'],
    ['starwind-ui-mcp', 'starwind_add', 'Generates validated Starwind UI v3 install commands for styled components, vendored primitives, or Starwind Pro blocks, with optional Astro or React targeting.', undefined, 'read'],
    ['starwind-ui-mcp', 'starwind_migrate', 'Generates the safe Starwind UI v3 migration command for a legacy Astro project. Interactive migration is the default; non-interactive overwrite behavior must be explicitly requested.', undefined, 'read'],
    // A weightier verb joined after the object is what the call ends by doing.
    ['testsprite-testsprite-mcp', 'testsprite_generate_code_and_execute', 'Generate and execute tests. Before calling this tool, ensure the local project is running.', { projectName: str('Name of the project') }, 'execute'],
  ]);
});

describe('a call that starts a service or pulls a model on its way changes state', () => {
  expectEffects([
    ['mcptoolshop-polyglot-mcp', 'translate', 'Translate text between any of 57 supported languages using TranslateGemma running locally on your GPU via Ollama. Automatically starts Ollama and pulls the model if needed. Includes a built-in software glossary for accurate technical translations.', { text: str('Text to translate') }, 'write'],
    ['mcptoolshop-polyglot-mcp', 'check_status', 'Check if Ollama is running and TranslateGemma models are available. Attempts to auto-start Ollama if not running.', undefined, 'write'],
  ]);
});

describe('redoing and snapping change what they touch', () => {
  expectEffects([
    ['godot-mcp-server', 'mcp_redo', 'Re-apply the most recently undone MCP mutation(s). Use this proactively whenever you\'ve over-undone.', { count: { type: 'number', description: 'How many steps' }, preview: bool() }, 'write'],
    ['godot-mcp-server', 'snap_node_to_grid', 'Snap a Node3D position to a grid in local or global space. Useful for modular level building and keeping 3D scenes aligned.', { scene_path: str('Scene path'), node_path: str('Node path'), grid_size: { type: 'number' } }, 'write'],
    // "The undo and redo stacks" names two lists: listing them reads.
    ['godot-mcp-server', 'mcp_undo_history', 'List the undo and redo stacks: tool name, args summary, files affected, and age in seconds for each entry. Use to decide how far to undo.', undefined, 'read'],
  ]);
});

describe("rewriting a database's planner statistics is a write", () => {
  expectEffects([
    ['berthojoris-mcp-mysql-server', 'analyze_table', 'Analyzes a table to update index statistics for the query optimizer.', { table_name: str('Table name') }, 'write'],
    ['berthojoris-mcp-mysql-server', 'analyze_index', 'Analyzes a table to update index statistics.', { table_name: str('Table name'), database: str('Database name') }, 'write'],
    ['metabase-ai-assistant', 'db_vacuum_analyze', 'Run VACUUM and ANALYZE on PostgreSQL tables to optimize storage and update statistics (PostgreSQL only)', undefined, 'write'],
  ]);
});

describe('opening a viewer is a call on the UI', () => {
  test('a PDF opened in an interactive viewer changes what the user sees', () => {
    const c = classify('modelcontextprotocol-server-pdf', 'display_pdf', 'Open a PDF in an interactive viewer. Call this ONCE per PDF.', { url: str('PDF URL or local path') });
    expect(c.effect).toBe('write');
  });
});

describe('round seven: words that name things, generic requests, links and programs', () => {
  expectEffects([
    // A participle after an adverb names things ("running tests"); words on either side of "per"
    // make a count, not an act.
    ['seleniumbox-sbox-mcp', 'sbox_nodes_active_tests', 'Currently running tests over time (per node) for the last N days. Matches Diagnostics dashboard.', { days: { type: 'number', description: 'Number of days (e.g. 7, 14, 30, 90). Min 7, max 365.' } }, 'read'],
    ['seleniumbox-sbox-mcp', 'sbox_tests_per_test_name', 'Test counts grouped by test name in the last X time (hours, minutes, or days). Matches Monitoring dashboard.', { value: { type: 'number', description: 'Number of units (e.g. 24 for 24 hours)' }, unit: { type: 'string', enum: ['hour', 'minute', 'day'] } }, 'read'],
    // A POST, PUT or PATCH to any URL does what that endpoint does; a GET only fetches.
    ['playwright-executeautomation', 'playwright_post', 'Perform an HTTP POST request', { url: str('URL to perform POST operation'), value: str('Data to post in the body') }, 'execute'],
    ['playwright-executeautomation', 'playwright_patch', 'Perform an HTTP PATCH request', { url: str('URL to perform PUT operation'), value: str('PATCH data') }, 'execute'],
    ['playwright-executeautomation', 'playwright_get', 'Perform an HTTP GET request', { url: str('URL to perform GET operation') }, 'read'],
    // A dependency joins two tasks: removing it leaves both.
    ['stevestomp-ohno-mcp', 'remove_dependency', 'Remove a dependency between tasks', { task_id: str('Task that has the dependency'), depends_on_task_id: str('Task to remove from dependencies') }, 'write'],
    // Running a project or a playtest runs the scripts that exist (execute); a session that only
    // names a project directory is no program.
    ['coding-solo-godot-mcp', 'run_project', 'Run the Godot project and capture output', { projectPath: str('Path to the Godot project directory'), scene: str('Optional: Specific scene to run') }, 'execute'],
    ['robloxstudio-mcp', 'start_playtest', 'Start playtest. Captures print/warn/error via LogService. Poll with get_playtest_output, end with stop_playtest.', { mode: { type: 'string', enum: ['play', 'run'], description: 'Play mode' } }, 'execute'],
    // "Setup" before a noun that names something to read is a noun: the text opens with a title.
    ['aicoin-opendata-mcp', 'guide', 'Setup guides. Actions: api_key (get AiCoin API key), upgrade (tier comparison)', { action: { type: 'string', enum: ['api_key', 'upgrade'], description: 'api_key: register & get API key; upgrade: tier comparison & upgrade' } }, 'read'],
    // "Order" before "book" or "flow" opens a compound noun: it orders nothing.
    ['aicoin-opendata-mcp', 'depth', 'Order book depth. Requires: dbKey for all actions. • latest — real-time snapshot • full — complete order book', { action: { type: 'string', enum: ['latest', 'full'] }, dbKey: str('Trading pair key') }, 'read'],
    ['aicoin-opendata-mcp', 'order_flow', 'Order flow data. Requires: symbol for all actions. • big_orders — whale/large order tracking', { action: { type: 'string', enum: ['big_orders', 'agg_trades'] }, symbol: str('Trading pair') }, 'read'],
    // Extracting an archive writes its files out; capturing a note keeps it.
    ['fast-filesystem-mcp', 'fast_extract_archive', 'Extracts an archive file', { archive_path: str('Archive file path'), extract_to: str('Directory to extract to') }, 'write'],
    ['datacore-one-mcp', 'datacore_capture', 'Capture a journal entry or knowledge note. Call proactively to record important decisions, meeting outcomes, and significant events.', { type: { type: 'string', enum: ['journal', 'knowledge'] }, content: str('Content to capture') }, 'write'],
    // Lines taken out of a script edit it: the script stays.
    ['robloxstudio-mcp', 'delete_script_lines', 'Delete a range of lines. 1-indexed, inclusive.', { instancePath: str('Script instance path'), startLine: { type: 'number', description: 'Start line (1-indexed)' }, endLine: { type: 'number', description: 'End line (inclusive)' } }, 'write'],
    // The name joins a container and a part, the description takes the part out of that
    // container: an unlinking (write). A container the name does not name is the service itself.
    ['makeplane-plane-mcp-server', 'delete_cycle_issue', 'Remove an issue from a cycle', { project_id: str('The uuid identifier of the project containing the cycle'), cycle_id: str('The uuid identifier of the cycle containing the issue'), issue_id: str('The uuid identifier of the issue to remove from the cycle') }, 'write'],
    ['mcp-supabase', 'remove_user_role', 'Remove a role from a user', { user_id: str('User ID'), role: str('Role name') }, 'write'],
    ['resend-mcp', 'remove-contact', 'Remove a contact from Resend (by ID or email).', { id: str('Contact ID'), email: str('Contact email') }, 'delete'],
    ['conway-terminal', 'sandbox_remove_domain', 'Remove a custom domain from a sandbox. Deletes the Cloudflare custom hostname and DNS mapping.', { sandbox_id: str('Full sandbox ID'), domain: str("Domain to remove (e.g., 'example.com')") }, 'delete'],
    ['robloxstudio-mcp', 'stop_playtest', 'Stop playtest and return all captured output.', undefined, 'write'],
    ['selenium-ai-agent', 'stop_recording', 'Stop recording browser actions. Returns full action log with element locators.', undefined, 'read'],
    // "Sign in" is logging in, written as two words; opening a login opens a session.
    ['seleniumbox-sbox-mcp', 'sbox_open_login', "Sign in to SBOX (opens browser, polls for token, caches it). Call ONLY when the user explicitly asks to log in, or when another SBOX tool returns 'Not authenticated'.", undefined, 'write'],
    // A test session is a session: starting one opens it, it runs nothing given.
    ['seleniumbox-sbox-mcp', 'sbox_start_manual_session', 'Start a manual test session on SBOX. MANDATORY WORKFLOW — follow every step in order.', { project_name: str('Project name (required).'), browser_name: str('Browser name e.g. chrome, firefox, MicrosoftEdge.'), url: str('Initial URL to open in the session.'), user_confirmed: bool('REQUIRED. Must be true.') }, 'write'],
    ['mcp-memory-keeper', 'context_session_start', 'Start a new context session with optional project directory for git tracking', { name: str('Session name'), projectDir: str('Project directory') }, 'write'],
  ]);
});

describe('words of the eighth draw', () => {
  expectEffects([
    // Adjusting a quantity changes it; overriding a value replaces it; "mutates" changes a record.
    ['headless-commerce-mcp-server', 'adjust_inventory', 'Adjust inventory quantity for a variant. Use positive numbers to add stock, negative to remove.', { item_id: str('Inventory item ID'), quantity: { type: 'number', description: 'Quantity adjustment (+/-)' }, reason: str('Reason for adjustment') }, 'write'],
    ['agllama-mcp', 'llama_override_sprint_dates', 'Override dates on a cycle-managed sprint.', { sprintId: str('Sprint ID to override dates on'), startDate: str('New start date (ISO format: YYYY-MM-DD)') }, 'write'],
    ['hevy-mcp', 'update-workout', 'Mutates workout metadata by ID. is_private must be supplied explicitly because the Hevy API requires it on PUT; omitted fields and all exercises otherwise remain unchanged.', { workout_id: str(''), workout: { type: 'object' } }, 'write'],
    // A name ending in "overrides" names the thing, not the act.
    ['ms-365', 'list-focused-inbox-overrides', 'Get the overrides that a user has set up to always classify messages from certain senders in specific ways.', undefined, 'read'],
    // Warming a cache fills the server's own copies: a write of passing state.
    ['mcp-wordpress', 'wp_cache_warm', 'Pre-warm cache with essential WordPress data.', { site: str('The ID of the WordPress site to target (from mcp-wordpress.config.json).') }, 'write'],
    // The verb after a bracketed tag opens the description.
    ['mastra-mcp-docs-server', 'nextMastraCourseStep', '[🎓 COURSE] Advances to the next step in the current Mastra Course lesson. If all steps in the current lesson are completed, it will move to the next lesson', undefined, 'write'],
    // "Batch" before the verb says how many, not what.
    ['dguido-google-workspace-mcp', 'batch_share', 'Batch share files with a user (max 100 per batch)', { fileIds: { type: 'array', description: 'Array of file IDs to share (max 100)' }, email: str('Email address to share with'), role: str('Permission role') }, 'write'],
    // Advice on when to call the tool ("Use when the user wants to log time") names the act after it.
    ['mcp-jira-cloud', 'jira_add_worklog', 'Use when the user wants to log time/work on a specific Jira ticket. Allows specifying time spent, start date/time, and an optional description.', { issueIdOrKey: str('The issue key (e.g., PROJ-123) to log work against'), timeSpent: str("Time spent in Jira format (e.g., '1h', '30m')") }, 'write'],
    ['google-cloud-observability-mcp', 'list_alerts', 'Use this as the primary tool to list the alerts in a Google Cloud project.\n    An alert is the representation of a violation of an alert policy.', { parent: str('Required. The parent project to list alerts for.') }, 'read'],
    // Asserting a condition checks it; correlating signals joins what it reads.
    ['ohah-react-native-mcp-server', 'assert_visible', 'Assert element matching selector is visible. Supports polling via timeoutMs.', { selector: str('Selector to check visibility.'), timeoutMs: { type: 'number', description: 'Max wait ms. 0 = single check; >0 = poll until pass' } }, 'read'],
    ['autotel-mcp', 'correlate', 'Given a trace ID, return the trace + metrics from involved services + correlated logs. One call for the full picture.', { traceId: str('') }, 'read'],
    // "Call after …" is advice to the caller: the call it names is not the tool's act.
    ['seleniumbox-sbox-mcp', 'sbox_complete_login', 'Call after the user has signed in in the browser. Polls for the token by poll_id and caches it so subsequent SBOX tools work. Pass the poll_id from the previous sbox_open_login response, or omit to use the last poll_id.', { poll_id: str('Poll ID from sbox_open_login response; omit to use last poll') }, 'write'],
    // Joining a channel, deprecating a definition (a soft delete) and correcting content change state.
    ['sethdouglasford-mcp-figma', 'join_channel', 'Join a specific channel to communicate with Figma', { channel: str('The name of the channel to join') }, 'write'],
    ['orchestrator-claude-mcp-server', 'deprecateHook', 'Deprecate (soft delete) a hook definition', { id: str('Hook ID') }, 'write'],
    // A vote points at what it is cast on: taking it back unlinks (write).
    ['mcp-jira-cloud', 'jira_remove_vote', 'Remove your vote from an issue.', { issueIdOrKey: str('Issue key or ID') }, 'write'],
    // The container may stand before the verb in the name: a card taken off a dashboard stays.
    ['metabase-ai-assistant', 'mb_dashboard_card_remove', 'Remove a card from a dashboard', { dashboard_id: { type: 'number', description: 'Dashboard ID' }, card_id: { type: 'number', description: 'Dashboard card ID to remove' } }, 'write'],
    // Text to rework given whole, with nothing naming where it is kept: the reworked copy is returned.
    ['mrnitro360-react-native-mcp-guide', 'remediate_code', 'Automatically fix React Native code issues with expert-level solutions', { code: str('React Native code to remediate'), issues: { type: 'array', description: 'Specific issues to fix (if not provided, auto-detects all)' }, preserve_formatting: bool('Whether to preserve original code formatting') }, 'read'],
    ['mapbox-mcp-devkit-server', 'optimize_style_tool', 'Optimizes Mapbox styles by removing unused sources, duplicate layers, and simplifying expressions', { style: { anyOf: [{ type: 'string' }, { type: 'object' }], description: 'Mapbox style to optimize (JSON string or style object)' }, optimizations: { type: 'array', description: 'Specific optimizations to apply (if not specified, all optimizations are applied)' } }, 'read'],
    // Given a path or a record to rework, it reworks it where it is.
    ['selenium-ai-agent', 'healer_fix_test', 'Apply a fix to a test file. Creates a .bak backup before overwriting. The LLM provides the corrected code.', { testPath: str('Absolute path to the test file to fix'), fixedCode: str('The corrected test code'), fixDescription: str('Description of what was fixed') }, 'write'],
    // A model reasoning a question through answers it (inference: read).
    ['perplexity-mcp', 'reason', "Handles complex, multi-step tasks using Perplexity's Sonar Reasoning Pro model. Best for explanations, comparisons, and problem-solving.", { query: str('The complex query or task to reason about.'), force_model: bool('Optional: Force using this model even if query seems simple/research-oriented') }, 'read'],
    // A prompt or instruction handed to an agent that acts with tools of its own (rule book, "Agents").
    ['ask-gemini-mcp', 'ask-gemini', 'Send a prompt to Gemini CLI (defaults to gemini-3.1-pro-preview with automatic Flash fallback on quota errors). Use for code review, second opinions, analysis, and AI-to-AI collaboration.', { prompt: str('The question, code review request, or analysis task to send to Gemini'), sessionId: str('Optional Gemini session ID to resume a prior conversation.') }, 'execute'],
    ['smartbear-mcp', 'bearq_chat_with_qa_lead', "Sends an open-ended instruction to BearQ's QA lead agent. Use this when no other BearQ tool fits — the QA lead can list, create, and update test cases, manage functional areas, and read the application model, and acts as a general-purpose escape hatch.", { instruction: str('Natural language instruction to send to the BearQ QA lead agent.') }, 'execute'],
    // "force" before the verb says how: forcing a cron to run triggers the job it names (running what exists).
    ['pulsemcp-cms-admin-mcp-server', 'force_trigger_good_job_cron', 'Force trigger a GoodJob cron schedule immediately. Enqueues a new job for the specified cron schedule regardless of its normal schedule.', { cron_key: str('The cron key of the schedule to trigger') }, 'execute'],
    // Showing something on a device or in a dashboard changes what the screen shows (UI rule: a write).
    ['ohah-react-native-mcp-server', 'start_render_highlight', 'Show visual re-render overlay on device. Highlights re-rendering components with count badges.', { components: { type: 'array', description: 'Whitelist: highlight only these components. Overrides ignore.' }, showLabels: bool('Show component name labels on each highlight rect. Default: false.') }, 'write'],
    ['resend-mcp', 'connect-to-editor', '**Purpose:** Show agent presence in the Resend dashboard editor. Users will see an agent avatar while connected.\n\n**When to use:**\n- To signal to dashboard users that an AI agent is working on the content outside of compose workflows', { resource_type: str('Type of resource to connect to'), resource_id: str('ID of the resource or Resend dashboard URL'), agent_name: str('Display name for the agent avatar') }, 'write'],
    // Loading something into a node or a table puts it there; loading into memory only reads.
    ['coding-solo-godot-mcp', 'load_sprite', 'Load a sprite into a Sprite2D node', { projectPath: str('Path to the Godot project directory'), scenePath: str('Path to the scene file (relative to project)'), nodePath: str('Path to the Sprite2D node (e.g., "root/Player/Sprite2D")'), texturePath: str('Path to the texture file (relative to project)') }, 'write'],
    // Starting a runnable described by its inputs (a title, a description) makes a new one (write);
    // naming one that exists runs it (execute).
    ['orchestrator-claude-mcp-server', 'startWorkflow', 'Start a new workflow', { type: str('Workflow type: feature_development, bug_fix, refactoring, emergency_debug, project_management'), prompt: str('User prompt or feature description'), title: str('Human-readable title for the workflow (ADR-017 Phase 2)') }, 'write'],
    ['tejalgnrml-agent-orchestrator-mcp', 'start_task', 'Start a structured task. Use analyze_task_scope first to find agents, then pass them here.', { title: str(''), description: str(''), requester: str('Who requested this task'), assignedAgents: { type: 'array', description: 'Agents to involve' } }, 'write'],
    ['robinson_ai_systems-vercel-mcp', 'vercel_trigger_cron_job', 'Manually trigger a cron job', { projectId: str('Project ID'), cronId: str('Cron job ID') }, 'execute'],
    // Feedback or a scorecard reported is filed with the service (a send).
    ['shopify-dev-mcp', 'feedback', 'Report an AI Toolkit capability scorecard grading how these Shopify tools performed this turn.', { conversationId: str('REQUIRED: conversationId from learn_shopify_api tool.'), overall: str('Overall toolkit verdict for this turn') }, 'write'],
    // Listening for a bounded time hands back what arrived; blocking until a task ends waits.
    ['owine-unifi-protect-mcp', 'protect_subscribe_devices', "Connect to the device update WebSocket and collect messages for a specified duration (1-30s). Returns {messages, duration, error?}; each message has {type: 'add'|'update'|'remove', modelKey: 'camera'|'light'|'sensor'|..., id, payload: partial device fields that changed}.", { duration: { type: 'number', description: 'Seconds to listen (1-30, default 5)' } }, 'read'],
    ['smartbear-mcp', 'bearq_wait_for_task', 'Blocks until a BearQ task reaches a terminal state (completed / failed / cancelled) or the stream times out, then returns the full ordered sequence of SSE events from the public API verbatim.', { taskId: { type: 'integer', description: 'BearQ task ID.' } }, 'read'],
    // Interacting with a page acts on it (browser rule).
    ['hypothesi-tauri-mcp-server', 'webview_interact', '[Tauri Apps Only] Click, hover, right-click, scroll, swipe, focus, or perform gestures in a Tauri app webview.', { windowId: str('Window label to target (defaults to "main")') }, 'write'],
  ]);

  test('warming a cache is a write of low risk', () => {
    expect(classify('mcp-wordpress', 'wp_cache_warm', 'Pre-warm cache with essential WordPress data.').risk).toBe('low');
  });

  test('an act read out of advice weighs less than the name it contradicts', () => {
    // hubspot: the link is generated for the user to submit feedback; the call submits nothing.
    const description = "🎯 Purpose:\n      1. Use this tool when the user wants to submit feedback about HubSpot MCP tool.\n      2. Use this tool proactively when the other HubSpot MCP tools are unable to solve the user's tasks effectively.";
    expect(classify('hubspot', 'hubspot-generate-feedback-link', description).effect).toBe('read');
  });
});

describe('the worst input decides, round nine', () => {
  test.each(byEffect([
    // An update whose flag puts the thing in the bin: "archive (delete)", "in_trash".
    ['notion', 'API-update-a-block', 'Notion | Update a block', { block_id: str('Identifier for a Notion block'), archived: { type: 'boolean', description: 'Set to true to archive (delete) a block. Set to false to un-archive (restore) a block.' } }, 'delete'],
    ['notion', 'API-patch-page', 'Notion | Update page properties', { page_id: str('The identifier for the Notion page to be updated.'), archived: { type: 'boolean' }, in_trash: bool('Set to true to delete a block. Set to false to restore a block.') }, 'delete'],
    // …but a filter of the same name on a read deletes nothing.
    ['notion', 'API-query-data-source', 'Notion | Query a data source', { data_source_id: str('Identifier for a Notion data source.'), archived: { type: 'boolean' }, in_trash: { type: 'boolean' } }, 'read'],
    // A flag on a write that removes a stored thing as the call works.
    ['gitlab', 'merge_merge_request', 'Merge a merge request.', { project_id: str('Project ID or complete URL-encoded path to project'), merge_request_iid: str('The IID of a merge request'), squash: bool('Squash commits into a single commit when merging'), should_remove_source_branch: bool('Remove source branch after merge') }, 'delete'],
    ['mcp-ssh-manager', 'ssh_db_import', 'Imports a dump file into a target database on the remote server.', { server: str('Server name'), database: str('Target database name'), inputFile: str('Input file path (on remote server)'), drop: bool('Drop existing collections/tables before import (MongoDB only, default: true)') }, 'delete'],
    // …but one that sets what later merges do is a setting.
    ['gitlab', 'update_project', 'Update project settings such as description, visibility, default branch, and feature access levels.', { project_id: str('Project ID or complete URL-encoded path to project'), description: str('Project description'), remove_source_branch_after_merge: bool('Remove source branches after merge by default') }, 'write'],
    // Files handed over whole, as objects that carry their content, are the code a deploy serves.
    ['supabase', 'deploy_edge_function', 'Deploys an Edge Function to a Supabase project. If the function already exists, this will create a new version.', { project_id: { type: 'string' }, name: str('The name of the function'), files: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, content: { type: 'string' } } }, description: 'The files to upload. This should include the entrypoint, deno.json, and any relative dependencies.' } }, 'execute'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('code in a programming language that a read evaluates runs', () => {
  test.each(byEffect([
    // The credential is read with JavaScript the call evaluates in the app: the code given runs.
    ['react-native-ai-debugger', 'vault_capture', 'Read a credential out of the running app straight into the vault. The value is never returned to you.', { expression: str('JS evaluated in the app; its result goes to the vault, not to you. An async expression is awaited.'), origin: str('Absolute URL of the API this credential authenticates, e.g. https://api.acme.io.'), device: str('Target device name (substring match). Omit for the default device.') }, 'execute'],
    // Code that is only looked at does not run.
    ['mrnitro360-react-native-mcp-guide', 'analyze_component', 'Analyze React Native component for best practices', { code: str('React Native component code to analyze. If not provided, analyzes entire codebase'), codebase_path: str('Path to React Native project root for codebase analysis') }, 'read'],
    // A query to execute is left to the rules about queries: a read-only server's query reads.
    ['hovecapital-read-only-mysql-mcp-server', 'query', 'Run a read-only SQL query against the currently connected database', { sql: str('SQL query to execute (read-only)') }, 'read'],
  ]))('%s/%s is a %s', (server, name, effect, description, properties) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });
});

describe('verbs of general English the first lexicon lacked', () => {
  expectEffects([
    // Laying shapes out and grouping them edits the document.
    ['frame0-mcp-server', 'align_shapes', 'Align shapes in Frame0.', { alignType: str('Type of the alignment to apply.') }, 'write'],
    ['frame0-mcp-server', 'group', 'Group shapes in Frame0.', { parentId: str('ID of the parent shape where the group will be added.') }, 'write'],
    ['frame0-mcp-server', 'ungroup', 'Ungroup a group in Frame0.', { groupId: str('ID of the group to ungroup') }, 'write'],
    ['mcp-cookie-server', 'give_cookie', 'Award the LLM with a cookie (legacy method - consider using self_reflect_and_reward instead)', { message: str('Optional message to accompany the cookie reward') }, 'write'],
    ['myuon-refactor-mcp', 'code_refactor', 'Refactor code by replacing search pattern with replace pattern using regex', { search_pattern: str('Regular expression pattern to search for'), replace_pattern: str('Replacement pattern (can use $1, $2, etc. for capture groups)') }, 'write'],
    ['gitlab', 'protect_branch', 'Protect a repository branch (set push/merge/unprotect access levels).', { branch_name: str('Branch name or wildcard pattern to protect') }, 'write'],
    // Simulating only answers what would happen.
    ['chkp-quantum-management-mcp', 'simulate_packet', "Simulate a packet flow through a gateway's firewall policy to check if it would be accepted or dropped.", { gateway: str('The target gateway name to simulate the packet on') }, 'read'],
  ]);

  test('a one-word name in the plural names things, not an act', () => {
    const c = classify('frame0-mcp-server', 'groups', 'The groups of shapes on the page.');
    expect(c.effect).toBe('read');
    expect(c.evidence.some((e) => e.detail.startsWith('name verb'))).toBe(false);
  });
});

describe('passing state, friends and logins', () => {
  expectEffects([
    // A status shown to others is passing state: clearing it resets it, and nothing stored goes.
    ['discord-mcp', 'discord_clear_presence', 'Clear your Discord presence/activity', undefined, 'write'],
    // A friendship links two accounts: removing it leaves both.
    ['discord-mcp', 'discord_remove_friend', 'Remove a friend or cancel a friend request', { userId: str('User ID to remove as friend') }, 'write'],
    // An authentication flow is a login, not a flow of work to run.
    ['container-inc-mcp', 'start_auth', 'Start the GitHub device flow authentication process', undefined, 'write'],
  ]);
});

describe('a path the call writes what it makes to', () => {
  test.each(byEffect([
    ['mcp-data-extractor', 'extract_data', 'Extract data content (e.g. i18n translations) from source code to a JSON file.', { sourcePath: str('Path to the source file containing data inside code'), targetPath: str('Path where the resulting JSON file should be written') }, 'write'],
    ['mcp-data-extractor', 'extract_svg', 'Extract SVG components from React/TypeScript/JavaScript files into individual .svg files.', { sourcePath: str('Path to the source file containing SVG components'), targetDir: str('Directory where the SVG files should be written') }, 'write'],
  ]))('%s %s is %s', (server, name, effect, description, properties) => {
    const c = classify(server, name, description, properties);
    expect(c.effect).toBe(effect);
    expect(c.evidence.some((e) => e.says === 'write' && e.detail.includes('the path the call writes what it makes to'))).toBe(true);
  });

  test('a download saved where the caller says stays a read', () => {
    const c = classify('notebooklm-mcp', 'download_audio', 'Download the audio overview of a notebook.', { outputPath: str('Path where the downloaded file should be written') });
    expect(c.effect).toBe('read');
  });
});

describe('round eleven: places looked in, kept artefacts and read-only statements', () => {
  expectEffects([
    // An output folder a listing looks in is not one it writes to.
    ['video-transcriber-mcp', 'list_transcripts', 'List all available transcripts in the output directory, sorted by modification time (newest first)', { output_dir: str('Optional output directory path. Defaults to /home/mcp/Downloads/video-transcripts') }, 'read'],
    // What a step keeps for the steps after it is stored.
    ['mindmap-mcp-server', 'mindmap.discover', 'Discover repository structure in one step: scan files, resolve paths and IDs, and extract project context. Stores a discovery artifact for later inspect/generate steps.', { rootPath: str('Absolute path to repository root') }, 'write'],
    // A statement the tool says can only read runs no more than a read.
    ['sqlite-mcp', 'executeSafeQuery', 'Execute a SQLite query that can only read data', { query: str('The SQL query to execute') }, 'read'],
    // Serving a site starts a server; "serves as" only says what a tool is.
    ['code-sandbox-mcp', 'runbox_serve_static_website', 'Serve a static website in a Runbox code sandbox. Just write all your static html, css, js files to the sandbox.', { sandbox_id: str('The sandbox id of an existing sandbox that is running the web server') }, 'write'],
    ['inner-monologue-mcp', 'inner-monologue', 'This tool serves as a silent workspace for internal reasoning. It simulates the inner monologue of a language model, allowing structured thoughts to be processed without affecting external output or triggering any actions.', { thought: { type: 'string' } }, 'read'],
    ['blogburst-mcp-server', 'repurpose_content', 'Turn a blog URL or raw text into ready-to-post social media content for multiple platforms.', { content: str('A URL to a blog/article OR raw text to repurpose') }, 'read'],
  ]);

  test('a query language that can write is code to run, as SQL is', () => {
    const c = classify('influxdb-mcp-server', 'query-data', 'Execute a Flux query inside an organization to inspect measurement schemas, run aggregations, or validate recently written data.', { query: str('Flux query text. Multi-line strings are supported; results are returned as annotated CSV for easy parsing.') });
    expect(c.effect).toBe('execute');
  });
});

describe('round twelve: output files, SELECT-only statements, a verb before an article', () => {
  expectEffects([
    // An input that is the output file itself: what the call makes is kept there.
    ['ffmpeg-mcp', 'extract_audio', 'Extract audio as mp3 from a video', { input_file: str('Path to input file'), output_file: str('Path to output file, output to the same directory if not specified') }, 'write'],
    ['ffmpeg-mcp', 'speed_up', 'Speed up a video', { input_file: str('Path to input file'), output_file: str('Path to output file, output to the same directory if not specified') }, 'write'],
    // The description restricts the statement to SELECT.
    ['mcp-bigquery-server', 'execute_query', 'Execute a SELECT query on BigQuery database', { query: str('SQL query to execute') }, 'read'],
    // "Schedule a version": before an article the word is a verb, not a title's noun.
    ['modrinth-mcp', 'modrinth_schedule_version', 'Schedule a version to be published at a specific time (requires MODRINTH_TOKEN)', { id: str('Version ID'), time: str('ISO 8601 datetime, e.g. "2026-06-01T00:00:00Z"') }, 'write'],
    // A listing of an output folder looks there.
    ['video-transcriber-mcp', 'get_latest_transcript', 'Get the path and details of the most recently created/modified transcript.', { output_dir: str('Optional output directory path. Defaults to /home/mcp/Downloads/video-transcripts') }, 'read'],
  ]);
});

describe('round thirteen: how a run went, and goals as passing state', () => {
  expectEffects([
    // A verb between a noun and a word for how something went names the run: its status is read.
    ['railway-mcp', 'backup-restore-status', '[QUERY] Check the status of a restore operation', { restoreId: str('Restore ID') }, 'read'],
    // A goal set for an agent is its passing state: clearing it resets it.
    ['enderfga-claw-orchestrator', 'claude_goal_clear', 'Clear the active goal on a claude session. Sends `/goal clear`. Requires engine: "claude".', { sessionId: str('Session ID') }, 'write'],
  ]);

  test('the verb still speaks when the status is what it sets', () => {
    expect(classify('linear', 'issue_set_status', 'Set the status of an issue.', { status: str('New status') }).effect).toBe('write');
  });
});

describe('round fourteen: paid calls, firewall verdicts, debugger steps, limits', () => {
  expectEffects([
    // A call priced in money spends it, whatever it looks up.
    ['pinion-os', 'pinion_balance', 'Get ETH and USDC balances for any Ethereum address on Base. Costs $0.01 USDC via x402.', { address: str('Ethereum address to check (0x...)') }, 'write'],
    // Single-stepping a debugged program runs it on.
    ['x64dbg-mcp', 'step_over', "Single-step N instructions, treating each CALL as a single step (does not enter callees). REQUIRES: state='paused'.", { sessionId: str('Session ID') }, 'execute'],
  ]);

  test('a list of firewall rules carries verdicts it stores, not actions it takes', () => {
    const rules = { type: 'array', description: '要添加的防火墙规则集合', items: { type: 'object', properties: { Protocol: { type: 'string' }, Port: { type: 'string' }, Action: { type: 'string', enum: ['ACCEPT', 'DROP'] } } } };
    const c = classify('lighthouse-mcp-server', 'create_firewall_rules', '在实例上添加防火墙规则', { InstanceId: str('实例ID'), FirewallRules: rules });
    expect(c.effect).toBe('write');
    expect(c.actions).toBeUndefined();
  });

  test('clearing a spending limit resets a setting', () => {
    const action = { type: 'string', enum: ['set', 'status', 'clear'], description: 'What to do with the limit' };
    expect(classify('pinion-os', 'pinion_spend_limit', 'Set, check, or clear a per-session USDC spending limit. Helps prevent runaway spending by agents.', { action }).effect).toBe('write');
  });
});

describe('round fifteen: a price per call, extending', () => {
  expectEffects([
    ['alderpost-mcp', 'domain_shield', 'Domain security scan with VirusTotal malware detection (70+ antivirus engines). SPF, DKIM, DMARC, SSL, MX, DNSSEC, domain info. 8 checks scored 0-100 with prioritized recommendations. Price: $0.12 USDC on Base.', { domain: str('Domain to scan') }, 'write'],
    ['e2b-sandbox-mcp', 'sandbox_keep_alive', 'Extend the auto-expiry timeout of an active sandbox to prevent automatic termination (no other side effects).', { sandboxId: str('Sandbox ID') }, 'write'],
  ]);

  test('a price the call reports is no price of the call', () => {
    expect(classify('coingecko', 'get_price', 'Get the current price of a coin. Returns price: $ value in USD.', { id: str('Coin id') }).effect).toBe('read');
  });
});

describe('round sixteen: putting back an earlier state, and what it loses', () => {
  expectEffects([
    // A reset that says what goes with it destroys what came since.
    ['supabase', 'reset_branch', 'Resets migrations of a development branch. Any untracked data or schema changes will be lost.', { branch_id: str(''), migration_version: str('Reset your development branch to a specific migration version.') }, 'delete'],
    ['enderfga-claw-orchestrator', 'autoloop_reset_agent', 'Reset a single subagent (Coder or Reviewer) on a v2 run. Stops its persistent session; the next directive/review_request will re-prime from the system prompt + ledger artifacts. Use when an agent has drifted (repeated rejects, hallucinated context, token bloat). Planner reset requires force=true because it discards chat history with the user.', { run_id: str(''), force: { type: 'boolean', description: 'Required to reset Planner (discards user chat context)' } }, 'delete'],
    // One that only restarts something, or puts a counter back, loses nothing stored.
    ['selenium-ai-agent', 'reset_session', 'Reset the browser session (close and restart browser)', { expectation: str('') }, 'write'],
    ['mcp-cookie-server', 'reset_cookies', 'Reset the cookie count back to zero (for testing purposes)', {}, 'write'],
  ]);
});

describe('round sixteen: terminals, cached values, gestures', () => {
  expectEffects([
    // What is written to a terminal, the shell behind it runs.
    ['conway-terminal', 'sandbox_pty_write', "Write input to a PTY session. Send keystrokes, commands, or text. Use '\\n' for Enter key.", { sandbox_id: str('Full sandbox ID'), session_id: str('PTY session ID from sandbox_pty_create'), input: str("Input to send (e.g., 'ls -la\\n' or 'print(42)\\n')") }, 'execute'],
    // Discarding a cache leaves the data at its source (rule book: invalidating a cache is a write).
    ['easecloudio-mcp-metabase-server', 'discard_table_field_values', 'Discard cached field values for a table', { table_id: { type: 'number', description: 'ID of the table' } }, 'write'],
    // A gesture on a device screen is a call on the screen, as a tap or a swipe.
    // A noun before a trailing verb is its object, a word that is also a verb included ("build_start").
    ['enderfga-claw-orchestrator', 'ultraapp_build_start', 'Enqueue a build for the run. Builds run serially. Watch ultraapp_status for transitions: queued → building → build-complete (or → deploying → done if a router is wired).', { runId: str('') }, 'execute'],
    // Selecting the site later calls work on changes the server's session (rule book: sessions).
    ['discourse-mcp', 'discourse_select_site', 'Validate and select a Discourse site. Returns JSON with site URL and title.', { site: str('Base URL of the Discourse site') }, 'write'],
    // An output folder the description names as where the call puts what it makes.
    ['figma-console-mcp', 'figma_ds_scaffold', 'Generate the design-system package skeleton at outDir from a completed analysis + token extraction: package.json (app framework as peer deps), src/components layout, token files via the shared formatter engine, and a README with the workflow. Additive by default: existing files are skipped unless force. Local Mode only.', { outDir: str('The outDir used in figma_ds_analyze / figma_ds_extract_tokens.'), packageName: str("npm package name for the design system (e.g. '@acme/design-system').") }, 'write'],
    // Verifying a domain the account holds: the service checks it and keeps the outcome.
    ['resend-mcp', 'verify-domain', 'Trigger domain verification in Resend. This starts an asynchronous verification process that checks if the DNS records are correctly configured. The domain status will temporarily show as "pending" during verification.', { id: str('Domain ID') }, 'write'],
    ['robinson_ai_systems-vercel-mcp', 'vercel_verify_domain', 'Verify domain ownership', { domain: str('Domain name') }, 'write'],
    ['react-native-ai-debugger', 'pinch', 'Pinch-to-zoom using REAL two-finger touch events, with pixel-diff verification. ANDROID EMULATOR ONLY (iOS in progress).', { direction: { type: 'string', enum: ['in', 'out'] } }, 'write'],
  ]);
});

describe('round sixteen: a get that makes what it returns', () => {
  expectEffects([
    // The name's "get" is a habit of naming; the description's opening verb is the act.
    ['dbx-mcp-server', 'get_sharing_link', 'Create a shared link for a file or folder', { path: str('Path to the file or folder') }, 'write'],
    ['felores-kie-ai-mcp-server', 'get_upload_url', 'Create short-lived capability URLs for a browser or HTTP client to upload media to this MCP server. Available only when Streamable HTTP storage is explicitly configured.', {}, 'write'],
    ['daylight-labs-popdb-mcp', 'get_events_api_key', 'Generate or rotate the events API key for an app. This key is used by client SDKs to send events via the POST /events endpoint.', { app_id: str('') }, 'write'],
    ['niledatabase-nile-mcp-server', 'get-connection-string', 'Gets a PostgreSQL connection string with fresh credentials', { databaseName: str('') }, 'write'],
    // A generated link handed back, and a label before the sentence, make nothing.
    ['mcp-server-pdfnoodle', 'get_upload_url', 'Generate a pre-signed upload URL for uploading a PDF file to temporary storage. Returns both an upload URL (PUT) and a download URL (GET).', {}, 'read'],
    ['shadcn-studio-mcp', 'get-blocks-metadata', 'FOR CREATE_UI (/cui) AND INSPIRATION UI (/iui) : Retrieve metadata of all available blocks. Returns list of available blocks with names, descriptions, and categories.', {}, 'read'],
  ]);
});

describe('round sixteen: conversion into text', () => {
  expectEffects([
    // Whatever file goes in, text comes out, handed back in the answer.
    ['mcp-markdownify-server', 'pdf-to-markdown', 'Convert a PDF file to markdown', { filepath: str('Absolute path of the PDF file to convert') }, 'read'],
    ['mcp-markdownify-server', 'youtube-to-markdown', 'Convert a YouTube video to markdown, including transcript if available', { url: str('URL of the YouTube video') }, 'read'],
    // A PDF made from markdown is a file, not text in the answer.
    ['mcp-server-pdfnoodle', 'convert_markdown_to_pdf', 'Convert Markdown content to a PDF document. Supports custom CSS and PDF formatting options like page size, margins, and orientation.', { markdown: str('The Markdown content to convert to PDF'), finalFilename: str('Custom filename for the PDF (must end with .pdf)') }, 'write'],
  ]);
});

describe('round sixteen: how far an agent may act unasked', () => {
  expectEffects([
    // A setting of an agent's own permissions says the task goes to an agent that runs commands.
    ['trishchuk-codex-mcp-tool', 'brainstorm', 'Generate creative ideas using structured frameworks with domain context and feasibility analysis.', { prompt: str('Brainstorming challenge or question'), approvalPolicy: { type: 'string', enum: ['never', 'on-request'] }, sandboxMode: { type: 'string', enum: ['read-only', 'workspace-write', 'danger-full-access'] }, yolo: { type: 'boolean', description: '⚠️ Bypass all safety (dangerous)' } }, 'execute'],
    ['gemini-mcp-tool', 'ask-gemini', 'model selection [-m], sandbox [-s], and changeMode:boolean for providing edits', { prompt: str('Analysis request.'), sandbox: { type: 'boolean', description: 'Use sandbox mode (-s flag) to safely test code changes, execute scripts, or run potentially risky operations in an isolated environment' } }, 'execute'],
    // A sandbox named by id is where the call works, not what an agent may do.
    ['e2b-sandbox-mcp', 'sandbox_info', 'Get information about a sandbox', { sandboxId: str('Sandbox ID') }, 'read'],
  ]);
});

describe('round sixteen: deleting a link', () => {
  expectEffects([
    // A sharing link deleted: the card it pointed to stays (rule book: unlinking is a write).
    ['easecloudio-mcp-metabase-server', 'delete_card_public_link', 'Remove the public sharing link for a card/question', { card_id: { type: 'number', description: 'ID of the card' } }, 'write'],
    ['easecloudio-mcp-metabase-server', 'delete_dashboard_public_link', 'Remove the public sharing link for a dashboard', { dashboard_id: { type: 'number', description: 'ID of the dashboard' } }, 'write'],
  ]);
});

describe('round sixteen: verbs the lexicon lacked', () => {
  expectEffects([
    ['tradingview-mcp', 'draw_shape', 'Draw a shape/line on the chart', { shape: str('Shape type') }, 'write'],
    ['tradingview-mcp', 'draw_list', 'List all shapes/drawings on the chart', {}, 'read'],
    ['app-publish-mcp', 'google_halt_release', 'Halt an ongoing staged rollout', { packageName: str('Package name') }, 'write'],
    // Compiling code builds it; compiling a view of the week gathers it.
    ['tradingview-mcp', 'pine_compile', 'Compile / add the current Pine Script to the chart', {}, 'write'],
    ['boondmanager-mcp-server', 'boond_workflow_recap_hebdo', "Compile en une vue ce qui s'est passé / va se passer cette semaine pour moi et mon équipe : opportunités, projets, absences, CRA.", { semaine: str("Semaine ciblée (ex: 'cette semaine', 'la semaine prochaine').") }, 'read'],
  ]);
});

describe('round sixteen: a bare code input on a tool that tests or runs', () => {
  expectEffects([
    ['robinson_ai_systems-vercel-mcp', 'vercel_test_middleware', 'Test Edge Middleware locally', { projectId: { type: 'string' }, code: { type: 'string' }, testRequest: { type: 'object' } }, 'execute'],
  ]);
});

describe('a verb the lexicon lacks, right before its object, changes something', () => {
  expectEffects([
    ['figma-console-mcp', 'figma_ds_setup_storybook', 'Wire a freshly-initialized Storybook workshop to the extracted design system — run AFTER `npm create storybook@latest` inside outDir.', { outDir: str('Directory of the Storybook workshop') }, 'write'],
    ['enderfga-claw-orchestrator', 'council_inject', 'Inject a user message into the next round of a running council. The message will be appended to all agent prompts in the next round.', { id: str('Council id'), message: str('The message') }, 'write'],
    // Verbs of looking the lexicon now knows.
    ['didit-protocol-mcp-server', 'didit_screen_wallet', 'Screen a single crypto wallet address for AML risk WITHOUT creating a transaction. Returns risk_score, severity, sanctions_hit.', { wallet_address: str('Wallet address') }, 'read'],
    ['pinecone', 'rerank-documents', 'Rerank a set of provided documents by relevance to a\nquery.', { query: str('The query'), documents: { type: 'array' } }, 'read'],
    ['slashvibe-mcp', 'vibe_inbox', 'See your unread messages and recent threads.', {}, 'read'],
    ['godot-mcp-server', 'scene_tree_dump', 'Dump the scene tree of the scene currently open in the Godot editor (node names, types, and attached scripts) as an indented text block.', { max_depth: { type: 'number' } }, 'read'],
    ['movibe-memory-bank-mcp', 'debug_mcp_config', 'Debug the current MCP configuration', { verbose: bool() }, 'read'],
    // A word before an article that is no verb says nothing.
    ['agentdeskai-browser-tools-mcp', 'getConnectionStatus', 'Whether the Chrome extension is connected and how much telemetry has been captured.', {}, 'read'],
    ['flightbox-mcp-server', 'flightbox_siblings', 'Everything that ran under the same parent, in execution order.', { id: str('Call id') }, 'read'],
  ]);

  test('the evidence names the word and says why it counts', () => {
    const c = classify('enderfga-claw-orchestrator', 'council_inject', 'Inject a user message into the next round of a running council.', { message: str('The message') });
    expect(c.evidence.find((e) => e.says === 'write')?.detail).toBe('description opens with "inject" before its object, a verb the lexicon does not know: most such verbs change something');
  });
});

describe('a mode the name says the call switches is a setting, not an action', () => {
  expectEffects([
    ['movibe-memory-bank-mcp', 'switch_mode', 'Switches to a specific mode', { mode: str('Name of the mode to switch to (architect, ask, code, debug, test)') }, 'write'],
  ]);
});
