import type { Db } from './database';
import { hourOf } from './ingest-writes';

/** Everything processing learned about one event, ready to be written. */
export interface ProcessedEvent {
  rowId: number;
  projectId: number;
  /** The processed event JSON (symbolicated, normalised). */
  payload: string;
  timestamp: number;
  level: string;
  release?: string;
  environment?: string;
  /** Distinct-user key: `id:…`, `email:…`, `ip:…`, or undefined for anonymous events. */
  userKey?: string;
  /** Tag key/value pairs the issue aggregates (environment, release, browser, url, custom tags…). */
  tags: Array<[string, string]>;
  group: { hash: string; title: string; culprit: string; metadata: Record<string, unknown> };
}

/**
 * Processing's writes: the event becomes `processed` and its issue's counters move, in the same
 * transaction, so a crash between them is impossible and a reprocessed event is never counted twice.
 */
export function createProcessWrites(db: Db) {
  const findIssue = db.prepare<[number, string], { id: number; status: string }>('SELECT id, status FROM issues WHERE project_id = ? AND hash = ?');
  const nextShort = db.prepare<[number], { n: number }>('SELECT COALESCE(MAX(short_number), 0) + 1 AS n FROM issues WHERE project_id = ?');
  const insertIssue = db.prepare(
    `INSERT INTO issues (project_id, hash, short_number, title, culprit, level, metadata, times_seen, first_seen, last_seen, first_release, last_release)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  // The latest event names the issue (as Sentry updates title and culprit); counts only grow.
  const updateIssue = db.prepare(
    `UPDATE issues SET times_seen = times_seen + @n, user_count = user_count + @users,
       first_seen = MIN(first_seen, @first), last_seen = MAX(last_seen, @last),
       title = @title, culprit = @culprit, metadata = @metadata, level = @level,
       last_release = COALESCE(@lastRelease, last_release), first_release = COALESCE(first_release, @firstRelease),
       status = CASE WHEN status = 'resolved' THEN 'unresolved' ELSE status END,
       substatus = CASE WHEN status = 'resolved' THEN 'regressed' ELSE substatus END,
       resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END
     WHERE id = @id`,
  );
  const addUser = db.prepare('INSERT OR IGNORE INTO issue_users (issue_id, user_key) VALUES (?, ?)');
  const addHour = db.prepare('INSERT INTO issue_hours (issue_id, hour, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count');
  const addTag = db.prepare(
    `INSERT INTO issue_tags (issue_id, key, value, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count, first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
  );
  const markProcessed = db.prepare(
    `UPDATE events SET state = 'processed', payload = ?, issue_id = ?, timestamp = ?, release = ?, environment = ?, user_key = ?, error = NULL
     WHERE id = ? AND state = 'queued'`,
  );
  const markFailed = db.prepare("UPDATE events SET state = 'failed', error = ?, timestamp = received WHERE id = ? AND state = 'queued'");

  /** What one batch adds to one issue: written once per issue, not once per event. */
  interface IssueDelta {
    n: number;
    first: ProcessedEvent;
    last: ProcessedEvent;
    users: Set<string>;
    hours: Map<number, number>;
    tags: Map<string, { key: string; value: string; count: number; first: number; last: number }>;
  }

  function issueFor(e: ProcessedEvent): number {
    const issue = findIssue.get(e.projectId, e.group.hash);
    if (issue) return issue.id;
    return Number(
      insertIssue.run(e.projectId, e.group.hash, nextShort.get(e.projectId)!.n, e.group.title, e.group.culprit, e.level, JSON.stringify(e.group.metadata), e.timestamp, e.timestamp, e.release ?? null, e.release ?? null).lastInsertRowid,
    );
  }

  function add(deltas: Map<number, IssueDelta>, issueId: number, e: ProcessedEvent): void {
    let d = deltas.get(issueId);
    if (!d) deltas.set(issueId, (d = { n: 0, first: e, last: e, users: new Set(), hours: new Map(), tags: new Map() }));
    d.n++;
    if (e.timestamp < d.first.timestamp) d.first = e;
    if (e.timestamp >= d.last.timestamp) d.last = e;
    if (e.userKey) d.users.add(e.userKey);
    const hour = hourOf(e.timestamp);
    d.hours.set(hour, (d.hours.get(hour) || 0) + 1);
    for (const [key, value] of e.tags) {
      const k = `${key}\0${value}`;
      const t = d.tags.get(k);
      if (t) {
        t.count++;
        t.first = Math.min(t.first, e.timestamp);
        t.last = Math.max(t.last, e.timestamp);
      } else d.tags.set(k, { key, value, count: 1, first: e.timestamp, last: e.timestamp });
    }
  }

  function apply(issueId: number, d: IssueDelta): void {
    let users = 0;
    for (const u of d.users) users += addUser.run(issueId, u).changes;
    const latest = d.last;
    updateIssue.run({
      id: issueId, n: d.n, users, first: d.first.timestamp, last: latest.timestamp,
      title: latest.group.title, culprit: latest.group.culprit, metadata: JSON.stringify(latest.group.metadata), level: latest.level,
      lastRelease: latest.release ?? null, firstRelease: d.first.release ?? null,
    });
    for (const [hour, count] of d.hours) addHour.run(issueId, hour, count);
    for (const t of d.tags.values()) addTag.run(issueId, t.key, t.value, t.count, t.first, t.last);
  }

  return {
    /**
     * Writes a batch of processed events and failures in one transaction. Each event is marked
     * processed first: one that already was (it cannot be, but a duplicate row id could) moves no counter.
     */
    commit(done: ProcessedEvent[], failed: Array<{ rowId: number; error: string }>): void {
      db.transaction(() => {
        const deltas = new Map<number, IssueDelta>();
        for (const e of done) {
          const issueId = issueFor(e);
          if (markProcessed.run(e.payload, issueId, e.timestamp, e.release ?? null, e.environment ?? null, e.userKey ?? null, e.rowId).changes) add(deltas, issueId, e);
        }
        for (const [issueId, d] of deltas) apply(issueId, d);
        for (const f of failed) markFailed.run(f.error.slice(0, 2000), f.rowId);
      }).immediate();
    },
  };
}

export type ProcessWrites = ReturnType<typeof createProcessWrites>;
