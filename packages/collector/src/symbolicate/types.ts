// What symbolication needs from storage: uploaded files, found by debug ID or by release name.
// The store implements this for one project; symbolication never sees SQL.

export type ArtifactType = 'minified_source' | 'source_map';

export interface StoredArtifact {
  /** Stable identity of the content, used as the cache key for its parsed map (e.g. `sha1:<hex>`). */
  key: string;
  /** Name as uploaded: `~/static/js/app.js` or a full URL. */
  name: string;
  /** Upload headers (`Sourcemap`, `X-SourceMap`, `debug-id`); keys in any case. */
  headers: Record<string, string>;
  /** Size in bytes, known without reading the content. */
  size: number;
  /** Reads the bytes; called only when they are needed (a parsed map may be cached). */
  read(): Buffer;
}

export interface ArtifactLookup {
  /** The file of this type registered under `debugId` in one of the project's artifact bundles. */
  byDebugId(debugId: string, type: ArtifactType): StoredArtifact | undefined;
  /**
   * The file named exactly `name` for `release` and `dist` (`''` = no dist), from release files
   * or from artifact bundles uploaded for that release.
   */
  byName(release: string, dist: string, name: string): StoredArtifact | undefined;
}
