import { posix } from 'node:path';
import type { Compilation } from 'webpack';

export type ArtifactType = 'minified_source' | 'source_map' | 'source';

/** One file to upload. */
export interface Artifact {
  /** Path in the output directory, `/`-separated, without a query. */
  file: string;
  /** The name Sentry matches frames with, e.g. `~/static/js/app.js`. */
  url: string;
  type: ArtifactType;
  /** For a script: the path of its uploaded map relative to it (the `Sourcemap` header). */
  sourceMap?: string;
  size: number;
}

const stripQuery = (file: string) => file.replace(/[?#].*$/, '');
const typeOf = (file: string): ArtifactType => (/\.map$/i.test(file) ? 'source_map' : /\.(m|c)?js$/i.test(file) ? 'minified_source' : 'source');

/**
 * `~/` plus the path part of webpack's public path ('auto', '', or a function give `~/`); a
 * prefix given by the user just gets its trailing slash.
 */
export function urlPrefixFor(compilation: Compilation, given: string | undefined): string {
  if (given !== undefined) return given.endsWith('/') ? given : `${given}/`;
  const publicPath = compilation.outputOptions.publicPath;
  if (typeof publicPath != 'string' || publicPath == 'auto') return '~/';
  const resolved = compilation.getAssetPath(publicPath, { hash: compilation.hash });
  const path = resolved.replace(/^([a-z][a-z0-9+.-]*:)?\/\/[^/]*/i, '').replace(/^\/+/, '');
  return `~/${path && !path.endsWith('/') ? `${path}/` : path}`;
}

/** The emitted files the options select, named for Sentry, each script paired with its map. */
export function collectArtifacts(
  compilation: Compilation,
  options: { selects: (file: string) => boolean; urlPrefix?: string; filenameTransform?: (file: string) => string },
): Artifact[] {
  const prefix = urlPrefixFor(compilation, options.urlPrefix);
  const assets = compilation.getAssets().filter((a) => !a.info.hotModuleReplacement && options.selects(stripQuery(a.name)));
  const selected = new Set(assets.map((a) => stripQuery(a.name)));
  const seen = new Set<string>();
  const artifacts: Artifact[] = [];
  for (const asset of assets) {
    const file = stripQuery(asset.name);
    if (seen.has(file)) continue;
    seen.add(file);
    const type = typeOf(file);
    let sourceMap: string | undefined;
    if (type == 'minified_source') {
      const related = asset.info.related && (asset.info.related.sourceMap as string | string[] | undefined);
      const candidates = [...(related === undefined ? [] : Array.isArray(related) ? related : [related]), `${file}.map`].map(stripQuery);
      const map = candidates.find((c) => selected.has(c));
      if (map) sourceMap = posix.relative(posix.dirname(`/${file}`), `/${map}`);
    }
    artifacts.push({
      file,
      url: options.filenameTransform ? options.filenameTransform(file) : prefix + file,
      type,
      sourceMap,
      size: asset.info.size ?? asset.source.size(),
    });
  }
  return artifacts;
}
