import { describe, expect, it } from 'vitest';
import { expectValidTransaction, hidePage, transactions, useTracingPages, waitForTransactions } from '../helpers/tracing-page';

const pages = useTracingPages();

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('navigation', () => {
  it('pushState and back give navigation transactions in the page trace, with their requests', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({ init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 300 })] }` });
    const [pageload] = await waitForTransactions(ingest, 1);
    await page.page.evaluate(() => {
      history.pushState({}, '', '/products/7?tab=specs');
      return fetch('/ok');
    });
    const [, navigation] = await waitForTransactions(ingest, 2);
    expectValidTransaction(navigation);
    expect(navigation).toMatchObject({
      transaction: '/products/7',
      transaction_info: { source: 'url' },
      request: { url: `${ingest.pagesUrl}/products/7?tab=specs` },
      contexts: { trace: { op: 'navigation', status: 'ok', trace_id: pageload.contexts.trace.trace_id } },
    });
    expect(navigation.contexts.trace.span_id).not.toBe(pageload.contexts.trace.span_id);
    expect(navigation.spans.map((s) => [s.op, s.description])).toEqual([['http.client', 'GET /ok']]);
    expect(navigation.measurements).toBeUndefined();

    await page.page.evaluate(() => history.back());
    const [, , back] = await waitForTransactions(ingest, 3);
    expect(back).toMatchObject({ transaction: new URL(page.url).pathname, contexts: { trace: { op: 'navigation' } } });
    // replaceState to the same URL is no navigation.
    await page.page.evaluate(() => history.replaceState({ x: 1 }, ''));
    await settle(600);
    expect(transactions(ingest)).toHaveLength(3);
  });

  it('a navigation while the page load is open ends the page load first', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({ init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 5000 })] }` });
    await page.page.evaluate(() => history.pushState({}, '', '/soon'));
    const [pageload] = await waitForTransactions(ingest, 1);
    expect(pageload.contexts.trace.op).toBe('pageload');
    await hidePage(page);
    const [, navigation] = await waitForTransactions(ingest, 2);
    expect(navigation).toMatchObject({
      transaction: '/soon',
      contexts: { trace: { op: 'navigation', status: 'cancelled' } },
      tags: { visibilitychange: 'document.hidden' },
    });
  });

  it('a hidden page sends its open page load at once, cancelled', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 10000 })] }`,
      body: '<h1>Some content to paint</h1>',
    });
    await settle(300);
    expect(transactions(ingest)).toEqual([]);
    await hidePage(page);
    const [pageload] = await waitForTransactions(ingest, 1, 3000);
    expect(pageload.contexts.trace).toMatchObject({ op: 'pageload', status: 'cancelled' });
    expect(pageload.measurements?.fcp).toBeDefined();
  });

  it('close() ends tracing: fetch and history are restored, nothing more is sent', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({ init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 200 })] }` });
    await waitForTransactions(ingest, 1);
    const restored = await page.page.evaluate(async () => {
      const patched = [window.fetch, history.pushState, XMLHttpRequest.prototype.send];
      await Faultline.close();
      history.pushState({}, '', '/after-close');
      await fetch('/ok');
      return [window.fetch != patched[0], history.pushState != patched[1], XMLHttpRequest.prototype.send != patched[2]];
    });
    expect(restored).toEqual([true, true, true]);
    await settle(500);
    expect(transactions(ingest)).toHaveLength(1);
    const ok = page.requests.find((r) => r.url().endsWith('/ok'))!;
    expect((await ok.allHeaders())['sentry-trace']).toBeUndefined();
  });
});

describe('Vue Router 4', () => {
  const HEAD = `<script src="/tracing/vue.js"></script>
<script>
  const { h } = Vue;
  window.router = VueRouter.createRouter({
    history: VueRouter.createWebHistory(),
    routes: [
      { path: '/page/:file', component: { render: () => h('p', 'home') } },
      { path: '/users/:id', component: { render: () => h('p', 'a user') } },
    ],
  });
</script>`;

  it('names the page load and each navigation by the matched route, source route', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      head: HEAD,
      init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ router, idleTimeout: 300 })] }`,
      body: '<div id="app"></div>',
      script: `Vue.createApp({ render: () => Vue.h(VueRouter.RouterView) }).use(router).mount('#app');`,
    });
    const [pageload] = await waitForTransactions(ingest, 1);
    expect(pageload).toMatchObject({ transaction: '/page/:file', transaction_info: { source: 'route' }, contexts: { trace: { op: 'pageload' } } });
    await page.page.evaluate(() => (window as unknown as { router: { push(p: string): Promise<unknown> } }).router.push('/users/42'));
    const [, navigation] = await waitForTransactions(ingest, 2);
    expectValidTransaction(navigation);
    expect(navigation).toMatchObject({
      transaction: '/users/:id',
      transaction_info: { source: 'route' },
      contexts: { trace: { op: 'navigation' } },
      request: { url: `${ingest.pagesUrl}/users/42` },
    });
    expect(await page.page.textContent('#app')).toBe('a user');
    expect(page.pageErrors).toEqual([]);
    await settle(500);
    expect(transactions(ingest)).toHaveLength(2);
  });
});
