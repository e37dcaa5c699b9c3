import { html, SafeHtml } from '../html';

/** Any JSON-ish value as text: strings as they are, the rest as compact JSON. */
export function valueText(value: unknown): string {
  if (typeof value == 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A two-column table; values are shown as text unless given as markup. Nothing when empty. */
export function keyValueTable(rows: Array<[string, unknown]>, className = 'kv'): SafeHtml {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!shown.length) return html``;
  const cell = (v: unknown) => (v instanceof SafeHtml ? v : html`<pre>${valueText(v)}</pre>`);
  return html`<table class="${className}"><tbody>${shown.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${cell(v)}</td></tr>`)}</tbody></table>`;
}

/** An object's own entries as a key/value table (user, contexts, extra, Vue props). */
export const objectTable = (value: unknown, className?: string): SafeHtml =>
  value && typeof value == 'object' && !Array.isArray(value) ? keyValueTable(Object.entries(value as Record<string, unknown>), className) : html``;
