import { onWrappedError } from '../instrument/wrap';
import type { Integration } from '../types';

/**
 * Reports errors thrown in callbacks given to setTimeout, setInterval, requestAnimationFrame,
 * addEventListener and XHR handlers, caught where they are thrown so the stack is the real
 * one even for cross-origin scripts (which `window.onerror` only sees as "Script error.").
 */
export const browserApiErrorsIntegration = (): Integration => ({
  name: 'BrowserApiErrors',
  setup: (client) =>
    onWrappedError((error, site) => {
      client.captureException(error, { mechanism: { type: 'instrument', handled: false, data: { function: site } } });
    }),
});
