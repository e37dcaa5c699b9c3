import { exceptionFromError } from '../event-builder';
import { isError, read, truncate } from '../normalize';
import type { Exception, Integration } from '../types';

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
      let error = hint.originalException as Record<string, unknown> | undefined;
      if (!values?.length || !isError(error)) return event;
      const { inAppExclude, maxValueLength } = client.getOptions();
      const causes: Exception[] = [];
      const seen: unknown[] = [error];
      while (causes.length < limit) {
        const cause = read(error, key);
        if (!isError(cause) || seen.includes(cause)) break;
        seen.push(cause);
        const exception = exceptionFromError(cause, inAppExclude);
        exception.value = truncate(exception.value!, maxValueLength);
        causes.unshift(exception);
        error = cause as unknown as Record<string, unknown>;
      }
      values.unshift(...causes);
      return event;
    },
  };
};
