import { shortId } from '../../api/serialize-issue';
import { serializeTransaction, type Span } from '../../api/serialize-transaction';
import { VITALS, type Vital } from '../../store/transaction-record';
import { formatMs } from '../../performance/web-vitals';
import type { IssueRow } from '../../store/issues';
import type { Project } from '../../store/projects';
import type { TraceError, TransactionRowWithPayload } from '../../store/transactions';
import { html, urlText } from '../html';
import { layout } from '../layout';
import { keyValueTable, valueText } from '../parts/key-value-table';
import { spanWaterfall } from '../parts/span-waterfall';
import { timeTag } from '../parts/time';
import { vitalValue } from '../parts/vital-cell';
import type { PageState, UiContext } from '../ui-context';

/** A measurement that is no Web Vital: milliseconds as durations, anything else to three decimals with its unit. */
const measurementText = (m: { value: number; unit: string }) => (m.unit == 'millisecond' ? formatMs(m.value) : `${Number(m.value.toFixed(3))}${m.unit && m.unit != 'none' ? ` ${m.unit}` : ''}`);

const isVital = (name: string): name is Vital => (VITALS as readonly string[]).includes(name);

/** A transaction: its facts, measurements (vitals rated), the span waterfall, tags, and the errors of its trace linked to their issues. */
export function renderTransactionPage(ctx: UiContext, state: PageState, project: Project, row: TransactionRowWithPayload, errors: TraceError[]): string {
  const tx = serializeTransaction(row);
  const spans = tx.entries[0].data as Span[];
  const trace = (tx.contexts.trace || {}) as Record<string, unknown>;
  const request = tx.entries.find((e) => e.type == 'request')?.data as Record<string, unknown> | undefined;
  const measurements = Object.entries(tx.measurements as Record<string, { value: number; unit: string }>);
  const fact = (label: string, value: unknown) => html`<div><span class="label">${label}</span><span class="value">${value as string}</span></div>`;
  const nameUrl = `/performance/summary/?${new URLSearchParams({ project: project.slug, name: row.name })}`;
  const body = html`<p class="muted"><a href="/performance/?project=${project.slug}">Performance · ${project.name}</a> · <a href="${nameUrl}">${row.name}</a></p>
<h1>${row.name}</h1>
<div class="facts">${fact('Duration', formatMs(row.duration_ms))}${fact('Op', row.op || '–')}${fact('Status', row.status || '–')}${fact('Started', timeTag(row.start_timestamp, ctx.timeZone))}
${fact('Release', row.release || '–')}${fact('Environment', row.environment || '–')}${fact('Spans', row.span_count)}</div>
<p class="muted">Trace <code>${row.trace_id}</code> · event <code>${row.event_id}</code></p>
${request?.url ? html`<p>${urlText(request.url)}</p>` : ''}
<h2>Measurements</h2>${measurements.length ? html`<table class="measurements"><tbody>${measurements.map(
    ([name, m]) => html`<tr><th scope="row">${name}</th><td class="num">${isVital(name) ? vitalValue(name, row[name]) : measurementText(m)}</td></tr>`,
  )}</tbody></table>` : html`<p class="muted">None.</p>`}
<h2>Spans</h2>${spanWaterfall({ name: row.name, op: row.op, start: row.start_timestamp, end: row.timestamp, rootSpanId: String(trace.span_id ?? '') }, spans)}
${tx.errors.length ? html`<p class="muted">${tx.errors.map((e) => e.message)}</p>` : ''}
<h2>Errors in this trace</h2>${errors.length ? html`<table class="trace-errors"><tbody>${errors.map(
    (e) => html`<tr><td>${e.issue_id !== null ? html`<a href="/issues/${e.issue_id}/?event=${e.event_id}">${e.title ?? e.event_id}</a>` : html`<code>${e.event_id}</code> <span class="muted">(not processed yet)</span>`}</td>
<td class="muted">${e.short_number !== null ? shortId(project, { short_number: e.short_number } as IssueRow) : ''}</td><td class="num">${timeTag(e.timestamp, ctx.timeZone)}</td></tr>`,
  )}</tbody></table>` : html`<p class="muted">No error events carry this trace id.</p>`}
<h2>Tags</h2>${keyValueTable(tx.tags.map((t) => [t.key, t.value]))}${tx.tags.length ? '' : html`<p class="muted">No tags.</p>`}
${tx.user ? html`<h2>User</h2>${keyValueTable(Object.entries(tx.user as Record<string, unknown>).map(([k, v]) => [k, valueText(v)]))}` : ''}
${tx.sdk ? html`<h2>SDK</h2>${keyValueTable([['Name', (tx.sdk as Record<string, unknown>).name], ['Version', (tx.sdk as Record<string, unknown>).version]])}` : ''}`;
  return layout(row.name, state, body);
}
