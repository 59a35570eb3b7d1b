import type { APIRoute, GetStaticPaths } from 'astro';
import { stableJson } from '../../../src/policy/export.ts';
import type { ServerRecord } from '../../../src/schema.ts';
import { pageServers } from '../../lib/catalog.ts';

export const getStaticPaths = (() =>
  pageServers().map(({ record }) => ({ params: { server: record.slug }, props: { record } }))) satisfies GetStaticPaths;

/** The server's record as validated: the same shape as catalog/servers/<slug>.json. */
export const GET: APIRoute<{ record: ServerRecord }> = ({ props }) =>
  new Response(stableJson(props.record), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
