/**
 * Multi-action ("router") tools, from real servers of the catalog: each action is judged as a tool
 * of its own and the tool does what its most severe action does; a `command` that names one of
 * the tool's own sub-commands is not code, a shell command still is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classifyServer } from '../../src/classify/index.ts';
import { ClassificationSchema, RawToolSchema, ServerRecordSchema, type Classification } from '../../src/schema.ts';

const servers = new Map<string, Map<string, Classification>>();

/** A tool of a catalogued server, classified with its siblings as the catalog does. */
function classified(server: string, name: string): Classification {
  let byName = servers.get(server);
  if (!byName) {
    const record = ServerRecordSchema.parse(JSON.parse(readFileSync(`catalog/servers/${server}.json`, 'utf8')));
    // The tool as the server listed it: the record keeps absent fields as null.
    const tools = record.tools.map((t) =>
      RawToolSchema.parse({ name: t.name, description: t.description, inputSchema: t.inputSchema, ...(t.title ? { title: t.title } : {}), ...(t.annotations ? { annotations: t.annotations } : {}) }),
    );
    const result = classifyServer({ slug: record.slug, name: record.name, about: record.about, tools });
    byName = new Map(tools.map((t, i) => [t.name, result.tools[i]!]));
    servers.set(server, byName);
  }
  const c = byName.get(name);
  if (!c) throw new Error(`${server} has no tool ${name}`);
  return c;
}

const effectOf = (c: Classification, value: string) => c.actions?.items.find((i) => i.value === value)?.effect;

