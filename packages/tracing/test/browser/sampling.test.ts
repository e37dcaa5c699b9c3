import { describe, expect, it } from 'vitest';
import { transactions, useTracingPages, waitForTransactions } from '../helpers/tracing-page';

const pages = useTracingPages();

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sampling', () => {
  it('tracesSampleRate 1 sends every page load', async () => {
    const ingest = pages.ingest();
    for (let i = 0; i < 3; i++) await pages.open({ init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 200 })] }` });
    const sent = await waitForTransactions(ingest, 3);
    expect(sent.map((t) => t.contexts.trace.op)).toEqual(['pageload', 'pageload', 'pageload']);
    // One trace per page.
    expect(new Set(sent.map((t) => t.contexts.trace.trace_id)).size).toBe(3);
  });

  it('tracesSampleRate 0 sends none, counts each as sample_rate/transaction, and marks requests unsampled', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      init: `{ dsn: DSN, tracesSampleRate: 0, integrations: [tracingIntegration({ idleTimeout: 200 })] }`,
      script: `fetch('/ok')`,
    });
    await settle(800);
    await page.page.evaluate(() => Faultline.flush(2000));
    const [report] = await ingest.waitForClientReports(1);
    expect(report.discarded_events).toEqual([{ reason: 'sample_rate', category: 'transaction', quantity: 1 }]);
    expect(transactions(ingest)).toEqual([]);
    const ok = page.requests.find((r) => r.url().endsWith('/ok'))!;
    expect((await ok.allHeaders())['sentry-trace']).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-0$/);
    expect((await ok.allHeaders()).baggage).toContain('sentry-sampled=false');
  });

  it('tracesSampler decides once per page: its answer holds for the navigations', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      init: `{ dsn: DSN, tracesSampler: (c) => { (__out.asked ||= []).push(c); return true; }, integrations: [tracingIntegration({ idleTimeout: 200 })] }`,
    });
    await waitForTransactions(ingest, 1);
    await page.page.evaluate(() => history.pushState({}, '', '/next'));
    const sent = await waitForTransactions(ingest, 2);
    expect(sent.map((t) => t.contexts.trace.op)).toEqual(['pageload', 'navigation']);
    expect(await page.page.evaluate(() => __out.asked)).toEqual([{ name: new URL(page.url).pathname, op: 'pageload' }]);
  });

  it('without tracesSampleRate and tracesSampler: no transactions and no trace headers', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({ init: `{ dsn: DSN, integrations: [tracingIntegration({ idleTimeout: 200 })] }`, script: `fetch('/ok')` });
    await settle(800);
    await page.page.evaluate(() => Faultline.flush(2000));
    expect(transactions(ingest)).toEqual([]);
    expect(ingest.clientReports).toEqual([]);
    const ok = page.requests.find((r) => r.url().endsWith('/ok'))!;
    expect((await ok.allHeaders())['sentry-trace']).toBeUndefined();
  });

  it('beforeSendTransaction edits transactions, and a null drops one, counted as before_send/transaction', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 200 })],
        beforeSendTransaction: (t) => t.contexts.trace.op == 'pageload' ? null : { ...t, tags: { ...t.tags, edited: 'yes' } } }`,
    });
    await settle(600);
    await page.page.evaluate(() => history.pushState({}, '', '/edited'));
    const [navigation] = await waitForTransactions(ingest, 1);
    expect(navigation).toMatchObject({ transaction: '/edited', tags: { edited: 'yes' } });
    await page.page.evaluate(() => Faultline.flush(2000));
    const [report] = await ingest.waitForClientReports(1);
    expect(report.discarded_events).toEqual([{ reason: 'before_send', category: 'transaction', quantity: 1 }]);
  });
});

describe('rate limits', () => {
  it('a 429 with X-Sentry-Rate-Limits 60:transaction stops transactions, not errors', async () => {
    const ingest = pages.ingest();
    let limited = 0;
    ingest.respondWith((req) =>
      req.envelope?.items.some((i) => i.header.type == 'transaction') && limited++ == 0
        ? { status: 429, headers: { 'X-Sentry-Rate-Limits': '60:transaction' }, body: '' }
        : undefined
    );
    const page = await pages.open({ init: `{ dsn: DSN, tracesSampleRate: 1, offline: false, integrations: [tracingIntegration({ idleTimeout: 200 })] }` });
    await ingest.waitFor(() => limited == 1, 'the 429');
    await page.page.evaluate(() => history.pushState({}, '', '/after-429'));
    await settle(600);
    await page.page.evaluate(() => Faultline.captureException(new Error('still sent')));
    await ingest.waitForEvents(1);
    await page.page.evaluate(() => Faultline.flush(2000));
    const withTransactions = ingest.requests.filter((r) => r.envelope?.items.some((i) => i.header.type == 'transaction'));
    expect(withTransactions.map((r) => r.status)).toEqual([429]);
    expect(ingest.events.map((e) => e.exception?.values.at(-1)?.value)).toEqual(['still sent']);
    const [report] = await ingest.waitForClientReports(1);
    expect(report.discarded_events).toContainEqual({ reason: 'ratelimit_backoff', category: 'transaction', quantity: 1 });
  });
});
