import type { SentryEvent } from '../event';
import { candidateNames } from './candidate-names';
import { findSourceMap, type FindSourceMapResult, type LocatedMap } from './find-source-map';
import type { Notes } from './notes';
import { resolveUrl } from './resolve-url';
import type { SourcePlace } from './parsed-map';
import type { MinifiedFile, ParsedMap, SourceMapCache } from './source-map-cache';
import type { ArtifactLookup, StoredArtifact } from './types';

/** A frame URL's map, ready for position lookups. */
export interface ResolvedFile {
  parsed: ParsedMap;
  /** The map's name, for `data.sourcemap`. */
  mapName: string;
  /** Where the map sits, to read its relative `sources` against (`https://…/app.js.map`). */
  mapUrl: string;
  resolvedWith: 'debug-id' | 'release';
  /** The minified file in lines, for function names; fetched on first call, undefined if not uploaded. */
  minified(): MinifiedFile | undefined;
  /** Where frames mapped into `source` point (see `ParsedMap.place`). */
  place(source: string, sourceIndex?: number): SourcePlace;
}

export interface ResolveContext {
  event: SentryEvent;
  lookup: ArtifactLookup;
  cache: SourceMapCache;
  notes: Notes;
}

/** Maps larger than this are refused (`js_too_large`) before they are read, whatever the cache budget. */
const MAX_MAP_BYTES = 64 * 1024 * 1024;

/**
 * The map for frames whose `abs_path` is `url`: by debug ID when `debug_meta` names one for the
 * file (or for its `filename`), else by release and dist. On failure, notes why once and returns undefined.
 */
export function resolveFile(url: string, filename: string | undefined, ctx: ResolveContext): ResolvedFile | undefined {
  const { event, lookup, cache, notes } = ctx;
  const release = typeof event.release === 'string' && event.release ? event.release : undefined;
  const dist = typeof event.dist === 'string' ? event.dist : '';
  const debugId = debugIdFor(event, url) ?? (filename && filename !== url ? debugIdFor(event, filename) : undefined);
  if (debugId) {
    const mapFile = lookup.byDebugId(debugId, 'source_map');
    // The minified file is only needed for function names, so it is looked up when a frame asks.
    if (mapFile) return load(url, fromArtifact(mapFile), 'debug-id', () => lookup.byDebugId(debugId, 'minified_source'), ctx);
    const minified = lookup.byDebugId(debugId, 'minified_source');
    if (minified) return located(url, findSourceMap(minified, release, dist, lookup, cache), 'debug-id', minified, ctx);
    if (!release) {
      notes.add({ type: 'js_no_source', url, message: `no source map with debug ID ${debugId} was uploaded for this project: upload the build's artifact bundle` });
      return undefined;
    }
  }
  if (!release) {
    notes.add({ type: 'js_no_source', url, message: 'the event has no release and its file no debug ID, so no uploaded source map can be matched: set `release` in init() and upload the maps for it, or inject debug IDs' });
    return undefined;
  }
  const names = candidateNames(url);
  let minified: StoredArtifact | undefined;
  for (const name of names) if ((minified = lookup.byName(release, dist, name))) break;
  if (!minified) {
    const forDist = dist ? `dist ${dist}` : 'no dist';
    const byId = debugId ? `no source map with debug ID ${debugId} was uploaded, and ` : '';
    notes.add({ type: 'js_no_source', url, message: `${byId}no file named ${names.join(' or ')} was uploaded for release ${release} and ${forDist}: upload the built file and its map with that name (the dist must match exactly)` });
    return undefined;
  }
  return located(url, findSourceMap(minified, release, dist, lookup, cache), 'release', minified, ctx);
}

function located(url: string, found: FindSourceMapResult, resolvedWith: ResolvedFile['resolvedWith'], minified: StoredArtifact, ctx: ResolveContext) {
  if ('problem' in found) {
    ctx.notes.add({ ...found.problem, url });
    return undefined;
  }
  return load(url, found.map, resolvedWith, () => minified, ctx);
}

function load(url: string, map: LocatedMap, resolvedWith: ResolvedFile['resolvedWith'], findMinified: () => StoredArtifact | undefined, ctx: ResolveContext): ResolvedFile | undefined {
  if (map.size > MAX_MAP_BYTES) {
    ctx.notes.add({ type: 'js_too_large', url, sourcemap: map.name, message: `the source map ${map.name} is ${map.size} bytes, over the limit of ${MAX_MAP_BYTES}: split the bundle, or build its map without sourcesContent` });
    return undefined;
  }
  let parsed: ParsedMap;
  try {
    parsed = ctx.cache.map(map.key, map.text);
  } catch (e) {
    ctx.notes.add({ type: 'js_invalid_source', url, sourcemap: map.name, message: `the source map ${map.name} cannot be used: ${(e as Error).message}; upload the .map file the build wrote` });
    return undefined;
  }
  // Relative `sources` are read against the map's URL, placed beside the frame's file as the browser would.
  const mapUrl = map.ref ? resolveUrl(url, map.ref) : url;
  let minified: MinifiedFile | undefined | null = null;
  return {
    parsed,
    mapName: map.name,
    mapUrl,
    resolvedWith,
    place: (source, sourceIndex) => parsed.place(mapUrl, source, sourceIndex),
    minified() {
      // Once per file and event: frames after the first skip the store and the cache's LRU update.
      if (minified === null) {
        const file = findMinified();
        minified = file && ctx.cache.minified(file.key, () => file.read().toString('utf8'));
      }
      return minified;
    },
  };
}

const fromArtifact = (a: StoredArtifact): LocatedMap => ({ name: a.name, key: a.key, size: a.size, text: () => a.read().toString('utf8') });

/** The debug ID the SDK reported for the file `codeFile` in `debug_meta.images`, if any. */
function debugIdFor(event: SentryEvent, codeFile: string): string | undefined {
  const images = event.debug_meta?.images;
  if (!Array.isArray(images)) return undefined;
  for (const image of images) {
    if (image && image.type === 'sourcemap' && image.code_file === codeFile && typeof image.debug_id === 'string' && image.debug_id) {
      return image.debug_id;
    }
  }
  return undefined;
}
