import type { IncomingMessage, ServerResponse } from 'node:http';
import { readStatus } from '../api/issues-api';
import { HttpError } from '../http/http-error';
import { readBody } from '../http/read-body';
import { summarize } from '../performance/summarize';
import { html } from './html';
import { layout } from './layout';
import { listIssueRows, readListParams, renderIssueList } from './pages/issue-list';
import { renderIssuePage } from './pages/issue-page';
import { renderLogin } from './pages/login';
import { renderReleasePage } from './pages/release-page';
import { renderPerformancePage } from './pages/performance-page';
import { readPerfParams } from './pages/performance-params';
import { renderTransactionListPage } from './pages/transaction-list-page';
import { renderTransactionPage } from './pages/transaction-page';
import { PERIODS } from '../api/performance-api';
import { createFilterOptions } from './queries/filter-options';
import { createReleaseStats } from './queries/release-stats';
import { SECURITY_HEADERS } from './security-headers';
import { UI_CSS } from './static/ui-css';
import { UI_JS } from './static/ui-js';
import type { PageState, UiContext } from './ui-context';

const MAX_FORM_BYTES = 64 * 1024;
const LIST = /^\/(?:organizations\/[^/]+\/issues\/)?$/;
const ISSUE = /^\/(?:organizations\/[^/]+\/)?issues\/(\d{1,15})\/$/;
const EVENT_JSON = /^\/issues\/(\d{1,15})\/events\/([0-9a-f]{32})\/json\/$/;
const RELEASE = /^\/releases\/([^/]+)\/$/;
const PERFORMANCE = /^\/performance\/$/;
const TRANSACTION_NAME = /^\/performance\/summary\/$/;
const TRANSACTION = /^\/performance\/transactions\/([0-9a-f]{32})\/$/;
const STATIC: Record<string, [string, string]> = {
  '/_static/ui.css': [UI_CSS, 'text/css; charset=utf-8'],
  '/_static/ui.js': [UI_JS, 'text/javascript; charset=utf-8'],
};

/** True for the paths the UI answers, so the server sends everything else to its own 404. */
export const isUiPath = (path: string) => path in STATIC || LIST.test(path) || ISSUE.test(path) || EVENT_JSON.test(path) || RELEASE.test(path) || PERFORMANCE.test(path) || TRANSACTION_NAME.test(path) || TRANSACTION.test(path) || ['/login', '/logout', '/issues/status/'].includes(path);

/** Only our own paths: `/x`, never `//host` or `/\host`, which browsers treat as another site. */
const safeReturn = (value: string | null) => (value && /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : '/');

function send(res: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8', headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'content-length': 0, ...headers });
  res.end();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (type != 'application/x-www-form-urlencoded') throw new HttpError(415, 'send the form as application/x-www-form-urlencoded');
  return new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
}

