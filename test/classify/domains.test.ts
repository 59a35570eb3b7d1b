import { describe, expect, test } from 'vitest';
import { classifyServer, classifyTool } from '../../src/classify/index.ts';
import { tool } from './helpers.ts';

const one = (name: string, description = '', properties?: Record<string, unknown>) => {
  const t = tool(name, description, properties);
  return classifyTool(t, { slug: 'demo', name: 'Demo', tools: [t] });
};

describe('domains signal', () => {
  // name, description, a domain it must carry
  test.each([
    ['create_refund', 'Process a refund for a captured payment', 'financial'],
    ['send_message', 'Send an SMS message', 'messaging'],
    ['list_users', 'List users', 'identity'],
    ['get_connection_string', 'Return database connection details', 'secrets'],
    ['get_pods', 'Get all pods in the namespace', 'infrastructure'],
    ['describe_table', 'Get the schema of a table', 'data'],
    ['create_merge_request', 'Creates a merge request in a repository', 'code'],
    ['browser_click', 'Click an element on the page', 'browser'],
    ['list_contacts', 'List contacts', 'personal'],
  ])('%s is in %s', (name, description, domain) => {
    expect(one(name, description).domains).toContain(domain);
  });

  test('a tool that names no domain inherits the server\'s', () => {
    const tools = ['list_invoices', 'create_invoice', 'list_payments', 'get_balance', 'list_coupons', 'search_things'].map((n) => tool(n, ''));
    const r = classifyServer({ slug: 'pay', name: 'Pay', tools });
    expect(r.domains).toContain('financial');
    expect(r.tools[5]!.domains).toEqual(['financial']);
  });

  test('the credentials a server needs to start do not make it a secrets server', () => {
    const t = tool('list_pages', 'List pages');
    const r = classifyServer({ slug: 'site', name: 'Site', about: 'Needs an API key and credentials to start.', tools: [t] });
    expect(r.domains).not.toContain('secrets');
  });

  // name, expected risk: the domain nouns set the stakes
  test.each([
    ['get_api_key', 'high'],
    ['list_customers', 'medium'],
    ['list_console_messages', 'low'],
    ['list_email_templates', 'low'],
    ['get_alarm_history', 'low'],
    ['get_channel_history', 'medium'],
    ['list_prices', 'low'],
  ])('reading %s is %s risk', (name, risk) => {
    const c = one(name, '');
    expect(c.effect).toBe('read');
    expect(c.risk).toBe(risk);
  });

  test('sensitive reads are flagged', () => {
    expect(one('get_api_key', 'Returns the API key').flags).toContain('sensitive-data');
    expect(one('list_projects', 'Lists projects').flags).not.toContain('sensitive-data');
  });

  test('deleting a whole workspace is critical, a task only high', () => {
    expect(one('delete_workspace', 'Delete a workspace').risk).toBe('critical');
    expect(one('delete_project', 'Remove a project and its resources').risk).toBe('critical');
    expect(one('delete_task', 'Delete a task').risk).toBe('high');
  });
});
