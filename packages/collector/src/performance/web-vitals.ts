import type { Vital } from '../store/transaction-record';

export type VitalRating = 'good' | 'needs-improvement' | 'poor';

/**
 * Google's thresholds (web.dev/articles/vitals, as the `web-vitals` library rates them): a value
 * up to `good` is good, above `poor` is poor, between needs improvement. Milliseconds; CLS unitless.
 */
export const VITAL_THRESHOLDS: Record<Vital, { good: number; poor: number; label: string; unit: 'ms' | '' }> = {
  lcp: { good: 2500, poor: 4000, label: 'LCP', unit: 'ms' },
  fcp: { good: 1800, poor: 3000, label: 'FCP', unit: 'ms' },
  inp: { good: 200, poor: 500, label: 'INP', unit: 'ms' },
  cls: { good: 0.1, poor: 0.25, label: 'CLS', unit: '' },
  ttfb: { good: 800, poor: 1800, label: 'TTFB', unit: 'ms' },
};

/** The rating of one value (a page load's, or a p75, as Google rates a page by its p75). */
export function rateVital(vital: Vital, value: number): VitalRating {
  const t = VITAL_THRESHOLDS[vital];
  return value <= t.good ? 'good' : value <= t.poor ? 'needs-improvement' : 'poor';
}

/** `2.41 s`, `180 ms`, `0.081`: a vital as the UI shows it (CLS to three decimals). */
export function formatVital(vital: Vital, value: number): string {
  if (vital == 'cls') return String(Number(value.toFixed(3)));
  return formatMs(value);
}

/** A duration: `180 ms` below a second, `2.41 s` above. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
