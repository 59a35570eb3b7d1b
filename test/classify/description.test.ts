import { describe, expect, test } from 'vitest';
import { descriptionSignal, leadVerb } from '../../src/classify/signals/description.ts';
import { parseName } from '../../src/classify/signals/name-verb.ts';
import { prepared } from './helpers.ts';

const says = (name: string, description: string) => {
  const t = prepared(name, description);
  return descriptionSignal(t, parseName(t));
};

describe('description signal', () => {
  // description, the effect its opening says, the verb that spoke
  test.each([
    ['Returns the list of flows in a namespace.', 'read', 'returns'],
    ['Lists all open pages', 'read', 'lists'],
    ['Retrieves detailed information about a job.', 'read', 'retrieves'],
    ['Use this tool to get the current weather.', 'read', 'get'],
    ['A tool that fetches content from a URL.', 'read', 'fetches'],
    ['Creates a new customer.', 'write', 'creates'],
    ['Deletes logs for all executions of a flow.', 'delete', 'deletes'],
    ['Permanently removes the custom domain.', 'delete', 'removes'],
    ['Execute SQL queries on the cluster', 'execute', 'execute'],
    ['Execute a SELECT query on the database', 'read', 'execute'],
    ['Execute read-only SQL queries against S3 Tables', 'read', 'execute'],
    ['Run CloudWatch Logs Insights queries', 'read', 'run'],
    ['Start a flow execution for a given namespace', 'execute', 'start'],
    ['Trigger a Studio flow execution', 'execute', 'trigger'],
    ['Read/create/update/delete Kubernetes resources', 'delete', 'delete'],
    ['Download and import a Polyhaven asset', 'write', 'import'],
    ['Fetch and convert a documentation page into markdown', 'read', 'fetch'],
    ['Shows changes staged for the next commit', 'read', 'shows'],
    ['Generate a bar chart from data', 'read', 'generate'],
    ['Generate sound effects from text descriptions', 'write', 'generate'],
  ])('%j opens with a %s', (description, effect, word) => {
    const lead = leadVerb(prepared('x', description));
    expect(lead?.word).toBe(word);
    expect(lead?.resolved.reading.effect).toBe(effect);
  });

  test('flags a missing description', () => {
    expect(says('get_thing', '')).toEqual([expect.objectContaining({ says: 'flag', flag: 'no-description' })]);
  });

  test.each([
    ['Lists runs. This tool is read-only.', 'read'],
    ['Updates the record. Does not modify any other records.', 'read'],
    ['Removes the item. This cannot be undone.', 'delete'],
    ['Runs arbitrary Python code in the host process.', 'execute'],
  ])('hears the phrase in %j', (description, effect) => {
    const phrases = says('x_thing', description).filter((f) => f.detail.startsWith('description says'));
    expect(phrases.map((f) => f.says)).toContain(effect);
  });

  test('reads a noun-led first sentence only for read verbs', () => {
    expect(says('x', 'Real-time web search with structured results')[0]).toMatchObject({ says: 'read' });
    expect(says('x', 'Interactive data modeling with design patterns')).toEqual([]);
  });

  test('an umbrella tool that lists a delete action can delete', () => {
    const found = says('manage_group', "Manage a group by action. The action must be one of 'create', 'get', 'update', or 'delete'.");
    expect(found).toContainEqual(expect.objectContaining({ says: 'delete', detail: 'description lists a "delete" action among what the tool can do' }));
  });

  test('trusts the description to say what an objectless name verb acts on', () => {
    const [f] = says('git_fetch', 'Fetch updates from a remote repository.');
    expect(f).toMatchObject({ says: 'write', weight: 0.8 });
  });

  test('a description that hands back guidance reads', () => {
    const found = says('create_component', 'The tool provides expert-level guidance for implementing a component.');
    expect(found).toContainEqual(expect.objectContaining({ says: 'read', weight: 0.65 }));
  });
});
