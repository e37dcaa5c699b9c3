import { issueStats, serializeIssueDetails, shortId } from '../../api/serialize-issue';
import { serializeEvent } from '../../api/serialize-event';
import type { EventRow, IssueRow } from '../../store/issues';
import type { Project } from '../../store/projects';
import { html, urlText, type SafeHtml } from '../html';
import { layout } from '../layout';
import { breadcrumbTimeline } from '../parts/breadcrumbs';
import { keyValueTable, objectTable, valueText } from '../parts/key-value-table';
import { sparkline } from '../parts/sparkline';
import type { ApiException } from '../../api/serialize-event';
import { exceptionChain, processingNotes } from '../parts/stack-trace';
import { tagSummaries } from '../parts/tags';
import { timeTag } from '../parts/time';
import type { PageState, UiContext } from '../ui-context';
import { formatMs } from '../../performance/web-vitals';
import { transactionUrl } from './performance-params';

type ApiEvent = ReturnType<typeof serializeEvent>;
const entry = (e: ApiEvent, type: string) => e.entries.find((x) => x.type == type)?.data as Record<string, unknown> | undefined;

function statusActions(state: PageState, issue: IssueRow): SafeHtml {
  const here = `/issues/${issue.id}/`;
  const choices: Array<[string, string]> = issue.status == 'unresolved' ? [['resolved', 'Resolve'], ['ignored', 'Ignore']] : [['unresolved', 'Reopen']];
  return html`<form method="post" action="/issues/status/" class="actions"><input type="hidden" name="csrf" value="${state.csrf}"><input type="hidden" name="return" value="${here}"><input type="hidden" name="id" value="${issue.id}">
${choices.map(([value, label]) => html`<button type="submit" name="status" value="${value}"${value == 'resolved' ? html` class="primary"` : ''}>${label}</button>`)}</form>`;
}

function header(ctx: UiContext, state: PageState, issue: IssueRow, project: Project): SafeHtml {
  const release = (v: string | null) => (v ? html` <a href="/releases/${encodeURIComponent(v)}/?project=${project.slug}">${v}</a>` : '');
  const fact = (label: string, value: SafeHtml | string | number) => html`<div><span class="label">${label}</span><span class="value">${value}</span></div>`;
  return html`<p class="muted"><a href="/?project=${project.slug}">${project.name}</a> · ${shortId(project, issue)}</p>
<h1><span class="level level-${/^[a-z]+$/.test(issue.level) ? issue.level : 'error'}" title="${issue.level}"></span> ${issue.title}</h1>
<p class="culprit">${issue.culprit}</p>
<div class="facts">${fact('Status', html`<span class="status-${issue.status}">${issue.status}</span>`)}${fact('Level', issue.level)}${fact('Events', issue.times_seen)}${fact('Users', issue.user_count)}
${fact('First seen', html`${timeTag(issue.first_seen, ctx.timeZone)}${release(issue.first_release)}`)}${fact('Last seen', html`${timeTag(issue.last_seen, ctx.timeZone)}${release(issue.last_release)}`)}</div>
${statusActions(state, issue)}
<h2>Events, last 14 days</h2>${sparkline(issueStats(ctx.api.issues, issue.id, '14d'), { width: 560, height: 80 })}`;
}

function eventNav(ctx: UiContext, issue: IssueRow, event: ApiEvent, project: Project): SafeHtml {
  const link = (id: string | null, rel: string, text: string) => (id ? html`<a class="button" rel="${rel}" href="/issues/${issue.id}/?event=${id}">${text}</a>` : html`<a class="button disabled" aria-disabled="true">${text}</a>`);
  return html`<nav class="event-nav" aria-label="Events">${link(event.previousEventID, 'prev', '← Older')}${link(event.nextEventID, 'next', 'Newer →')}
<span class="muted">Event <code>${event.eventID}</code> · ${timeTag(Date.parse(event.dateCreated!) / 1000, ctx.timeZone)}</span>
<a href="/issues/${issue.id}/events/${event.eventID}/json/" rel="nofollow">Raw JSON</a><span class="muted">${project.slug}</span></nav>`;
}

/** A link to the transaction the event happened in, when the SDK sent one with the same trace id. */
function traceLink(ctx: UiContext, project: Project, event: ApiEvent): SafeHtml {
  const trace = (event.contexts as Record<string, Record<string, unknown> | undefined>).trace;
  const traceId = typeof trace?.trace_id == 'string' ? trace.trace_id.replace(/-/g, '').toLowerCase() : '';
  if (!/^[0-9a-f]{32}$/.test(traceId)) return html``;
  const [tx] = ctx.api.transactions.ofTrace(project.id, traceId);
  if (!tx) return html``;
  return html`<p class="trace-link">In transaction <a href="${transactionUrl(project, tx.event_id)}">${tx.name}</a> <span class="muted">(${tx.op || 'transaction'}, ${formatMs(tx.duration_ms)}, trace <code>${traceId}</code>)</span></p>`;
}

