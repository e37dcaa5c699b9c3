import { parentPort, workerData } from 'node:worker_threads';
import { createArtifactStore } from '../store/artifacts';
import { openDatabase } from '../store/database';
import { createProcessWrites } from '../store/process-writes';
import { createQueue } from '../store/queue';
import { createProcessor } from './processor';
import type { FromProcessor, ProcessorWorkerData, ToProcessor } from './worker-protocol';

// The processing thread: its own connection to the same file (the main thread has migrated it),
// draining the queue on a core of its own so ingest keeps answering at full speed.
const port = parentPort!;
const data = workerData as ProcessorWorkerData;
const db = openDatabase(data.dbFile, { synchronous: 'NORMAL', migrate: false });
const post = (message: FromProcessor) => port.postMessage(message);
const processor = createProcessor({
  queue: createQueue(db),
  artifacts: createArtifactStore(db),
  writes: createProcessWrites(db),
  sourceMapCacheBytes: data.sourceMapCacheBytes,
  onProcessed: (bytes, ms) => post({ type: 'processed', bytes, ms }),
});

port.on('message', (message: ToProcessor) => {
  if (message.type == 'wake') processor.wake();
  else if (message.type == 'idle') processor.idle().then(() => post({ type: 'idle', id: message.id }));
  else if (message.type == 'stop') {
    // Batches run synchronously, so none is half done here.
    processor.stop();
    db.close();
    post({ type: 'stopped' });
    port.close();
  }
});
// Whatever an earlier process acknowledged but did not process goes first.
processor.wake();
