import { onGlobalError } from '../instrument/global-errors';
import { shouldIgnoreOnError } from '../instrument/wrap';
import type { Integration } from '../types';

export interface GlobalHandlersOptions {
  /** Report uncaught errors. @default true */
  onerror?: boolean;
  /** Report unhandled promise rejections. @default true */
  onunhandledrejection?: boolean;
}

/** Reports what the page did not catch: uncaught errors and unhandled rejections, `handled: false`. */
export const globalHandlersIntegration = (options: GlobalHandlersOptions = {}): Integration => ({
  name: 'GlobalHandlers',
  setup(client) {
    const { onerror = true, onunhandledrejection = true } = options;
    return onGlobalError((type, event) => {
      if (type == 'onerror' ? !onerror || shouldIgnoreOnError() : !onunhandledrejection) return;
      const thrown = type == 'onerror' ? event : (event as PromiseRejectionEvent).reason;
      client.captureException(thrown, { mechanism: { type, handled: false } });
    });
  },
});
