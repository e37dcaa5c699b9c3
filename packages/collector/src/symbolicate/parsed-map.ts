import { traceSegment, type TraceMap } from '@jridgewell/trace-mapping';
import { cleanFilename, isLibraryPath } from './clean-filename';
import { resolveUrl } from './resolve-url';
import { sourceContext } from './source-context';

/** Where a mapped frame points: its `filename`, `abs_path`, and whether it is library code. */
export interface SourcePlace {
  filename: string;
  absPath: string;
  library: boolean;
}

/** What a generated position maps to (1-based line, 0-based column), with the original lines around it. */
export interface MappedPosition {
  readonly source: string;
  /** Its index in the map's `sources`: two entries may resolve to the same name (vue-loader's `./src/A.vue` and `src/A.vue`). */
  readonly sourceIndex: number;
  readonly line: number;
  readonly column: number;
  /** The original identifier at the position, when the map names one. */
  readonly name: string | undefined;
  /** False when the map has no sourcesContent for the source. */
  readonly hasContent: boolean;
  /** 5 lines either side, trimmed; shared by every event that maps here, so callers copy the arrays. */
  readonly context: { readonly pre_context: readonly string[]; readonly context_line: string; readonly post_context: readonly string[] } | undefined;
}

// Places are keyed by the map's URL too, which comes from events: bound what they can add.
const MAX_PLACES = 10_000;
const MAX_PLACE_KEY_CHARS = 4096;
/** Positions remembered per map: errors repeat, so most frames ask for one seen before. Past this, new ones are not kept. */
const MAX_POSITIONS = 50_000;
/** What a remembered position costs in the cache's budget, roughly (its context mostly shares the source's lines). */
const POSITION_CHARS = 200;
// Numeric keys: line * 2^26 + column stays an exact integer for any line below 2^27.
const COLUMN_SPAN = 2 ** 26;

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
  place(mapUrl: string, source: string, sourceIndex?: number): SourcePlace;
  /** Where the generated `line` (1-based) and `column` (0-based) map to; undefined when nowhere usable. */
  position(line: number, column: number): MappedPosition | undefined;
}

/** Wraps a parsed map; `grow` is told the size of each source split later, for the cache's budget. */
export function createParsedMap(map: TraceMap, grow: (chars: number) => void): ParsedMap {
  let indexOf: Map<string, number> | undefined;
  const lines = new Map<number, string[] | undefined>();
  const places = new Map<string, SourcePlace>();
  const positions = new Map<number, MappedPosition | null>();
  const indexOfSource = (source: string) => {
    if (!indexOf) {
      indexOf = new Map();
      // The first of duplicate names wins, as in trace-mapping's own `sourceContentFor`.
      map.resolvedSources.forEach((s, i) => indexOf!.has(s) || indexOf!.set(s, i));
    }
    return indexOf.get(source);
  };
  const linesAt = (index: number) => {
    if (!lines.has(index)) {
      const content = map.sourcesContent?.[index];
      lines.set(index, typeof content === 'string' ? content.split(/\r\n|\r|\n/) : undefined);
      if (typeof content === 'string') grow(content.length);
    }
    return lines.get(index);
  };
  // The segment, not originalPositionFor: its source index says which of equally named sources it is.
  const lookUp = (line: number, column: number): MappedPosition | null => {
    const segment = traceSegment(map, line - 1, column);
    if (!segment || segment.length == 1) return null;
    const [, sourceIndex, sourceLine, sourceColumn] = segment;
    const source = map.resolvedSources[sourceIndex];
    const original = { line: sourceLine + 1, column: sourceColumn };
    if (typeof source !== 'string' || !isPositive(original.line) || !Number.isInteger(original.column) || original.column < 0) return null;
    const name = segment.length == 5 ? map.names[segment[4]] : undefined;
    const found = linesAt(sourceIndex);
    const context = found && sourceContext(found as string[], original.line, original.column);
    return { source, sourceIndex, ...original, name: typeof name === 'string' && name ? name : undefined, hasContent: !!found, context };
  };
  const parsed: ParsedMap = {
    map,
    writtenSource(source) {
      const index = indexOfSource(source);
      return index === undefined ? undefined : (map.sources[index] ?? undefined);
    },
    place(mapUrl, source, sourceIndex) {
      const key = `${mapUrl}\0${source}\0${sourceIndex ?? ''}`;
      let place = places.get(key);
      if (!place) {
        const written = (sourceIndex === undefined ? parsed.writtenSource(source) : map.sources[sourceIndex]) ?? source;
        place = { filename: cleanFilename(written), absPath: resolveUrl(mapUrl, source), library: isLibraryPath(written) || isLibraryPath(source) };
        if (key.length > MAX_PLACE_KEY_CHARS) return place;
        if (places.size >= MAX_PLACES) places.clear();
        places.set(key, place);
      }
      return place;
    },
    position(line, column) {
      const key = column < COLUMN_SPAN && line < COLUMN_SPAN * 2 ? line * COLUMN_SPAN + column : -1;
      let found = key < 0 ? undefined : positions.get(key);
      if (found === undefined) {
        found = lookUp(line, column);
        if (key >= 0 && positions.size < MAX_POSITIONS) {
          positions.set(key, found);
          grow(POSITION_CHARS);
        }
      }
      return found ?? undefined;
    },
    sourceLines(source) {
      const index = indexOfSource(source);
      return index === undefined ? undefined : linesAt(index);
    },
  };
  return parsed;
}

const isPositive = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
