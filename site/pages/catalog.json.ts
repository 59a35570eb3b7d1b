import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { catalogIndex } from '../lib/data.ts';

// Compact JSON: at 100,000 tools the index is read by programs, not people.
export const GET: APIRoute = () =>
  new Response(JSON.stringify(catalogIndex(getCatalog())), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
