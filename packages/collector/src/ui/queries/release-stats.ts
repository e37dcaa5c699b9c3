import type { Db } from '../../store/database';
import type { IssueRow } from '../../store/issues';

export interface ReleaseStats {
  events: number;
  newIssues: IssueRow[];
  /** Session counts per status (`started` is every session; `crashed`, `abnormal`, `errored`…). */
  sessions: Record<string, number>;
  /** 0–1, or null without sessions: sessions that did not crash, as Sentry's release health. */
  crashFreeRate: number | null;
  /** What SDKs dropped before sending (client reports), per reason and category. */
  dropped: Array<{ reason: string; category: string; quantity: number }>;
}

/** A release's health for one project: its events, the issues it introduced, sessions and drops. */
export function createReleaseStats(db: Db) {
  const events = db.prepare<[number, string], { n: number }>("SELECT COUNT(*) AS n FROM events WHERE project_id = ? AND release = ? AND state = 'processed'");
  const newIssues = db.prepare<[number, string], IssueRow>('SELECT * FROM issues WHERE project_id = ? AND first_release = ? ORDER BY first_seen DESC LIMIT 100');
  const sessions = db.prepare<[number, string], { status: string; n: number }>('SELECT status, SUM(count) AS n FROM session_counts WHERE project_id = ? AND release = ? GROUP BY status');
  const dropped = db.prepare<[number, string], { reason: string; category: string; quantity: number }>(
    'SELECT reason, category, SUM(quantity) AS quantity FROM discarded_counts WHERE project_id = ? AND release = ? GROUP BY reason, category ORDER BY quantity DESC',
  );
  return (projectId: number, release: string): ReleaseStats => {
    const counts = Object.fromEntries(sessions.all(projectId, release).map((r) => [r.status, r.n]));
    const started = counts.started || 0;
    return {
      events: events.get(projectId, release)!.n,
      newIssues: newIssues.all(projectId, release),
      sessions: counts,
      crashFreeRate: started ? Math.max(0, 1 - (counts.crashed || 0) / started) : null,
      dropped: dropped.all(projectId, release),
    };
  };
}
