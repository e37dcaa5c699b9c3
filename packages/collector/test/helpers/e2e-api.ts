// Reading back what the collector made of the browser's events, through its Sentry-shaped API,
// as a user's script (or Sentry's own tools) would.
import type { TestCollector } from './test-collector';

export interface ApiIssue {
  id: string;
  title: string;
  culprit: string;
  count: string;
  metadata: Record<string, unknown>;
}

export interface ApiFrame {
  filename: string | null;
  absPath: string | null;
  function: string | null;
  lineNo: number | null;
  colNo: number | null;
  inApp: boolean;
  context: Array<[number, string]>;
  data: Record<string, unknown>;
}

export interface ApiException {
  type: string | null;
  value: string | null;
  mechanism: { type?: string; handled?: boolean } | null;
  stacktrace: { frames: ApiFrame[] } | null;
  rawStacktrace: { frames: ApiFrame[] } | null;
}

export interface ApiEvent {
  eventID: string;
  title: string;
  culprit: string;
  release: { version: string } | null;
  dist: string | null;
  sdk: { name?: string } | null;
  entries: Array<{ type: string; data: unknown }>;
  errors: Array<{ type: string; message?: string; url?: string }>;
  processingState: string;
}

async function getJson<T>(collector: TestCollector, path: string): Promise<T> {
  const res = await collector.api(path);
  if (res.status != 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const listIssues = (collector: TestCollector, project = 'default') => getJson<ApiIssue[]>(collector, `/api/0/projects/sentry/${project}/issues/`);

export const latestEvent = (collector: TestCollector, issueId: string) => getJson<ApiEvent>(collector, `/api/0/issues/${issueId}/events/latest/`);

/**
 * Polls the project's issue list until `until` holds, then waits for the processor to drain
 * (nothing half-processed left) and returns the list as it is then.
 */
export async function waitForIssues(collector: TestCollector, until: (issues: ApiIssue[]) => boolean, { project = 'default', timeoutMs = 15_000 } = {}): Promise<ApiIssue[]> {
  const deadline = Date.now() + timeoutMs;
  let issues: ApiIssue[] = [];
  while (Date.now() < deadline) {
    issues = await listIssues(collector, project);
    if (until(issues)) {
      await collector.idle();
      return listIssues(collector, project);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const failed = await getJson<ApiEvent[]>(collector, `/api/0/projects/sentry/${project}/events/failed/`);
  throw new Error(`timed out after ${timeoutMs} ms; issues: ${JSON.stringify(issues.map((i) => [i.title, i.culprit, i.count]))}; failed events: ${JSON.stringify(failed.map((e) => e.errors))}`);
}

/** The caught exception of an API event: the last value of its `exception` entry. */
export function mainException(event: ApiEvent): ApiException {
  const entry = event.entries.find((e) => e.type == 'exception');
  if (!entry) throw new Error(`no exception entry in event ${event.eventID}: ${event.entries.map((e) => e.type).join(', ')}`);
  const values = (entry.data as { values: ApiException[] }).values;
  return values[values.length - 1];
}

/** The frame that threw: Sentry orders frames oldest first, so the last one. */
export const topFrame = (frames: ApiFrame[] | undefined) => frames?.[frames.length - 1];
