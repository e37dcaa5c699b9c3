export interface AdmissionOptions {
  /**
   * How far processing may fall behind ingest, in time: the backlog (event bytes acknowledged
   * but not yet processed) is held to what processing, at the rate it last managed, finishes
   * in this many milliseconds. Past it, new events wait before they are written. @default 1500
   */
  maxBacklogMs?: number;
  /** The backlog always allowed, whatever the rate (and before it is known). @default 4 MiB */
  minBacklogBytes?: number;
  /**
   * Longest an event waits for the backlog to shrink; then it is stored anyway. The queue is
   * durable, so a stalled processing thread slows ingest down but never makes it refuse. @default 2000
   */
  maxWaitMs?: number;
}

interface Waiter {
  bytes: number;
  go: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Backpressure between ingest and processing. Ingest stores events faster than processing can
 * normalise, symbolicate and group them, so under a flood the queue would grow without bound and
 * the UI fall minutes behind. Instead an event reserves its bytes before it is written and
 * processing gives them back batch by batch; past the limit, requests wait in arrival order (the
 * client sees a slower answer, which slows an SDK's sending down) and nothing is refused.
 */
export function createAdmission({ maxBacklogMs = 1500, minBacklogBytes = 4 * 1024 * 1024, maxWaitMs = 2000 }: AdmissionOptions = {}, initialBacklog = 0) {
  let backlog = initialBacklog;
  let maxBacklogBytes = minBacklogBytes;
  // Processing's rate in bytes per ms, smoothed over recent batches (each runs back to back with
  // the next while there is a backlog, so its duration is the time it took).
  let rate = 0;
  const waiting: Waiter[] = [];

  function pass(w: Waiter): void {
    clearTimeout(w.timer);
    backlog += w.bytes;
    w.go();
  }

  function release(): void {
    while (waiting.length && backlog < maxBacklogBytes) pass(waiting.shift()!);
  }

  function giveBack(bytes: number): void {
    backlog = Math.max(0, backlog - bytes);
    release();
  }

  return {
    /** Reserves `bytes` of backlog; a promise when the event must wait first, else nothing. */
    admit(bytes: number): Promise<void> | undefined {
      if (!waiting.length && backlog < maxBacklogBytes) {
        backlog += bytes;
        return undefined;
      }
      return new Promise<void>((go) => {
        const w: Waiter = {
          bytes,
          go,
          timer: setTimeout(() => pass(waiting.splice(waiting.indexOf(w), 1)[0]), maxWaitMs),
        };
        waiting.push(w);
      });
    },
    /** An admitted event was not queued after all (the write failed, or it was a duplicate). */
    refund: giveBack,
    /** Processing finished events of this many bytes in a batch that took `ms`. */
    processed(bytes: number, ms = 0): void {
      if (ms > 0) {
        rate = rate ? 0.8 * rate + 0.2 * (bytes / ms) : bytes / ms;
        maxBacklogBytes = Math.max(minBacklogBytes, rate * maxBacklogMs);
      }
      giveBack(bytes);
    },
    /** The backlog allowed now. */
    limit: () => maxBacklogBytes,
    /** Bytes reserved or queued and not yet processed. */
    backlog: () => backlog,
    /** Requests waiting to be admitted. */
    waiting: () => waiting.length,
    /** Lets everyone waiting through at once (shutdown). */
    open(): void {
      for (const w of waiting.splice(0)) pass(w);
    },
  };
}

export type Admission = ReturnType<typeof createAdmission>;
