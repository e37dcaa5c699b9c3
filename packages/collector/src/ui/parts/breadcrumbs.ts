import { html, type SafeHtml } from '../html';
import { valueText } from './key-value-table';

interface Crumb {
  timestamp?: number | string;
  type?: string;
  category?: string;
  level?: string;
  message?: string;
  data?: Record<string, unknown>;
}

const seconds = (t: unknown) => (typeof t == 'number' ? t : typeof t == 'string' ? Date.parse(t) / 1000 : NaN);

/** `-1.25 s` before the event. */
function offset(crumb: Crumb, eventTime: number): string {
  const t = seconds(crumb.timestamp);
  if (!Number.isFinite(t) || !Number.isFinite(eventTime)) return '';
  const d = t - eventTime;
  return `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(Math.abs(d) < 10 ? 2 : 0)} s`;
}

/** What the crumb says: the message, or for HTTP `GET /api/cart 500`, for navigation `from → to`. */
function description(c: Crumb): string {
  const d = c.data && typeof c.data == 'object' ? c.data : {};
  if (c.type == 'http' || c.category == 'fetch' || c.category == 'xhr') {
    return [d.method, d.url, d.status_code].filter((x) => x !== undefined && x !== null).map(valueText).join(' ');
  }
  if (c.category == 'navigation' && (d.from !== undefined || d.to !== undefined)) return `${valueText(d.from)} → ${valueText(d.to)}`;
  return c.message !== undefined ? valueText(c.message) : '';
}

/** The breadcrumbs as a timeline, oldest first as the SDK recorded them, each relative to the event. */
export function breadcrumbTimeline(crumbs: unknown[], eventTime: number): SafeHtml {
  const rows = crumbs.filter((c): c is Crumb => !!c && typeof c == 'object');
  if (!rows.length) return html``;
  return html`<table class="breadcrumbs"><thead><tr><th scope="col">Time</th><th scope="col">Category</th><th scope="col">Level</th><th scope="col">Description</th><th scope="col">Data</th></tr></thead><tbody>${rows.map((c) => {
    const data = c.data && typeof c.data == 'object' && Object.keys(c.data).length ? valueText(c.data) : '';
    return html`<tr class="crumb crumb-${/^[a-z]+$/.test(String(c.level)) ? String(c.level) : 'info'}"><td class="num">${offset(c, eventTime)}</td><td>${valueText(c.category ?? c.type ?? 'default')}</td><td>${valueText(c.level ?? 'info')}</td><td class="crumb-message">${description(c)}</td><td><code>${data}</code></td></tr>`;
  })}</tbody></table>`;
}
