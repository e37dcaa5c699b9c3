import type { TransportResponse } from '../types';

/** What the dispatcher reads from an answer: the status and the two rate-limit headers. */
export const responseOf = (statusCode: number, header: (name: string) => string | null): TransportResponse => ({
  statusCode,
  headers: { 'retry-after': header('Retry-After'), 'x-sentry-rate-limits': header('X-Sentry-Rate-Limits') },
});
