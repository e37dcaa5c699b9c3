import { posix } from 'node:path';

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

export const stripQuery = (file: string) => file.replace(/[?#].*$/, '');

export const artifactType = (file: string): ArtifactType =>
  /\.map$/i.test(file) ? 'source_map' : /\.(m|c)?js$/i.test(file) ? 'minified_source' : 'source';

/** A prefix given by the user, with the trailing slash names are joined with. */
export const withTrailingSlash = (prefix: string) => (prefix.endsWith('/') ? prefix : `${prefix}/`);

/** The path of `map` as seen from `script` (both in the output directory): the `Sourcemap` header. */
export const relativeMapPath = (script: string, map: string) => posix.relative(posix.dirname(`/${script}`), `/${map}`);
