import { exceptionFromError } from '../event-builder';
import { isError, read, truncate } from '../normalize';
import type { Integration } from '../types';

export interface LinkedErrorsOptions {
  /** The property that links an error to its cause. @default 'cause' */
  key?: string;
  /** How many causes are followed. @default 5 */
  limit?: number;
}

/**
 * Adds the `cause` chain as more exceptions, oldest first: the deepest cause becomes
 * values[0] and the caught error stays last, as Sentry's UI expects.
 */
export const linkedErrorsIntegration = (options: LinkedErrorsOptions = {}): Integration => {
  const { key = 'cause', limit = 5 } = options;
  return {
    name: 'LinkedErrors',
    processEvent(event, hint, client) {
      const values = event.exception?.values;
      const error = hint.originalException;
      if (!values?.length || !isError(error)) return event;
      const { inAppExclude, maxValueLength } = client.getOptions();
      // A cycle (an error among its own causes) ends the chain.
      const chain: unknown[] = [error];
      while (chain.length <= limit) {
        const cause = read(chain[chain.length - 1], key);
        if (!isError(cause) || chain.includes(cause)) break;
        chain.push(cause);
        const exception = exceptionFromError(cause, inAppExclude);
        exception.value = truncate(exception.value!, maxValueLength);
        // Each cause goes before the ones it caused.
        values.unshift(exception);
      }
      return event;
    },
  };
};
