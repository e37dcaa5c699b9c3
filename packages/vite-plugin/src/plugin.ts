import { dirname } from 'node:path';
import type { NormalizedOutputOptions, OutputBundle, Plugin, PluginContext } from 'rollup';
import { describeFailure, injectDebugIdIntoCode, insertionSourceMap, readDebugId, uploadSourceMaps, withMapDebugId, type LogSink } from '@faultline/upload';
import type { FaultlineVitePluginOptions } from './options';
import { PLUGIN_NAME, resolvePluginOptions } from './resolve-options';
import { urlPrefixFromBase } from './url-prefix';

/**
 * A Rollup plugin with the Vite-only fields Vite reads: `apply: 'build'` keeps it out of the
 * dev server, `config` and `configResolved` see Vite's settings. Rollup ignores them.
 */
export interface FaultlinePlugin extends Plugin {
  apply: 'build';
  enforce: 'post';
  config(config: { build?: { sourcemap?: unknown } }): { build: { sourcemap: 'hidden' } } | undefined;
  configResolved(config: { base: string }): void;
}

/**
 * Gives every chunk of a Vite (or Rollup) production build a debug ID, then uploads its scripts
 * and source maps to Sentry once they are written: an artifact bundle on current servers,
 * release files on Sentry 20.x. Never runs in the dev server nor in watch mode.
 *
 * @example
 * // vite.config.ts
 * export default defineConfig({ plugins: [vue(), faultline({ org: 'acme', project: 'shop', release: 'shop@1.4.2' })] })
 */
export function faultline(options: FaultlineVitePluginOptions = {}): FaultlinePlugin {
  const o = resolvePluginOptions(options, process.env);
  /** Vite's `base`, when Vite runs the build. */
  let base: string | undefined;
  let toldWatchMode = false;

  return {
    name: PLUGIN_NAME,
    apply: 'build',
    enforce: 'post',

    // Vite builds without source maps unless told: make hidden ones (no comment in the
    // scripts, so browsers never ask for them).
    config(config) {
      if (config.build?.sourcemap === undefined) return { build: { sourcemap: 'hidden' } };
      return undefined;
    },

    configResolved(config) {
      base = config.base;
    },

    // Last of all plugins' renderChunk, after Vite's minifier, which would drop the comment.
    renderChunk: {
      order: 'post',
      handler(code, chunk, outputOptions) {
        if (!o.debugIds || this.meta.watchMode) return null;
        const injected = injectDebugIdIntoCode(code);
        if (!injected.at) return null;
        return { code: injected.code, map: outputOptions.sourcemap ? insertionSourceMap(code, injected.at, chunk.fileName) : null };
      },
    },

    // The chunk's final map exists only now: it gets the debug ID of its script.
    generateBundle(outputOptions, bundle) {
      if (!o.debugIds || !outputOptions.sourcemap) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type != 'chunk') continue;
        const id = readDebugId(chunk.code);
        const map = bundle[chunk.sourcemapFileName || `${chunk.fileName}.map`];
        if (!id || !map || map.type != 'asset' || typeof map.source != 'string') continue;
        map.source = withMapDebugId(map.source, id) ?? map.source;
      }
    },

    async writeBundle(outputOptions, bundle) {
      if (this.meta.watchMode) {
        if (!toldWatchMode) this.info('watch mode: no upload');
        toldWatchMode = true;
        return;
      }
      await upload(this, outputOptions, bundle);
    },
  };

  async function upload(context: PluginContext, outputOptions: NormalizedOutputOptions, bundle: OutputBundle): Promise<void> {
    const directory = outputOptions.dir ?? (outputOptions.file ? dirname(outputOptions.file) : '.');
    const logger: LogSink = { info: (m) => context.info(m), warn: (m) => context.warn(m) };
    try {
      await uploadSourceMaps({
        ...o.upload,
        directory,
        files: Object.keys(bundle),
        urlPrefix: o.upload.urlPrefix ?? urlPrefixFromBase(base),
        deleteAfterUpload: o.deleteAfterUpload,
        logger,
      });
    } catch (e) {
      const kept = o.deleteAfterUpload ? `. Source maps were kept in ${directory}` : '';
      const message = `source map upload failed: ${describeFailure(e)}${kept}`;
      if (o.failOnError) context.error(message);
      context.warn(message);
    }
  }
}
