// Release health (issue 13, part 4): sessions per page load and navigation, errored and crashed.
// The default Sessions integration of faultline.full.min.js (faultline.min.js has no room for it).
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Ingest } from '../helpers/ingest-server';
import { useBrowserAndIngest } from '../helpers/page-suite';
import { expectClean, flushAndSettle, openSdkPage } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

useBrowserAndIngest((b, i) => ([browser, ingest] = [b, i]));

interface SessionUpdate {
  sid: string;
  did: string;
  init: boolean;
  started: string;
  timestamp: string;
  status: string;
  errors: number;
  duration: number;
  attrs: { release?: string; environment?: string };
}

/** Session updates in the order they arrived; each request must hold exactly one item. */
function sessions(): SessionUpdate[] {
  const withSessions = ingest.requests.filter((r) => r.envelope?.items.some((i) => i.header.type == 'session'));
  for (const r of withSessions) expect(r.envelope!.items).toHaveLength(1);
  return withSessions.map((r) => r.envelope!.items[0].payload as SessionUpdate);
}

const open = (init: string, script = '') =>
  openSdkPage(browser, ingest, { bundle: '/dist/faultline.full.min.js', init: `{ dsn: DSN, release: 'shop@1.2.3', environment: 'staging'${init} }`, script });

describe('sessions', () => {
  it('one per page load, in its own envelope, with init, started, duration, attrs and a random did', async () => {
    const opened = await open('');
    await flushAndSettle(opened);
    const [session, ...more] = sessions();
    expect(more).toEqual([]);
    expect(session).toMatchObject({ init: true, status: 'ok', errors: 0, attrs: { release: 'shop@1.2.3', environment: 'staging' } });
    expect(session.sid).toMatch(/^[0-9a-f]{32}$/);
    expect(session.did).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(session.started)).toBeGreaterThan(Date.now() - 60_000);
    expect(session.duration).toBeGreaterThanOrEqual(0);
    expectClean(ingest, opened);
  });

  it('a new one per history navigation; errored after a handled error, with the user id as did; one update however many errors', async () => {
    const opened = await open('', `Faultline.setUser({ id: 'u-42' });`);
    await opened.page.evaluate(() => history.pushState({}, '', '/next'));
    await opened.page.evaluate(() => {
      for (let i = 0; i < 5; i++) Faultline.captureException(new Error(`handled ${i}`));
    });
    await ingest.waitForEvents(5);
    await flushAndSettle(opened);
    const [load, navigation, errored, ...more] = sessions();
    expect(more).toEqual([]);
    expect(navigation.sid).not.toBe(load.sid);
    expect(navigation).toMatchObject({ init: true, status: 'ok', did: 'u-42' });
    expect(errored).toMatchObject({ sid: navigation.sid, init: false, status: 'errored', errors: 1, did: 'u-42' });
    expectClean(ingest, opened);
  });

  it('crashed after an unhandled error', async () => {
    const opened = await open('', `setTimeout(() => { throw new Error('unhandled'); });`);
    await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    const [load, crashed, ...more] = sessions();
    expect(more).toEqual([]);
    expect(crashed).toMatchObject({ sid: load.sid, status: 'crashed', errors: 1 });
    // The page saw its own error, as without the SDK.
    expect(opened.pageErrors).toEqual(['Error: unhandled']);
  });

  it('none with autoSessionTracking: false', async () => {
    const opened = await open(', autoSessionTracking: false', `Faultline.captureException(new Error('still sent'));`);
    await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(sessions()).toEqual([]);
    expectClean(ingest, opened);
  });
});