/** The UI's pages and forms. State-changing requests are POSTs with a CSRF token; login first when required. */
export function createUiHandler(ctx: UiContext) {
  const filterOptions = createFilterOptions(ctx.api.db);
  const releaseStats = createReleaseStats(ctx.api.db);

  function errorPage(res: ServerResponse, state: PageState, status: number, message: string, cookies: string[]) {
    send(res, status, layout(`${status}`, state, html`<h1>${status}</h1><p>${message}</p><p><a href="/">Back to the issues</a></p>`), undefined, cookies.length ? { 'set-cookie': cookies } : {});
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, state: PageState, cookies: string[]): Promise<void> {
    const path = url.pathname;
    const method = req.method || 'GET';
    const headers: Record<string, string | string[]> = cookies.length ? { 'set-cookie': cookies } : {};

    if (path == '/login') {
      if (!ctx.auth.requireLogin) return redirect(res, '/');
      if (method == 'GET') return send(res, 200, renderLogin(state, safeReturn(url.searchParams.get('return')), false), undefined, headers);
      if (method != 'POST') throw new HttpError(405, 'use GET or POST');
      const form = await readForm(req);
      if (!ctx.auth.checkCsrf(req, form)) throw new HttpError(403, 'the form is stale: reload the page and try again');
      const session = ctx.auth.login(form.get('token') || '');
      if (!session) return send(res, 401, renderLogin(state, safeReturn(form.get('return')), true), undefined, headers);
      return redirect(res, safeReturn(form.get('return')), { 'set-cookie': [...cookies, session] });
    }

    if (!ctx.auth.isLoggedIn(req)) {
      if (method == 'GET' || method == 'HEAD') return redirect(res, `/login?return=${encodeURIComponent(path + url.search)}`, headers);
      throw new HttpError(401, 'log in first');
    }

    if (method == 'POST') {
      const form = await readForm(req);
      if (!ctx.auth.checkCsrf(req, form)) throw new HttpError(403, 'the form is stale: reload the page and try again');
      if (path == '/logout') return redirect(res, '/login', { 'set-cookie': ctx.auth.logout(req) });
      if (path == '/issues/status/') {
        // A row's own button says `status:id`; the bulk buttons take every checked id.
        const one = /^(\w+):(\d{1,15})$/.exec(form.get('one') || '');
        const ids = one ? [one[2]] : form.getAll('id');
        const change = readStatus({ status: one ? one[1] : form.get('status') });
        if (!ids.length || ids.length > 100) throw new HttpError(400, 'select 1 to 100 issues');
        ctx.api.issues.setStatusMany(ids.map(Number), change.status, change.substatus);
        return redirect(res, safeReturn(form.get('return')));
      }
      throw new HttpError(405, 'this page only answers GET');
    }
    if (method != 'GET' && method != 'HEAD') throw new HttpError(405, 'use GET');

    if (LIST.test(path)) {
      const params = readListParams(ctx, url.searchParams);
      if (!params) throw new HttpError(404, 'no such project');
      return send(res, 200, renderIssueList(ctx, state, params, listIssueRows(ctx, params), filterOptions), undefined, headers);
    }
    let m = ISSUE.exec(path);
    if (m) {
      const issue = ctx.api.issues.get(Number(m[1]));
      if (!issue) throw new HttpError(404, 'no such issue');
      const project = ctx.api.projects.get(issue.project_id)!;
      const chosen = url.searchParams.get('event');
      const row = chosen && /^[0-9a-f]{32}$/.test(chosen) ? ctx.api.issues.event(issue.project_id, chosen) : ctx.api.issues.latestEvent(issue.id);
      // A chosen event must be this issue's; without one, an issue whose events all failed still shows its header.
      if (chosen && (!row || row.issue_id != issue.id)) throw new HttpError(404, 'no such event in this issue');
      return send(res, 200, renderIssuePage(ctx, state, issue, project, row), undefined, headers);
    }
    if ((m = EVENT_JSON.exec(path))) {
      const issue = ctx.api.issues.get(Number(m[1]));
      const row = issue && ctx.api.issues.event(issue.project_id, m[2]);
      if (!issue || !row || row.issue_id != issue.id) throw new HttpError(404, 'no such event');
      // The stored JSON as data, never as a page: nosniff and the CSP keep it inert.
      return send(res, 200, row.payload, 'application/json; charset=utf-8', headers);
    }
    if ((m = RELEASE.exec(path))) {
      const params = readListParams(ctx, url.searchParams);
      if (!params) throw new HttpError(404, 'no such project');
      const version = decodeURIComponent(m[1]);
      return send(res, 200, renderReleasePage(ctx, state, params.project, version, releaseStats(params.project.id, version)), undefined, headers);
    }
    if (PERFORMANCE.test(path) || TRANSACTION_NAME.test(path)) {
      const p = readPerfParams(ctx, url.searchParams);
      if (!p) throw new HttpError(404, 'no such project');
      const summary = summarize(ctx.api.transactions.vitalsSince(p.project.id, Date.now() / 1000 - PERIODS[p.period], p.environment || undefined));
      if (PERFORMANCE.test(path)) return send(res, 200, renderPerformancePage(ctx, state, p, summary), undefined, headers);
      const name = (url.searchParams.get('name') || '').slice(0, 200);
      const rows = ctx.api.transactions.ofName(p.project.id, name, Date.now() / 1000 - PERIODS[p.period], 50, p.environment || undefined);
      return send(res, 200, renderTransactionListPage(ctx, state, p, name, summary.find((s) => s.name == name), rows), undefined, headers);
    }
    if ((m = TRANSACTION.exec(path))) {
      const p = readPerfParams(ctx, url.searchParams);
      const row = p && ctx.api.transactions.get(p.project.id, m[1]);
      if (!p || !row) throw new HttpError(404, 'no such transaction');
      return send(res, 200, renderTransactionPage(ctx, state, p.project, row, ctx.api.transactions.errorsOfTrace(p.project.id, row.trace_id)), undefined, headers);
    }
    throw new HttpError(404, 'not found');
  }

  /** Answers a UI request; errors become an HTML page with the same security headers. */
  return async function handleUi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const asset = STATIC[url.pathname];
    if (asset) return send(res, 200, asset[0], asset[1], { 'cache-control': 'public, max-age=3600' });
    const csrf = ctx.auth.csrf(req);
    const cookies = csrf.setCookie ? [csrf.setCookie] : [];
    const state: PageState = { csrf: csrf.token, loggedIn: ctx.auth.requireLogin && ctx.auth.isLoggedIn(req) };
    try {
      await route(req, res, url, state, cookies);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      const e = error instanceof HttpError ? error : new HttpError(500, 'internal error');
      if (!(error instanceof HttpError)) console.error('faultline-collector: UI:', error);
      errorPage(res, state, e.status, e.message, cookies);
    }
  };
}
