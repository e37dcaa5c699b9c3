import { describe, expect, it } from 'vitest';
import { expectValidTransaction, useTracingPages, waitForTransactions } from '../helpers/tracing-page';

const pages = useTracingPages();

// The shipped files, as a site without a bundler loads them (needs `npm run build`): core's
// minified bundle, whose internal names are mangled, and tracing's, which uses only its public API.
const BUNDLE = `<script src="/dist/faultline.min.js"></script><script src="/tracing-dist/faultline-tracing.min.js"></script>
<script>var tracingIntegration = FaultlineTracing.tracingIntegration;</script>`;

describe('script-tag build', () => {
  it('faultline-tracing.min.js on top of faultline.min.js records the page load and links errors', async () => {
    const ingest = pages.ingest();
    const page = await pages.open({
      bundle: BUNDLE,
      init: `{ dsn: DSN, tracesSampleRate: 1, integrations: [tracingIntegration({ idleTimeout: 300 })] }`,
      body: '<h1>Hello</h1>',
      script: `fetch('/ok'); Faultline.captureException(new Error('linked'));`,
    });
    const [pageload] = await waitForTransactions(ingest, 1);
    expectValidTransaction(pageload);
    expect(pageload.contexts.trace.op).toBe('pageload');
    expect(pageload.spans.map((s) => s.op)).toEqual(expect.arrayContaining(['browser', 'http.client', 'resource.script']));
    expect(pageload.measurements?.fcp).toBeDefined();
    const [error] = await ingest.waitForEvents(1);
    expect(error.contexts?.trace?.trace_id).toBe(pageload.contexts.trace.trace_id);
    expect(page.pageErrors).toEqual([]);
  });
});
