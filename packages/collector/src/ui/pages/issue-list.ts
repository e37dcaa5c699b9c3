import { parseIssueQuery } from '../../api/parse-issue-query';
import { issueStats, shortId, type StatsPeriod } from '../../api/serialize-issue';
import type { IssueRow, IssueStatus } from '../../store/issues';
import type { Project } from '../../store/projects';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import { sparkline } from '../parts/sparkline';
import { timeTag } from '../parts/time';
import type { FilterOptions } from '../queries/filter-options';
import type { PageState, UiContext } from '../ui-context';

export const PAGE_SIZE = 25;
const SORTS = { date: 'Last seen', new: 'First seen', freq: 'Events', user: 'Users' } as const;
type Sort = keyof typeof SORTS;
const STATUSES = ['unresolved', 'resolved', 'ignored', 'all'] as const;

/** The list's state, all of it in the URL so a filtered view can be bookmarked and shared. */
export interface ListParams {
  project: Project;
  status: IssueStatus | 'all';
  environment: string;
  release: string;
  query: string;
  sort: Sort;
  period: StatsPeriod;
  offset: number;
}

/** Reads the URL's filters; anything unknown falls back to the default view (unresolved, last seen). */
export function readListParams(ctx: UiContext, q: URLSearchParams): ListParams | undefined {
  const wanted = q.get('project');
  const projects = ctx.api.projects.list();
  const project = wanted ? projects.find((p) => p.slug == wanted || String(p.id) == wanted) : projects[0];
  if (!project) return undefined;
  const status = (STATUSES as readonly string[]).includes(q.get('status') || '') ? (q.get('status') as ListParams['status']) : 'unresolved';
  const sort = (q.get('sort') || 'date') in SORTS ? (q.get('sort') as Sort) : 'date';
  const offset = Math.min(1_000_000, Math.max(0, Math.floor(Number(q.get('cursor')) || 0)));
  return { project, status, environment: q.get('environment') || '', release: q.get('release') || '', query: (q.get('query') || '').slice(0, 200), sort, period: q.get('period') == '14d' ? '14d' : '24h', offset };
}

/** The URL of the list with some parameters changed (defaults left out, so URLs stay short). */
export function listUrl(p: ListParams, change: Partial<Omit<ListParams, 'project'>> = {}): string {
  const v = { ...p, ...change };
  const q = new URLSearchParams();
  q.set('project', v.project.slug);
  if (v.status != 'unresolved') q.set('status', v.status);
  if (v.environment) q.set('environment', v.environment);
  if (v.release) q.set('release', v.release);
  if (v.query) q.set('query', v.query);
  if (v.sort != 'date') q.set('sort', v.sort);
  if (v.period != '24h') q.set('period', v.period);
  if (v.offset) q.set('cursor', String(v.offset));
  return `/?${q}`;
}

/** One page of issues (plus one, to know whether a next page exists), through the API's own store and search syntax. */
export function listIssueRows(ctx: UiContext, p: ListParams): IssueRow[] {
  const typed = parseIssueQuery(p.query);
  const environments = [p.environment, ...(typed.environments || [])].filter(Boolean);
  return ctx.api.issues.list({
    projectId: p.project.id,
    status: p.status == 'all' ? typed.status : p.status,
    release: p.release || typed.release,
    environments,
    text: typed.text,
    sort: p.sort,
    limit: PAGE_SIZE + 1,
    offset: p.offset,
  });
}

const select = (name: string, label: string, current: string, options: Array<[string, string]>) =>
  html`<label>${label}<select name="${name}">${options.map(([value, text]) => html`<option value="${value}"${value == current ? html` selected` : ''}>${text}</option>`)}</select></label>`;

function filters(ctx: UiContext, p: ListParams, options: FilterOptions): SafeHtml {
  const projects = ctx.api.projects.list();
  return html`<form class="filters" method="get" action="/" role="search">
${select('project', 'Project', p.project.slug, projects.map((x) => [x.slug, x.name]))}
${select('status', 'Status', p.status, STATUSES.map((s) => [s, s]))}
${select('environment', 'Environment', p.environment, [['', 'all'], ...options.environments(p.project.id).map((e): [string, string] => [e, e])])}
${select('release', 'Release', p.release, [['', 'all'], ...options.releases(p.project.id).map((r): [string, string] => [r, r])])}
${select('sort', 'Sort by', p.sort, Object.entries(SORTS))}
${select('period', 'Trend', p.period, [['24h', '24 hours'], ['14d', '14 days']])}
<label class="search">Search<input type="search" name="query" value="${p.query}" placeholder="title, culprit, message (press /)"></label>
<button type="submit" class="primary">Apply</button>
</form>`;
}

