import type { Db } from './database';

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface IssueRow {
  id: number;
  project_id: number;
  short_number: number;
  title: string;
  culprit: string;
  level: string;
  metadata: string;
  status: IssueStatus;
  substatus: string | null;
  times_seen: number;
  user_count: number;
  first_seen: number;
  last_seen: number;
  first_release: string | null;
  last_release: string | null;
}

export interface EventRow {
  id: number;
  project_id: number;
  event_id: string;
  received: number;
  state: string;
  payload: string;
  error: string | null;
  issue_id: number | null;
  timestamp: number | null;
}

export interface IssueQuery {
  projectId: number;
  status?: IssueStatus;
  environments?: string[];
  release?: string;
  /** Free text matched against title, culprit and message (case-insensitive). */
  text?: string;
  sort?: 'date' | 'new' | 'freq' | 'user';
  limit: number;
  offset: number;
}

const SORTS = { date: 'last_seen DESC', new: 'first_seen DESC', freq: 'times_seen DESC', user: 'user_count DESC' };

/** Reads of issues and their events for the API, and the status changes users make. */
export function createIssueStore(db: Db) {
  const get = db.prepare<[number], IssueRow>('SELECT * FROM issues WHERE id = ?');
  const hours = db.prepare<[number, number], { hour: number; count: number }>('SELECT hour, count FROM issue_hours WHERE issue_id = ? AND hour >= ? ORDER BY hour');
  const tags = db.prepare<[number], { key: string; value: string; count: number; first_seen: number; last_seen: number }>(
    'SELECT key, value, count, first_seen, last_seen FROM issue_tags WHERE issue_id = ? ORDER BY key, count DESC',
  );
  const setStatus = db.prepare(
    "UPDATE issues SET status = ?, substatus = ?, resolved_at = CASE WHEN ? = 'resolved' THEN ? ELSE NULL END WHERE id = ?",
  );
  const remove = db.prepare('DELETE FROM issues WHERE id = ?');
  const removeEvents = db.prepare('DELETE FROM events WHERE issue_id = ?');
  const eventSelect = 'SELECT id, project_id, event_id, received, state, payload, error, issue_id, timestamp FROM events';
  const latest = db.prepare<[number], EventRow>(`${eventSelect} WHERE issue_id = ? AND state = 'processed' ORDER BY timestamp DESC, id DESC LIMIT 1`);
  const oldest = db.prepare<[number], EventRow>(`${eventSelect} WHERE issue_id = ? AND state = 'processed' ORDER BY timestamp ASC, id ASC LIMIT 1`);
  const eventsOf = db.prepare<[number, number, number], EventRow>(`${eventSelect} WHERE issue_id = ? ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?`);
  const byEventId = db.prepare<[number, string], EventRow>(`${eventSelect} WHERE project_id = ? AND event_id = ?`);
  const neighbours = db.prepare<[number, number, number, number, number, number], { prev: string | null; next: string | null }>(
    `SELECT
       (SELECT event_id FROM events WHERE issue_id = ? AND (timestamp, id) < (?, ?) ORDER BY timestamp DESC, id DESC LIMIT 1) AS prev,
       (SELECT event_id FROM events WHERE issue_id = ? AND (timestamp, id) > (?, ?) ORDER BY timestamp ASC, id ASC LIMIT 1) AS next`,
  );
  const failedEvents = db.prepare<[number, number], EventRow>(`${eventSelect} WHERE project_id = ? AND state = 'failed' ORDER BY id DESC LIMIT ?`);

  return {
    get: (id: number) => get.get(id),
    list(q: IssueQuery): IssueRow[] {
      const where = ['project_id = @projectId'];
      const args: Record<string, unknown> = { projectId: q.projectId, limit: q.limit, offset: q.offset };
      if (q.status) {
        where.push('status = @status');
        args.status = q.status;
      }
      if (q.environments?.length) {
        where.push(`id IN (SELECT issue_id FROM issue_tags WHERE key = 'environment' AND value IN (${q.environments.map((_, i) => `@env${i}`).join(', ')}))`);
        q.environments.forEach((e, i) => (args[`env${i}`] = e));
      }
      if (q.release) {
        where.push("id IN (SELECT issue_id FROM issue_tags WHERE key = 'release' AND value = @release)");
        args.release = q.release;
      }
      if (q.text) {
        where.push("(instr(lower(title), @text) > 0 OR instr(lower(culprit), @text) > 0 OR instr(lower(metadata), @text) > 0)");
        args.text = q.text.toLowerCase();
      }
      const order = SORTS[q.sort || 'date'];
      return db.prepare<[Record<string, unknown>], IssueRow>(`SELECT * FROM issues WHERE ${where.join(' AND ')} ORDER BY ${order}, id DESC LIMIT @limit OFFSET @offset`).all(args);
    },
    /** Hourly counts since `since` (unix seconds). */
    hours: (issueId: number, since: number) => hours.all(issueId, since),
    tags: (issueId: number) => tags.all(issueId),
    setStatus(id: number, status: IssueStatus, substatus: string | null): void {
      setStatus.run(status, substatus, status, Date.now() / 1000, id);
    },
    /** The same change for several issues (bulk resolve, ignore, reopen), in one transaction. */
    setStatusMany(ids: number[], status: IssueStatus, substatus: string | null): void {
      const at = Date.now() / 1000;
      db.transaction(() => ids.forEach((id) => setStatus.run(status, substatus, status, at, id))).immediate();
    },
    /** Deletes the issue and its events (a later event with the same hash starts a new issue). */
    remove(id: number): void {
      db.transaction(() => {
        removeEvents.run(id);
        remove.run(id);
      }).immediate();
    },
    latestEvent: (issueId: number) => latest.get(issueId),
    oldestEvent: (issueId: number) => oldest.get(issueId),
    events: (issueId: number, limit: number, offset: number) => eventsOf.all(issueId, limit, offset),
    event: (projectId: number, eventId: string) => byEventId.get(projectId, eventId),
    neighbours: (e: EventRow) => neighbours.get(e.issue_id!, e.timestamp!, e.id, e.issue_id!, e.timestamp!, e.id)!,
    failedEvents: (projectId: number, limit: number) => failedEvents.all(projectId, limit),
  };
}

export type IssueStore = ReturnType<typeof createIssueStore>;
