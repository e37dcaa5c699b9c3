import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector } from '../helpers/test-collector';

// Child processes start Node, SQLite and a worker thread: on a busy 2-core machine that takes
// seconds, so these tests get more than vitest's default 5 s.
const CHILD_TEST_MS = 30_000;
const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/faultline-collector.mjs');
const dirs: string[] = [];
afterAll(() => {
  removeTestDirs();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts the built CLI as a child process and waits for its three start lines. */
function startChild(dataDir: string, args: string[] = []): Promise<{ child: ChildProcess; url: string; dsn: string; token: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d;
      const url = /^Faultline collector {2}(\S+)$/m.exec(out)?.[1];
      const dsn = /^DSN {18}(\S+)$/m.exec(out)?.[1];
      const token = /^Token {16}(\S+) {2}\(uploads and API: Authorization: Bearer \1\)$/m.exec(out)?.[1];
      if (url && dsn && token) {
        clearTimeout(timer);
        resolve({ child, url, dsn, token, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`collector exited ${code}:\n${out}`)));
  });
}

describe('the CLI', () => {
  it('prints URL, DSN and token, writes collector.json (0600), and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
    dirs.push(dataDir);
    const { child, url, dsn, token } = await startChild(dataDir);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dsn).toMatch(new RegExp(`^http://[0-9a-f]{32}@127\\.0\\.0\\.1:${new URL(url).port}/1$`));
    const info = JSON.parse(readFileSync(join(dataDir, 'collector.json'), 'utf8'));
    expect(info).toEqual({ url, dsn, token, org: 'sentry', project: 'default' });
    expect(statSync(join(dataDir, 'collector.json')).mode & 0o777).toBe(0o600);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, CHILD_TEST_MS);
});

describe('durability', () => {
  it('keeps everything across a restart', async () => {
    const first = await startTestCollector();
    const event = errorEvent();
    await first.ingest(eventEnvelope(event));
    await first.idle();
    const before = await (await first.api('/api/0/projects/sentry/default/issues/')).json();
    await first.close();

    const second = await startTestCollector({ dataDir: first.dataDir });
    expect(second.key).toBe(first.key);
    expect(second.token).toBe(first.token);
    const after = await (await second.api('/api/0/projects/sentry/default/issues/')).json();
    expect(after.map((i: { id: string; count: string }) => [i.id, i.count])).toEqual(before.map((i: { id: string; count: string }) => [i.id, i.count]));
    await second.close();
  });

  it('processes on the next start what was acknowledged but not processed', async () => {
    const first = await startTestCollector();
    await first.processor.stop();
    const events = Array.from({ length: 20 }, () => errorEvent());
    for (const e of events) expect((await first.ingest(eventEnvelope(e))).status).toBe(200);
    expect((first.db.prepare("SELECT count(*) AS n FROM events WHERE state = 'queued'").get() as { n: number }).n).toBe(20);
    await first.close();

    const second = await startTestCollector({ dataDir: first.dataDir });
    await second.idle();
    const [issue] = await (await second.api('/api/0/projects/sentry/default/issues/')).json();
    expect(issue.count).toBe('20');
    await second.close();
  });

  // With --fsync=false a 200 waits for the commit only: a killed process loses nothing either.
  it.each([[[]], [['--fsync=false']]])('loses nothing and counts nothing twice when killed with SIGKILL right after a burst of 200s (options %j)', async (args: string[]) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faultline-kill-'));
    dirs.push(dataDir);
    const { child, url, dsn } = await startChild(dataDir, args);
    const key = new URL(dsn).username;
    const events = Array.from({ length: 400 }, (_, i) => errorEvent({ user: { id: `u${i % 7}` } }));
    const acknowledged: string[] = [];
    // 32 at a time, like a busy page or several.
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < events.length) {
          const e = events[next++];
          const res = await fetch(`${url}/api/1/envelope/?sentry_key=${key}`, { method: 'POST', body: eventEnvelope(e) });
          if (res.status == 200) acknowledged.push(e.event_id as string);
        }
      }),
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(acknowledged).toHaveLength(events.length);

    const raw = new Database(join(dataDir, 'collector.db'), { readonly: true });
    const stored = new Set((raw.prepare('SELECT event_id FROM events').all() as Array<{ event_id: string }>).map((r) => r.event_id));
    raw.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    const restarted = await startTestCollector({ dataDir });
    await restarted.idle();
    const states = restarted.db.prepare('SELECT state, count(*) AS n FROM events GROUP BY state').all();
    expect(states).toEqual([{ state: 'processed', n: events.length }]);
    const [issue] = await (await restarted.api('/api/0/projects/sentry/default/issues/')).json();
    expect(issue.count).toBe(String(events.length));
    expect(issue.userCount).toBe(7);
    await restarted.close();
  }, CHILD_TEST_MS);
});
