import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { build, type InlineConfig, type Logger, type Plugin } from 'vite';
import { listFiles } from '../../../upload/src/directory-artifacts';
import { locate } from '../../../upload/test/helpers/resolve';

export { listFiles };

export const VUE_APP = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/vue-app');

const tempDirs: string[] = [];
export const cleanupBuilds = () => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

export const tempDir = (prefix = 'faultline-vite-') => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

export interface ViteBuild {
  outDir: string;
  files: string[];
  /** The entry script, e.g. `assets/index-B1a2c3d4.js`. */
  main: string;
  /** What Vite logged: `info: …`, `warn: …`. */
  logs: string[];
}

/** A logger that keeps what Vite (and plugins through `this.warn`/`this.info`) say. */
function recordingLogger(logs: string[]): Logger {
  const warned = new Set<string>();
  return {
    info: (m) => void logs.push(`info: ${m}`),
    warn: (m) => void logs.push(`warn: ${m}`),
    warnOnce: (m) => {
      if (!warned.has(m)) logs.push(`warn: ${m}`);
      warned.add(m);
    },
    error: (m) => void logs.push(`error: ${m}`),
    clearScreen: () => {},
    hasErrorLogged: () => false,
    hasWarned: false,
  };
}

/**
 * `vite build` of the Vue fixture through Vite's JS API, with `@vitejs/plugin-vue` and the given
 * plugins, into a fresh temp directory. `overrides` are merged into the config (`base`, `build`).
 */
export async function buildVueApp(plugins: Plugin[], overrides: InlineConfig = {}): Promise<ViteBuild> {
  const outDir = tempDir();
  const logs: string[] = [];
  await build({
    configFile: false,
    root: VUE_APP,
    logLevel: 'silent',
    customLogger: recordingLogger(logs),
    ...overrides,
    plugins: [vue(), ...plugins],
    build: { outDir, emptyOutDir: true, ...overrides.build },
  });
  const files = await listFiles(outDir);
  const main = files.find((f) => /^assets\/index-[\w-]+\.js$/.test(f));
  if (!main) throw new Error(`no entry script in ${files.join(', ')}`);
  return { outDir, files, main, logs };
}

/** The fixture's known throw, in App.vue: file and 1-based line. */
export function knownThrow(): { source: RegExp; line: number } {
  const text = readFileSync(join(VUE_APP, 'src/App.vue'), 'utf8');
  return { source: /src\/App\.vue$/, line: locate(text, "throw new Error('basket is empty')").line };
}

/** Where the known throw is in a built script: 1-based line, 0-based column. */
export const throwInBuild = (code: string) => locate(code, 'throw new Error("basket is empty")');
