/**
 * Deterministic and bounded JSON. `sortedJson` sorts every object's keys (for hashing);
 * `stableJson` keeps the order objects already have — records are built in schema order, so files
 * diff cleanly; `boundJson` checks a third-party value against depth and size caps before it goes
 * into a record.
 *
 * Third-party JSON may be nested thousands of levels deep, and `JSON.stringify` recurses: past a
 * few thousand levels it throws `RangeError`. So the functions that take values nobody has checked
 * yet walk them with a stack of their own, never by recursion. Keys are read with `Object.keys`
 * and written as own properties, never by assignment: `out["__proto__"] = v` sets the prototype
 * instead of a key, and a parameter named `__proto__` would vanish from a hash or a record.
 */
import { wellFormed } from './text.ts';

/** The descriptor of an ordinary own property, as an assignment would make it. */
const OWN = (value: unknown): PropertyDescriptor => ({ value, enumerable: true, writable: true, configurable: true });

/** An object built from entries as own properties, so a `__proto__` key stays a key. */
export function ownCopy<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, OWN(value));
  return out;
}

/** How deep a third-party value may nest (objects and arrays) before it is refused. */
export const MAX_JSON_DEPTH = 64;

/** A piece of output text on the work stack, told apart from the values still to write. */
class Piece {
  // A plain field, not a parameter property: Node runs this file with its types stripped (the
  // `mcp-risk` command), and stripping cannot rewrite parameter properties.
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Whether `JSON.stringify` writes this value at all (it skips these in objects, nulls them in arrays). */
function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}

/**
 * Compact JSON with every object's keys sorted, `__proto__` included: the canonical text of a
 * value, so equal values hash equal whatever order their keys came in.
 */
