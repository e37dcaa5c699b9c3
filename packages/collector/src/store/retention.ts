import type { Db } from './database';

/**
 * Deletes events and transactions older than the retention period (processed and failed; queued ones wait for
 * processing), issues left without events, counters and chunks past their time, then hands
 * the free pages back to the file system.
 */
export function createRetention(db: Db, retentionDays: number) {
  const deleteEvents = db.prepare("DELETE FROM events WHERE state != 'queued' AND COALESCE(timestamp, received) < ?");
  const deleteTransactions = db.prepare('DELETE FROM transactions WHERE timestamp < ?');
  const deleteEmptyIssues = db.prepare('DELETE FROM issues WHERE id NOT IN (SELECT issue_id FROM events WHERE issue_id IS NOT NULL)');
  const deleteHours = db.prepare('DELETE FROM issue_hours WHERE hour < ?');
  const deleteSessions = db.prepare('DELETE FROM session_counts WHERE hour < ?');
  const deleteDiscarded = db.prepare('DELETE FROM discarded_counts WHERE hour < ?');
  const deleteItems = db.prepare('DELETE FROM item_counts WHERE hour < ?');
  const deleteChunks = db.prepare('DELETE FROM chunks WHERE created < ?');
  const deleteJobs = db.prepare('DELETE FROM assemble_jobs WHERE updated < ?');

  return {
    /** Runs one pass; returns how many events, issues and transactions went. */
    run(now = Date.now() / 1000): { events: number; issues: number; transactions: number } {
      const cutoff = now - retentionDays * 86400;
      const result = db.transaction(() => {
        const events = deleteEvents.run(cutoff).changes;
        const issues = deleteEmptyIssues.run().changes;
        const transactions = deleteTransactions.run(cutoff).changes;
        for (const s of [deleteHours, deleteSessions, deleteDiscarded, deleteItems]) s.run(cutoff);
        deleteChunks.run(now - 24 * 3600);
        deleteJobs.run(now - 24 * 3600);
        return { events, issues, transactions };
      }).immediate();
      if (result.events || result.issues || result.transactions) {
        // Incremental: frees pages in place without the long lock a full VACUUM takes.
        db.pragma('incremental_vacuum');
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      return result;
    },
  };
}
