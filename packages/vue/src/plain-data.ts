// Props as plain data: Vue 3 reactive proxies and refs unwrapped, cycles cut, bounded in
// entries overall and in string length. Anything else (dates, elements, class instances) is
// left to the client's normalisation, which also cuts the copy to `normalizeDepth`.

const MAX_ENTRIES = 500;
const MAX_STRING = 1000;

/** A plain copy of `value`; never throws (a throwing getter gives `[Thrown]`). */
export function plainData(value: unknown): unknown {
  let budget = MAX_ENTRIES;
  // Reads parent[key] itself, so a throwing getter spoils only its own entry.
  const walk = (parent: any, key: PropertyKey, seen: unknown[]): unknown => {
    try {
      let v = parent[key];
      // reactive(), readonly() and shallow variants keep their target here.
      while (v && v.__v_raw) v = v.__v_raw;
      if (v && v.__v_isRef) return walk(v, 'value', seen);
      if (typeof v == 'string') return v.length > MAX_STRING ? v.slice(0, MAX_STRING) + '…' : v;
      if (!v || typeof v != 'object') return v;
      if (seen.includes(v)) return '[Circular ~]';
      // A component instance (Vue 2 vm or Vue 3 proxy): huge, and reading it makes Vue warn.
      if ('$options' in v) return '[VueViewModel]';
      const array = Array.isArray(v);
      const proto = Object.getPrototypeOf(v);
      if (!array && proto && proto != Object.prototype) return v;
      const out: any = array ? [] : {};
      for (const key of Object.keys(v)) {
        if (--budget < 0) {
          out[array ? out.length : '...'] = '[MaxProperties ~]';
          break;
        }
        out[key] = walk(v, key, [...seen, v]);
      }
      return out;
    } catch {
      return '[Thrown]';
    }
  };
  return walk([value], 0, []);
}
