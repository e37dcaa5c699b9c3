export { symbolicateEvent } from './symbolicate-event';
export { createSourceMapCache } from './source-map-cache';
export type { SourceMapCache } from './source-map-cache';
export type { ArtifactLookup, ArtifactType, StoredArtifact } from './types';
