import { createMinifiedFile, type MinifiedFile } from './minified-file';
import { createParsedMap, type ParsedMap } from './parsed-map';
import { parseSourceMap } from './parse-source-map';

export type { MinifiedFile, ParsedMap };

export interface SourceMapCacheOptions {
  /**
   * Budget, counted in characters of text held (about bytes): map text, the source lines split from
   * it for context, and minified files split for function names. Least recently used entries go
   * past it; one larger than the whole budget serves the event at hand and is not kept.
   * @default 64 * 1024 * 1024
   * @example createSourceMapCache({ maxBytes: 256 * 1024 * 1024 })
   */
  maxBytes?: number;
}

export interface SourceMapCache {
  /**
   * The map under `key` (an artifact's content key); on a miss, parses `load()`. Throws an Error
   * saying why the map is unusable; that verdict is kept too, so a bad upload is parsed once.
   */
  map(key: string, load: () => string): ParsedMap;
  /** The minified file under `key`, split into lines on a miss. */
  minified(key: string, load: () => string): MinifiedFile;
  /** Budget in use, in characters. */
  readonly size: number;
  /** Entries held: maps, remembered failures, minified files. */
  readonly count: number;
  /** Entries dropped to stay within the budget, since creation. */
  readonly evictions: number;
  clear(): void;
}

interface Entry {
  bytes: number;
  value?: ParsedMap | MinifiedFile;
  error?: string;
}

// What a remembered failure costs in the budget: its key and message, roughly.
const FAILURE_BYTES = 256;

export function createSourceMapCache(options: SourceMapCacheOptions = {}): SourceMapCache {
  const { maxBytes = 64 * 1024 * 1024 } = options;
  // A Map iterates in insertion order; re-inserting on each hit keeps the LRU entry first.
  const entries = new Map<string, Entry>();
  let size = 0;
  let evictions = 0;

  const evictFor = (keep: Entry) => {
    for (const [key, entry] of entries) {
      if (size <= maxBytes) return;
      if (entry === keep) continue;
      entries.delete(key);
      size -= entry.bytes;
      evictions++;
    }
  };
  // What is derived later (source lines, declaration indexes) counts only while its entry is held.
  const grow = (key: string, entry: Entry, n: number) => {
    entry.bytes += n;
    if (entries.get(key) !== entry) return;
    size += n;
    evictFor(entry);
  };
  const lookup = (key: string, load: (entry: Entry) => void): Entry => {
    let entry = entries.get(key);
    if (entry) {
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    }
    entry = { bytes: FAILURE_BYTES };
    load(entry);
    if (entry.bytes <= maxBytes) {
      entries.set(key, entry);
      size += entry.bytes;
      evictFor(entry);
    }
    return entry;
  };

  return {
    map(key, load) {
      const entry = lookup(`map:${key}`, (e) => {
        const text = load();
        try {
          e.value = createParsedMap(parseSourceMap(text), (n) => grow(`map:${key}`, e, n));
          e.bytes = text.length;
        } catch (error) {
          e.error = (error as Error).message;
        }
      });
      if (entry.error !== undefined) throw new Error(entry.error);
      return entry.value as ParsedMap;
    },
    minified(key, load) {
      const entry = lookup(`min:${key}`, (e) => {
        const text = load();
        e.value = createMinifiedFile(text, (n) => grow(`min:${key}`, e, n));
        e.bytes = text.length;
      });
      return entry.value as MinifiedFile;
    },
    get size() {
      return size;
    },
    get count() {
      return entries.size;
    },
    get evictions() {
      return evictions;
    },
    clear() {
      entries.clear();
      size = 0;
    },
  };
}
