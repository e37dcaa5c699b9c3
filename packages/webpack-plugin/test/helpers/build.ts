import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import webpack, { type Configuration, type WebpackPluginInstance } from 'webpack';

export const FIXTURE_APP = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/app');

export interface BuildResult {
  outDir: string;
  errors: string[];
  warnings: string[];
  /** Lines the plugin logged through webpack's infrastructure logger. */
  logs: string[];
  /** Files in the output directory, relative, `/`-separated. */
  files: string[];
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const tempDirs: string[] = [];
export const cleanupBuilds = () => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

export function fixtureConfig(plugins: WebpackPluginInstance[], overrides: Configuration = {}): { config: Configuration; outDir: string; logs: string[] } {
  const outDir = mkdtempSync(join(tmpdir(), 'faultline-wp-'));
  tempDirs.push(outDir);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const baseOutput = {
    path: outDir,
    filename: 'static/js/[name].[contenthash:8].js',
    chunkFilename: 'static/js/[name].[contenthash:8].js',
    publicPath: '/',
  };
  const config: Configuration = {
    mode: 'production',
    context: FIXTURE_APP,
    entry: { main: './src/index.js' },
    devtool: 'hidden-source-map',
    plugins,
    infrastructureLogging: { level: 'info', colors: false, appendOnly: true, stream: stream as unknown as NodeJS.WritableStream },
    ...overrides,
    output: { ...baseOutput, ...overrides.output },
  };
  return { config, outDir, logs };
}

/** Builds the fixture app with webpack's Node API in production mode, into a fresh temp dir. */
export async function buildFixture(plugins: WebpackPluginInstance[], overrides: Configuration = {}): Promise<BuildResult> {
  const { config, outDir, logs } = fixtureConfig(plugins, overrides);
  const compiler = webpack(config);
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((err, result) => (err || !result ? reject(err) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  const json = stats.toJson({ all: false, errors: true, warnings: true });
  return {
    outDir,
    errors: (json.errors || []).map((e) => e.message),
    warnings: (json.warnings || []).map((e) => e.message),
    logs,
    files: listFiles(outDir),
  };
}
