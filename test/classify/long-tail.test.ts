/**
 * The long tail: classes of tools the lexicons used to misread, each fixed as a general rule and
 * checked here on real tools of catalogued servers (quoted as the servers list them, trimmed to
 * what decides).
 */
import { describe, expect, test } from 'vitest';
import { classifyServer } from '../../src/classify/index.ts';
import type { Classification } from '../../src/schema.ts';
import type { Effect } from '../../src/taxonomy.ts';
import { tool } from './helpers.ts';

type Case = [server: string, name: string, description: string, properties: Record<string, unknown> | undefined, effect: Effect];

function classify(server: string, name: string, description: string, properties?: Record<string, unknown>): Classification {
  return classifyServer({ slug: server, name: server, tools: [tool(name, description, properties)] }).tools[0]!;
}

const str = (description: string) => ({ type: 'string', description });

describe('verbs read as nouns, and nouns read as verbs', () => {
  test.each<Case>([
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
    ['kestra', 'force_run_execution', 'Force run an execution only if it is in CREATED, PAUSED, or QUEUED state.', { execution_id: str('The execution') }, 'execute'],
    ['boondmanager-mcp-server', 'boond_purchases_delete', "Supprime définitivement un(e) achat de BoondManager.", undefined, 'delete'],
  ])('%s/%s is a %s', (server, name, description, properties, effect) => {
    expect(classify(server, name, description, properties).effect).toBe(effect);
  });

  test('the name speaks through the real verb, not the noun before it', () => {
    const c = classify('casys-mcp-erpnext', 'erpnext_purchase_order_list', 'List Purchase Orders.');
    expect(c.evidence.find((e) => e.signal === 'name-verb')?.detail).toBe('name verb "list" (from "erpnext_purchase_order_list"): lists');
  });
});
