// The webpack setup both examples share: a production build the way an app deploys it
// (minified, content-hashed names, source maps that browsers never see) with the maps uploaded
// for the release by @faultline/webpack-plugin, and the SDK's settings baked in.
const { join } = require('node:path');
const { DefinePlugin } = require('webpack');
const { FaultlineWebpackPlugin } = require('@faultline/webpack-plugin');
const { buildSettings } = require('./build-settings.cjs');
const { IndexHtmlPlugin } = require('./index-html-plugin.cjs');

/**
 * The name of a source in the maps. A component's own file keeps its path (`webpack:///./src/…`);
 * the modules vue-loader generates around it (render code, glue) would share that name, and a
 * symbolicator could then show their code as the component's: they get a name of their own.
 */
function sourceName(info) {
  const generated = info.identifier.includes('!') || /[?&]vue&type=(template|style)|^\?[0-9a-f]*$/.test(info.query);
  const path = info.resourcePath.startsWith('.') ? info.resourcePath : `./${info.resourcePath}`;
  return generated ? `webpack-generated:///${path}?${info.hash}` : `webpack:///${path}`;
}

/**
 * The webpack config of the example in `appDir`.
 * @param {string} appDir the example's folder (its `src/main.js` is the entry)
 * @param {{ outDir?: string, uploaded?: boolean, title?: string }} [options] `outDir`: where the
 *   build goes (default `<appDir>/dist`); `uploaded`: the server holds this release's maps
 *   already, so the plugin only injects debug IDs and sends nothing (default false)
 */
function exampleConfig(appDir, { outDir = join(appDir, 'dist'), uploaded = false, title = 'Faultline example' } = {}) {
  const settings = buildSettings(appDir);
  // Each example has its own vue-loader (17 for Vue 3, 15 for Vue 2.7): resolve it from there.
  const vueLoader = require.resolve('vue-loader', { paths: [appDir] });
  const { VueLoaderPlugin } = require(vueLoader);
  const plugins = [
    new VueLoaderPlugin(),
    new DefinePlugin({
      __FAULTLINE_DSN__: JSON.stringify(settings.dsn),
      __FAULTLINE_RELEASE__: JSON.stringify(settings.release),
      __FAULTLINE_ENVIRONMENT__: JSON.stringify(settings.environment),
      __FAULTLINE_TRACES_SAMPLE_RATE__: JSON.stringify(settings.tracesSampleRate),
      // Vue 3's bundler build asks for its feature flags.
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    }),
    new IndexHtmlPlugin({ title }),
  ];
  if (settings.upload) {
    plugins.push(new FaultlineWebpackPlugin({ ...settings.upload, release: settings.release, dryRun: uploaded, silent: uploaded, failOnError: true }));
  }
  return {
    name: settings.app,
    mode: 'production',
    context: appDir,
    entry: { main: './src/main.js' },
    devtool: 'hidden-source-map',
    output: {
      path: outDir,
      filename: 'static/js/[name].[contenthash:8].js',
      chunkFilename: 'static/js/[name].[contenthash:8].js',
      publicPath: '/',
      clean: true,
      devtoolModuleFilenameTemplate: sourceName,
    },
    resolve: { extensions: ['.js', '.vue'] },
    module: { rules: [{ test: /\.vue$/, loader: vueLoader }] },
    plugins,
    performance: { hints: false },
    infrastructureLogging: { level: 'info' },
  };
}

module.exports = { exampleConfig };
