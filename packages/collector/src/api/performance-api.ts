import { HttpError } from '../http/http-error';
import { sendJson } from '../http/respond';
import { summarize } from '../performance/summarize';
import { requireProject, type ApiContext } from './api-context';
import type { Route, RouteContext } from './router';
import { serializeTransactionRow } from './serialize-transaction';

/** The windows the summary and lists read, as Sentry's `statsPeriod` names them. */
export const PERIODS = { '24h': 86400, '14d': 14 * 86400 } as const;
export type Period = keyof typeof PERIODS;

export function readPeriod(value: string | null): Period {
  const period = value || '24h';
  if (!(period in PERIODS)) throw new HttpError(400, 'statsPeriod: use 24h or 14d');
  return period as Period;
}

/** `GET …/performance/`: per transaction name, count, p50/p75/p95 duration and p75 of each vital with its rating. */
function performanceSummary(api: ApiContext, { res, params, query }: RouteContext) {
  const project = requireProject(api, params[0], params[1]);
  const period = readPeriod(query.get('statsPeriod'));
  const environment = query.get('environment') || undefined;
  const started = performance.now();
  const transactions = summarize(api.transactions.vitalsSince(project.id, Date.now() / 1000 - PERIODS[period], environment));
  // The server's own time for the figure, as Sentry reports query timings.
  const ms = performance.now() - started;
  sendJson(res, 200, { statsPeriod: period, environment: environment ?? null, percentileMethod: 'nearest-rank', unit: 'millisecond', transactions }, { 'server-timing': `summary;dur=${ms.toFixed(1)}` });
}

/** `GET …/transactions/?name=`: the latest transactions of one name. */
function transactionList(api: ApiContext, { res, params, query }: RouteContext) {
  const project = requireProject(api, params[0], params[1]);
  const name = query.get('name');
  if (!name) throw new HttpError(400, 'name: give the transaction name');
  const period = readPeriod(query.get('statsPeriod'));
  const limit = Math.min(100, Math.max(1, Number(query.get('limit')) || 50));
  const environment = query.get('environment') || undefined;
  sendJson(res, 200, api.transactions.ofName(project.id, name, Date.now() / 1000 - PERIODS[period], limit, environment).map(serializeTransactionRow));
}

export function performanceRoutes(api: ApiContext): Route[] {
  return [
    ['GET', /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/performance\/$/, (c) => performanceSummary(api, c)],
    ['GET', /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/transactions\/$/, (c) => transactionList(api, c)],
  ];
}
