// Production webpack 5 builds of the end-to-end fixture app (test/fixtures/e2e-app), each into a
// fresh temp dir, the way an app's own webpack.config.js would build it for deployment.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack, { type WebpackPluginInstance } from 'webpack';
import { listFiles } from '../../../webpack-plugin/test/helpers/build';

export const E2E_APP = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/e2e-app');

export interface E2eBuild {
  outDir: string;
  /** Output files, relative, `/`-separated, sorted. */
  files: string[];
  /** The entry script, e.g. `static/js/main.1a2b3c4d.js`. */
  main: string;
  errors: string[];
  warnings: string[];
}

const dirs: string[] = [];
export const removeE2eBuilds = () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

/**
 * Builds `src/<entry>` as the `main` chunk: production mode, `hidden-source-map` (maps emitted,
 * no `sourceMappingURL` comment), content-hashed names under `static/js/`, `publicPath: '/'`.
 * `plugins` may be a function of the output directory, for uploaders that want its path.
 */
export async function buildE2eApp(
  entry: 'index.js' | 'sentry.js',
  plugins: WebpackPluginInstance[] | ((outDir: string) => WebpackPluginInstance[]) = [],
): Promise<E2eBuild> {
  const outDir = mkdtempSync(join(tmpdir(), 'faultline-e2e-build-'));
  dirs.push(outDir);
  const compiler = webpack({
    mode: 'production',
    context: E2E_APP,
    entry: { main: `./src/${entry}` },
    devtool: 'hidden-source-map',
    output: {
      path: outDir,
      filename: 'static/js/[name].[contenthash:8].js',
      chunkFilename: 'static/js/[name].[contenthash:8].js',
      publicPath: '/',
    },
    plugins: typeof plugins == 'function' ? plugins(outDir) : plugins,
    infrastructureLogging: { level: 'error' },
    stats: 'none',
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) => compiler.run((err, result) => (err || !result ? reject(err) : resolve(result))));
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  const json = stats.toJson({ all: false, errors: true, warnings: true });
  const files = listFiles(outDir);
  const main = files.find((f) => /^static\/js\/main\.[0-9a-f]{8}\.js$/.test(f));
  if (!main) throw new Error(`no static/js/main.<hash>.js in the build: ${files.join(', ')}; errors: ${(json.errors || []).map((e) => e.message).join('\n')}`);
  return { outDir, files, main, errors: (json.errors || []).map((e) => e.message), warnings: (json.warnings || []).map((e) => e.message) };
}

/** The 1-based line of the first line of `src/<file>` containing `needle`, and that line's text. */
export function sourceLine(file: string, needle: string): { line: number; text: string } {
  const lines = readFileSync(join(E2E_APP, 'src', file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in src/${file}`);
  return { line: index + 1, text: lines[index] };
}
