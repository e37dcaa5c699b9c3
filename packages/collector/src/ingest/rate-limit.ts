/**
 * A per-project limit of events per minute (fixed one-minute windows), as Sentry's project rate
 * limits answer: 429 with `Retry-After` and `X-Sentry-Rate-Limits` until the window ends.
 */
export function createRateLimiter(perMinute: number | undefined, now: () => number = Date.now) {
  const windows = new Map<number, { start: number; count: number }>();
  return {
    /** Counts one event for the project; returns the seconds to wait when over the limit. */
    take(projectId: number): number | undefined {
      if (!perMinute) return undefined;
      const t = now();
      const start = t - (t % 60_000);
      let w = windows.get(projectId);
      if (!w || w.start != start) windows.set(projectId, (w = { start, count: 0 }));
      if (w.count >= perMinute) return Math.max(1, Math.ceil((start + 60_000 - t) / 1000));
      w.count++;
      return undefined;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
