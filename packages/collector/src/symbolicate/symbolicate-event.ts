import { originalPositionFor } from '@jridgewell/trace-mapping';
import type { ProcessingError, SentryEvent, StackFrame, Stacktrace } from '../event';
import { candidateNames, resolveReference } from './candidate-names';
import { cleanFilename, isLibraryPath } from './clean-filename';
import { findSourceMapReference } from './find-source-map';
import { originalFunctionName } from './original-function';
import { sourceContext } from './source-context';
import type { ParsedMap, SourceMapCache } from './source-map-cache';
import type { ArtifactLookup, StoredArtifact } from './types';

/** A frame's file and its map, found once per file per event. */
interface Resolved {
  parsed: ParsedMap;
  mapName: string;
  minified?: StoredArtifact;
  resolvedWith: 'debug-id' | 'release';
}

interface Context {
  event: SentryEvent;
  lookup: ArtifactLookup;
  cache: SourceMapCache;
  notes: Map<string, ProcessingError>;
  files: Map<string, Resolved | undefined>;
}

function note(ctx: Context, type: string, url: string, message: string): void {
  const key = `${type} ${url}`;
  if (!ctx.notes.has(key)) ctx.notes.set(key, { type, url, message });
}

function parseMap(ctx: Context, key: string, url: string, load: () => string): ParsedMap | undefined {
  try {
    return ctx.cache.map(key, load);
  } catch {
    note(ctx, 'js_invalid_source', url, `the source map ${url} is not a valid source map (JSON with version, sources and mappings)`);
    return undefined;
  }
}

function byAnyName(ctx: Context, release: string, dist: string, names: string[]): StoredArtifact | undefined {
  for (const name of names) {
    const found = ctx.lookup.byName(release, dist, name);
    if (found) return found;
  }
  return undefined;
}

/** Debug ID first (current uploads), then release + dist + name (every Sentry version). */
function resolveFile(ctx: Context, absPath: string): Resolved | undefined {
  const { event, lookup } = ctx;
  const image = event.debug_meta?.images?.find((i) => i && i.type == 'sourcemap' && i.code_file == absPath && typeof i.debug_id == 'string');
  if (image) {
    const id = String(image.debug_id);
    const mapFile = lookup.byDebugId(id, 'source_map');
    if (mapFile) {
      const parsed = parseMap(ctx, mapFile.key, mapFile.name, () => mapFile.read().toString('utf8'));
      return parsed && { parsed, mapName: mapFile.name, minified: lookup.byDebugId(id, 'minified_source'), resolvedWith: 'debug-id' };
    }
    if (!event.release) {
      note(ctx, 'js_no_source', absPath, `no source map with debug ID ${id} was uploaded for this project: upload the build's artifact bundle`);
      return undefined;
    }
  }
  if (!event.release) {
    note(ctx, 'js_no_source', absPath, 'the event has no release and its file no debug ID, so no uploaded source map can be matched: set `release` in init() and upload the maps for it');
    return undefined;
  }
  const release = event.release;
  const dist = event.dist ?? '';
  const names = candidateNames(absPath);
  const minified = byAnyName(ctx, release, dist, names);
  const forDist = dist ? `dist ${dist}` : 'no dist';
  if (!minified) {
    note(ctx, 'js_no_source', absPath, `no file named ${names.join(' or ')} was uploaded for release ${release} and ${forDist}: upload the built file and its map with that name (the dist must match exactly)`);
    return undefined;
  }
  const reference = findSourceMapReference(minified);
  if (reference.kind == 'none') {
    note(ctx, 'js_no_source', absPath, `${minified.name} has no Sourcemap upload header and no sourceMappingURL comment: upload it with header Sourcemap:<map name>`);
    return undefined;
  }
  if (reference.kind == 'invalid') {
    note(ctx, 'js_invalid_source', absPath, `${minified.name}: ${reference.reason}`);
    return undefined;
  }
  if (reference.kind == 'data') {
    const parsed = parseMap(ctx, `data:${minified.key}`, `${minified.name} (inline map)`, () => reference.text);
    return parsed && { parsed, mapName: `${minified.name} (inline)`, minified, resolvedWith: 'release' };
  }
  const mapUrl = resolveReference(reference.url, minified.name);
  const mapFile = byAnyName(ctx, release, dist, candidateNames(mapUrl));
  if (!mapFile) {
    note(ctx, 'js_invalid_sourcemap_location', absPath, `${minified.name} points to the map ${mapUrl}, which was not uploaded for release ${release} and ${forDist}`);
    return undefined;
  }
  const parsed = parseMap(ctx, mapFile.key, mapFile.name, () => mapFile.read().toString('utf8'));
  return parsed && { parsed, mapName: mapFile.name, minified, resolvedWith: 'release' };
}

