// Events are parsed JSON: plain objects, arrays and primitives. Copying those by hand is several
// times faster than structuredClone, which serialises and deserialises through V8's value format.

/** Nesting below this (or a cycle, which JSON cannot hold) is left to structuredClone. */
const MAX_DEPTH = 32;

/** A deep copy of JSON-shaped data; anything else (a Date, a Map, a cycle) is structuredClone'd. */
export function deepCopy<T>(value: T): T {
  return copy(value, 0) as T;
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key], depth + 1);
  return out;
}
