import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromProcessor, ProcessorWorkerData, ToProcessor } from './worker-protocol';

export interface ProcessorThreadOptions extends ProcessorWorkerData {
  /** The worker's script. @default the built `processor-worker.mjs` of this package */
  script?: string | URL;
  /** Called as the thread reports batches done, with the queued characters each took and its duration. @default nothing */
  onProcessed?: (bytes: number, ms: number) => void;
}

/**
 * Where the built worker is: beside this module once bundled (`dist/index.mjs`), or the
 * package's `dist/` when this module runs from its TypeScript source.
 */
export function builtWorkerScript(): string {
  for (const candidate of ['./processor-worker.mjs', '../../dist/processor-worker.mjs']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('@faultline/collector: dist/processor-worker.mjs is missing; run `npm run build`');
}

const RESTART_DELAY_MS = 1000;

/**
 * Runs processing on a worker thread and talks to it by messages. The queue lives in the
 * database, so a thread that dies loses nothing: it is restarted and carries on where it was.
 */
export function startProcessorThread(options: ProcessorThreadOptions) {
  const script = options.script ?? builtWorkerScript();
  const data: ProcessorWorkerData = { dbFile: options.dbFile, sourceMapCacheBytes: options.sourceMapCacheBytes };
  const idleWaiters = new Map<number, () => void>();
  let nextId = 0;
  let stopping: Promise<void> | undefined;
  let running = false;
  let worker = spawn();

  function spawn(): Worker {
    const w = new Worker(script, { workerData: data });
    running = true;
    // The HTTP server keeps the process alive; the thread alone must not.
    w.unref();
    w.on('message', (message: FromProcessor) => {
      if (message.type == 'processed') options.onProcessed?.(message.bytes, message.ms);
      else if (message.type == 'idle') {
        idleWaiters.get(message.id)?.();
        idleWaiters.delete(message.id);
      }
    });
    w.on('error', (error) => console.error('faultline-collector: the processing thread failed:', error));
    w.on('exit', () => {
      running = false;
      if (stopping) return;
      setTimeout(() => {
        if (stopping) return;
        console.error('faultline-collector: restarting the processing thread');
        worker = spawn();
        for (const id of idleWaiters.keys()) send({ type: 'idle', id });
      }, RESTART_DELAY_MS).unref();
    });
    return w;
  }

  function send(message: ToProcessor): void {
    worker.postMessage(message);
  }

  return {
    /** Events were committed: the thread drains the queue. */
    wake: () => {
      if (!stopping) send({ type: 'wake' });
    },
    /** Resolves once every queued event is processed. */
    idle(): Promise<void> {
      if (stopping) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const id = nextId++;
        idleWaiters.set(id, resolve);
        send({ type: 'idle', id });
      });
    },
    /** Lets the batch in hand finish, then closes the thread's connection; resolves when it has exited. */
    stop(): Promise<void> {
      stopping ??= new Promise<void>((resolve) => {
        for (const done of idleWaiters.values()) done();
        idleWaiters.clear();
        if (!running) return resolve();
        worker.once('exit', () => resolve());
        send({ type: 'stop' });
      });
      return stopping;
    },
  };
}

export type ProcessorThread = ReturnType<typeof startProcessorThread>;
