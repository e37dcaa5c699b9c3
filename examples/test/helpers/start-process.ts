// `npm start` (node scripts/start.mjs) as a child process, the way a user runs it: its output
// read line by line, the URLs it prints once ready, and Ctrl-C's SIGTERM to stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface StartProcess {
  child: ChildProcess;
  /** Every line printed so far, stdout and stderr. */
  lines: string[];
  /** Resolves with the exit code (or signal). */
  exited: Promise<number | string>;
}

export interface ReadyStart extends StartProcess {
  collectorUrl: string;
  vue3Url: string;
  vue2Url: string;
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs `node scripts/start.mjs ...args`, with `env` added to this process's environment. */
export function runStart(args: string[], env: Record<string, string> = {}): StartProcess {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(signal ?? code ?? -1)));
  return { child, lines, exited };
}

/** Waits until the start script prints its hint line, and reads the URLs it printed. */
export async function waitUntilReady(start: StartProcess, timeoutMs = 170_000): Promise<ReadyStart> {
  const deadline = Date.now() + timeoutMs;
  let exit: number | string | undefined;
  void start.exited.then((code) => (exit = code));
  while (!start.lines.some((l) => l.startsWith('Click the buttons'))) {
    if (exit !== undefined || Date.now() > deadline) throw new Error(`npm start ${exit === undefined ? 'not ready in time' : `exited (${exit})`}:\n${start.lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = (label: string) => {
    const line = start.lines.find((l) => l.trim().startsWith(label));
    return /(http:\/\/\S+?)\/?$/.exec(line ?? '')![1];
  };
  return { ...start, collectorUrl: url('Collector'), vue3Url: url('Vue 3 app'), vue2Url: url('Vue 2 app') };
}

/** Ctrl-C's equivalent; resolves with the exit code. */
export async function stopStart(start: StartProcess): Promise<number | string> {
  start.child.kill('SIGTERM');
  return start.exited;
}
