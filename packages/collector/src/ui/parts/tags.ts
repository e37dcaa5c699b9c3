import { html, type SafeHtml } from '../html';

export interface TagSummary {
  key: string;
  totalValues: number;
  topValues: Array<{ value: string; count: number }>;
}

// The tags a front-end team looks at first; custom tags follow in key order.
const FIRST = ['browser', 'browser.name', 'os', 'os.name', 'environment', 'release', 'url', 'user'];

/** Each tag's top values with their share of the issue's events, as a bar and a percentage. */
export function tagSummaries(tags: TagSummary[]): SafeHtml {
  if (!tags.length) return html`<p class="muted">No tags.</p>`;
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  const sorted = [...tags].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  return html`<div class="tags">${sorted.map(
    (t) => html`<section class="tag"><h4>${t.key}</h4><ul>${t.topValues.slice(0, 5).map((v) => {
      const pct = t.totalValues ? Math.round((v.count / t.totalValues) * 100) : 0;
      return html`<li><meter min="0" max="100" value="${pct}"></meter> <span class="pct">${pct}%</span> <span class="tag-value">${v.value}</span></li>`;
    })}</ul></section>`,
  )}</div>`;
}
