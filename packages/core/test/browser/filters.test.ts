// What gets dropped before sending (sampling, beforeSend, ignoreErrors, dedupe), asserted on
// what the test ingest received.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, expectClean, flushAndSettle, openSdkPage } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

beforeAll(async () => {
  [browser, ingest] = await Promise.all([launchBrowser(), startIngest()]);
});
afterAll(async () => {
  await browser?.close();
  await ingest?.close();
});
beforeEach(() => ingest.reset());
afterEach(closePages);

const messages = (ingest: Ingest) => ingest.events.map((e) => e.logentry?.formatted ?? e.exception?.values.at(-1)?.value);

describe('sampleRate', () => {
  it('0 sends no event; flush sends a client report with reason sample_rate', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, sampleRate: 0 }',
      script: `
        Faultline.captureException(new Error('sampled out 1'));
        Faultline.captureException(new Error('sampled out 2'));
        Faultline.captureMessage('sampled out 3');`,
    });
    await flushAndSettle(opened);
    const [report] = await ingest.waitForClientReports(1);
    expect(ingest.events).toEqual([]);
    expect(ingest.requests).toHaveLength(1);
    expect(report.discarded_events).toEqual([{ reason: 'sample_rate', category: 'error', quantity: 3 }]);
    expectClean(ingest, opened);
  });

  it('1 sends every event', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, sampleRate: 1 }',
      script: `for (let i = 0; i < 10; i++) Faultline.captureException(new Error('sampled in ' + i));`,
    });
    await ingest.waitForEvents(10);
    await flushAndSettle(opened);
    expect(messages(ingest).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `sampled in ${i}`).sort());
    expect(ingest.clientReports).toEqual([]);
    expectClean(ingest, opened);
  });
});

describe('beforeSend', () => {
  it('returning null drops the event', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, beforeSend: (event) => (event.exception && event.exception.values[0].value === 'drop me' ? null : event) }`,
      script: `
        Faultline.captureException(new Error('drop me'));
        Faultline.captureException(new Error('keep me'));`,
    });
    await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(messages(ingest)).toEqual(['keep me']);
    await ingest.waitForClientReports(1);
    expect(ingest.clientReports.flatMap((r) => r.discarded_events)).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
    expectClean(ingest, opened);
  });

  it('edits arrive as edited', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, beforeSend(event, hint) {
        event.tags = Object.assign({}, event.tags, { edited: 'yes', original: String(hint.originalException && hint.originalException.message) });
        if (event.logentry) event.logentry.formatted = 'redacted: ' + event.logentry.formatted.replace(/\\d{4}/g, '****');
        return event;
      } }`,
      script: `
        Faultline.captureMessage('card 1234 declined');
        Faultline.captureException(new Error('original error'));`,
    });
    const events = await ingest.waitForEvents(2);
    const message = events.find((e) => e.logentry)!;
    const error = events.find((e) => e.exception)!;
    expect(message.logentry!.formatted).toBe('redacted: card **** declined');
    expect(message.tags).toMatchObject({ edited: 'yes' });
    expect(error.tags).toEqual({ edited: 'yes', original: 'original error' });
    expectClean(ingest, opened);
  });

  it('may be async: a promise of the edited event or of null', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, beforeSend: (event) => new Promise((resolve) => setTimeout(() => {
        if (event.logentry.formatted === 'async drop') return resolve(null);
        event.tags = Object.assign({}, event.tags, { async: 'yes' });
        resolve(event);
      }, 50)) }`,
      script: `
        window.__out.ids = [Faultline.captureMessage('async keep'), Faultline.captureMessage('async drop')];`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    const ids = await opened.page.evaluate(() => __out.ids as string[]);
    expect(ingest.events).toHaveLength(1);
    expect(event).toMatchObject({ event_id: ids[0], logentry: { formatted: 'async keep' }, tags: { async: 'yes' } });
    expect(ingest.clientReports.flatMap((r) => r.discarded_events)).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
    expectClean(ingest, opened);
  });
});

describe('ignoreErrors', () => {
  it('drops errors and messages matching a string (substring) or a RegExp', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, ignoreErrors: ['Extension context invalidated', /^Secret \\d+$/] }`,
      script: `
        Faultline.captureException(new Error('Uncaught: Extension context invalidated.'));
        Faultline.captureMessage('Secret 42');
        Faultline.captureException(new Error('Secret 7'));
        Faultline.captureException(new Error('Secret 7 is out'));
        Faultline.captureMessage('a message to keep');`,
    });
    await ingest.waitForEvents(2);
    await flushAndSettle(opened);
    expect(messages(ingest).sort()).toEqual(['Secret 7 is out', 'a message to keep']);
    expectClean(ingest, opened);
  });
});

describe('dedupe', () => {
  it('sends the same error captured twice in a row once, and different errors each', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        const same = new Error('the same error');
        Faultline.captureException(same);
        Faultline.captureException(same);
        Faultline.captureException(new Error('first different error'));
        Faultline.captureException(new Error('second different error'));`,
    });
    await ingest.waitForEvents(3);
    await flushAndSettle(opened);
    expect(messages(ingest).sort()).toEqual(['first different error', 'second different error', 'the same error']);
    expectClean(ingest, opened);
  });
});
