// The collector as a child process (its own CLI, as a user would start it), and what it tells
// once ready: its URL, then collector.json with DSN, token, org and project.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eachLine } from './child-lines.mjs';

const READY_LINE = /^Faultline collector\s+(http\S+)/;

/**
 * Starts `packages/collector/bin/faultline-collector.mjs` on `port` with `dataDir`, and resolves
 * once it answers /healthz, with its collector.json and the child. `log` gets its stderr lines.
 * Rejects with the collector's own last message when it exits before that.
 */
export async function startCollectorProcess(root, { port, dataDir, host, log }) {
  const bin = join(root, 'packages/collector/bin/faultline-collector.mjs');
  const child = spawn(process.execPath, [bin, '--host', host, '--port', String(port), '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  eachLine(child.stderr, (line) => {
    stderr.push(line);
    log(line);
  });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const url = await new Promise((done, fail) => {
    eachLine(child.stdout, (line) => {
      const match = READY_LINE.exec(line);
      if (match) done(match[1]);
    });
    exited.then(({ code, signal }) => fail(new Error(`the collector exited (${signal || `code ${code}`}) before it was ready: ${stderr.at(-1) || 'no message'}`)));
  });
  const health = await fetch(`${url}/healthz`);
  if (health.status != 200) throw new Error(`the collector at ${url} answered /healthz with ${health.status}`);
  const info = JSON.parse(readFileSync(join(dataDir, 'collector.json'), 'utf8'));
  return { url, info, child, exited };
}

/** SIGTERM (the collector finishes what is in flight and commits), SIGKILL after `graceMs`. */
export async function stopChild(child, exited, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
