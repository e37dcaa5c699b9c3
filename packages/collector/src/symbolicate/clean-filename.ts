/** Bundler URL schemes in map sources, stripped for a readable path (`webpack://shop/./src/a.js` → `src/a.js`). */
const PREFIXES = [/^webpack:\/\/\//, /^webpack:\/\/[^/]*\//, /^(?:rollup|vite|turbopack|parcel|esbuild):\/\/\/?/, /^file:\/\/\/?/];

export function cleanFilename(source: string): string {
  let s = source;
  for (const re of PREFIXES) s = s.replace(re, '');
  // `/./src/a.js`: what @sentry/webpack-plugin leaves of webpack:///./src/a.js.
  s = s.replace(/^\/?(?:\.\/)+/, '').replace(/\?[^/]*$/, '');
  return s || source;
}

/** Library and bundler-runtime code: not the app's own. */
export const isLibraryPath = (source: string) => /(?:^|\/)node_modules\/|webpack\/bootstrap|\(webpack\)|webpack\/runtime/.test(source);
