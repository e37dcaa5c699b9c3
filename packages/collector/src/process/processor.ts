import type { ArtifactStore } from '../store/artifacts';
import type { ProcessedEvent, ProcessWrites } from '../store/process-writes';
import type { Queue } from '../store/queue';
import { createSourceMapCache } from '../symbolicate';
import { processRow } from './process-row';

export interface ProcessorOptions {
  queue: Queue;
  artifacts: ArtifactStore;
  writes: ProcessWrites;
  /** Most events taken per batch (one transaction each). @default 200 */
  batchSize?: number;
  /**
   * Event bytes aimed at per batch: large events make smaller batches, so that the write lock,
   * which ingest needs too, is never held long. @default 1 MiB
   */
  batchBytes?: number;
  /** Bytes of parsed source maps kept in memory. @default 64 MiB */
  sourceMapCacheBytes?: number;
  /** Called after each committed batch with the characters of queued event JSON it took, and how long it took. @default nothing */
  onProcessed?: (bytes: number, ms: number) => void;
}

/**
 * Drains the queue in the background, a batch per turn of the event loop so ingest keeps
 * answering in between. `wake()` after each ingest commit; on start it picks up whatever an
 * earlier process acknowledged but never processed.
 */
export function createProcessor(options: ProcessorOptions) {
  const { queue, artifacts, writes, batchSize = 200, batchBytes = 1024 * 1024, onProcessed = () => undefined } = options;
  const cache = createSourceMapCache({ maxBytes: options.sourceMapCacheBytes });
  let scheduled = false;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];
  let limit = batchSize;

  function runBatch(): number {
    const started = performance.now();
    const rows = queue.take(limit);
    // After the read: an upload committed before these events were is then seen.
    if (rows.length) artifacts.refresh();
    const done: ProcessedEvent[] = [];
    const failures: Array<{ rowId: number; error: string }> = [];
    for (const row of rows) {
      try {
        done.push(processRow(row, artifacts, cache));
      } catch (error) {
        failures.push({ rowId: row.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    }
    if (rows.length) {
      writes.commit(done, failures);
      const bytes = rows.reduce((n, r) => n + r.payload.length, 0);
      onProcessed(bytes, performance.now() - started);
      // The next batch's size from these events' average size.
      limit = Math.max(1, Math.min(batchSize, Math.floor((batchBytes * rows.length) / bytes)));
    }
    return rows.length;
  }

  function tick(): void {
    scheduled = false;
    if (stopped) return;
    let n = 0;
    try {
      n = runBatch();
    } catch (error) {
      // The database refused the batch (disk full, locked): keep the events queued, retry later.
      console.error('faultline-collector: processing failed, will retry:', error);
      setTimeout(wake, 1000).unref();
      return;
    }
    if (n) wake();
    else {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function wake(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    setImmediate(tick);
  }

  return {
    wake,
    /** Resolves once the queue is empty. */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
    stop(): void {
      stopped = true;
    },
  };
}

export type Processor = ReturnType<typeof createProcessor>;
