import { HttpError } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { IssueRow, IssueStatus } from '../store/issues';
import { requireProject, type ApiContext } from './api-context';
import { parseIssueQuery } from './parse-issue-query';
import { readJson } from './read-json';
import type { Route, RouteContext } from './router';
import { serializeEvent } from './serialize-event';
import { serializeTransaction } from './serialize-transaction';
import { issueStats, serializeIssue, serializeIssueDetails, type StatsPeriod } from './serialize-issue';

const MAX_LIMIT = 100;
const NOT_FOUND = 'The requested resource does not exist';

/** Sentry's cursor form `0:<offset>:0`; anything else starts at the top. */
const offsetOf = (cursor: string | null) => {
  const m = /^\d+:(\d+):\d+$/.exec(cursor || '');
  return m ? Math.min(Number(m[1]), 1_000_000) : 0;
};
const limitOf = (value: string | null, fallback: number) => Math.min(MAX_LIMIT, Math.max(1, Number(value) || fallback));

/** Sentry's `Link` header, which its clients follow to page. */
function linkHeader(base: string, query: URLSearchParams, offset: number, limit: number, hasNext: boolean): string {
  const link = (o: number, rel: string, results: boolean) => {
    const q = new URLSearchParams(query);
    q.set('cursor', `0:${o}:0`);
    return `<${base}?${q}>; rel="${rel}"; results="${results}"; cursor="0:${o}:0"`;
  };
  return `${link(Math.max(0, offset - limit), 'previous', offset > 0)}, ${link(offset + limit, 'next', hasNext)}`;
}

function requireIssue(api: ApiContext, id: string): IssueRow {
  const issue = /^\d{1,15}$/.test(id) ? api.issues.get(Number(id)) : undefined;
  if (!issue) throw new HttpError(404, NOT_FOUND);
  return issue;
}

function listIssues(api: ApiContext, { req, res, params, query }: RouteContext) {
  const project = requireProject(api, params[0], params[1]);
  const period = (query.get('statsPeriod') || '24h') as StatsPeriod;
  if (period != '24h' && period != '14d') throw new HttpError(400, 'statsPeriod: use 24h or 14d');
  const sort = (query.get('sort') || 'date') as 'date' | 'new' | 'freq' | 'user';
  if (!['date', 'new', 'freq', 'user'].includes(sort)) throw new HttpError(400, 'sort: use date, new, freq or user');
  const limit = limitOf(query.get('limit'), 25);
  const offset = offsetOf(query.get('cursor'));
  const filters = parseIssueQuery(query.get('query'));
  const environments = [...query.getAll('environment'), ...(filters.environments || [])].filter(Boolean);
  const rows = api.issues.list({ projectId: project.id, ...filters, environments, sort, limit: limit + 1, offset });
  const base = api.publicUrl();
  const page = rows.slice(0, limit).map((issue) => serializeIssue(issue, project, base, { [period]: issueStats(api.issues, issue.id, period) }));
  const path = (req.url || '').replace(/\?.*$/, '');
  sendJson(res, 200, page, { link: linkHeader(`${base}${path}`, query, offset, limit, rows.length > limit) });
}

const projectOf = (api: ApiContext, issue: IssueRow) => api.projects.get(issue.project_id)!;

function getIssue(api: ApiContext, { res, params }: RouteContext) {
  const issue = requireIssue(api, params[0]);
  sendJson(res, 200, serializeIssueDetails(api.issues, issue, projectOf(api, issue), api.publicUrl()));
}

/** A status change as Sentry's API takes it (`resolved`, `resolvedInNextRelease`, `ignored`, `unresolved`); the UI's forms use it too. */
export function readStatus(body: Record<string, unknown>): { status: IssueStatus; substatus: string | null } {
  const status = body.status;
  if (status == 'resolved' || status == 'resolvedInNextRelease') return { status: 'resolved', substatus: null };
  if (status == 'ignored') return { status: 'ignored', substatus: 'archived_forever' };
  if (status == 'unresolved') return { status: 'unresolved', substatus: 'ongoing' };
  throw new HttpError(400, 'status: use resolved, unresolved or ignored');
}

async function updateIssue(api: ApiContext, { req, res, params }: RouteContext) {
  const issue = requireIssue(api, params[0]);
  const { status, substatus } = readStatus(await readJson(req));
  api.issues.setStatus(issue.id, status, substatus);
  sendJson(res, 200, serializeIssueDetails(api.issues, api.issues.get(issue.id)!, projectOf(api, issue), api.publicUrl()));
}