export function sortedJson(value: unknown): string {
  let out = '';
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Piece) {
      out += item.text;
    } else if (Array.isArray(item)) {
      // Pushed in reverse, so they come off the stack as "[", item 0, ",", item 1, …, "]".
      stack.push(new Piece(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(isWritten(item[i]) ? item[i] : null);
        if (i > 0) stack.push(new Piece(','));
      }
      stack.push(new Piece('['));
    } else if (isContainer(item)) {
      const object = item as Record<string, unknown>;
      const keys = Object.keys(object)
        .filter((k) => isWritten(object[k]))
        .sort();
      stack.push(new Piece('}'));
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(object[keys[i]!]);
        stack.push(new Piece(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`));
      }
      stack.push(new Piece('{'));
    } else {
      out += JSON.stringify(item) ?? 'null';
    }
  }
  return out;
}

/**
 * A copy of a value with every object's keys sorted, built as own properties (a `__proto__` key
 * stays a key) and without recursion.
 */
export function sortKeysDeep(value: unknown): unknown {
  const root: { value: unknown } = { value };
  const stack: { source: unknown; put: (copy: unknown) => void }[] = [{ source: value, put: (c) => (root.value = c) }];
  while (stack.length > 0) {
    const { source, put } = stack.pop()!;
    if (Array.isArray(source)) {
      const copy = new Array<unknown>(source.length);
      source.forEach((item, i) => stack.push({ source: item, put: (c) => (copy[i] = c) }));
      put(copy);
    } else if (isContainer(source)) {
      const copy: Record<string, unknown> = {};
      const keys = Object.keys(source).sort();
      // Defined in sorted order first, filled in as the stack reaches each value.
      for (const key of keys) Object.defineProperty(copy, key, OWN(undefined));
      for (const key of keys) stack.push({ source: (source as Record<string, unknown>)[key], put: (c) => (copy[key] = c) });
      put(copy);
    } else {
      put(source);
    }
  }
  return root.value;
}

/** Pretty JSON (two spaces) ending in a newline. Only for values already bounded by `boundJson` or built by us. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The brackets and layout of a container of `members` written by `stableJson` with its closing
 * bracket at `indent` spaces: "[", per member a newline, two more spaces of indentation and a
 * comma (one fewer), then a newline, the indentation and "]".
 */
function containerBytes(members: number, indent: number): number {
  return members === 0 ? 2 : 2 + members * (indent + 4) - 1 + 1 + indent;
}

/** Whether a value nests no deeper than `maxDepth` levels of objects and arrays (walked without recursion). */
export function depthWithin(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (!isContainer(item)) continue;
    if (depth + 1 > maxDepth) return false;
    for (const child of Object.values(item)) if (isContainer(child)) stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}

/**
 * The length of `JSON.stringify(value)`, counted without recursion; the count stops early, with a
 * result above `stopAt`, once it passes `stopAt`.
 */
export function compactBytes(value: unknown, stopAt = Infinity): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && bytes <= stopAt) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      bytes += 2 + Math.max(0, item.length - 1);
      for (const child of item) stack.push(isWritten(child) ? child : null);
    } else if (isContainer(item)) {
      const keys = Object.keys(item).filter((k) => isWritten((item as Record<string, unknown>)[k]));
      bytes += 2 + Math.max(0, keys.length - 1);
      for (const key of keys) {
        bytes += JSON.stringify(key).length + 1;
        stack.push((item as Record<string, unknown>)[key]);
      }
    } else {
      bytes += (JSON.stringify(item) ?? 'null').length;
    }
  }
  return bytes;
}

export type JsonCaps = {
  /** Levels of objects and arrays allowed; `MAX_JSON_DEPTH` by default. */
  maxDepth?: number;
  /** Bytes the value may take as `stableJson` writes it, at the indentation level `level`. */
  maxBytes: number;
  /** How many levels deep the value sits in the file it is written to (a tool's schema: 3). */
  level?: number;
};

export type Bounded = { ok: true; value: unknown; bytes: number } | { ok: false; reason: string };

/**
 * A copy of a third-party JSON value with every string (keys too) made well-formed, or the reason
 * it is refused: nested deeper than `maxDepth`, or larger than `maxBytes` once written. The size
 * counted is that of the pretty-printed file: indentation grows with depth, so a deep schema of a
 * few kilobytes can take megabytes once written, and that is what the cap is for. The walk stops
 * as soon as a cap is passed, so its cost is bounded by the caps, not by the value.
 */
export function boundJson(value: unknown, caps: JsonCaps): Bounded {
  const maxDepth = caps.maxDepth ?? MAX_JSON_DEPTH;
  const level = caps.level ?? 0;
  let bytes = 0;
  const root: { value: unknown } = { value: null };
  // Each entry: a source value, its depth (1 for the outermost container) and where its copy goes.
  const stack: { source: unknown; depth: number; put: (copy: unknown) => void }[] = [{ source: value, depth: 0, put: (c) => (root.value = c) }];
  while (stack.length > 0) {
    const { source, depth, put } = stack.pop()!;
    if (!isContainer(source)) {
      const scalar = typeof source === 'string' ? wellFormed(source) : isWritten(source) ? source : null;
      bytes += (JSON.stringify(scalar) ?? 'null').length;
      put(scalar);
    } else {
      if (depth + 1 > maxDepth) return { ok: false, reason: `nested deeper than ${maxDepth} levels` };
      const indent = 2 * (level + depth);
      if (Array.isArray(source)) {
        const copy: unknown[] = new Array<unknown>(source.length);
        bytes += containerBytes(source.length, indent);
        for (let i = source.length - 1; i >= 0; i--) stack.push({ source: source[i], depth: depth + 1, put: (c) => (copy[i] = c) });
        put(copy);
      } else {
        const copy: Record<string, unknown> = {};
        const keys = Object.keys(source).filter((k) => isWritten(source[k]));
        bytes += containerBytes(keys.length, indent);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = wellFormed(keys[i]!);
          bytes += JSON.stringify(key).length + 2;
          stack.push({ source: source[keys[i]!], depth: depth + 1, put: (c) => void Object.defineProperty(copy, key, OWN(c)) });
        }
        put(copy);
      }
    }
    if (bytes > caps.maxBytes) return { ok: false, reason: `over ${caps.maxBytes} bytes` };
  }
  return { ok: true, value: root.value, bytes };
}
