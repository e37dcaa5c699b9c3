import { onCLS, onFCP, onINP, onLCP, onTTFB, type CLSMetric, type INPMetric, type LCPMetric } from 'web-vitals';
import { describeElement } from './element';
import type { Measurement } from './transaction';
import { redactUrl, shortUrl } from './url';

/** The Web Vitals known so far: measurements and the attributes that explain them. */
export interface Vitals {
  measurements: Record<string, Measurement>;
  tags: Record<string, string>;
}

export interface Interaction {
  /** ms, the interaction's latency. */
  value: number;
  /** performance.now() ms when it started. */
  start: number;
  /** `click`, `keydown`, `pointerdown`, … */
  type: string;
  target?: string;
}

const ms = (value: number): Measurement => ({ value, unit: 'millisecond' });

/**
 * Subscribes to LCP, FCP, CLS and TTFB with `reportAllChanges`, so the page-load transaction
 * has the values known when it ends (LCP and CLS only become final later, when the page is
 * hidden). INP goes to `onInp` each time it changes, with the interaction that set it.
 * web-vitals cannot unsubscribe: `stop` only mutes the callbacks.
 */
export function trackWebVitals(onInp: (interaction: Interaction) => void): { vitals: Vitals; stop: () => void } {
  const vitals: Vitals = { measurements: {}, tags: {} };
  let live = true;
  const opts = { reportAllChanges: true };
  const put = (name: string, value: Measurement) => {
    if (live) vitals.measurements[name] = value;
  };
  const tag = (name: string, value: string | undefined) => {
    if (live && value) vitals.tags[name] = value.slice(0, 200);
  };
  try {
    onLCP((metric: LCPMetric) => {
      put('lcp', ms(metric.value));
      const entry = metric.entries[metric.entries.length - 1];
      if (!entry) return;
      tag('lcp.element', describeElement(entry.element));
      if (entry.url) tag('lcp.url', redactUrl(shortUrl(entry.url)));
    }, opts);
    onFCP((metric) => put('fcp', ms(metric.value)), opts);
    onTTFB((metric) => put('ttfb', ms(metric.value)), opts);
    onCLS((metric: CLSMetric) => {
      put('cls', { value: metric.value, unit: '' });
      // The sources of the largest shift in the window that makes the value.
      const largest = metric.entries.reduce<LayoutShift | undefined>((a, b) => (!a || b.value > a.value ? b : a), undefined);
      (largest?.sources || []).slice(0, 5).forEach((source, i) => tag(`cls.source.${i + 1}`, describeElement(source.node)));
    }, opts);
    onINP((metric: INPMetric) => {
      const entry = metric.entries[0];
      if (!live || !entry) return;
      onInp({ value: metric.value, start: entry.startTime, type: entry.name, target: describeElement(entry.target) });
    }, opts);
  } catch {
    // a browser without PerformanceObserver: no vitals
  }
  return { vitals, stop: () => (live = false) };
}
