import { createHash } from 'node:crypto';
import type { Compilation, Compiler, sources } from 'webpack';

type Source = sources.Source;

const JS_FILE = /\.(m|c)?js(\?.*)?$/i;
const DEBUG_ID_COMMENT = /(?:^|\n)\/\/# debugId=([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})[ \t]*(?:\r?\n|$)/g;
const USE_STRICT = /^(?:\s*(['"])use strict\1;?)+/;

/** A UUID (version 4 layout) derived from the content, so identical builds get identical IDs. */
export function debugIdFor(content: string | Uint8Array): string {
  const h = createHash('sha1').update(content).digest('hex');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Registers `id` under the stack of an Error made in this file, the way Sentry's bundler plugins
 * do (`_sentryDebugIds[stack] = id`): the SDK maps the stack's innermost frame to the id. Safe
 * everywhere (browsers, workers, Node), and never throws.
 */
export const debugIdSnippet = (id: string) =>
  `;!function(){try{var g=typeof globalThis<"u"?globalThis:typeof self<"u"?self:typeof window<"u"?window:typeof global<"u"?global:{},s=new Error().stack;s&&((g._sentryDebugIds=g._sentryDebugIds||{})[s]="${id}")}catch(e){}}();`;

/** The debug ID of a file from its last `//# debugId=` comment. */
export function readDebugId(code: string): string | undefined {
  let id: string | undefined;
  for (const match of code.matchAll(DEBUG_ID_COMMENT)) id = match[1].toLowerCase();
  return id;
}

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
        const prologue = USE_STRICT.exec(code);
        withSnippet.insert(prologue ? prologue[0].length : 0, debugIdSnippet(id));
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
        try {
          const json = JSON.parse(map.source.source().toString());
          json.debug_id = json.debugId = id;
          // Keep the map a string: webpack's RealContentHashPlugin skips Buffer assets.
          const result = new RawSource(JSON.stringify(json));
          cache.maps.set(map.source, result);
          compilation.updateAsset(mapFile, result);
        } catch {
          // Not JSON (another tool's format): leave it, the JS comment still identifies the file.
        }
      }
    }
  });
}
