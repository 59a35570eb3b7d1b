/**
 * Every string of a tool that a model reads, with where it stands. Clients hand the model the
 * whole tool: name, title, description, `annotations.title`, and the input and output schemas as
 * JSON — so a parameter's name, description, title, enum values, default, examples and const, and
 * any other text a schema carries, reach the model as surely as the description does. The
 * poisoning and hidden-character signals read this list, so neither looks at the description
 * alone.
 *
 * Schemas are untrusted JSON of any shape and depth: they are walked with an explicit queue, not
 * recursion, in breadth-first order (top-level parameters first), and the walk stops at caps on
 * depth, nodes and characters. A cut walk says so (`cut`), and the signals report it.
 */
import type { RawTool } from '../schema.ts';
import { escapeHiddenChar } from '../reveal.ts';

export type VisibleText = {
  text: string;
  /**
   * An identifier or a fixed value (a name, a parameter name, an enum or const value): no place
   * for layout, so even a zero-width character or a line break there hides something.
   */
  bare: boolean;
  /** Where it stands: the tool itself, or a schema, with a path into it (see `whereOf`). */
  side: 'tool' | 'input' | 'output';
  /** The parameter's dotted path ("options.mode", "files[]"), empty for the schema itself. */
  path: string;
  /** What the text is there: "name", "description", "enum value", "`x-note`" … */
  part: string;
};

/** Caps on the walk, whatever a server sends: beyond them the rest of a schema is not read. */
export const VISIBLE_CAPS = { depth: 24, nodes: 4_000, texts: 2_000, chars: 400_000 };

