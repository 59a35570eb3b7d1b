import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { shown } from '../lib/view.ts';

/** Every server as [slug, name], by name: the search page's server field suggests from it. */
export const GET: APIRoute = () => {
  const servers = getCatalog()
    .servers.map(({ record }) => [record.slug, shown(record.name, 80)] as const)
    .sort((a, b) => a[1].localeCompare(b[1]));
  return new Response(JSON.stringify(servers), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
