import { VITALS } from '../../store/transaction-record';
import type { TransactionSummary } from '../../performance/summarize';
import { formatMs, VITAL_THRESHOLDS } from '../../performance/web-vitals';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import { vitalCell } from '../parts/vital-cell';
import type { PageState, UiContext } from '../ui-context';
import { perfUrl, transactionNameUrl, type PerfParams, type PerfSort } from './performance-params';

const select = (name: string, label: string, current: string, options: Array<[string, string]>) =>
  html`<label>${label}<select name="${name}">${options.map(([value, text]) => html`<option value="${value}"${value == current ? html` selected` : ''}>${text}</option>`)}</select></label>`;

/** The filter form the performance pages share: project, period, environment (GET, so the URL holds it). */
export function perfFilters(ctx: UiContext, p: PerfParams, action: string, hidden: Record<string, string> = {}): SafeHtml {
  return html`<form class="filters" method="get" action="${action}">
${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
${select('project', 'Project', p.project.slug, ctx.api.projects.list().map((x) => [x.slug, x.name]))}
${select('environment', 'Environment', p.environment, [['', 'all'], ...ctx.api.transactions.environments(p.project.id).map((e): [string, string] => [e, e])])}
${p.sort != 'count' ? html`<input type="hidden" name="sort" value="${p.sort}">` : ''}${p.period != '24h' ? html`<input type="hidden" name="period" value="${p.period}">` : ''}
<button type="submit" class="primary">Apply</button>
<span class="toggle" role="group" aria-label="Period">${(['24h', '14d'] as const).map(
    (period) => html`<a class="button${period == p.period ? html` current` : ''}"${period == p.period ? html` aria-current="true"` : ''} href="${perfUrl(action, p, { period }, hidden)}">${period == '24h' ? 'Last 24 hours' : 'Last 14 days'}</a>`,
  )}</span>
</form>`;
}

function sorted(rows: TransactionSummary[], sort: PerfSort): TransactionSummary[] {
  if (sort == 'count') return rows;
  if (sort == 'name') return [...rows].sort((a, b) => a.name.localeCompare(b.name));
  // Slowest first; rows without the vital last.
  const key = (r: TransactionSummary) => (sort == 'p50' || sort == 'p75' || sort == 'p95' ? r[sort] : (r.vitals[sort]?.p75 ?? -Infinity));
  return [...rows].sort((a, b) => key(b) - key(a) || b.count - a.count);
}

/** The project's Performance page: per transaction name, count, duration percentiles and the p75 of each Web Vital, coloured by rating. */
export function renderPerformancePage(ctx: UiContext, state: PageState, p: PerfParams, summary: TransactionSummary[]): string {
  const head = (sort: PerfSort, label: string, num = true, title = '') =>
    html`<th scope="col"${num ? html` class="num"` : ''}${title ? html` title="${title}"` : ''}${p.sort == sort ? html` aria-sort="${sort == 'name' ? 'ascending' : 'descending'}"` : ''}><a href="${perfUrl('/performance/', p, { sort })}">${label}</a></th>`;
  const rows = sorted(summary, p.sort);
  const body = html`<h1>Performance · ${p.project.name}</h1>
${perfFilters(ctx, p, '/performance/')}
${rows.length ? html`<div class="scroll"><table class="performance"><thead><tr>${head('name', 'Transaction', false)}${head('count', 'Count')}${head('p50', 'p50')}${head('p75', 'p75')}${head('p95', 'p95')}${VITALS.map((v) => {
    const t = VITAL_THRESHOLDS[v];
    return head(v, `${t.label} p75`, true, `p75 of ${t.label}; good ≤ ${t.good}${t.unit}, poor > ${t.poor}${t.unit}`);
  })}</tr></thead>
<tbody>${rows.map(
    (r) => html`<tr class="transaction-summary"><td><a class="transaction-name" href="${transactionNameUrl(p, r.name)}">${r.name}</a></td><td class="num">${r.count}</td>
<td class="num">${formatMs(r.p50)}</td><td class="num">${formatMs(r.p75)}</td><td class="num">${formatMs(r.p95)}</td>${VITALS.map((v) => vitalCell(v, r.vitals[v]?.p75))}</tr>`,
  )}</tbody></table></div>
<p class="muted">Durations and vitals are nearest-rank percentiles over the ${p.period == '24h' ? 'last 24 hours' : 'last 14 days'}. Ratings follow Google's thresholds for the p75: LCP 2.5 s / 4 s, FCP 1.8 s / 3 s, INP 200 / 500 ms, CLS 0.1 / 0.25, TTFB 800 / 1800 ms.</p>`
    : html`<section class="empty-state"><h2>No transactions ${p.period == '24h' ? 'in the last 24 hours' : 'in the last 14 days'}</h2>
<p>Turn on tracing in the app (<code>tracesSampleRate</code> with <code>@faultline/tracing</code>, or <code>browserTracingIntegration</code> of <code>@sentry/browser</code>) and load a page.</p></section>`}`;
  return layout('Performance', state, body);
}
