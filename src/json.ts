/**
 * Deterministic JSON. `sortedJson` sorts every object's keys (for hashing); `stableJson` keeps the
 * order objects already have — records are built in schema order, so files diff cleanly.
 */

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
