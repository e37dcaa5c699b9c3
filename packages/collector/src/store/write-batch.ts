import type { Db } from './database';

type Work = () => void;

/**
 * Group commit: every write submitted during one turn of the event loop runs in a single
 * transaction, and each submitter's promise settles only once that transaction is committed
 * (so ingest can answer 200 only for what is on disk). One fsync serves the whole batch.
 * If the batch fails, each write is retried alone, so one bad write cannot fail its neighbours.
 */
export function createWriteBatch(db: Db, onCommit: () => void = () => undefined) {
  let pending: Array<{ work: Work; done: (error?: unknown) => void }> = [];
  let closed = false;
  const runAll = db.transaction((works: Work[]) => {
    for (const w of works) w();
  });

  function flush(): void {
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    try {
      runAll(batch.map((p) => p.work));
      for (const p of batch) p.done();
    } catch {
      for (const p of batch) {
        try {
          runAll([p.work]);
          p.done();
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
        if (!pending.length) setImmediate(flush);
        pending.push({ work, done: (e) => (e ? reject(e) : resolve()) });
      });
    },
    /** Commits what is pending now and refuses later writes (shutdown). */
    close(): void {
      closed = true;
      flush();
    },
    pending: () => pending.length,
  };
}

export type WriteBatch = ReturnType<typeof createWriteBatch>;
