import { describe, expect, test } from 'vitest';
import { nameVerbSignal, parseName } from '../../src/classify/signals/name-verb.ts';
import { prepared } from './helpers.ts';

describe('name verb signal', () => {
  // name, server, effect said, word that spoke, how it was read
  test.each([
    ['list_flows_with_triggers', 'kestra', 'read', 'list', 'verb'],
    ['delete_flow_logs', 'kestra', 'delete', 'delete', 'verb'],
    ['execute_flow', 'kestra', 'execute', 'execute', 'verb'],
    ['asana_create_task', 'asana', 'write', 'create', 'verb'],
    ['github_merge_pull_request', 'github', 'write', 'merge', 'verb'],
    ['getConsoleLogs', 'browsertools', 'read', 'get', 'verb'],
    ['qdrant-store', 'qdrant', 'write', 'store', 'verb'],
    ['cancel_subscription', 'billing', 'delete', 'cancel', 'verb'],
    ['cancel_query', 'logs', 'write', 'cancel', 'verb'],
    ['run_query', 'db', 'read', 'run', 'verb'],
    ['run_script', 'shell', 'execute', 'run', 'verb'],
    ['execute_sql', 'db', 'execute', 'execute', 'verb'],
    ['runNextJSAudit', 'browsertools', 'read', 'run', 'verb'],
    ['run_chdb_select_query', 'clickhouse', 'read', 'run', 'verb'],
    ['invoke_lambda', 'aws', 'execute', 'invoke', 'verb'],
    ['tf_apply', 'aws', 'execute', 'apply', 'verb'],
    ['performance_start_trace', 'devtools', 'read', 'start', 'verb'],
    ['take_screenshot', 'devtools', 'read', 'take', 'verb'],
    ['create_execution', 'studio', 'execute', 'create', 'verb'],
    ['generate_deeplinks', 'grafana', 'read', 'generate', 'verb'],
    ['confirm_delete_application', 'okta', 'delete', 'delete', 'verb'],
    ['comment_list', 'tracker', 'read', 'list', 'verb'],
    ['git_log', 'git', 'read', 'log', 'noun'],
    ['lighthouse_audit', 'devtools', 'read', 'audit', 'noun'],
    ['docs_query', 'docs', 'read', 'query', 'noun'],
    ['ReferencedAssembliesExplorer', 'dotnet', 'read', 'explorer', 'agent'],
    ['rpc_chain_info', 'chain', 'read', 'info', 'read-noun'],
  ])('%s (server %s) says %s from "%s" read as %s', (name, server, effect, word, as) => {
    const t = prepared(name, '', undefined, server);
    const parse = parseName(t);
    expect(parse.word).toBe(word);
    expect(parse.as).toBe(as);
    const [finding] = nameVerbSignal(t, parse);
    expect(finding?.says).toBe(effect);
    expect(finding?.signal).toBe('name-verb');
  });

  test.each(['cognify', 'zz_qq', 'browser'])('says nothing for %s, which holds no verb or known noun', (name) => {
    const t = prepared(name);
    expect(parseName(t).resolved).toBeNull();
    expect(nameVerbSignal(t)).toEqual([]);
  });

  test.each([
    ['weather', 'read-noun'],
    ['flow_logs', 'noun'],
    ['system_status', 'read-noun'],
  ])('reads the noun-only name %s as a weak read', (name, as) => {
    const t = prepared(name);
    const parse = parseName(t);
    expect(parse.as).toBe(as);
    const [f] = nameVerbSignal(t, parse);
    expect(f?.says).toBe('read');
    expect(f!.weight).toBeLessThan(0.5);
  });

  test('treats a plain query as SQL when SQL is named elsewhere', () => {
    const t = prepared('run_query', 'Run a query', { sql: { type: 'string', description: 'SQL to execute' } });
    expect(nameVerbSignal(t)[0]?.says).toBe('execute');
  });

  test('names the verb and the tool in its evidence', () => {
    expect(nameVerbSignal(prepared('delete_flow_logs'))[0]?.detail).toBe('name verb "delete" (from "delete_flow_logs"): removes data');
  });

  test('keeps evidence short when the name is long', () => {
    const [f] = nameVerbSignal(prepared(`get_${'x'.repeat(200)}`));
    expect(f!.detail.length).toBeLessThan(120);
  });
});
