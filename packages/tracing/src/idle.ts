export interface IdleTimerOptions {
  /** ms without activity after which the work is done. */
  idleTimeout: number;
  /** ms after which it is done whatever happens. */
  finalTimeout: number;
  /** `reason` says why; `lastActivity` is when the last activity ended (performance.now() ms). */
  onEnd: (reason: 'idle' | 'final', lastActivity: number) => void;
}

export interface IdleTimer {
  /** Marks the start of something the page waits for; call the result when it ends. */
  begin(): () => void;
  /** Stops the timers without calling `onEnd`. */
  cancel(): void;
}

/**
 * Ends a transaction when the page settles: `idleTimeout` ms after the last activity ended
 * (requests, the document still loading), at the latest after `finalTimeout`.
 */
export function createIdleTimer({ idleTimeout, finalTimeout, onEnd }: IdleTimerOptions): IdleTimer {
  let open = 0;
  let last = performance.now();
  let idle: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const end = (reason: 'idle' | 'final') => {
    if (done) return;
    done = true;
    clearTimeout(idle);
    clearTimeout(final);
    onEnd(reason, last);
  };
  const final = setTimeout(() => end('final'), finalTimeout);
  // (Re)starts the idle wait when nothing is open; one that fires once done does nothing.
  const arm = () => {
    clearTimeout(idle);
    if (!open) idle = setTimeout(() => end('idle'), idleTimeout);
  };
  arm();
  return {
    begin() {
      open++;
      arm();
      let ended = false;
      return () => {
        if (!ended) {
          ended = true;
          open--;
          last = performance.now();
          arm();
        }
      };
    },
    cancel() {
      done = true;
      clearTimeout(idle);
      clearTimeout(final);
    },
  };
}
