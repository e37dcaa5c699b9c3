import type { Db } from './database';

export type AssembleState = 'created' | 'ok' | 'error';

/** Uploaded chunks (by sha1) waiting to be assembled, and the state of each assemble request. */
export function createChunkStore(db: Db) {
  const insert = db.prepare('INSERT INTO chunks (sha1, content, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const has = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM chunks WHERE sha1 = ?');
  const read = db.prepare<[string], { content: Buffer }>('SELECT content FROM chunks WHERE sha1 = ?');
  const remove = db.prepare('DELETE FROM chunks WHERE sha1 = ?');
  const getJob = db.prepare<[string, string], { state: AssembleState; detail: string | null }>('SELECT state, detail FROM assemble_jobs WHERE checksum = ? AND kind = ?');
  const setJob = db.prepare('INSERT INTO assemble_jobs (checksum, kind, state, detail, updated) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET state = excluded.state, detail = excluded.detail, updated = excluded.updated');
  return {
    put(chunks: Array<{ sha1: string; content: Uint8Array }>): void {
      const now = Date.now() / 1000;
      db.transaction(() => chunks.forEach((c) => insert.run(c.sha1, c.content, now))).immediate();
    },
    missing: (sha1s: string[]) => sha1s.filter((s) => !has.get(s)),
    read: (sha1: string) => read.get(sha1)?.content,
    remove(sha1s: string[]): void {
      db.transaction(() => sha1s.forEach((s) => remove.run(s))).immediate();
    },
    job: (checksum: string, kind: string) => getJob.get(checksum, kind),
    setJob: (checksum: string, kind: string, state: AssembleState, detail: string | null = null) => void setJob.run(checksum, kind, state, detail, Date.now() / 1000),
  };
}

export type ChunkStore = ReturnType<typeof createChunkStore>;
