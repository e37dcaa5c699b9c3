import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import type { Compilation, Compiler } from 'webpack';
import { collectArtifacts, type Artifact } from './artifacts';
import { injectDebugIds } from './debug-ids';
import { createLogger, plural, type Logger } from './logger';
import type { FaultlineWebpackPluginOptions } from './options';
import { gitCommit } from './release';
import { resolveOptions, type ResolvedOptions } from './resolve-options';
import { isUploadError } from './upload-error';
import { uploadArtifacts } from './upload';

const PLUGIN_NAME = 'FaultlineWebpackPlugin';

type OutputFs = NonNullable<Compiler['outputFileSystem']>;

/**
 * Uploads the build's scripts and source maps to Sentry after webpack wrote them, so stacks from
 * production resolve to original files and lines. Works with Sentry 20.x (release files) and
 * later (artifact bundles with debug IDs), over plain HTTP.
 *
 * @example new FaultlineWebpackPlugin({ org: 'acme', project: 'shop', authToken: process.env.SENTRY_AUTH_TOKEN })
 */
export class FaultlineWebpackPlugin {
  private readonly _options: ResolvedOptions;

  constructor(options: FaultlineWebpackPluginOptions = {}) {
    this._options = resolveOptions(options, process.env);
  }

  apply(compiler: Compiler): void {
    const o = this._options;
    const log = createLogger(compiler.getInfrastructureLogger(PLUGIN_NAME), o);
    for (const note of o.deprecations) log.warn(note);
    const skipped = () => compiler.watchMode && !o.uploadInWatchMode;
    let toldWatchMode = false;

    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      if (o.debugIds && !skipped()) injectDebugIds(compilation, compiler.webpack, PLUGIN_NAME);
    });

    compiler.hooks.afterEmit.tapPromise(PLUGIN_NAME, async (compilation) => {
      if (skipped()) {
        if (!toldWatchMode) log.info('watch mode: no upload (set `uploadInWatchMode: true` to upload)');
        toldWatchMode = true;
        return;
      }
      if (compilation.errors.length) {
        log.warn('the build has errors: nothing uploaded');
        return;
      }
      const artifacts = collectArtifacts(compilation, o);
      if (!artifacts.length) {
        log.warn('no files to upload: check `include`, `exclude` and webpack\'s `devtool`');
        return;
      }
      if (!artifacts.some((a) => a.type == 'source_map')) log.warn("no source maps among the files: set devtool: 'hidden-source-map'");

      const fs = compiler.outputFileSystem || (nodeFs as unknown as OutputFs);
      const pathOf = (a: Artifact) => (fs.join ? fs.join(compiler.outputPath, a.file) : nodePath.join(compiler.outputPath, a.file));
      let release: string | undefined | null = null;
      const getRelease = () => {
        if (release === null) {
          release = typeof o.release == 'function' ? o.release(compilation.hash || '') || undefined : o.release || gitCommit(compiler.context);
        }
        return release;
      };
      let result;
      try {
        result = await uploadArtifacts({ options: o, artifacts, read: (a) => readFile(fs, pathOf(a)), release: getRelease, log });
      } catch (e) {
        return report(compilation, compiler, o, `source map upload failed: ${describe(e)}`, log);
      }
      if (o.deleteAfterUpload && result.method != 'dry-run') {
        const maps = artifacts.filter((a) => a.type == 'source_map');
        try {
          await Promise.all(maps.map((a) => unlink(fs, pathOf(a))));
          log.info(`deleted ${plural(maps.length, 'uploaded source map')} from ${compiler.outputPath}`);
        } catch (e) {
          report(compilation, compiler, { ...o, deleteAfterUpload: false }, `uploaded, but could not delete the source maps: ${describe(e)}`, log);
        }
      }
    });
  }
}

/** The error's message, with a hint for the statuses that mean a setting is wrong. */
function describe(e: unknown): string {
  let message = (e as Error)?.message || String(e);
  if (isUploadError(e)) {
    if (e.status == 401) message += '. Check `authToken`: the server did not accept it';
    else if (e.status == 403) message += '. The token lacks access: it needs the project:releases scope for this org and project';
    else if (e.status == 404) message += '. Check `url`, `org` and `project`';
  }
  return message;
}

/** A failure fails the build (or warns with `failOnError: false`). */
function report(compilation: Compilation, compiler: Compiler, o: ResolvedOptions, text: string, log: Logger): void {
  let message = text;
  if (o.deleteAfterUpload) message += `. Source maps were kept in ${compiler.outputPath}`;
  const error = new compiler.webpack.WebpackError(`${PLUGIN_NAME}: ${message}`);
  error.hideStack = true;
  if (o.failOnError) compilation.errors.push(error);
  else {
    compilation.warnings.push(error);
    log.debug('failOnError is false: the failure is a warning');
  }
}

function readFile(fs: OutputFs, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    fs.readFile(path, (err, data) => (err ? reject(err) : resolve(Buffer.isBuffer(data) ? data : Buffer.from(String(data))))),
  );
}

/** Deletes a file; one already gone counts as deleted. */
function unlink(fs: OutputFs, path: string): Promise<void> {
  const remove = fs.unlink ? fs.unlink.bind(fs) : (nodeFs.unlink as unknown as NonNullable<OutputFs['unlink']>);
  return new Promise((resolve, reject) => remove(path, (err) => (err && err.code != 'ENOENT' ? reject(err) : resolve())));
}
