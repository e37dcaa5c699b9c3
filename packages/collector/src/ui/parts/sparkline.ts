import { html, type SafeHtml } from '../html';

/**
 * A bar chart as inline SVG from `[[unix_ts, n], …]` buckets (no script, no styles: CSP-clean).
 * Bars scale to the largest bucket; an empty bucket keeps a 1-unit baseline so the trend reads.
 */
export function sparkline(buckets: Array<[number, number]>, { width = 120, height = 28, label = 'events' } = {}): SafeHtml {
  const max = Math.max(1, ...buckets.map(([, n]) => n));
  const step = width / Math.max(1, buckets.length);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  const bars = buckets.map(([ts, n], i) => {
    const h = n ? Math.max(2, (n / max) * (height - 1)) : 1;
    return html`<rect x="${(i * step).toFixed(1)}" y="${(height - h).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h.toFixed(1)}" class="${n ? 'bar' : 'bar empty'}"><title>${new Date(ts * 1000).toISOString()}: ${n}</title></rect>`;
  });
  return html`<svg class="sparkline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${total} ${label}">${bars}</svg>`;
}
