/** What the processing thread is started with. */
export interface ProcessorWorkerData {
  /** The collector's SQLite file; the thread opens its own connection. */
  dbFile: string;
  /** Bytes of parsed source maps kept in memory. */
  sourceMapCacheBytes?: number;
}

/** Main thread → processing thread. */
export type ToProcessor =
  /** Events were committed: drain the queue. */
  | { type: 'wake' }
  /** Answer `idle` with this id once the queue is empty. */
  | { type: 'idle'; id: number }
  /** Finish the batch in hand, close the database, exit. */
  | { type: 'stop' };

/** Processing thread → main thread. */
export type FromProcessor =
  | { type: 'idle'; id: number }
  /** A batch was committed: queued event JSON of this many characters (as ingest counts it) is done, in `ms`. */
  | { type: 'processed'; bytes: number; ms: number }
  | { type: 'stopped' };
