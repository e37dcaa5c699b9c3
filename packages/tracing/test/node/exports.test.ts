import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('@faultline/tracing exports', () => {
  it('the ESM and CJS builds export the integration and its Sentry-named alias, nothing else', async () => {
    const esm = await import('@faultline/tracing');
    const cjs = createRequire(import.meta.url)('@faultline/tracing');
    for (const api of [esm, cjs]) {
      expect(
        Object.keys(api)
          .filter((k) => k != 'default')
          .sort()
      ).toEqual(['browserTracingIntegration', 'tracingIntegration']);
      expect(api.browserTracingIntegration).toBe(api.tracingIntegration);
      expect(api.tracingIntegration().name).toBe('BrowserTracing');
    }
  });
});