function requestSection(request: Record<string, unknown> | undefined): SafeHtml {
  if (!request) return html``;
  const headers = Array.isArray(request.headers) ? (request.headers as Array<[string, unknown]>) : [];
  return html`<h2>Request</h2>${keyValueTable([
    ['URL', request.url ? urlText(request.url) : undefined],
    ['Method', request.method],
    ['Query', Array.isArray(request.query) && !request.query.length ? undefined : request.query],
    ['Data', request.data],
  ])}${headers.length ? html`<h3>Headers</h3>${keyValueTable(headers.map(([k, v]) => [String(k), v]))}` : ''}`;
}

function vueSection(vue: Record<string, unknown> | undefined): SafeHtml {
  if (!vue || typeof vue != 'object') return html``;
  return html`<h2>Vue</h2>${keyValueTable([
    ['Component', vue.componentName],
    ['Lifecycle hook', vue.lifecycleHook],
    ['Component trace', vue.trace],
  ])}${vue.propsData && typeof vue.propsData == 'object' ? html`<h3>Props</h3>${objectTable(vue.propsData, 'kv props')}` : ''}`;
}

function eventBody(event: ApiEvent, eventTime: number): SafeHtml {
  const exception = entry(event, 'exception');
  const message = entry(event, 'message');
  const crumbs = entry(event, 'breadcrumbs');
  const { vue, ...otherContexts } = event.contexts as Record<string, Record<string, unknown>>;
  return html`${processingNotes(event.errors as Array<{ type: string; message?: string; url?: string }>)}
${message ? html`<h2>Message</h2><pre>${valueText(message.formatted)}</pre>` : ''}
${exception ? html`<h2>Exception</h2>${exceptionChain(exception.values as ApiException[])}` : ''}
${crumbs ? html`<h2>Breadcrumbs</h2>${breadcrumbTimeline(crumbs.values as unknown[], eventTime)}` : ''}
${event.user ? html`<h2>User</h2>${objectTable(event.user)}` : ''}
${requestSection(entry(event, 'request'))}
${vueSection(vue)}
${Object.keys(otherContexts).length ? html`<h2>Contexts</h2>${Object.entries(otherContexts).map(([name, value]) => html`<h3>${name}</h3>${objectTable(value)}`)}` : ''}
${event.sdk ? html`<h2>SDK</h2>${keyValueTable([['Name', (event.sdk as Record<string, unknown>).name], ['Version', (event.sdk as Record<string, unknown>).version]])}` : ''}
${Object.keys(event.context).length ? html`<h2>Extra</h2>${objectTable(event.context)}` : ''}`;
}

function eventList(ctx: UiContext, issue: IssueRow, rows: EventRow[], currentId: string): SafeHtml {
  return html`<h2>Recent events</h2><table class="events"><tbody>${rows.map(
    (r) => html`<tr${r.event_id == currentId ? html` aria-current="true"` : ''}><td><a href="/issues/${issue.id}/?event=${r.event_id}"><code>${r.event_id.slice(0, 12)}</code></a></td><td class="num">${timeTag(r.timestamp ?? r.received, ctx.timeZone, true)}</td></tr>`,
  )}</tbody></table>`;
}

/** The issue page: header with actions and trend, tags, then one event (latest unless chosen) in full. */
export function renderIssuePage(ctx: UiContext, state: PageState, issue: IssueRow, project: Project, row: EventRow | undefined): string {
  const details = serializeIssueDetails(ctx.api.issues, issue, project, ctx.api.publicUrl());
  const event = row ? serializeEvent(row, ctx.api.issues.neighbours(row)) : undefined;
  const eventTime = row ? (row.timestamp ?? row.received) : NaN;
  const body = html`${header(ctx, state, issue, project)}
<div class="layout"><div class="event">
${event ? html`${eventNav(ctx, issue, event, project)}${traceLink(ctx, project, event)}${eventBody(event, eventTime)}` : html`<p class="muted">No processed event.</p>`}
</div><aside><h2>Tags</h2>${tagSummaries(details.tags)}${eventList(ctx, issue, ctx.api.issues.events(issue.id, 20, 0), row?.event_id || '')}</aside></div>`;
  return layout(issue.title, state, body);
}
