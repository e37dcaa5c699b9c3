import { FlattenMap, TraceMap, decodedMappings } from '@jridgewell/trace-mapping';

/**
 * Parses uploaded map text into a `TraceMap`. The text is hostile: anything that is not a
 * version-3 map (or an index map with `sections`) throws an Error whose message says why, in words
 * that go straight into a `js_invalid_source` note. Mappings are decoded here, once, so the cost
 * of a huge `mappings` string is paid when the map enters the cache and never per frame.
 */
export function parseSourceMap(text: string): TraceMap {
  let json: unknown;
  try {
    // A leading BOM, and the `)]}'` line some servers prepend against XSSI (allowed by the spec).
    json = JSON.parse(text.replace(/^\uFEFF/, '').replace(/^\)\]\}'?[^\n]*\n/, ''));
  } catch (e) {
    throw new Error(`it is not valid JSON (${String((e as Error).message).slice(0, 100)})`);
  }
  if (!isObject(json)) throw new Error('it is JSON but not an object');
  if (json.version !== undefined && json.version !== 3) throw new Error(`it has version ${String(json.version).slice(0, 20)}, not 3`);
  const input = Array.isArray(json.sections) ? sanitizeIndexMap(json) : sanitizeMap(json);
  let map: TraceMap;
  try {
    map = 'sections' in input ? FlattenMap(input) : new TraceMap(input);
    decodedMappings(map);
  } catch (e) {
    throw new Error(`it is not a usable source map (${String((e as Error).message).slice(0, 100)})`);
  }
  return map;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Keeps only well-typed fields, so trace-mapping never meets a number where it expects a string.
function sanitizeMap(json: Json) {
  if (typeof json.mappings !== 'string') throw new Error('it has no "mappings" string');
  if (!Array.isArray(json.sources)) throw new Error('it has no "sources" list');
  const content = Array.isArray(json.sourcesContent) ? json.sourcesContent : undefined;
  return {
    version: 3 as const,
    file: typeof json.file === 'string' ? json.file : undefined,
    sourceRoot: typeof json.sourceRoot === 'string' ? json.sourceRoot : undefined,
    sources: json.sources.map((s) => (typeof s === 'string' ? s : null)),
    sourcesContent: content && json.sources.map((_, i) => (typeof content[i] === 'string' ? (content[i] as string) : null)),
    names: Array.isArray(json.names) ? json.names.map((n) => (typeof n === 'string' ? n : '')) : [],
    mappings: json.mappings,
  };
}

function sanitizeIndexMap(json: Json, depth = 0): { version: 3; sections: Array<{ offset: { line: number; column: number }; map: any }> } {
  if (depth > 4) throw new Error('its "sections" nest too deep');
  const sections = (json.sections as unknown[]).map((s) => {
    if (!isObject(s) || !isObject(s.offset) || !isObject(s.map)) throw new Error('a section has no "offset" and "map"');
    const { line, column } = s.offset;
    if (!Number.isInteger(line) || !Number.isInteger(column) || (line as number) < 0 || (column as number) < 0) {
      throw new Error('a section has an invalid "offset"');
    }
    const map = Array.isArray(s.map.sections) ? sanitizeIndexMap(s.map, depth + 1) : sanitizeMap(s.map);
    return { offset: { line: line as number, column: column as number }, map };
  });
  return { version: 3, sections };
}