/** A row's own buttons post `status:id`, so one form serves the row actions and the bulk ones. */
const rowActions = (issue: IssueRow) =>
  (issue.status == 'unresolved' ? [['resolved', 'Resolve'], ['ignored', 'Ignore']] : [['unresolved', 'Reopen']]).map(
    ([status, label]) => html`<button type="submit" name="one" value="${status}:${issue.id}">${label}</button>`,
  );

function row(ctx: UiContext, p: ListParams, issue: IssueRow): SafeHtml {
  const href = `/issues/${issue.id}/`;
  const stats = issueStats(ctx.api.issues, issue.id, p.period);
  return html`<tr class="issue" data-issue="${issue.id}">
<td><input type="checkbox" name="id" value="${issue.id}" aria-label="Select issue ${shortId(p.project, issue)}"></td>
<td><span class="level level-${/^[a-z]+$/.test(issue.level) ? issue.level : 'error'}" title="${issue.level}"></span><span class="sr-only"> ${issue.level}</span></td>
<td><a class="issue-link issue-title" href="${href}">${issue.title}</a><div class="culprit">${issue.culprit}</div><div class="muted">${shortId(p.project, issue)}${issue.status != 'unresolved' ? html` · <span class="status-${issue.status}">${issue.status}</span>` : ''}</div></td>
<td class="wide">${sparkline(stats)}</td>
<td class="num">${issue.times_seen}</td>
<td class="num">${issue.user_count}</td>
<td class="num">${timeTag(issue.last_seen, ctx.timeZone, true)}</td>
<td class="num wide">${timeTag(issue.first_seen, ctx.timeZone, true)}</td>
<td class="wide">${issue.last_release ? html`<a href="/releases/${encodeURIComponent(issue.last_release)}/?project=${p.project.slug}">${issue.last_release}</a>` : ''}</td>
<td class="wide row-actions">${rowActions(issue)}</td>
</tr>`;
}

function emptyState(ctx: UiContext, p: ListParams): SafeHtml {
  const dsn = ctx.dsnFor(p.project);
  return html`<section class="empty-state"><h2>No issues ${p.status != 'all' ? html`(${p.status})` : ''} yet</h2>
<p>Send a first event from your app with this DSN:</p>
<pre>${dsn}</pre>
<pre>import * as Sentry from '@faultline/core';
Sentry.init({ dsn: '${dsn}' }); Sentry.captureException(new Error('first'));</pre></section>`;
}

/** The issue list: filters, rows with trends, bulk actions, pages; one POST form for every action. */
export function renderIssueList(ctx: UiContext, state: PageState, p: ListParams, rows: IssueRow[], options: FilterOptions): string {
  const page = rows.slice(0, PAGE_SIZE);
  const here = listUrl(p);
  const body = html`<h1>Issues · ${p.project.name}</h1>
${filters(ctx, p, options)}
${page.length ? html`<form method="post" action="/issues/status/">
<input type="hidden" name="csrf" value="${state.csrf}"><input type="hidden" name="return" value="${here}">
<div class="bulk"><label><input type="checkbox" id="select-all"> Select all</label>
<button type="submit" name="status" value="resolved" data-bulk>Resolve selected</button>
<button type="submit" name="status" value="ignored" data-bulk>Ignore selected</button>
<button type="submit" name="status" value="unresolved" data-bulk>Reopen selected</button></div>
<table class="issues"><thead><tr><th scope="col"><span class="sr-only">Select</span></th><th scope="col">Level</th><th scope="col">Issue</th><th scope="col" class="wide">Trend (${p.period})</th>
<th scope="col" class="num"><a href="${listUrl(p, { sort: 'freq', offset: 0 })}">Events</a></th><th scope="col" class="num"><a href="${listUrl(p, { sort: 'user', offset: 0 })}">Users</a></th>
<th scope="col" class="num"><a href="${listUrl(p, { sort: 'date', offset: 0 })}">Last seen</a></th><th scope="col" class="num wide"><a href="${listUrl(p, { sort: 'new', offset: 0 })}">Age</a></th><th scope="col" class="wide">Release</th><th scope="col" class="wide">Action</th></tr></thead>
<tbody>${page.map((issue) => row(ctx, p, issue))}</tbody></table></form>
<nav class="pager" aria-label="Pages">
${p.offset > 0 ? html`<a class="button" rel="prev" href="${listUrl(p, { offset: Math.max(0, p.offset - PAGE_SIZE) })}">← Newer page</a>` : ''}
<span class="muted">${p.offset + 1}–${p.offset + page.length}</span>
${rows.length > PAGE_SIZE ? html`<a class="button" rel="next" href="${listUrl(p, { offset: p.offset + PAGE_SIZE })}">Next page →</a>` : ''}
</nav>` : emptyState(ctx, p)}`;
  return layout('Issues', state, body);
}
