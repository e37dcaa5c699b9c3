import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * `FULL`: a commit is on disk before it returns (ingest acknowledges only that). `NORMAL`:
   * a crash of the process loses nothing, a power cut may roll back the last commits; enough for
   * processing, whose rolled-back work is simply done again. @default 'FULL'
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** Bring the schema up to date; a second connection opened by the same process skips it. @default true */
  migrate?: boolean;
  /**
   * How long a write waits, blocking its thread, for another connection's write to end; 0 makes
   * it fail at once with SQLITE_BUSY (ingest retries on a later turn of the event loop instead).
   * @default 5000
   */
  busyTimeoutMs?: number;
  /**
   * Let this connection's commits checkpoint the WAL into the database file when it grows past
   * 1,000 pages (an fsync or two and copying, on the committing thread). The main thread's
   * connections leave it to the processing thread. @default true
   */
  autoCheckpoint?: boolean;
}

/**
 * Opens (creating if needed) the collector's one SQLite file and brings its schema up to date.
 * WAL lets the API read while ingest and processing write; group commit keeps `FULL` cheap;
 * foreign keys hold the tables together. Two connections write (ingest on the main thread,
 * processing on its own): every write transaction is begun IMMEDIATE, since one that reads first
 * and writes later fails with SQLITE_BUSY_SNAPSHOT, unretried, when the other committed between.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file != ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Takes effect when the file is new: lets retention hand pages back without a full VACUUM.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous == 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
  if (options.migrate !== false) migrate(db);
  return db;
}
