// Builds the examples, each in a child process of its own, in parallel: on two cores two
// webpack processes finish sooner than one after the other.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { eachLine } from './child-lines.mjs';

/**
 * Runs `node examples/build.mjs <app>` for each app with the collector's data dir in the
 * environment; `log(app, line)` gets their output. Resolves when all succeeded, rejects naming
 * the first one that failed. `children` collects the running processes (to stop them on Ctrl-C).
 */
export function buildExamples(root, apps, { dataDir, buildDir, log, children }) {
  const env = { ...process.env, FAULTLINE_DATA_DIR: dataDir };
  return Promise.all(
    apps.map(async (app) => {
      const args = [join(root, 'examples/build.mjs'), app, ...(buildDir ? ['--out-dir', join(buildDir, app)] : [])];
      const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      const output = Promise.all([eachLine(child.stdout, (line) => log(app, line)), eachLine(child.stderr, (line) => log(app, line))]);
      const code = await new Promise((done) => child.once('exit', (c, signal) => done(signal || c)));
      await output;
      children.delete(child);
      if (code !== 0) throw new Error(`${app}: the build failed (${code}), see above`);
    }),
  );
}
