import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { catalogIndex } from '../lib/data.ts';
import { escapeHiddenJson } from '../../src/reveal.ts';

// Compact JSON: at 100,000 tools the index is read by programs, not people. Hidden characters are
// \u escapes, so the file holds the same names and conceals nothing from whoever opens it.
export const GET: APIRoute = () =>
  new Response(escapeHiddenJson(JSON.stringify(catalogIndex(getCatalog()))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
