import { describe, expect, it } from 'vitest';
import { expectValidEvent } from '../../../core/test/helpers/schema';
import { expectValidTransaction, transactions, useTracingPages, waitForTransactions } from '../helpers/tracing-page';

const pages = useTracingPages();

// A long task while loading; a large text block is the largest paint (LCP); a block inserted above it after load shifts it (CLS);
// the button blocks the main thread for 150 ms when pressed (INP). On pointerdown, not click: the
// first input's entry (pointerdown) is reported on its own, and on a loaded machine the click's
// entry can come more than the 500 ms the integration waits for an interaction's later reports.
const BODY = `
<p id="hero" style="font-size: 48px; margin: 0">${'Fast pages make happy users. '.repeat(12)}</p>
<button id="slow" style="font-size: 24px">slow</button>`;
const SCRIPT = (ingestUrl: string) => `
  const blockUntil = performance.now() + 80; while (performance.now() < blockUntil); // a long task
  fetch('/ok?token=secret').then((r) => (__out.same = r.status));
  fetch(${JSON.stringify(ingestUrl)} + '/ok').then((r) => (__out.other = r.status));
  fetch('http://127.0.0.1:9/refused').catch(() => (__out.failed = true)); // nothing listens on port 9
  const xhr = new XMLHttpRequest(); xhr.open('GET', '/status/404'); xhr.send();
  Faultline.captureException(new Error('during the page load'));
  addEventListener('load', () => setTimeout(() => {
    const shift = document.createElement('div'); shift.style.height = '150px';
    document.body.insertBefore(shift, document.body.firstChild);
  }, 100));
  document.getElementById('slow').addEventListener('pointerdown', () => { const end = performance.now() + 150; while (performance.now() < end); });`;

