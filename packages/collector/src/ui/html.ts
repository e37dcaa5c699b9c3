// The one way the UI writes HTML: a tagged template that escapes every interpolated value,
// unless the value is itself the result of `html` (or of `trustedHtml`, for markup we wrote).
// So event data can only ever reach the page as text; forgetting to escape is impossible.

/** Markup that is safe to insert as it is. Only `html` and `trustedHtml` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: markup, or any value shown as text; lists are joined; null, undefined and false show nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text (or an attribute value inside double quotes) with every character that could end it escaped. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]);

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** ``html`<td>${event.message}</td>` `` escapes the message; nested `html` results stay markup. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks markup written by the UI itself (never event data) as safe, e.g. a constant SVG path. */
export const trustedHtml = (markup: string): SafeHtml => new SafeHtml(markup);

/** The URL when it is http: or https:, so it may become a link; anything else (javascript:, data:) stays text. */
export function linkableUrl(value: unknown): string | undefined {
  if (typeof value != 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol == 'http:' || url.protocol == 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A URL from an event: a link (opening nothing of ours: no referrer, no opener) for http(s), text otherwise. */
export function urlText(value: unknown): SafeHtml {
  const text = typeof value == 'string' ? value : value === undefined || value === null ? '' : String(value);
  const href = linkableUrl(text);
  return href ? html`<a href="${href}" rel="noreferrer noopener nofollow" target="_blank">${text}</a>` : html`<span class="url">${text}</span>`;
}
