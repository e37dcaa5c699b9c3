// The API: upload a build's source maps, add debug IDs to its scripts.
export { uploadSourceMaps, type UploadSourceMapsOptions, type UploadSourceMapsResult } from './upload-source-maps';
export { injectDebugIds, type InjectedScript } from './inject-debug-ids';
export { UploadError, isUploadError } from './upload-error';
export { makeFetchTransport, makeHttpTransport } from './transport';
export type { DeployOptions, FileFilter, UploadMode, UploadOptions } from './options';
export type { Transport, TransportRequest, TransportResponse } from './transport';
export type { UploadResult } from './upload';
export type { LogSink } from './logger';
export type { DeleteAfterUpload } from './delete-after-upload';

// Building blocks for bundler plugins (@faultline/webpack-plugin): they collect the files and
// inject debug IDs their bundler's way, and upload through the same core.
export { uploadArtifacts, type UploadJob } from './upload';
export { resolveUploadOptions, type Env, type ResolvedUploadOptions } from './resolve-options';
export { artifactType, relativeMapPath, stripQuery, withTrailingSlash, type Artifact, type ArtifactType } from './artifacts';
export { insertionSourceMap, type InsertionMap } from './insertion-map';
export { deleteUploadedFiles, filesToDelete, type RemoveFile } from './delete-after-upload';
export { debugIdFor, debugIdInsertOffset, debugIdSnippet, injectDebugIdIntoCode, readDebugId, withMapDebugId, type Injected } from './debug-ids';
export { createLogger, listNames, plural, type Logger } from './logger';
export { describeFailure } from './upload-error';
export { gitCommit } from './release';
export type { BuildDirs } from './file-filter';
