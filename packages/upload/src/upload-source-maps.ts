import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deleteUploadedFiles, filesToDelete, type DeleteAfterUpload } from './delete-after-upload';
import { artifactsIn, filesUnder, listFiles } from './directory-artifacts';
import { createLogger, listNames, plural, type LogSink } from './logger';
import type { UploadOptions } from './options';
import { gitCommit } from './release';
import { resolveUploadOptions } from './resolve-options';
import { uploadArtifacts, type UploadResult } from './upload';

/** Options of `uploadSourceMaps`: what to upload, on top of the shared `UploadOptions`. */
export interface UploadSourceMapsOptions extends UploadOptions {
  /**
   * The build's output directory: names are `urlPrefix` + the path in it.
   * @default the working directory
   * @example { directory: './dist' }
   */
  directory?: string;
  /**
   * The scripts and maps to upload, as paths in `directory` (or relative to it); `include` and
   * `exclude` still apply.
   * @default every file in `directory`
   * @example { directory: 'dist', files: ['assets/app.js', 'assets/app.js.map'] }
   */
  files?: string[];
  /**
   * The release the artifacts belong to; must equal the SDK's `release`. Without one, current
   * servers still match the maps by debug ID; release files (Sentry 20.x) need one.
   * @default process.env.FAULTLINE_RELEASE || process.env.SENTRY_RELEASE, else the git commit (`git rev-parse HEAD`)
   * @example { release: 'shop@1.4.2' }
   */
  release?: string;
  /**
   * Where progress lines and warnings go.
   * @default the console
   * @example { logger: { info: (line) => core.info(line), warn: (line) => core.warning(line) } }
   */
  logger?: LogSink;
  /**
   * Delete files from `directory` once everything was uploaded (nothing is deleted after a
   * failure, nor in a dry run), so hidden maps are not deployed: `true` deletes the uploaded
   * source maps; globs, paths, RegExps or tests (as `include`) pick the files, by their path in
   * `directory` or from the working directory (Sentry's `filesToDeleteAfterUpload`).
   * @default false
   * @example { directory: 'dist', deleteAfterUpload: true } // or ['./dist/**\/*.map']
   */
  deleteAfterUpload?: DeleteAfterUpload;
}

/** What `uploadSourceMaps` did: the upload, and the files it deleted after it. */
export interface UploadSourceMapsResult extends UploadResult {
  /** Paths in `directory` deleted after the upload (only when `deleteAfterUpload` was set). */
  deleted?: string[];
}

const consoleSink: LogSink = { info: (m) => console.log(m), warn: (m) => console.warn(m) };

/**
 * Uploads a build's scripts and source maps to Sentry: one artifact bundle (with the debug IDs
 * the files carry) on servers that take them, release files on Sentry 20.x; then finalizes the
 * release. Throws `UploadError` for a failed request and `Error` for a wrong setting or no files.
 *
 * @example await uploadSourceMaps({ directory: 'dist', release: 'shop@1.4.2', urlPrefix: '~/assets', org: 'acme', project: 'shop' })
 */
export async function uploadSourceMaps(options: UploadSourceMapsOptions = {}): Promise<UploadSourceMapsResult> {
  const o = resolveUploadOptions(options);
  const root = resolve(options.directory ?? '.');
  const isDirectory = await stat(root).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new Error(`no such directory: ${root}`);
  const selects = o.selectsIn({ context: process.cwd(), outputPath: root });
  const candidates = options.files ? filesUnder(root, options.files) : await listFiles(root);
  const files = candidates.filter(selects);
  if (!files.length) throw new Error(`no files to upload: ${o.patterns} matched none of the ${plural(candidates.length, 'file')} in ${root} (${listNames(candidates)})`);
  if (!files.some((f) => f.endsWith('.map'))) {
    throw new Error(`no source maps among the ${plural(files.length, 'file')} to upload in ${root} (${listNames(files)}): build with source maps`);
  }
  const artifacts = await artifactsIn(root, files, o.urlPrefix);
  const log = createLogger(options.logger || consoleSink, o);
  const result: UploadSourceMapsResult = await uploadArtifacts({
    options: o,
    artifacts,
    read: (a) => readFile(join(root, a.file)),
    release: () => options.release || o.release || gitCommit(process.cwd()),
    log,
  });
  const { deleteAfterUpload = false } = options;
  if (deleteAfterUpload === false || result.method == 'dry-run') return result;
  const doomed = filesToDelete(deleteAfterUpload, root, artifacts, deleteAfterUpload === true ? [] : await listFiles(root));
  try {
    log.info(await deleteUploadedFiles(root, doomed));
  } catch (e) {
    throw new Error(`uploaded, but could not delete the files after upload: ${(e as Error).message}`);
  }
  return { ...result, deleted: doomed };
}
