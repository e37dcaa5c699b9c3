import { debugIdFor, debugIdInsertOffset, debugIdSnippet, readDebugId, withMapDebugId } from '@faultline/upload';
import type { Compilation, Compiler, sources } from 'webpack';

type Source = sources.Source;

const JS_FILE = /\.(m|c)?js(\?.*)?$/i;

const asArray = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * What the previous compilations made, by webpack's source objects: a watch rebuild hands back
 * the same object for an unchanged chunk, and gets back the same injected one, so webpack does
 * not emit that file again (nor its map).
 */
export interface DebugIdCache {
  scripts: WeakMap<object, { source: Source; id: string }>;
  maps: WeakMap<object, Source>;
}

export const createDebugIdCache = (): DebugIdCache => ({ scripts: new WeakMap(), maps: new WeakMap() });

/**
 * Adds debug IDs to every JavaScript file of the compilation's chunks: the snippet at the top
 * (after a `"use strict"` prologue), the comment at the end, both before source maps are made so
 * the maps account for them; then `debug_id` (and the newer `debugId`) in each file's map.
 */
export function injectDebugIds(
  compilation: Compilation,
  webpack: Compiler['webpack'],
  pluginName: string,
  cache: DebugIdCache = createDebugIdCache(),
): void {
  const { ConcatSource, ReplaceSource, RawSource } = webpack.sources;
  const stage = webpack.Compilation.PROCESS_ASSETS_STAGE_DEV_TOOLING;
  const injected = new Map<string, string>();

  compilation.hooks.processAssets.tap({ name: pluginName, stage: stage - 1 }, () => {
    for (const chunk of compilation.chunks) {
      for (const file of chunk.files) {
        const asset = compilation.getAsset(file);
        if (!asset || !JS_FILE.test(file) || injected.has(file)) continue;
        const done = cache.scripts.get(asset.source);
        if (done) {
          compilation.updateAsset(file, done.source);
          injected.set(file, done.id);
          continue;
        }
        const code = asset.source.source().toString();
        const existing = readDebugId(code);
        if (existing) {
          injected.set(file, existing);
          continue;
        }
        const id = debugIdFor(code);
        const withSnippet = new ReplaceSource(asset.source);
        withSnippet.insert(debugIdInsertOffset(code), debugIdSnippet(id));
        const result = new ConcatSource(withSnippet, `\n//# debugId=${id}`);
        cache.scripts.set(asset.source, { source: result, id });
        compilation.updateAsset(file, result);
        injected.set(file, id);
      }
    }
  });

  compilation.hooks.processAssets.tap({ name: pluginName, stage: stage + 1 }, () => {
    for (const [file, id] of injected) {
      const asset = compilation.getAsset(file);
      for (const mapFile of asArray(asset && asset.info.related && (asset.info.related.sourceMap as string | string[] | undefined))) {
        const map = compilation.getAsset(mapFile);
        if (!map) continue;
        const done = cache.maps.get(map.source);
        if (done) {
          compilation.updateAsset(mapFile, done);
          continue;
        }
        // Not JSON (another tool's format): left as it is, the JS comment still identifies the file.
        const json = withMapDebugId(map.source.source().toString(), id);
        if (json === undefined) continue;
        // Keep the map a string: webpack's RealContentHashPlugin skips Buffer assets.
        const result = new RawSource(json);
        cache.maps.set(map.source, result);
        compilation.updateAsset(mapFile, result);
      }
    }
  });
}
