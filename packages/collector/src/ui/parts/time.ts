import { html, type SafeHtml } from '../html';

const formats = new Map<string, Intl.DateTimeFormat>();

/** `2026-12-01 21:39:17` in `timeZone` (en-CA gives ISO-like dates, without a locale's quirks). */
export function absoluteTime(seconds: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formats.set(timeZone, f);
  }
  return f.format(new Date(seconds * 1000)).replace(',', '');
}

/** `5 min ago`, `3 h ago`, `2 d ago`: what the list's last seen and age columns show. */
export function relativeTime(seconds: number, now = Date.now() / 1000): string {
  const d = Math.max(0, now - seconds);
  if (d < 60) return 'just now';
  if (d < 3600) return `${Math.floor(d / 60)} min ago`;
  if (d < 86400) return `${Math.floor(d / 3600)} h ago`;
  if (d < 86400 * 60) return `${Math.floor(d / 86400)} d ago`;
  return `${Math.floor(d / (86400 * 30))} mo ago`;
}

/**
 * `<time>` with the ISO instant for ui.js, which rewrites it to the browser's time zone. Rendered
 * in `timeZone` on the server, so a page without script still shows the configured zone.
 */
export function timeTag(seconds: number | null | undefined, timeZone: string, relative = false): SafeHtml {
  if (typeof seconds != 'number' || !Number.isFinite(seconds)) return html`<span class="muted">–</span>`;
  const iso = new Date(seconds * 1000).toISOString();
  const absolute = absoluteTime(seconds, timeZone);
  return relative
    ? html`<time datetime="${iso}" data-relative title="${absolute}">${relativeTime(seconds)}</time>`
    : html`<time datetime="${iso}" title="${iso}">${absolute}</time>`;
}
