import type { Period } from '../../api/performance-api';
import type { Project } from '../../store/projects';
import type { UiContext } from '../ui-context';

export const PERF_SORTS = ['count', 'name', 'p50', 'p75', 'p95', 'lcp', 'fcp', 'cls', 'inp', 'ttfb'] as const;
export type PerfSort = (typeof PERF_SORTS)[number];

/** The performance pages' state, all of it in the URL (as the issue list's). */
export interface PerfParams {
  project: Project;
  period: Period;
  environment: string;
  sort: PerfSort;
}

/** Reads the URL; anything unknown falls back to the default view (first project, 24 h, by count). */
export function readPerfParams(ctx: UiContext, q: URLSearchParams): PerfParams | undefined {
  const wanted = q.get('project');
  const projects = ctx.api.projects.list();
  const project = wanted ? projects.find((p) => p.slug == wanted || String(p.id) == wanted) : projects[0];
  if (!project) return undefined;
  const sort = (PERF_SORTS as readonly string[]).includes(q.get('sort') || '') ? (q.get('sort') as PerfSort) : 'count';
  return { project, period: q.get('period') == '14d' ? '14d' : '24h', environment: (q.get('environment') || '').slice(0, 64), sort };
}

/** A performance URL with the state's parameters (defaults left out); `extra` adds its own. */
export function perfUrl(path: string, p: PerfParams, change: Partial<Omit<PerfParams, 'project'>> = {}, extra: Record<string, string> = {}): string {
  const v = { ...p, ...change };
  const q = new URLSearchParams({ project: v.project.slug, ...extra });
  if (v.period != '24h') q.set('period', v.period);
  if (v.environment) q.set('environment', v.environment);
  if (v.sort != 'count') q.set('sort', v.sort);
  return `${path}?${q}`;
}

/** The transaction-name page of a name. */
export const transactionNameUrl = (p: PerfParams, name: string) => perfUrl('/performance/summary/', p, { sort: 'count' }, { name });
/** A transaction's own page. */
export const transactionUrl = (project: Project, eventId: string) => `/performance/transactions/${eventId}/?project=${encodeURIComponent(project.slug)}`;
