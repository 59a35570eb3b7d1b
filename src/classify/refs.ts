/**
 * The top-level parameters of an input schema, read the way JSON Schema 2020-12 means them: a
 * local `$ref` (`#/$defs/Name`, `#/definitions/Name`, `#anchor`) at the root or on a property is
 * resolved within the same document, and the properties of `allOf`, `anyOf` and `oneOf` branches
 * count too (a tool taking "an id or a name" takes both parameters). Schemas are untrusted: every
 * chain of references is followed at most MAX_HOPS steps and never twice through the same
 * reference, so a cycle or a long chain ends; references to other documents are left unresolved.
 */

/** References followed in one chain before giving up. */
export const MAX_HOPS = 16;
/** Composition branches read for properties. */
const MAX_BRANCHES = 16;
/** Subschemas searched for a plain-name `$anchor`. */
const MAX_ANCHOR_SCAN = 1_000;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decodes one JSON Pointer segment (`~1` is `/`, `~0` is `~`, after percent-decoding). */
function segment(raw: string): string {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: the segment as written.
  }
  return text.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The target of one local reference within `root`, or undefined. */
function target(root: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const fragment = ref.slice(1);
  if (fragment === '') return root;
  if (!fragment.startsWith('/')) {
    // A plain-name fragment: the subschema of $defs or definitions that declares it as its $anchor.
    for (const key of ['$defs', 'definitions']) {
      const defs = root[key];
      if (!isObject(defs)) continue;
      for (const name of Object.keys(defs).slice(0, MAX_ANCHOR_SCAN)) {
        const def = defs[name];
        if (isObject(def) && def['$anchor'] === fragment) return def;
      }
    }
    return undefined;
  }
  let node: unknown = root;
  for (const part of fragment.slice(1).split('/')) {
    const key = segment(part);
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * `node` with its local `$ref` chain resolved within `root`: the referenced schema, with the
 * keywords written beside the reference (a description at the use site) taking precedence.
 * A reference that cannot be resolved leaves the node as it is.
 */
export function resolveRef(root: Json, node: unknown): unknown {
  if (!isObject(node) || typeof node['$ref'] !== 'string') return node;
  const seen = new Set<string>();
  let current: Json = node;
  let merged: Json = {};
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const ref = current['$ref'];
    if (typeof ref !== 'string' || seen.has(ref)) break;
    seen.add(ref);
    const { $ref: _ref, ...siblings } = current;
    merged = { ...siblings, ...merged };
    const next = target(root, ref);
    if (!isObject(next)) return node;
    current = next;
  }
  const { $ref: _last, ...rest } = current;
  return { ...rest, ...merged };
}

/** The properties of the items of an array schema ({ "type": "array", "items": { "properties": … } }), if it has them. */
export function itemProperties(spec: unknown): Record<string, unknown> | undefined {
  if (!isObject(spec) || spec['type'] !== 'array' || !isObject(spec['items'])) return undefined;
  const props = spec['items']['properties'];
  return isObject(props) ? props : undefined;
}

/**
 * The parameters of an input schema: name and (resolved) schema, in order, the root's own
 * properties first, then those of its composition branches; a name is kept once. At most `max`.
 */
export function schemaProperties(schema: unknown, max: number): [string, unknown][] {
  if (!isObject(schema)) return [];
  const root = resolveRef(schema, schema);
  if (!isObject(root)) return [];
  const out: [string, unknown][] = [];
  const seen = new Set<string>();
  const read = (node: unknown) => {
    const props = isObject(node) ? node['properties'] : undefined;
    if (!isObject(props)) return;
    for (const key of Object.keys(props)) {
      if (out.length >= max) return;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([key, resolveRef(schema, props[key])]);
    }
  };
  read(root);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const branches = root[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches.slice(0, MAX_BRANCHES)) read(resolveRef(schema, branch));
  }
  return out;
}
