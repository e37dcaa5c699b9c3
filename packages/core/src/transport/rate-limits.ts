import type { DataCategory, TransportResponse } from '../types';

/** Category ('' = all) -> epoch ms until which nothing of it may be sent. */
export type RateLimits = Record<string, number>;

const DEFAULT_RETRY_MS = 60_000;

function retryAfterMs(header: string, now: number): number {
  const seconds = parseInt(header, 10);
  if (!isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return isNaN(date) ? DEFAULT_RETRY_MS : date - now;
}

/**
 * Limits after a response: `X-Sentry-Rate-Limits` (`seconds:cat;cat:scope[:reason], …`,
 * no categories meaning all), else `Retry-After` on a 429, else 60 s for a bare 429.
 */
export function updateRateLimits(limits: RateLimits, response: TransportResponse, now = Date.now()): RateLimits {
  const next = { ...limits };
  const { 'x-sentry-rate-limits': header, 'retry-after': retryAfter } = response.headers || {};
  if (header) {
    for (const limit of header.trim().split(',')) {
      const [seconds, categories = ''] = limit.split(':');
      // 0 means no wait (as Sentry's SDK reads it); only an unreadable number means 60 s.
      const n = parseInt(seconds, 10);
      const until = now + (isNaN(n) ? 60 : n) * 1000;
      for (const category of categories.split(';')) next[category.trim()] = until;
    }
  } else if (retryAfter) {
    next[''] = now + retryAfterMs(retryAfter, now);
  } else if (response.statusCode == 429) {
    next[''] = now + DEFAULT_RETRY_MS;
  }
  return next;
}

/** Error events are limited by the `error` category, or by a limit on everything. */
export function isRateLimited(limits: RateLimits, category: DataCategory, now = Date.now()): boolean {
  // Either limit may be the later one: an expired category limit must not hide a limit on all.
  return Math.max(limits[category] || 0, limits[''] || 0) > now;
}
