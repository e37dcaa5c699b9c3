/** What a limit counts, as Sentry's data categories name them. */
export type RateCategory = 'error' | 'transaction';

/**
 * A per-project limit of events per minute (fixed one-minute windows) for each category apart,
 * as Sentry's project rate limits answer: 429 with `Retry-After` and `X-Sentry-Rate-Limits`
 * until the window ends. Errors and transactions have a window each, so a burst of page loads
 * never stops errors from arriving.
 */
export function createRateLimiter(perMinute: number | undefined, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one event of the category for the project; returns the seconds to wait when over the limit. */
    take(projectId: number, category: RateCategory = 'error'): number | undefined {
      if (!perMinute) return undefined;
      const t = now();
      const start = t - (t % 60_000);
      const key = `${projectId}:${category}`;
      let w = windows.get(key);
      if (!w || w.start != start) windows.set(key, (w = { start, count: 0 }));
      if (w.count >= perMinute) return Math.max(1, Math.ceil((start + 60_000 - t) / 1000));
      w.count++;
      return undefined;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
