/**
 * A small YAML writer for the policy exports: block mappings and sequences of strings, numbers and
 * booleans. The site writes an Intercept YAML document on every tool page, and a general YAML
 * library spent a fifth of a page's render time on it. A string is written plain only when it
 * cannot be read as anything else (a number, a boolean, null, a key, a comment, an anchor, …);
 * every other string is written double-quoted, as a JSON string with every character YAML does not
 * allow raw (DEL, C1 controls, noncharacters, a byte order mark inside the document, line and
 * paragraph separators) and every hidden character written as an escape. Tests check that the
 * output parses back to the input, hostile names included.
 */
import { replaceHidden } from '../reveal.ts';

export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };

/** Letters, digits and a few inner punctuation marks, starting with a letter or underscore and not ending in a space. */
const PLAIN = /^[A-Za-z_](?:[A-Za-z0-9_ ./()-]*[A-Za-z0-9_./()-])?$/;
/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/** A YAML escape for one character: \uXXXX in the Basic Plane, \UXXXXXXXX above it. */
function yamlEscape(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * A JSON string is a double-quoted YAML scalar once the characters YAML forbids raw are escaped:
 * JSON.stringify escapes C0 controls and lone surrogates, and every other hidden character (DEL,
 * C1 controls, a byte order mark, line and paragraph separators, noncharacters, tags) gets a YAML
 * escape, which also keeps it visible to whoever reads the file.
 */
function doubleQuoted(s: string): string {
  return replaceHidden(JSON.stringify(s), 'text', yamlEscape);
}

function scalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : doubleQuoted(s);
}

function atom(v: Exclude<Value, readonly Value[] | { readonly [key: string]: Value }>): string {
  if (typeof v === 'string') return scalar(v);
  if (v === null) return 'null';
  return String(v);
}

const isList = (v: Value): v is readonly Value[] => Array.isArray(v);
const isMap = (v: Value): v is { readonly [key: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);

function block(v: Value, indent: string): string[] {
  if (isList(v)) {
    if (!v.length) return ['[]'];
    return v.flatMap((item) => {
      const lines = isList(item) || isMap(item) ? block(item, `${indent}  `) : [atom(item)];
      if ((isList(item) && item.length) || (isMap(item) && Object.keys(item).length)) {
        const [first, ...rest] = lines;
        return [`${indent}- ${first!.slice(indent.length + 2)}`, ...rest];
      }
      return [`${indent}- ${lines[0]}`];
    });
  }
  if (isMap(v)) {
    const entries = Object.entries(v);
    if (!entries.length) return ['{}'];
    return entries.flatMap(([key, item]) => {
      const k = scalar(key);
      if ((isList(item) && item.length) || (isMap(item) && Object.keys(item).length)) {
        // Sequences under a key sit at the key's indent, as YAML libraries write them.
        return [`${indent}${k}:`, ...block(item, isList(item) ? indent : `${indent}  `)];
      }
      const inline = isList(item) ? '[]' : isMap(item) ? '{}' : atom(item);
      return [`${indent}${k}: ${inline}`];
    });
  }
  return [atom(v)];
}

/** A YAML document for a JSON-like value, ending with a newline. */
export function toYaml(value: Value): string {
  return `${block(value, '').join('\n')}\n`;
}
