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
    return onGlobalError((type, thrown) => {
      // Each kind is reported unless its option is false.
      if ((options[type] ?? true) && !(type == 'onerror' && shouldIgnoreOnError())) {
        client.captureException(thrown, { mechanism: { type, handled: false } });
      }
    });
  },
});
