import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the collector's one SQLite file and brings its schema up to date.
 * WAL lets the API read while ingest writes; `synchronous = FULL` makes every commit durable
 * before its answer (group commit keeps that cheap); foreign keys hold the tables together.
 */
export function openDatabase(file: string): Db {
  if (file != ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Takes effect when the file is new: lets retention hand pages back without a full VACUUM.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