describe('page load', () => {
  it('gives one pageload transaction: navigation spans, request spans, Web Vitals, trace headers to the same origin only', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      init: `{ dsn: DSN, release: 'shop@1.2.3', tracesSampleRate: 1, integrations: [tracingIntegration()] }`,
      body: BODY,
      script: SCRIPT(ingest.url),
    });
    const [pageload] = await waitForTransactions(ingest, 1);
    expect(transactions(ingest)).toHaveLength(1);
    expectValidTransaction(pageload);

    expect(pageload).toMatchObject({
      type: 'transaction',
      transaction: new URL(page.url).pathname,
      transaction_info: { source: 'url' },
      platform: 'javascript',
      release: 'shop@1.2.3',
      environment: 'production',
      sdk: { name: 'faultline.javascript.browser' },
      request: { url: page.url },
      contexts: { trace: { op: 'pageload', status: 'ok' } },
    });
    const { trace_id, span_id } = pageload.contexts.trace;
    expect(trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(span_id).toMatch(/^[0-9a-f]{16}$/);
    // From navigation start to when the page settled, not the idle wait after it.
    const navigationStart = await page.page.evaluate(() => performance.timeOrigin / 1000);
    expect(pageload.start_timestamp).toBeCloseTo(navigationStart, 2);
    expect(pageload.timestamp).toBeGreaterThan(pageload.start_timestamp);
    expect(pageload.timestamp - pageload.start_timestamp).toBeLessThan(5);
    for (const span of pageload.spans) {
      expect(span).toMatchObject({ trace_id, parent_span_id: span_id });
      expect(span.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(span.timestamp).toBeGreaterThanOrEqual(span.start_timestamp);
      expect(span.start_timestamp).toBeGreaterThanOrEqual(pageload.start_timestamp - 0.001);
    }

    const phases = pageload.spans.filter((s) => s.op == 'browser').map((s) => s.description);
    expect(phases).toEqual(expect.arrayContaining(['request', 'response', 'DOM processing', 'domContentLoadedEvent', 'loadEvent']));
    // The bundle, and Chromium's own favicon request (initiator `other`); the fetches and the XHR are http.client spans.
    const resources = pageload.spans.filter((s) => s.op.startsWith('resource.')).map((s) => [s.op, s.description]);
    expect(resources).toContainEqual(['resource.script', '/tracing/faultline-tracing.js']);
    expect(resources.filter(([op]) => op != 'resource.other')).toHaveLength(1);

    expect(pageload.spans.filter((s) => s.op == 'ui.long-task').length).toBeGreaterThanOrEqual(1);

    const http = pageload.spans.filter((s) => s.op == 'http.client');
    expect(http.map((s) => [s.description, s.status, s.data?.['http.response.status_code']]).sort()).toEqual(
      [
        ['GET /ok?token=[Filtered]', 'ok', 200],
        [`GET ${ingest.url}/ok`, 'ok', 200],
        ['GET /status/404', 'not_found', 404],
        // A request that failed without a response.
        ['GET http://127.0.0.1:9/refused', 'unknown_error', undefined],
      ].sort()
    );

    // Headers as Chromium sent them: on both same-origin requests, on none to the other origin.
    const sent = await Promise.all(page.requests.filter((r) => /\/(ok|status\/404)/.test(r.url())).map(async (r) => [r.url(), await r.allHeaders()] as const));
    const sameOrigin = sent.filter(([url]) => url.startsWith(ingest.pagesUrl));
    expect(sameOrigin).toHaveLength(2);
    for (const [, headers] of sameOrigin) {
      expect(headers['sentry-trace']).toMatch(new RegExp(`^${trace_id}-${span_id}-1$`));
      expect(headers.baggage).toBe(
        `sentry-trace_id=${trace_id},sentry-public_key=public,sentry-release=shop%401.2.3,sentry-environment=production,sentry-sample_rate=1,sentry-sampled=true`
      );
    }
    const otherOrigin = sent.filter(([url]) => url.startsWith(ingest.url));
    expect(otherOrigin).toHaveLength(1);
    expect(otherOrigin[0][1]['sentry-trace']).toBeUndefined();
    expect(otherOrigin[0][1].baggage).toBeUndefined();
    expect(ingest.preflights).toEqual([]);
    expect(await page.page.evaluate(() => __out)).toEqual({ same: 200, other: 200, failed: true });

    // Web Vitals, deterministic on this page.
    const m = pageload.measurements!;
    expect(Object.keys(m).sort()).toEqual(['cls', 'fcp', 'lcp', 'ttfb']);
    expect(m.lcp.unit).toBe('millisecond');
    expect(m.fcp.unit).toBe('millisecond');
    expect(m.ttfb.unit).toBe('millisecond');
    expect(m.cls.unit).toBe('');
    expect(m.lcp.value).toBeGreaterThanOrEqual(m.fcp.value);
    expect(m.fcp.value).toBeGreaterThan(m.ttfb.value);
    expect(m.cls.value).toBeGreaterThan(0.05);
    expect(pageload.tags).toMatchObject({ 'lcp.element': 'p#hero', 'cls.source.1': 'p#hero' });

    // The error captured during the page load is in its trace.
    const [error] = await ingest.waitForEvents(1);
    expectValidEvent(error);
    expect(error.contexts?.trace).toMatchObject({ trace_id, span_id });
    expect(page.pageErrors).toEqual([]);
  });

  it('tracePropagationTargets can list another origin: its requests get the headers, after a CORS preflight', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ tracePropagationTargets: [${JSON.stringify(ingest.url)}] })] }`,
      script: `fetch(${JSON.stringify(ingest.url)} + '/ok').then((r) => (__out.other = r.status)); fetch('/ok').then((r) => (__out.same = r.status));`,
    });
    const [pageload] = await waitForTransactions(ingest, 1);
    const headersOf = (prefix: string) => page.requests.find((r) => r.url() == `${prefix}/ok`)!.allHeaders();
    expect((await headersOf(ingest.url))['sentry-trace']).toMatch(new RegExp(`^${pageload.contexts.trace.trace_id}-`));
    // The list replaces the default: the page's own origin is not in it.
    expect((await headersOf(ingest.pagesUrl))['sentry-trace']).toBeUndefined();
    expect(ingest.preflights.map((p) => [p.path, p.requestHeaders])).toEqual([['/ok', ['baggage', 'sentry-trace']]]);
    expect(await page.page.evaluate(() => __out)).toEqual({ other: 200, same: 200 });
  });

  it('after the page load, a slow click is INP: a transaction of its own in the same trace', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({ body: BODY, script: SCRIPT(ingest.url) });
    const [pageload] = await waitForTransactions(ingest, 1);
    expect(pageload.measurements?.inp).toBeUndefined();
    await page.page.click('#slow');
    const [, inp] = await waitForTransactions(ingest, 2);
    expectValidTransaction(inp);
    expect(inp).toMatchObject({
      transaction: pageload.transaction,
      contexts: { trace: { trace_id: pageload.contexts.trace.trace_id, op: 'ui.interaction.click' } },
      tags: { 'inp.element': 'button#slow' },
    });
    expect(inp.measurements!.inp.unit).toBe('millisecond');
    expect(inp.measurements!.inp.value).toBeGreaterThanOrEqual(140);
    expect(inp.timestamp - inp.start_timestamp).toBeCloseTo(inp.measurements!.inp.value / 1000, 2);
    expect(page.pageErrors).toEqual([]);
  });
});
