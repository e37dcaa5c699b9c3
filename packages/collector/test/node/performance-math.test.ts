// The summary's numbers: nearest-rank percentiles on known data, Google's Web Vitals thresholds
// at their boundaries, and the per-name summary of a small, hand-checked set.
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/performance/percentile';
import { summarize } from '../../src/performance/summarize';
import { formatMs, formatVital, rateVital } from '../../src/performance/web-vitals';

const sortedOf = (values: number[]) => Float64Array.from(values).sort();

describe('nearest-rank percentile', () => {
  it('gives the textbook answers for 15, 20, 35, 40, 50', () => {
    const v = sortedOf([50, 15, 40, 20, 35]);
    expect([0.05, 0.3, 0.4, 0.5, 1].map((p) => percentile(v, p))).toEqual([15, 20, 20, 35, 50]);
  });

  it('gives p50 50, p75 75, p95 95 and p99 99 of 1..100, p75 3 of 1..4, the value itself of one', () => {
    const hundred = sortedOf(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect([0.5, 0.75, 0.95, 0.99].map((p) => percentile(hundred, p))).toEqual([50, 75, 95, 99]);
    expect(percentile(sortedOf([4, 1, 3, 2]), 0.75)).toBe(3);
    expect(percentile(sortedOf([7]), 0.95)).toBe(7);
    expect(percentile(sortedOf([]), 0.5)).toBeUndefined();
  });

  it('is always one of the values, never below the p-th share of them', () => {
    const values = Array.from({ length: 37 }, (_, i) => (i * 7919) % 101);
    const s = sortedOf(values);
    for (const p of [0.1, 0.5, 0.75, 0.95]) {
      const q = percentile(s, p)!;
      expect(values).toContain(q);
      expect(values.filter((v) => v <= q).length / values.length).toBeGreaterThanOrEqual(p);
      expect(values.filter((v) => v < q).length / values.length).toBeLessThan(p);
    }
  });
});

describe("Google's Web Vitals thresholds", () => {
  it.each([
    ['lcp', 2500, 2501, 4000, 4001],
    ['fcp', 1800, 1801, 3000, 3001],
    ['inp', 200, 201, 500, 501],
    ['ttfb', 800, 801, 1800, 1801],
    ['cls', 0.1, 0.1001, 0.25, 0.2501],
  ] as const)('rates %s: good up to %d, needs improvement above, up to %d, poor above', (vital, good, ni, niTop, poor) => {
    expect(rateVital(vital, 0)).toBe('good');
    expect(rateVital(vital, good)).toBe('good');
    expect(rateVital(vital, ni)).toBe('needs-improvement');
    expect(rateVital(vital, niTop)).toBe('needs-improvement');
    expect(rateVital(vital, poor)).toBe('poor');
  });

  it('formats durations and CLS as a reader expects', () => {
    expect(formatMs(180.4)).toBe('180 ms');
    expect(formatMs(2410)).toBe('2.41 s');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatVital('cls', 0.081)).toBe('0.081');
    expect(formatVital('lcp', 950)).toBe('950 ms');
  });
});

describe('summarize', () => {
  it('groups by name, most frequent first, with the percentiles of each group and p75 per vital over the loads that measured it', () => {
    const rows: Array<[string, number, ...Array<number | null>]> = [
      ['/a', 100, 1000, 500, 0.01, null, 100],
      ['/a', 300, 3000, 700, 0.3, 150, 200],
      ['/a', 200, 2000, 600, 0.2, null, 300],
      ['/a', 400, 5000, 800, 0.05, 600, 400],
      ['/b', 50, null, null, null, null, null],
    ];
    const [a, b] = summarize(rows);
    expect(a).toEqual({
      name: '/a',
      count: 4,
      p50: 200,
      p75: 300,
      p95: 400,
      vitals: {
        lcp: { p75: 3000, rating: 'needs-improvement', count: 4 },
        fcp: { p75: 700, rating: 'good', count: 4 },
        cls: { p75: 0.2, rating: 'needs-improvement', count: 4 },
        inp: { p75: 600, rating: 'poor', count: 2 },
        ttfb: { p75: 300, rating: 'good', count: 4 },
      },
    });
    expect(b).toEqual({ name: '/b', count: 1, p50: 50, p75: 50, p95: 50, vitals: {} });
  });
});
