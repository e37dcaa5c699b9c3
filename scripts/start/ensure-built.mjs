// Runs `npm run build` only when a package's dist is missing or older than its sources, so a
// warm `npm start` does not pay for a rollup build.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Modification times of the files under `dir` (none if it is missing). */
function mtimes(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
}

/** The packages whose dist is missing or older than their src (or the build config). */
export function stalePackages(root) {
  const config = statSync(join(root, 'rollup.config.ts')).mtimeMs;
  const packages = readdirSync(join(root, 'packages')).filter((name) => existsSync(join(root, 'packages', name, 'src')));
  return packages.filter((name) => {
    const built = mtimes(join(root, 'packages', name, 'dist'));
    if (!built.length || !existsSync(join(root, 'packages', name, 'dist', 'index.mjs'))) return true;
    return Math.max(config, ...mtimes(join(root, 'packages', name, 'src'))) > Math.min(...built);
  });
}

/** Builds the packages when needed; `log` gets one line saying why. Rejects when the build fails. */
export async function ensureBuilt(root, log) {
  const stale = stalePackages(root);
  if (!stale.length) return false;
  log(`building the packages (${stale.join(', ')}: dist missing or older than src): npm run build`);
  const npm = process.platform == 'win32' ? 'npm.cmd' : 'npm';
  // The build's own output goes to stderr, so stdout keeps only the start script's lines.
  const child = spawn(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  const code = await new Promise((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`npm run build failed (exit code ${code})`);
  return true;
}
