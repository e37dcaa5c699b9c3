/** Bundler URL schemes in map sources, stripped for a readable path (`webpack://shop/./src/a.js` → `src/a.js`). */
const PREFIXES = [/^webpack-internal:\/\/[^/]*\//, /^webpack:\/\/\//, /^webpack:\/\/[^/]*\//, /^(?:rollup|vite|turbopack|parcel|esbuild):\/\/\/?/, /^file:\/\/\/?/];

export function cleanFilename(source: string): string {
  let s = source;
  for (const re of PREFIXES) s = s.replace(re, '');
  // `/./src/a.js`: what @sentry/webpack-plugin leaves of webpack:///./src/a.js.
  s = s.replace(/^\/?(?:\.\/)+/, '').replace(/\?[^/]*$/, '');
  return s || source;
}

/**
 * Library and bundler-runtime code: not the app's own. webpack also names dependencies
 * `webpack:///~/lib/x.js` and externals `webpack:///external "vue"`.
 */
export const isLibraryPath = (source: string) => /(?:^|\/)node_modules\/|webpack\/bootstrap|\(webpack\)|webpack\/runtime|^webpack:\/\/[^/]*\/(?:~\/|external\b)/.test(source);
