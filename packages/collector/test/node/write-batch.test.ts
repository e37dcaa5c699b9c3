import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database';
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
    batch.close();
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
    batch.close();
    db.close();
  });
});
