#!/usr/bin/env node
// `npm start`: the whole chain on this machine. Builds the packages when needed, starts the
// collector (data in .faultline/), builds the two example apps (their source maps uploaded to
// the collector for their release), serves them, and prints where everything is. Ctrl-C (or
// SIGTERM) stops every process it started.
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExamples } from './start/build-examples.mjs';
import { startCollectorProcess, stopChild } from './start/collector-process.mjs';
import { ensureBuilt } from './start/ensure-built.mjs';
import { parseOptions, USAGE, UsageError } from './start/options.mjs';
import { checkPortFree, PortInUseError } from './start/port-check.mjs';
import { serveBuild } from './start/static-server.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const HOST = '127.0.0.1';
const APPS = [
  { name: 'vue3-app', label: 'Vue 3 app', port: 'vue3Port', flag: '--vue3-port' },
  { name: 'vue2-app', label: 'Vue 2 app', port: 'vue2Port', flag: '--vue2-port' },
];

const started = Date.now();
const log = (line) => console.log(line);
const children = new Set();
const servers = [];
let collector;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.close()));
  if (collector) await stopChild(collector.child, collector.exited);
  process.exit(code);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return void console.log(USAGE);
  const dataDir = resolve(ROOT, options.dataDir);
  const buildDir = options.buildDir && resolve(ROOT, options.buildDir);

  // Every port first, so a port in use stops us before minutes of building.
  await checkPortFree(options.collectorPort, HOST, 'collector', '--collector-port');
  for (const app of APPS) await checkPortFree(options[app.port], HOST, app.label, app.flag);

  await ensureBuilt(ROOT, log);
  collector = await startCollectorProcess(ROOT, { port: options.collectorPort, dataDir, host: HOST, log: (line) => log(`[collector] ${line}`) });
  collector.exited.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`the collector stopped (${signal || `code ${code}`}); stopping the rest`);
      void stop(1);
    }
  });

  log(`collector ${collector.url}/ (data in ${dataDir}); building ${APPS.map((a) => a.name).join(' and ')} with webpack, in parallel`);
  await buildExamples(ROOT, APPS.map((a) => a.name), { dataDir, buildDir, children, log: (app, line) => log(`[${app}] ${line}`) });
  for (const app of APPS) {
    const dist = buildDir ? join(buildDir, app.name) : join(ROOT, 'examples', app.name, 'dist');
    servers.push(await serveBuild(dist, options[app.port], HOST).catch((error) => {
      throw error.code == 'EADDRINUSE' ? new PortInUseError(options[app.port], app.label, app.flag) : error;
    }));
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      '',
      `Faultline is ready (${seconds} s). Data in ${dataDir}`,
      `  Collector  ${collector.url}/`,
      ...APPS.map((app, i) => `  ${app.label}  ${servers[i].url}/`),
      '',
      'Click the buttons in the apps, then open the collector: each error arrives grouped, symbolicated to its .vue or .js line. Ctrl-C stops everything.',
    ].join('\n'),
  );
}

// Whatever ends this process (an uncaught error included), no child is left holding a port.
process.on('exit', () => {
  for (const child of [...children, collector?.child]) if (child && child.exitCode === null) child.kill('SIGTERM');
});
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error) => {
  const known = error instanceof PortInUseError || error instanceof UsageError;
  console.error(`npm start: ${known ? error.message : error.stack || error}`);
  if (error instanceof UsageError) console.error(USAGE);
  void stop(1);
});
