import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { loadScanCatalog } from '../../src/scan/files.ts';
import { escapeHiddenJson } from '../../src/reveal.ts';

// The catalog the `/scan/` page (and `mcp-risk scan --catalog-url`) matches configs against: what
// identifies each server and what a permission needs of each tool. Compact, hidden characters as
// \u escapes, like /catalog.json.
export const GET: APIRoute = () =>
  new Response(escapeHiddenJson(JSON.stringify(loadScanCatalog(getCatalog().serversDir))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
