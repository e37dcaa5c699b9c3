import { TraceMap } from '@jridgewell/trace-mapping';

export interface ParsedMap {
  map: TraceMap;
  /** Source text split into lines, per source index, made on first use. */
  lines(sourceIndex: number): string[] | undefined;
}

export interface MinifiedFile {
  lines: string[];
  /** Original function names already looked up, by `line:column:name`. */
  names: Map<string, string | undefined>;
}

/**
 * Parsed source maps and split minified files by content key, least recently used evicted once
 * the text they came from passes `maxBytes`: one parse serves every frame of every event of a release.
 */
export function createSourceMapCache({ maxBytes = 64 * 1024 * 1024 }: { maxBytes?: number } = {}) {
  const entries = new Map<string, { value: unknown; bytes: number }>();
  let size = 0;

  function get<T>(key: string, load: () => { value: T; bytes: number }): T {
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      return hit.value as T;
    }
    const loaded = load();
    entries.set(key, loaded);
    size += loaded.bytes;
    for (const [k, v] of entries) {
      if (size <= maxBytes || k == key) break;
      entries.delete(k);
      size -= v.bytes;
    }
    return loaded.value;
  }

  return {
    /** The parsed map for `key`, parsing `load()` on a miss; throws when the text is not a source map. */
    map(key: string, load: () => string): ParsedMap {
      return get(`map:${key}`, () => {
        const text = load();
        const map = new TraceMap(text);
        const split = new Map<number, string[] | undefined>();
        const lines = (i: number) => {
          if (!split.has(i)) {
            const content = map.sourcesContent?.[i];
            split.set(i, typeof content == 'string' ? content.split(/\r\n|\r|\n/) : undefined);
          }
          return split.get(i);
        };
        return { value: { map, lines }, bytes: text.length * 2 };
      });
    },
    /** The minified file's lines, for function names. */
    minified(key: string, load: () => string): MinifiedFile {
      return get(`min:${key}`, () => {
        const text = load();
        return { value: { lines: text.split(/\r\n|\r|\n/), names: new Map() }, bytes: text.length };
      });
    },
    /** Bytes held now. */
    get size() {
      return size;
    },
    get count() {
      return entries.size;
    },
  };
}

export type SourceMapCache = ReturnType<typeof createSourceMapCache>;
