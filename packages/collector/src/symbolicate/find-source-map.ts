import { createHash } from 'node:crypto';
import { candidateNames } from './candidate-names';
import { decodeDataUrl, isDataUrl } from './data-url';
import { resolveUrl } from './resolve-url';
import type { SourceMapCache } from './source-map-cache';
import type { ArtifactLookup, StoredArtifact } from './types';

/** A source map located for a minified file; its text is read only on a cache miss. */
export interface LocatedMap {
  /** What frames report as `data.sourcemap`: the map's artifact name, or `<data URL in NAME>`. */
  name: string;
  /** Cache key: the map artifact's content key; for a data URL, its file's key or the URL's hash. */
  key: string;
  /** Bytes (or characters, for a data URL), known before reading. */
  size: number;
  text(): string;
  /** The reference as written (`app.js.map`), to place the map beside the frame's URL; absent for inline maps. */
  ref?: string;
}

export interface MapProblem {
  type: 'js_no_source' | 'js_invalid_source' | 'js_invalid_sourcemap_location' | 'js_too_large';
  message: string;
  /** The map's name as resolved, when one was referenced. */
  sourcemap?: string;
}

export type FindSourceMapResult = { map: LocatedMap } | { problem: MapProblem };

/** Minified files larger than this are not read to find their comment (a header still works). */
const MAX_SCAN_BYTES = 64 * 1024 * 1024;

/**
 * The map of `minified`, as Sentry finds it: its `Sourcemap` (or `X-SourceMap`) upload header,
 * else the last `//# sourceMappingURL=` comment in the file, resolved relative to the file's name
 * and looked up under each candidate name for the same release and dist. `data:` URLs are decoded.
 */
export function findSourceMap(minified: StoredArtifact, release: string | undefined, dist: string, lookup: ArtifactLookup, cache: SourceMapCache): FindSourceMapResult {
  const fromHeader = headerValue(minified.headers, 'sourcemap') ?? headerValue(minified.headers, 'x-sourcemap');
  if (!fromHeader && minified.size > MAX_SCAN_BYTES) {
    return problem('js_too_large', `${minified.name} is ${minified.size} bytes, too large to read for its sourceMappingURL; upload it with the header "Sourcemap: <map name>"`);
  }
  const ref = fromHeader ?? lastSourceMappingUrl(cache.minified(minified.key, () => minified.read().toString('utf8')).lines);
  if (!ref) {
    return problem('js_no_source', `${minified.name} has no Sourcemap upload header and no sourceMappingURL comment: upload it with header Sourcemap:<map name>`);
  }
  if (isDataUrl(ref)) {
    const name = `<data URL in ${minified.name}>`;
    // An inline comment is part of the file, so the file's key names it; no need to hash megabytes per event.
    const key = fromHeader ? 'data:sha1:' + createHash('sha1').update(ref).digest('hex') : `${minified.key}#inline-map`;
    return { map: { name, key, size: ref.length, text: () => decodeDataUrl(ref) } };
  }
  const resolved = resolveUrl(minified.name, ref);
  if (release === undefined) {
    return problem('js_no_source', `${minified.name} points to the map ${resolved}, which can only be found by release, and the event has no release: set release in init() or upload the map with its debug ID`, resolved);
  }
  const names = candidateNames(resolved);
  for (const name of names) {
    const artifact = lookup.byName(release, dist, name);
    if (!artifact) continue;
    if (artifact.key === minified.key) {
      return problem('js_invalid_source', `the sourceMappingURL of ${minified.name} (${ref.slice(0, 200)}) points to the file itself, not to a map`, resolved);
    }
    return { map: { name: artifact.name, key: artifact.key, size: artifact.size, text: () => artifact.read().toString('utf8'), ref } };
  }
  const forDist = dist ? `dist ${dist}` : 'no dist';
  return problem('js_invalid_sourcemap_location', `${minified.name} points to the map ${names.join(' or ')}, which was not uploaded for release ${release} and ${forDist}: upload the map under that name`, resolved);
}

const problem = (type: MapProblem['type'], message: string, sourcemap?: string): { problem: MapProblem } => ({
  problem: sourcemap === undefined ? { type, message } : { type, message, sourcemap },
});

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const key of Object.keys(headers ?? {})) {
    const value = headers[key];
    if (key.toLowerCase() === name && typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

const COMMENT_RE = /^\s*\/\/[#@]\s*sourceMappingURL=(\S+)/;

/** The URL in the last line that is a `//# sourceMappingURL=` (or the older `//@`) comment. */
function lastSourceMappingUrl(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    // `includes` first: cheap on the long lines of a bundle, and most lines fail it.
    if (!lines[i].includes('sourceMappingURL=')) continue;
    const m = COMMENT_RE.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}