/** Keywords whose value is one subschema or a list of them. */
const SUBSCHEMA = new Set([
  'items', 'additionalItems', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'contains', 'propertyNames',
  'not', 'if', 'then', 'else', 'anyOf', 'oneOf', 'allOf', 'prefixItems',
]);
const LIST_SUBSCHEMA = new Set(['items', 'additionalItems', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const NAMED_SUBSCHEMAS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords that hold values for the model to use: every string in them is read. */
const VALUES = new Map([['enum', 'enum value'], ['const', 'const'], ['default', 'default'], ['examples', 'example']]);
/** Keywords that hold only schema machinery or repeat names read elsewhere. */
const SKIP = new Set(['type', '$schema', '$ref', '$id', '$anchor', 'format', 'required']);

type Walk = { texts: VisibleText[]; chars: number; cut: boolean };

/** A schema node to read, or a plain JSON value whose strings are read (`part` says which). */
type Item = { value: unknown; depth: number; schema: boolean; path: string; side: 'input' | 'output'; part: string };

export function visibleTexts(tool: RawTool): { texts: VisibleText[]; cut: boolean } {
  const walk: Walk = { texts: [], chars: 0, cut: false };
  add(walk, tool.name, true, 'tool', '', 'name');
  if (typeof tool.title === 'string') add(walk, tool.title, false, 'tool', '', 'title');
  if (typeof tool.description === 'string') add(walk, tool.description, false, 'tool', '', 'description');
  const annotationsTitle = tool.annotations?.title;
  if (typeof annotationsTitle === 'string') add(walk, annotationsTitle, false, 'tool', '', 'annotations.title');
  const queue: Item[] = [{ value: tool.inputSchema, depth: 0, schema: true, path: '', side: 'input', part: '' }];
  if (tool.outputSchema !== undefined) queue.push({ value: tool.outputSchema, depth: 0, schema: true, path: '', side: 'output', part: '' });
  let nodes = 0;
  for (let head = 0; head < queue.length && !walk.cut; head++) {
    const item = queue[head]!;
    if (++nodes > VISIBLE_CAPS.nodes || item.depth > VISIBLE_CAPS.depth) {
      walk.cut = true;
      break;
    }
    if (item.schema) readSchema(walk, queue, item);
    else readValue(walk, queue, item);
  }
  return walk;
}

/** Where a text stands, in words for an evidence sentence: "parameter `path` description". */
export function whereOf(t: Pick<VisibleText, 'side' | 'path' | 'part'>): string {
  if (t.side === 'tool') return t.part;
  const at = t.path === '' ? `${t.side} schema` : `${t.side === 'input' ? 'parameter' : 'output schema field'} \`${shownName(t.path)}\``;
  if (t.part === 'name' || t.part === 'description' || t.part === 'title') return `${at} ${t.part}`;
  if (VALUE_PARTS.has(t.part) && t.path !== '') return `${t.part} of \`${shownName(t.path)}\``;
  return `${t.part} in the ${at}`;
}

const VALUE_PARTS = new Set([...VALUES.values(), ...[...VALUES.values()].map((v) => `${v} key`)]);

function add(walk: Walk, text: string, bare: boolean, side: VisibleText['side'], path: string, part: string): void {
  if (text === '') return;
  if (walk.texts.length >= VISIBLE_CAPS.texts || walk.chars + text.length > VISIBLE_CAPS.chars) {
    walk.cut = true;
    return;
  }
  walk.chars += text.length;
  walk.texts.push({ text, bare, side, path, part });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A third-party name inside our own sentence: capped, backticks turned, invisible characters escaped. */
function shownName(name: string): string {
  if (/^[\w.\-[\]]{1,48}$/.test(name)) return name;
  const points = Array.from(name.replace(/`/g, "'").replace(/[\p{Cc}\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]|\p{Cs}/gu, escapeHiddenChar));
  return points.length > 48 ? `${points.slice(0, 47).join('')}…` : points.join('');
}

function readSchema(walk: Walk, queue: Item[], item: Item): void {
  const { value: schema, path, side } = item;
  const depth = item.depth + 1;
  if (Array.isArray(schema)) {
    for (const s of schema) if (s !== null && typeof s === 'object') queue.push({ value: s, depth, schema: true, path, side, part: '' });
    return;
  }
  if (!isObject(schema)) return;
  for (const key in schema) {
    if (!Object.hasOwn(schema, key)) continue;
    const v = schema[key];
    if (typeof v === 'string') {
      // Descriptions, titles, and anything else a schema says (`x-` extensions, `$comment`, a
      // pattern): the model reads the schema whole.
      if (key === 'description' || key === 'title') add(walk, v, false, side, path, key);
      else if (VALUES.has(key)) add(walk, v, key === 'const', side, path, VALUES.get(key)!);
      else if (!SKIP.has(key)) add(walk, v, false, side, path, `\`${shownName(key)}\``);
    } else if (v === null || typeof v !== 'object') {
      continue;
    } else if (NAMED_SUBSCHEMAS.has(key)) {
      if (Array.isArray(v)) continue;
      const named = key === 'properties';
      for (const name in v) {
        if (!Object.hasOwn(v, name)) continue;
        const child = named ? (path ? `${path}.${name}` : name) : path;
        add(walk, name, true, side, child, named ? 'name' : `\`${key}\` name`);
        queue.push({ value: (v as Record<string, unknown>)[name], depth, schema: true, path: child, side, part: '' });
      }
    } else if (SUBSCHEMA.has(key)) {
      const child = path !== '' && LIST_SUBSCHEMA.has(key) ? `${path}[]` : path;
      queue.push({ value: v, depth, schema: true, path: child, side, part: '' });
    } else if (!SKIP.has(key)) {
      queue.push({ value: v, depth, schema: false, path, side, part: VALUES.get(key) ?? `\`${shownName(key)}\`` });
    }
  }
}

/** Strings and keys of a plain JSON value (an enum list, a default object, an extension). */
function readValue(walk: Walk, queue: Item[], item: Item): void {
  const { value, path, side, part } = item;
  const depth = item.depth + 1;
  const bare = part === 'enum value' || part === 'const';
  if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v === 'string') add(walk, v, bare, side, path, part);
      else if (v !== null && typeof v === 'object') queue.push({ value: v, depth, schema: false, path, side, part });
    }
  } else if (isObject(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      add(walk, key, true, side, path, `${part} key`);
      const v = value[key];
      if (typeof v === 'string') add(walk, v, bare, side, path, part);
      else if (v !== null && typeof v === 'object') queue.push({ value: v, depth, schema: false, path, side, part });
    }
  }
}
