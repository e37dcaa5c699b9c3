import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { describeElement } from './element';
import type { Transaction } from './transaction';

/**
 * An interaction: its latency (`value`, ms), when it started (performance.now() ms), its type
 * (`click`, `keydown`, `pointerdown`, …) and the element it targeted.
 */
export type OnInteraction = (value: number, start: number, type: string, target: string | undefined) => void;

/**
 * Puts LCP, FCP, CLS and TTFB on the page-load transaction as `measurements`, with the LCP
 * element and what the largest layout shift moved as tags, until it ends. `reportAllChanges`
 * gives the values known by then (LCP and CLS only become final when the page is hidden).
 * INP goes to `onInp` each time it changes, with the interaction that set it.
 */
export function trackWebVitals(pageload: Transaction, onInp: OnInteraction): void {
  const opts = { reportAllChanges: true };
  const put = (name: string, value: number, unit = 'millisecond') => {
    if (!pageload.end) pageload.measurements[name] = { value, unit };
  };
  const tag = (name: string, value: string | undefined) => {
    if (!pageload.end && value) pageload.tags[name] = value;
  };
  // web-vitals checks itself what the browser can observe.
  onLCP((metric) => {
    put('lcp', metric.value);
    tag('lcp.element', describeElement(metric.entries[metric.entries.length - 1]?.element));
  }, opts);
  onFCP((metric) => put('fcp', metric.value), opts);
  onTTFB((metric) => put('ttfb', metric.value), opts);
  onCLS((metric) => {
    put('cls', metric.value, '');
    // What moved in the largest shift of the window that makes the value.
    metric.entries
      .slice()
      .sort((a, b) => b.value - a.value)[0]
      ?.sources.forEach((source, i) => tag(`cls.source.${i + 1}`, describeElement(source.node)));
  }, opts);
  onINP((metric) => {
    const entry = metric.entries[0];
    if (entry) onInp(metric.value, entry.startTime, entry.name, describeElement(entry.target));
  }, opts);
}
