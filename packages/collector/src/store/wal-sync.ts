import { closeSync, fsync, openSync } from 'node:fs';

type Done = (error?: Error) => void;

/**
 * Makes the commits of a `synchronous = NORMAL` WAL connection durable without blocking the
 * event loop: fsync of the `-wal` file on libuv's thread pool (SQLite's own fsync, with FULL,
 * would stall every request for its duration). Commits made while a sync runs share the next.
 */
export function createWalSync(walFile: string) {
  let fd: number | undefined;
  let running = false;
  let waiting: Done[] = [];

  function start(): void {
    const batch = waiting;
    waiting = [];
    const finish = (error?: Error) => {
      running = false;
      for (const done of batch) done(error);
      if (waiting.length) start();
    };
    running = true;
    try {
      fd ??= openSync(walFile, 'r');
    } catch (error) {
      return finish(error as Error);
    }
    fsync(fd, (error) => finish(error ?? undefined));
  }

  return {
    /** Calls `done` once everything committed before this call is on disk. */
    sync(done: Done): void {
      waiting.push(done);
      if (!running) start();
    },
    close(): void {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

export type WalSync = ReturnType<typeof createWalSync>;
