export { symbolicateEvent } from './symbolicate-event';
export { createSourceMapCache } from './source-map-cache';
export type { MinifiedFile, ParsedMap, SourceMapCache, SourceMapCacheOptions } from './source-map-cache';
export type { ArtifactLookup, ArtifactType, StoredArtifact } from './types';
