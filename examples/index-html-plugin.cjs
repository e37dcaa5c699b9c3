// Writes the app's index.html with its entry scripts, so the examples need no HTML plugin package.
const PLUGIN_NAME = 'IndexHtmlPlugin';

class IndexHtmlPlugin {
  /** @param {{ title: string }} options the page title */
  constructor({ title }) {
    this.title = title;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const publicPath = compilation.getPath(compilation.outputOptions.publicPath || '/');
        const scripts = [...compilation.entrypoints.values()]
          .flatMap((entry) => entry.getFiles())
          .filter((file) => file.endsWith('.js'))
          .map((file) => `  <script defer src="${publicPath}${file}"></script>`);
        const html = ['<!doctype html>', '<html lang="en">', '<head>', '  <meta charset="utf-8">', `  <title>${this.title}</title>`, ...scripts, '</head>', '<body>', '  <div id="app"></div>', '</body>', '</html>', ''];
        compilation.emitAsset('index.html', new sources.RawSource(html.join('\n')));
      });
    });
  }
}

module.exports = { IndexHtmlPlugin };