/** Sentry's bulk form: `PUT /projects/{org}/{project}/issues/?id=1&id=2 {status}`. */
async function bulkUpdate(api: ApiContext, { req, res, params, query }: RouteContext) {
  const project = requireProject(api, params[0], params[1]);
  const ids = query.getAll('id');
  if (!ids.length || ids.length > MAX_LIMIT) throw new HttpError(400, `give 1 to ${MAX_LIMIT} issues as ?id=…`);
  const issues = ids.map((id) => requireIssue(api, id));
  if (issues.some((i) => i.project_id != project.id)) throw new HttpError(404, NOT_FOUND);
  const change = readStatus(await readJson(req));
  api.issues.setStatusMany(issues.map((i) => i.id), change.status, change.substatus);
  sendJson(res, 200, { status: change.status, statusDetails: {}, substatus: change.substatus });
}

function deleteIssue(api: ApiContext, { res, params }: RouteContext) {
  api.issues.remove(requireIssue(api, params[0]).id);
  res.writeHead(202).end();
}

function issueEvents(api: ApiContext, { res, params, query }: RouteContext) {
  const issue = requireIssue(api, params[0]);
  const limit = limitOf(query.get('limit'), 50);
  const rows = api.issues.events(issue.id, limit, offsetOf(query.get('cursor')));
  const full = query.get('full') == 'true' || query.get('full') == '1';
  sendJson(res, 200, rows.map((row) => {
    const e = serializeEvent(row);
    if (full) return e;
    const { id, eventID, groupID, projectID, title, message, dateCreated, platform, tags, user, culprit } = e;
    return { id, eventID, groupID, projectID, title, message, dateCreated, platform, tags, user, culprit, 'event.type': e.type };
  }));
}

function issueEvent(api: ApiContext, { res, params }: RouteContext) {
  const issue = requireIssue(api, params[0]);
  const which = params[1];
  const row = which == 'latest' ? api.issues.latestEvent(issue.id) : which == 'oldest' ? api.issues.oldestEvent(issue.id) : api.issues.event(issue.project_id, which.replace(/-/g, ''));
  if (!row || row.issue_id != issue.id) throw new HttpError(404, NOT_FOUND);
  sendJson(res, 200, serializeEvent(row, api.issues.neighbours(row)));
}

function projectEvent(api: ApiContext, { res, params }: RouteContext) {
  const project = requireProject(api, params[0], params[1]);
  const eventId = params[2].replace(/-/g, '').toLowerCase();
  const row = api.issues.event(project.id, eventId);
  if (!row) {
    // Any event id, as Sentry answers it: a transaction is an event too.
    const tx = api.transactions.get(project.id, eventId);
    if (!tx) throw new HttpError(404, NOT_FOUND);
    if (params[3]) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' });
      return void res.end(tx.payload);
    }
    return sendJson(res, 200, serializeTransaction(tx));
  }
  if (params[3]) {
    // The raw JSON as stored (for a failed event, the bytes as received).
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' });
    return void res.end(row.payload);
  }
  sendJson(res, 200, serializeEvent(row, row.issue_id === null ? undefined : api.issues.neighbours(row)));
}

/** Events that failed processing: kept, with the reason, never silently dropped. */
function failedEvents(api: ApiContext, { res, params, query }: RouteContext) {
  const project = requireProject(api, params[0], params[1]);
  sendJson(res, 200, api.issues.failedEvents(project.id, limitOf(query.get('limit'), 100)).map((row) => serializeEvent(row)));
}

export function issueRoutes(api: ApiContext): Route[] {
  const projectIssues = /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/issues\/$/;
  const issue = /^\/api\/0\/(?:organizations\/[^/]+\/)?issues\/([^/]+)\/$/;
  return [
    ['GET', projectIssues, (c) => listIssues(api, c)],
    ['PUT', projectIssues, (c) => bulkUpdate(api, c)],
    ['GET', issue, (c) => getIssue(api, c)],
    ['PUT', issue, (c) => updateIssue(api, c)],
    ['DELETE', issue, (c) => deleteIssue(api, c)],
    ['GET', /^\/api\/0\/(?:organizations\/[^/]+\/)?issues\/([^/]+)\/events\/$/, (c) => issueEvents(api, c)],
    ['GET', /^\/api\/0\/(?:organizations\/[^/]+\/)?issues\/([^/]+)\/events\/([^/]+)\/$/, (c) => issueEvent(api, c)],
    ['GET', /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/events\/failed\/$/, (c) => failedEvents(api, c)],
    ['GET', /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/events\/([0-9a-fA-F-]{32,36})\/(json\/)?$/, (c) => projectEvent(api, c)],
  ];
}