describe('multi-action tools', () => {
  // server, tool, the parameter, the tool's effect, some actions and their effects
  test.each([
    ['aaronsb-jira-cloud-mcp', 'manage_jira_issue', 'operation', 'delete', { get: 'read', create: 'write', delete: 'delete' }],
    ['datadog-mcp', 'monitors', 'action', 'delete', { list: 'read', mute: 'write', delete: 'delete' }],
    ['datadog-mcp', 'logs_indexes', 'action', 'write', { list: 'read', update: 'write', reorder: 'write' }],
    ['azure-devops', 'pipelines_write', 'action', 'execute', { create_pipeline: 'write', run_pipeline: 'execute' }],
    ['azure-devops', 'wit_backlog', 'action', 'write', { list: 'read', reorder: 'write' }],
    ['azure-devops', 'pipelines_run', 'action', 'read', { get: 'read', list: 'read' }],
    ['attio-mcp', 'batch_records', 'operation_type', 'delete', { search: 'read', update: 'write', delete: 'delete' }],
    ['cloudbase-cloudbase-mcp', 'manageStorage', 'action', 'delete', { download: 'read', upload: 'write', delete: 'delete' }],
    ['cloudbase-cloudbase-mcp', 'manageAgents', 'action', 'delete', { createAgent: 'write', deleteAgent: 'delete' }],
    ['cloudbase-cloudbase-mcp', 'queryMysqlDatabase', 'action', 'read', { getInstanceInfo: 'read', runQuery: 'read' }],
    ['cloudbase-cloudbase-mcp', 'queryAppAuth', 'action', 'read', { getLoginConfig: 'read', listProviders: 'read' }],
    ['slashvibe-mcp', 'vibe_discover', 'command', 'read', { suggest: 'read', search: 'read' }],
    // A router word that a word before it narrows: one way of updating clears every task.
    ['tosin2013-mcp-shrimp-task-manager', 'split_tasks', 'updateMode', 'delete', { append: 'write', clearAllTasks: 'delete' }],
    // A schema that allows one operation only: the tool does that one thing, whatever its name says.
    ['baruchiro-paperless-mcp', 'bulk_edit_custom_fields', 'operation', 'delete', { delete: 'delete' }],
    // No description: two verbs among nouns still name operations ("version", "health", "enable_api").
    ['felixallistar-coolify-mcp', 'system', 'operation', 'write', { version: 'read', enable_api: 'write', disable_api: 'write' }],
    // Removing URLs submitted for indexing takes them out of the index: the pages stay.
    ['search-console-mcp', 'indexing_submit', 'method', 'write', { index_now: 'write', remove: 'write' }],
    // "command": "Command to alias (for add) or search term (for suggest)" is text the actions keep or look for.
    ['mcp-ssh-manager', 'ssh_command_alias', 'action', 'delete', { list: 'read', add: 'write', remove: 'delete' }],
    // A list of operations, each picking its own ("operations": [{ "operation": "copy" | "delete" }]).
    ['fast-filesystem-mcp', 'fast_batch_file_operations', 'operations', 'delete', { copy: 'write', rename: 'write', delete: 'delete' }],
    // Annotations are marks on the document: removing them takes them off, the document stays.
    ['modelcontextprotocol-server-pdf', 'interact', 'action', 'write', { get_text: 'read', add_annotations: 'write', remove_annotations: 'write' }],
    // A remove the text glosses as unlinking ("'remove' to unregister"): the autoloaded script stays.
    ['godot-mcp-server', 'setup_autoload', 'operation', 'write', { list: 'read', add: 'write', remove: 'write' }],
    // Beside "sub" and "diff", "add" adds days to a date: arithmetic creates nothing.
    ['datacore-one-mcp', 'datacore_date', 'op', 'read', { today: 'read', add: 'read', sub: 'read' }],
    // Values listed in prose, the last after "or" ("Action: login, logout, status, or list").
    ['standardbeagle-slop-mcp', 'auth_mcp', 'action', 'write', { login: 'write', logout: 'write', status: 'read', list: 'read' }],
    // A qualifier before the router word still names the router: a rollout sub-command is no code.
    ['kubernetes-flux159', 'kubectl_rollout', 'subCommand', 'write', { status: 'read', restart: 'write', undo: 'write' }],
    // Actions in pairs, one undoing the other, switch something on and off: writes, known words or not.
    ['cloudbase-cloudbase-mcp', 'manageHosting', 'action', 'delete', { bindDomain: 'write', unbindDomain: 'write', upload: 'write', delete: 'delete' }],
    ['agllama-mcp', 'llama_set_skill_visibility', 'action', 'write', { hide: 'write', unhide: 'write' }],
    // A flag that deletes what the call works on outranks actions that only write ("deleteLocalData").
    ['kubernetes-flux159', 'node_management', 'operation', 'delete', { cordon: 'write', uncordon: 'write' }],
    // A tool that stages a change "to be applied later": dropping a table there is a pending change.
    ['daylight-labs-popdb-mcp', 'stage_change', 'operation', 'write', { CREATE_TABLE: 'write', DROP_TABLE: 'write' }],
  ] as const)('%s %s: %s picks the action, the tool is a %s', (server, name, param, effect, actions) => {
    const c = classified(server, name);
    expect(c.actions?.param).toBe(param);
    expect(c.actions?.exact).toBe(true);
    expect(c.effect).toBe(effect);
    for (const [value, e] of Object.entries(actions)) expect(effectOf(c, value), value).toBe(e);
  });

  test('the evidence lists every action with its effect, in one item', () => {
    const c = classified('aaronsb-jira-cloud-mcp', 'manage_jira_filter');
    const spoke = c.evidence.filter((e) => e.signal === 'actions');
    expect(spoke).toHaveLength(1);
    expect(spoke[0]!.detail).toMatch(/^actions of "operation": get, list, execute_filter, execute_jql → read; create, update → write; delete → delete$/);
    expect(c.effect).toBe('delete');
  });

  test('the tool is as risky as its riskiest action, and the actions come riskiest first', () => {
    const c = classified('cloudbase-cloudbase-mcp', 'manageMysqlDatabase');
    expect(c.effect).toBe('execute');
    expect(c.risk).toBe('critical');
    expect(c.actions!.items[0]).toEqual({ value: 'runStatement', effect: 'execute', risk: 'critical' });
    expect(c.actions!.items.find((i) => i.value === 'destroyMySQL')?.effect).toBe('delete');
  });

  // A `command` naming the tool's sub-commands, with the operations in the text (one Azure server exposes dozens).
  test.each([
    ['storage', 'write', ['list', 'create']],
    ['workbooks', 'delete', ['list', 'create', 'delete']],
    ['redis', 'write', ['list', 'create']],
    ['monitor', 'read', ['query']],
    // "Manage" gives way to the operations the text goes on to name ("Manage and query … recommendations").
    ['advisor', 'read', ['query']],
    ['kusto', 'read', ['query', 'list', 'retrieve']],
    // Named alone, it is all there is to go on; named again among the operations, it is one of them.
    ['functionapp', 'write', ['manage']],
    ['containerapps', 'write', ['list', 'manage']],
    // "Includes CRUD operations": create, update and delete.
    ['eventhubs', 'delete', ['create', 'update', 'delete']],
    // "executing SQL queries" runs SQL given as input; the sentence naming "server parameters" counts too.
    ['mysql', 'execute', ['list', 'execute', 'configure']],
    // "executing performance tests" runs what exists (rule book: running what exists).
    ['loadtesting', 'execute', ['create', 'configure', 'execute']],
  ] as const)('azure %s: the sub-command router is a %s, not code to run', (name, effect, operations) => {
    const c = classified('azure', name);
    expect(c.effect).toBe(effect);
    expect(c.actions).toMatchObject({ param: 'command', exact: false });
    for (const op of operations) expect(c.actions!.items.map((i) => i.value)).toContain(op);
    expect(c.evidence.some((e) => e.signal === 'parameters' && e.says === 'execute')).toBe(false);
  });

  test('commands "for viewing, editing, and managing" a spec are its operations, not code (tosin2013-mcp-shrimp-task-manager interact_spec)', () => {
    const c = classified('tosin2013-mcp-shrimp-task-manager', 'interact_spec');
    expect(c.actions).toMatchObject({ param: 'command', exact: false });
    expect(c.actions!.items.map((i) => i.value)).toEqual(expect.arrayContaining(['view', 'edit']));
    expect(c.effect).toBe('write');
    expect(c.evidence.some((e) => e.says === 'execute')).toBe(false);
  });

  test('modes headed in the description, picked by the parameters given (attio manage-list-entry)', () => {
    const c = classified('attio-mcp', 'manage-list-entry');
    expect(c.actions).toMatchObject({ param: null, exact: false });
    expect(c.actions!.items.map((i) => i.value)).toEqual(expect.arrayContaining(['add_entry', 'remove_entry', 'update_entry']));
    // Removing an entry takes a record out of the list; the record stays.
    expect(effectOf(c, 'remove_entry')).toBe('write');
  });

  // Parameters named like a router whose values pick a style, a request's method, a filter or a command line.
  test.each([
    ['claude-historian-mcp', 'find_file_context', 'read'],
    ['simonecoelhosfo-optimizely-mcp-server', 'get_openapi_reference', 'read'],
    ['cablate-mcp-google-map', 'maps_directions', 'read'],
    ['adobe-commerce-commerce-extensibility-tools', 'aio-dev-invoke', 'execute'],
    ['postman', 'createCollectionRequest', 'write'],
    ['n8n', 'get_node', 'read'],
    ['bash-command-mcp', 'run', 'execute'],
    ['conway-terminal', 'sandbox_exec', 'execute'],
  ] as const)('%s %s is no router and stays a %s', (server, name, effect) => {
    const c = classified(server, name);
    expect(c.actions).toBeUndefined();
    expect(c.effect).toBe(effect);
  });

  // Actions the words alone misread: SQL that only selects, unlinking, a flag that runs what is explained, verbs with "re-".
  test.each([
    ['henkey-postgres-mcp-server', 'pg_execute_query', 'read', { select: 'read', count: 'read', exists: 'read' }],
    ['henkey-postgres-mcp-server', 'pg_manage_comments', 'write', { get: 'read', set: 'write', remove: 'write' }],
    ['nexus2520-jira-mcp-server', 'jira_links', 'write', { list: 'read', add: 'write', remove: 'write' }],
    ['obsidian-mcp', 'obsidian_manage_tags', 'write', { add: 'write', remove: 'write' }],
    ['mcp-jira-cloud', 'jira_add_labels', 'write', { add: 'write', remove: 'write' }],
    ['tiberriver256-mcp-server-azure-devops', 'manage_work_item_link', 'write', { add: 'write', remove: 'write' }],
    ['motionmcp', 'motion_custom_fields', 'delete', { remove_from_project: 'write', remove_from_task: 'write', delete: 'delete' }],
    ['mcp-github-project-manager', 'manage_sprints', 'write', { list: 'read', add_issues: 'write', remove_issues: 'write' }],
    ['godot-mcp-server', 'set_node_groups', 'write', { add: 'write', remove: 'write' }],
    ['comfyui-mcp', 'list_local_models', 'delete', { list: 'read', remove: 'delete' }],
    ['henkey-postgres-mcp-server', 'pg_manage_rls', 'delete', { get_policies: 'read', enable: 'write', drop_policy: 'delete' }],
    ['henkey-postgres-mcp-server', 'pg_manage_constraints', 'delete', { drop: 'delete' }],
    ['henkey-postgres-mcp-server', 'pg_manage_schema', 'delete', { get_info: 'read', create_table: 'write', alter_table: 'delete' }],
    ['henkey-postgres-mcp-server', 'pg_manage_query', 'execute', { get_stats: 'read', reset_stats: 'write', explain: 'execute' }],
    ['contextstream-mcp-server', 'session', 'write', { recall: 'read', remember: 'write', update_plan: 'write' }],
    ['datadog-mcp', 'logs_pipelines', 'delete', { reorder: 'write', delete: 'delete' }],
  ] as const)('%s %s is a %s, its actions judged one by one', (server, name, effect, actions) => {
    const c = classified(server, name);
    expect(c.effect).toBe(effect);
    for (const [value, e] of Object.entries(actions)) expect(effectOf(c, value), value).toBe(e);
  });

  test('a flag that runs the explained query makes explain run arbitrary input (henkey-postgres pg_manage_query)', () => {
    const c = classified('henkey-postgres-mcp-server', 'pg_manage_query');
    expect(c.risk).toBe('critical');
    expect(c.evidence.find((e) => e.signal === 'actions')?.detail).toMatch(/explain → execute \(arbitrary input\)/);
  });

  test('a parameter taking listed SQL command names is no code to run (henkey-postgres pg_manage_rls "command")', () => {
    const c = classified('henkey-postgres-mcp-server', 'pg_manage_rls');
    expect(c.evidence.some((e) => e.says === 'execute')).toBe(false);
  });

  test('reordering moves no money (datadog-mcp logs_indexes)', () => {
    const c = classified('datadog-mcp', 'logs_indexes');
    expect(c.actions!.items.find((i) => i.value === 'reorder')).toEqual({ value: 'reorder', effect: 'write', risk: 'medium' });
    expect(c.domains).not.toContain('financial');
  });

  // An "action" enum of kinds of change on a tool that reads a record of past events filters the events.
  test.each([
    ['flightbox-mcp-server', 'flightbox_objects'],
    ['flightbox-mcp-server', 'flightbox_object_timeline'],
  ] as const)('%s %s: the kinds of change filter what is read, the tool is a read', (server, name) => {
    const c = classified(server, name);
    expect(c.actions).toBeUndefined();
    expect(c.effect).toBe('read');
  });

  // An action that runs a query glossed as read-only ("runQuery=执行只读 SQL") only reads.
  test('a query action glossed as read-only is a read (cloudbase queryMysqlDatabase "runQuery")', () => {
    const c = classified('cloudbase-cloudbase-mcp', 'queryMysqlDatabase');
    expect(effectOf(c, 'runQuery')).toBe('read');
    expect(c.effect).toBe('read');
  });

  test('a statement action glossed for writes still runs its input (cloudbase manageMysqlDatabase "runStatement")', () => {
    expect(effectOf(classified('cloudbase-cloudbase-mcp', 'manageMysqlDatabase'), 'runStatement')).toBe('execute');
  });

  // A union of objects, each tagged by a constant ("type": "execute" | "introspect"), is a router too.
  test.each([
    ['mcp-fetch', 'graphql', 'execute', { execute: 'execute', introspect: 'read' }],
    ['mcp-fetch', 'socket', 'write', { list: 'read', send: 'write' }],
  ] as const)('%s %s: the tags of its union pick the action, the tool is a %s', (server, name, effect, some) => {
    const c = classified(server, name);
    expect(c.effect).toBe(effect);
    for (const [value, e] of Object.entries(some)) expect(effectOf(c, value)).toBe(e);
  });

  test('a flag deleting what only the target holds decides a sync whose modes write (fast-filesystem-mcp fast_sync_directories "delete_extra")', () => {
    const c = classified('fast-filesystem-mcp', 'fast_sync_directories');
    expect(c.actions?.param).toBe('sync_mode');
    expect(c.effect).toBe('delete');
  });

  test('a verb that runs, with words that name no class, runs what the tool is about (mcp-github-project-manager manage_workflows "trigger_dispatch")', () => {
    const c = classified('mcp-github-project-manager', 'manage_workflows');
    expect(effectOf(c, 'trigger_dispatch')).toBe('execute');
    expect(effectOf(c, 'cancel_run')).toBe('write');
    expect(c.effect).toBe('execute');
  });

  test('words of a class of their own keep the verb on them: testing a notification runs no monitor (datadog-mcp monitors "test_notification")', () => {
    const c = classified('datadog-mcp', 'monitors');
    expect(effectOf(c, 'test_notification')).not.toBe('execute');
    expect(c.effect).toBe('delete');
  });

  // A batch whose steps each name one of the server's own tools does what the worst of them does.
  test.each([
    ['aaronsb-jira-cloud-mcp', 'queue_jira_operations', 'operations', 'delete', { manage_jira_issue: 'delete', analyze_jira_issues: 'read' }],
    ['mobile', 'mobile_batch_commands', 'steps', 'delete', { mobile_list_apps: 'read', mobile_click_on_screen_at_coordinates: 'write' }],
  ] as const)('%s %s: the tools the steps of "%s" call are its actions, the tool is a %s', (server, name, param, effect, some) => {
    const c = classified(server, name);
    expect(c.actions?.param).toBe(param);
    // A step inside a list is no value a policy can match.
    expect(c.actions?.exact).toBe(false);
    expect(c.effect).toBe(effect);
    for (const [value, e] of Object.entries(some)) expect(effectOf(c, value)).toBe(e);
  });

  test('a list of tools it only plans, "without calling a provider", is no batch (felores-kie-ai-mcp-server prepare_media_generation)', () => {
    expect(classified('felores-kie-ai-mcp-server', 'prepare_media_generation').actions).toBeUndefined();
  });

  test('every router classification is valid', () => {
    for (const byName of servers.values()) for (const c of byName.values()) expect(ClassificationSchema.safeParse(c).success).toBe(true);
  });
});
