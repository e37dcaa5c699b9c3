import { artifactType, relativeMapPath, stripQuery, withTrailingSlash, type Artifact } from '@faultline/upload';
import type { Compilation } from 'webpack';

/**
 * `~/` plus the path part of webpack's public path ('auto', '', or a function give `~/`); a
 * prefix given by the user just gets its trailing slash.
 */
export function urlPrefixFor(compilation: Compilation, given: string | undefined): string {
  if (given !== undefined) return withTrailingSlash(given);
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
    const type = artifactType(file);
    let sourceMap: string | undefined;
    if (type == 'minified_source') {
      const related = asset.info.related && (asset.info.related.sourceMap as string | string[] | undefined);
      const candidates = [...(related === undefined ? [] : Array.isArray(related) ? related : [related]), `${file}.map`].map(stripQuery);
      const map = candidates.find((c) => selected.has(c));
      if (map) sourceMap = relativeMapPath(file, map);
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
