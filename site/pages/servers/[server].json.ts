import type { APIRoute, GetStaticPaths } from 'astro';
import { exportJson } from '../../../src/policy/export.ts';
import type { ServerRecord } from '../../../src/schema.ts';
import { pageServers } from '../../lib/catalog.ts';

export const getStaticPaths = (() =>
  pageServers().map(({ record }) => ({ params: { server: record.slug }, props: { record } }))) satisfies GetStaticPaths;

/** The server's record as validated: the same value as catalog/servers/<slug>.json, hidden characters as \u escapes. */
export const GET: APIRoute<{ record: ServerRecord }> = ({ props }) =>
  new Response(exportJson(props.record), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
