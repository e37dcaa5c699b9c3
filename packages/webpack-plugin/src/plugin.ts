import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import type { Compilation, Compiler } from 'webpack';
import { createLogger, deleteUploadedFiles, describeFailure, filesToDelete, gitCommit, listNames, plural, stripQuery, uploadArtifacts, type Logger } from '@faultline/upload';
import { collectArtifacts } from './artifacts';
import { createDebugIdCache, injectDebugIds } from './debug-ids';
import type { FaultlineWebpackPluginOptions } from './options';
import { resolveOptions, type ResolvedOptions } from './resolve-options';

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
    const debugIdCache = createDebugIdCache();
    // In watch mode: whether a build uploaded already, and the releases created and finalized.
    let uploadedOnce = false;
    const releasesDone = new Set<string>();

    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      if (o.debugIds && !skipped()) injectDebugIds(compilation, compiler.webpack, PLUGIN_NAME, debugIdCache);
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
      const selected = o.selectsIn({ context: compiler.context, outputPath: compiler.outputPath });
      // A watch rebuild writes only what changed: upload that, never read what it did not write
      // (with deleteAfterUpload the older maps are gone). The first build also takes the files
      // webpack found identical on disk (compareBeforeEmit) and so did not write.
      const emitted = [...compilation.emittedAssets, ...(uploadedOnce ? [] : compilation.comparedForEmitAssets)];
      const written = compiler.watchMode ? new Set(emitted.map(stripQuery)) : undefined;
      const selects = written ? (file: string) => written.has(file) && selected(file) : selected;
      const artifacts = collectArtifacts(compilation, { ...o, selects });
      if (!artifacts.length && uploadedOnce) {
        log.info('rebuild: no new scripts or maps to upload');
        return;
      }
      if (!artifacts.length) {
        const seen = compilation.getAssets().filter((a) => !a.info.hotModuleReplacement).map((a) => a.name);
        const what = `${o.patterns} matched none of the ${plural(seen.length, 'emitted file')} (${listNames(seen)})`;
        return report(compilation, compiler, o, `no files to upload: ${what}: check \`include\`, \`exclude\` and webpack's \`devtool\``, log);
      }
      if (!uploadedOnce && !artifacts.some((a) => a.type == 'source_map')) {
        const what = `${plural(artifacts.length, 'file')} to upload (${o.patterns}; saw ${listNames(artifacts.map((a) => a.file))})`;
        report(compilation, compiler, o, `no source maps among the ${what}: set devtool: 'hidden-source-map'`, log);
        if (o.failOnError) return;
      }

      const fs = compiler.outputFileSystem || (nodeFs as unknown as OutputFs);
      const pathOf = (file: string) => (fs.join ? fs.join(compiler.outputPath, file) : nodePath.join(compiler.outputPath, file));
      let release: string | undefined | null = null;
      const getRelease = () => {
        if (release === null) {
          release = typeof o.release == 'function' ? o.release(compilation.hash || '') || undefined : o.release || gitCommit(compiler.context);
        }
        return release;
      };
      let result;
      const done = (release: string | undefined) => !!release && releasesDone.has(release);
      try {
        const known = done(getRelease());
        // A rebuild of the same release adds files: the release exists and was finalized already.
        const options = known ? { ...o, finalize: false, deploy: false as const } : o;
        result = await uploadArtifacts({ options, artifacts, read: (a) => readFile(fs, pathOf(a.file)), release: getRelease, releaseExists: known, log });
      } catch (e) {
        return report(compilation, compiler, o, `source map upload failed: ${describeFailure(e)}`, log);
      }
      if (compiler.watchMode && result.method != 'dry-run') {
        uploadedOnce = true;
        if (result.release) releasesDone.add(result.release);
      }
      if (o.deleteAfterUpload && result.method != 'dry-run') {
        const maps = filesToDelete(true, compiler.outputPath, artifacts, []);
        try {
          log.info(await deleteUploadedFiles(compiler.outputPath, maps, (file) => unlink(fs, pathOf(file))));
        } catch (e) {
          report(compilation, compiler, { ...o, deleteAfterUpload: false }, `uploaded, but could not delete the source maps: ${describeFailure(e)}`, log);
        }
      }
    });
  }
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
