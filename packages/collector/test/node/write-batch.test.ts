import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database';
import { createWalSync } from '../../src/store/wal-sync';
import { createWriteBatch } from '../../src/store/write-batch';

const dir = mkdtempSync(join(tmpdir(), 'faultline-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the write batch', () => {
  it('waits for another connection’s write lock without blocking the event loop, then commits', async () => {
    const file = join(dir, 'locked.db');
    const other = openDatabase(file);
    const mine = openDatabase(file, { migrate: false, busyTimeoutMs: 0 });
    const batch = createWriteBatch(mine);
    const insert = mine.prepare("INSERT INTO organizations (slug, name, created) VALUES ('busy', 'Busy', 0)");

    other.exec('BEGIN IMMEDIATE');
    const order: string[] = [];
    const committed = batch.submit(() => insert.run()).then(() => order.push('committed'));
    // The event loop keeps turning while the lock is held elsewhere.
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('timer ran');
    expect(mine.prepare("SELECT count(*) AS n FROM organizations WHERE slug = 'busy'").get()).toEqual({ n: 0 });
    other.exec('COMMIT');
    await committed;
    expect(order).toEqual(['timer ran', 'committed']);
    expect(other.prepare("SELECT count(*) AS n FROM organizations WHERE slug = 'busy'").get()).toEqual({ n: 1 });
    await batch.close();
    mine.close();
    other.close();
  });

  it('commits each write alone when the batch fails, so one bad write fails only its submitter', async () => {
    const db = openDatabase(join(dir, 'bad.db'));
    const batch = createWriteBatch(db);
    const good = batch.submit(() => db.prepare("INSERT INTO organizations (slug, name, created) VALUES ('good', 'Good', 0)").run());
    const bad = batch.submit(() => db.prepare('INSERT INTO no_such_table VALUES (1)').run());
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow(/no such table/);
    expect(db.prepare("SELECT count(*) AS n FROM organizations WHERE slug = 'good'").get()).toEqual({ n: 1 });
    await batch.close();
    db.close();
  });

  it('settles a commit only once it is synced, and close() waits for the sync in flight', async () => {
    const db = openDatabase(join(dir, 'synced.db'), { synchronous: 'NORMAL' });
    let release: (() => void) | undefined;
    const batch = createWriteBatch(db, { sync: (done) => (release = () => done()) });
    let settled = false;
    const write = batch.submit(() => db.prepare("INSERT INTO organizations (slug, name, created) VALUES ('synced', 'Synced', 0)").run()).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Committed (visible) but not yet acknowledged.
    expect(db.prepare("SELECT count(*) AS n FROM organizations WHERE slug = 'synced'").get()).toEqual({ n: 1 });
    expect(settled).toBe(false);
    let closed = false;
    const closing = batch.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release!();
    await Promise.all([write, closing]);
    expect([settled, closed]).toEqual([true, true]);
    db.close();
  });
});

describe('the WAL sync', () => {
  it('calls back once the -wal file is synced, and fails clearly when there is none', async () => {
    const file = join(dir, 'wal.db');
    const db = openDatabase(file, { synchronous: 'NORMAL' });
    db.prepare("INSERT INTO organizations (slug, name, created) VALUES ('wal', 'Wal', 0)").run();
    const walSync = createWalSync(`${file}-wal`);
    const results = await Promise.all([1, 2, 3].map(() => new Promise((resolve) => walSync.sync(resolve))));
    expect(results).toEqual([undefined, undefined, undefined]);
    walSync.close();
    db.close();
    const missing = createWalSync(join(dir, 'none.db-wal'));
    const error = await new Promise<Error | undefined>((resolve) => missing.sync(resolve));
    expect(error).toMatchObject({ code: 'ENOENT' });
  });
});
