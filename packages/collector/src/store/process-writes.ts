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
    `UPDATE issues SET times_seen = times_seen + 1,
       first_seen = MIN(first_seen, @ts), last_seen = MAX(last_seen, @ts),
       title = @title, culprit = @culprit, metadata = @metadata, level = @level,
       last_release = COALESCE(@release, last_release), first_release = COALESCE(first_release, @release),
       status = CASE WHEN status = 'resolved' THEN 'unresolved' ELSE status END,
       substatus = CASE WHEN status = 'resolved' THEN 'regressed' ELSE substatus END,
       resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END
     WHERE id = @id`,
  );
  const addUser = db.prepare('INSERT OR IGNORE INTO issue_users (issue_id, user_key) VALUES (?, ?)');
  const bumpUsers = db.prepare('UPDATE issues SET user_count = user_count + 1 WHERE id = ?');
  const addHour = db.prepare('INSERT INTO issue_hours (issue_id, hour, count) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET count = count + 1');
  const addTag = db.prepare(
    `INSERT INTO issue_tags (issue_id, key, value, count, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + 1, first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
  );
  const markProcessed = db.prepare(
    `UPDATE events SET state = 'processed', payload = ?, issue_id = ?, timestamp = ?, release = ?, environment = ?, user_key = ?, error = NULL
     WHERE id = ? AND state = 'queued'`,
  );
  const markFailed = db.prepare("UPDATE events SET state = 'failed', error = ?, timestamp = received WHERE id = ? AND state = 'queued'");

  function record(e: ProcessedEvent): number {
    let issue = findIssue.get(e.projectId, e.group.hash);
    if (!issue) {
      const id = Number(
        insertIssue.run(e.projectId, e.group.hash, nextShort.get(e.projectId)!.n, e.group.title, e.group.culprit, e.level, JSON.stringify(e.group.metadata), e.timestamp, e.timestamp, e.release ?? null, e.release ?? null).lastInsertRowid,
      );
      issue = { id, status: 'unresolved' };
    }
    // Guard first: an event already processed (a crash after commit is impossible, but a
    // duplicate row id is not) must not move any counter.
    if (markProcessed.run(e.payload, issue.id, e.timestamp, e.release ?? null, e.environment ?? null, e.userKey ?? null, e.rowId).changes == 0) return issue.id;
    updateIssue.run({ id: issue.id, ts: e.timestamp, title: e.group.title, culprit: e.group.culprit, metadata: JSON.stringify(e.group.metadata), level: e.level, release: e.release ?? null });
    if (e.userKey && addUser.run(issue.id, e.userKey).changes) bumpUsers.run(issue.id);
    addHour.run(issue.id, hourOf(e.timestamp));
    for (const [key, value] of e.tags) addTag.run(issue.id, key, value, e.timestamp, e.timestamp);
    return issue.id;
  }

  return {
    /** Writes a batch of processed events and failures in one transaction. */
    commit(done: ProcessedEvent[], failed: Array<{ rowId: number; error: string }>): void {
      db.transaction(() => {
        for (const e of done) record(e);
        for (const f of failed) markFailed.run(f.error.slice(0, 2000), f.rowId);
      })();
    },
  };
}

export type ProcessWrites = ReturnType<typeof createProcessWrites>;
