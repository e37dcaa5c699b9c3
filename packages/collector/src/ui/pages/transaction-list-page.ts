import { VITALS } from '../../store/transaction-record';
import type { TransactionSummary } from '../../performance/summarize';
import { formatMs, VITAL_THRESHOLDS } from '../../performance/web-vitals';
import type { TransactionRow } from '../../store/transactions';
import { html } from '../html';
import { layout } from '../layout';
import { timeTag } from '../parts/time';
import { vitalCell, vitalValue } from '../parts/vital-cell';
import type { PageState, UiContext } from '../ui-context';
import { perfFilters } from './performance-page';
import { perfUrl, transactionUrl, type PerfParams } from './performance-params';

/** One transaction name (a route): its percentiles, then its latest transactions, each linked to its waterfall. */
export function renderTransactionListPage(ctx: UiContext, state: PageState, p: PerfParams, name: string, summary: TransactionSummary | undefined, rows: TransactionRow[]): string {
  const fact = (label: string, value: unknown) => html`<div><span class="label">${label}</span><span class="value">${value as string}</span></div>`;
  const body = html`<p class="muted"><a href="${perfUrl('/performance/', p)}">Performance · ${p.project.name}</a></p>
<h1>${name}</h1>
${perfFilters(ctx, p, '/performance/summary/', { name })}
${summary ? html`<div class="facts">${fact('Count', summary.count)}${fact('p50', formatMs(summary.p50))}${fact('p75', formatMs(summary.p75))}${fact('p95', formatMs(summary.p95))}
${VITALS.map((v) => (summary.vitals[v] ? fact(`${VITAL_THRESHOLDS[v].label} p75`, vitalValue(v, summary.vitals[v]!.p75)) : ''))}</div>` : ''}
<h2>Latest transactions</h2>
${rows.length ? html`<div class="scroll"><table class="transactions"><thead><tr><th scope="col">Time</th><th scope="col" class="num">Duration</th>${VITALS.map((v) => html`<th scope="col" class="num">${VITAL_THRESHOLDS[v].label}</th>`)}<th scope="col">Op</th><th scope="col">Release</th><th scope="col">Environment</th><th scope="col" class="num">Spans</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr class="transaction"><td><a href="${transactionUrl(p.project, r.event_id)}">${timeTag(r.timestamp, ctx.timeZone)}</a></td><td class="num">${formatMs(r.duration_ms)}</td>${VITALS.map((v) => vitalCell(v, r[v]))}
<td>${r.op}</td><td>${r.release}</td><td>${r.environment}</td><td class="num">${r.span_count}</td></tr>`,
  )}</tbody></table></div>` : html`<p class="muted">No transactions of this name in this period.</p>`}`;
  return layout(name, state, body);
}
