import type { Db } from './database';

export interface QueuedRow {
  id: number;
  project_id: number;
  event_id: string;
  received: number;
  client_ip: string | null;
  payload: string;
}

/** The processing queue: events in state `queued`, oldest first. */
export function createQueue(db: Db) {
  const next = db.prepare<[number, number], QueuedRow>(
    "SELECT id, project_id, event_id, received, client_ip, payload FROM events WHERE state = 'queued' AND id > ? ORDER BY id LIMIT ?",
  );
  const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE state = 'queued'");
  const bytes = db.prepare<[], { n: number }>("SELECT COALESCE(SUM(length(payload)), 0) AS n FROM events WHERE state = 'queued'");
  return {
    /** Up to `limit` queued events with a row id above `after`. */
    take: (limit: number, after = 0) => next.all(after, limit),
    size: () => count.get()!.n,
    /** Characters of event JSON waiting (what ingest's backpressure counts). */
    bytes: () => bytes.get()!.n,
  };
}

export type Queue = ReturnType<typeof createQueue>;