function functionName(ctx: Context, resolved: Resolved, frame: StackFrame, line: number, column: number): string | undefined {
  const minified = resolved.minified;
  if (!minified || typeof frame.function != 'string') return undefined;
  try {
    const file = ctx.cache.minified(minified.key, () => minified.read().toString('utf8'));
    const key = `${line}:${column}:${frame.function}`;
    if (!file.names.has(key)) {
      if (file.names.size > 10_000) file.names.clear();
      file.names.set(key, originalFunctionName(resolved.parsed.map, file.lines, line, column, frame.function));
    }
    return file.names.get(key);
  } catch {
    return undefined;
  }
}

function symbolicateFrame(ctx: Context, frame: StackFrame): StackFrame {
  const absPath = typeof frame.abs_path == 'string' ? frame.abs_path : typeof frame.filename == 'string' ? frame.filename : undefined;
  const unresolved = { ...frame, data: { ...frame.data, symbolicated: false } };
  if (!absPath || typeof frame.lineno != 'number' || frame.lineno < 1 || absPath.startsWith('<') || absPath == '[native code]') return unresolved;
  if (typeof frame.colno != 'number' || frame.colno < 1) {
    note(ctx, 'js_no_column', absPath, 'a frame has no column number, so it cannot be mapped: minified code needs columns');
    return unresolved;
  }
  if (!ctx.files.has(absPath)) ctx.files.set(absPath, resolveFile(ctx, absPath));
  const resolved = ctx.files.get(absPath);
  if (!resolved) return unresolved;

  const { map } = resolved.parsed;
  const pos = originalPositionFor(map, { line: frame.lineno, column: frame.colno - 1 });
  if (pos.source === null || pos.line === null) return unresolved;
  const index = map.resolvedSources.indexOf(pos.source);
  const lines = resolved.parsed.lines(index);
  if (!lines) note(ctx, 'js_missing_sources_content', absPath, `the map ${resolved.mapName} has no sourcesContent for ${pos.source}: frames are mapped but show no source lines (build with sourcesContent)`);
  const source = map.sources[index] ?? pos.source;
  const filename = cleanFilename(source);
  const out: StackFrame = {
    ...frame,
    filename,
    abs_path: source,
    lineno: pos.line,
    colno: pos.column + 1,
    function: functionName(ctx, resolved, frame, frame.lineno, frame.colno - 1) ?? frame.function,
    in_app: isLibraryPath(source) ? false : frame.in_app ?? true,
    data: { ...frame.data, sourcemap: resolved.mapName, resolved_with: resolved.resolvedWith, symbolicated: true },
  };
  const context = lines && sourceContext(lines, pos.line, pos.column);
  if (context) Object.assign(out, context);
  return out;
}

function symbolicateStack(ctx: Context, holder: { stacktrace?: Stacktrace; raw_stacktrace?: Stacktrace }): void {
  const frames = holder.stacktrace?.frames;
  if (!Array.isArray(frames) || !frames.length) return;
  const mapped = frames.map((f) => symbolicateFrame(ctx, f));
  if (!mapped.some((f) => f.data?.symbolicated)) return;
  holder.raw_stacktrace = { ...holder.stacktrace, frames: frames.map((f) => ({ ...f })) };
  holder.stacktrace = { ...holder.stacktrace, frames: mapped };
}

/**
 * Maps each JS frame of the event to its original file, line, column and function through the
 * uploaded source maps, with source context; the SDK's frames stay in `raw_stacktrace`. Every
 * lookup that fails leaves a note in `event.errors` (once per problem and file) saying what to
 * upload. Never throws: hostile maps and frames become notes.
 */
export function symbolicateEvent(event: SentryEvent, lookup: ArtifactLookup, cache: SourceMapCache): void {
  const ctx: Context = { event, lookup, cache, notes: new Map(), files: new Map() };
  for (const value of event.exception?.values || []) {
    try {
      symbolicateStack(ctx, value);
    } catch (error) {
      note(ctx, 'js_invalid_source', '', `symbolication failed: ${(error as Error).message}`);
    }
  }
  if (event.stacktrace) {
    try {
      symbolicateStack(ctx, event as { stacktrace?: Stacktrace });
    } catch (error) {
      note(ctx, 'js_invalid_source', '', `symbolication failed: ${(error as Error).message}`);
    }
  }
  if (ctx.notes.size) event.errors = [...(event.errors || []), ...ctx.notes.values()];
}
