import type { TraceMap } from '@jridgewell/trace-mapping';
import { cleanFilename, isLibraryPath } from './clean-filename';
import { resolveUrl } from './resolve-url';

/** Where a mapped frame points: its `filename`, `abs_path`, and whether it is library code. */
export interface SourcePlace {
  filename: string;
  absPath: string;
  library: boolean;
}

// Places are keyed by the map's URL too, which comes from events: bound what they can add.
const MAX_PLACES = 10_000;

/** A parsed map, shared by every event that needs it. */
export interface ParsedMap {
  readonly map: TraceMap;
  /** `sourcesContent` of `source` (a name as `originalPositionFor` returns it) in lines, split on first use. */
  sourceLines(source: string): readonly string[] | undefined;
  /** `source` as the map writes it, before `sourceRoot` and normalising (`/./src/a.js`, not `/src/a.js`). */
  writtenSource(source: string): string | undefined;
  /**
   * filename from `source` as the map writes it (what bundler prefixes are known by), abs_path
   * from the name resolved against sourceRoot and `mapUrl` (where the map sits); remembered, since
   * every event with a frame in the source asks again.
   */
  place(mapUrl: string, source: string): SourcePlace;
}

/** Wraps a parsed map; `grow` is told the size of each source split later, for the cache's budget. */
export function createParsedMap(map: TraceMap, grow: (chars: number) => void): ParsedMap {
  let indexOf: Map<string, number> | undefined;
  const lines = new Map<number, string[] | undefined>();
  const places = new Map<string, SourcePlace>();
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
    place(mapUrl, source) {
      const key = `${mapUrl}\0${source}`;
      let place = places.get(key);
      if (!place) {
        const written = this.writtenSource(source) ?? source;
        place = { filename: cleanFilename(written), absPath: resolveUrl(mapUrl, source), library: isLibraryPath(written) || isLibraryPath(source) };
        if (places.size >= MAX_PLACES) places.clear();
        places.set(key, place);
      }
      return place;
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
