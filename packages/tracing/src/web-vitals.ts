import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { describeElement } from './element';
import type { Transaction } from './transaction';

/**
 * An interaction: its latency (`value`, ms), when it started (performance.now() ms), its type
 * (`click`, `keydown`, `pointerdown`, …) and the element it targeted.
 */
export type OnInteraction = (value: number, start: number, type: string, target: string | undefined) => void;

const ms = (value: number) => ({ value, unit: 'millisecond' });

/**
 * Puts LCP, FCP, CLS and TTFB on the page-load transaction as `measurements`, with the LCP
 * element and what the largest layout shift moved as tags, until it ends. `reportAllChanges`
 * gives the values known by then (LCP and CLS only become final when the page is hidden).
 * INP goes to `onInp` each time it changes, with the interaction that set it.
 */
export function trackWebVitals(pageload: Transaction, onInp: OnInteraction): void {
  const opts = { reportAllChanges: true };
  const put = (name: string, value: { value: number; unit: string }) => {
    if (!pageload.end) pageload.measurements[name] = value;
  };
  const tag = (name: string, value: string | undefined) => {
    if (!pageload.end && value) pageload.tags[name] = value;
  };
  try {
    onLCP((metric) => {
      put('lcp', ms(metric.value));
      const entry = metric.entries[metric.entries.length - 1];
      tag('lcp.element', describeElement(entry && entry.element));
    }, opts);
    onFCP((metric) => put('fcp', ms(metric.value)), opts);
    onTTFB((metric) => put('ttfb', ms(metric.value)), opts);
    onCLS((metric) => {
      put('cls', { value: metric.value, unit: '' });
      // What moved in the largest shift of the window that makes the value.
      const largest = metric.entries.slice().sort((a, b) => b.value - a.value)[0];
      (largest ? largest.sources : []).forEach((source, i) => tag(`cls.source.${i + 1}`, describeElement(source.node)));
    }, opts);
    onINP((metric) => {
      const entry = metric.entries[0];
      if (entry) onInp(metric.value, entry.startTime, entry.name, describeElement(entry.target));
    }, opts);
  } catch {
    // a browser without PerformanceObserver: no vitals
  }
}
