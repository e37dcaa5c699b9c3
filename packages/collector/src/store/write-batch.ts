import type { Db } from './database';

type Work = () => void;

/** Give up on a database that stays locked this long: the writes fail (and ingest answers 503). */
const MAX_BUSY_MS = 30_000;

const isBusy = (error: unknown) => (error as { code?: string } | null)?.code == 'SQLITE_BUSY';

export interface WriteBatchOptions {
  /** Runs after each commit. @default nothing */
  onCommit?: () => void;
  /**
   * Makes a commit durable and calls back; submitters settle only then. For a connection with
   * `synchronous = NORMAL` (see wal-sync.ts). @default none: the commit itself is durable (FULL)
   */
  sync?: (done: (error?: Error) => void) => void;
}

/**
 * Group commit: every write submitted during one turn of the event loop runs in a single
 * transaction, and each submitter's promise settles only once that transaction is committed
 * and synced (so ingest can answer 200 only for what is on disk). One fsync serves the batch.
 * If the batch fails, each write is retried alone, so one bad write cannot fail its neighbours.
 * When the processing thread holds the write lock, the batch is retried a millisecond later
 * rather than waited for: the connection has no busy timeout, so the event loop never blocks.
 */
export function createWriteBatch(db: Db, { onCommit = () => undefined, sync = (done) => done() }: WriteBatchOptions = {}) {
  type Pending = { work: Work; done: (error?: unknown) => void };
  let pending: Pending[] = [];
  let closed = false;
  let busySince = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let syncing = 0;
  let synced: Array<() => void> = [];
  const durable = (then: (error?: Error) => void) => {
    syncing++;
    sync((error) => {
      syncing--;
      then(error);
      if (!syncing) for (const s of synced.splice(0)) s();
    });
  };
  // IMMEDIATE takes the write lock first: a busy database fails the batch before any work runs.
  const runAll = db.transaction((works: Work[]) => {
    for (const w of works) w();
  }).immediate;

  function flush(): void {
    retryTimer = undefined;
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    try {
      runAll(batch.map((p) => p.work));
      busySince = 0;
      durable((error) => {
        for (const p of batch) p.done(error);
      });
    } catch (error) {
      if (isBusy(error) && !closed && (busySince ||= Date.now()) > Date.now() - MAX_BUSY_MS) {
        pending = batch.concat(pending);
        retryTimer ??= setTimeout(flush, 1);
        return;
      }
      for (const p of batch) {
        try {
          runAll([p.work]);
          durable((error) => p.done(error));
        } catch (error) {
          p.done(error);
        }
      }
    }
    onCommit();
  }

  return {
    submit(work: Work): Promise<void> {
      if (closed) return Promise.reject(new Error('the collector is shutting down'));
      return new Promise((resolve, reject) => {
        if (!pending.length && !retryTimer) setImmediate(flush);
        pending.push({ work, done: (e) => (e ? reject(e) : resolve()) });
      });
    },
    /** Commits what is pending now, refuses later writes (shutdown); resolves once all is synced. */
    close(): Promise<void> {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      // Nothing left to keep answering: wait for the lock, as long as it takes (up to 5 s).
      db.pragma('busy_timeout = 5000');
      flush();
      return new Promise((resolve) => (syncing ? synced.push(resolve) : resolve()));
    },
    pending: () => pending.length,
  };
}

export type WriteBatch = ReturnType<typeof createWriteBatch>;
