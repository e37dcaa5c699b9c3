/** A second, wider limit for the items `fits` accepts (small files: many in flight cost little). */
export interface WideLimit<T> {
  /** Tasks in flight at most while the next item fits (never below the pool's own limit). */
  limit: number;
  fits: (item: T) => boolean;
}

/**
 * Runs `task` over `items` in order with at most `limit` tasks in flight (or `wide.limit` while
 * the next item fits), keeping the results in order. On the first failure no new task starts;
 * the running ones are awaited, then that error is thrown.
 */
export function runPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>, wide?: WideLimit<T>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const narrow = Math.max(1, Math.floor(limit) || 1);
  const admits = (item: T) => running < narrow || (!!wide && running < wide.limit && wide.fits(item));
  let next = 0;
  let running = 0;
  let failed = false;
  let firstError: unknown;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (!failed && next < items.length && admits(items[next])) {
        const index = next++;
        running++;
        Promise.resolve()
          .then(() => task(items[index], index))
          .then(
            (result) => void (results[index] = result),
            (e) => {
              if (!failed) firstError = e;
              failed = true;
            },
          )
          .then(() => {
            running--;
            pump();
          });
      }
      if (!running && (failed || next >= items.length)) {
        if (failed) reject(firstError);
        else resolve(results);
      }
    };
    pump();
  });
}
