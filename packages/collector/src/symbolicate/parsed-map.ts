import type { TraceMap } from '@jridgewell/trace-mapping';

/** A parsed map, shared by every event that needs it. */
export interface ParsedMap {
  readonly map: TraceMap;
  /** `sourcesContent` of `source` (a name as `originalPositionFor` returns it) in lines, split on first use. */
  sourceLines(source: string): readonly string[] | undefined;
  /** `source` as the map writes it, before `sourceRoot` and normalising (`/./src/a.js`, not `/src/a.js`). */
  writtenSource(source: string): string | undefined;
}

/** Wraps a parsed map; `grow` is told the size of each source split later, for the cache's budget. */
export function createParsedMap(map: TraceMap, grow: (chars: number) => void): ParsedMap {
  let indexOf: Map<string, number> | undefined;
  const lines = new Map<number, string[] | undefined>();
  const indexOfSource = (source: string) => {
    if (!indexOf) {
      indexOf = new Map();
      // The first of duplicate names wins, as in trace-mapping's own `sourceContentFor`.
      map.resolvedSources.forEach((s, i) => indexOf!.has(s) || indexOf!.set(s, i));
    }
    return indexOf.get(source);
  };
  return {
    map,
    writtenSource(source) {
      const index = indexOfSource(source);
      return index === undefined ? undefined : (map.sources[index] ?? undefined);
    },
    sourceLines(source) {
      const index = indexOfSource(source);
      if (index === undefined) return undefined;
      if (!lines.has(index)) {
        const content = map.sourcesContent?.[index];
        lines.set(index, typeof content === 'string' ? content.split(/\r\n|\r|\n/) : undefined);
        if (typeof content === 'string') grow(content.length);
      }
      return lines.get(index);
    },
  };
}
