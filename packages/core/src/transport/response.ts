import type { TransportResponse } from '../types';

/** What the dispatcher reads from an answer: the status and the two rate-limit headers (names are case-insensitive). */
export const responseOf = (statusCode: number, header: (name: string) => string | null): TransportResponse => ({
  statusCode,
  headers: { 'retry-after': header('retry-after'), 'x-sentry-rate-limits': header('x-sentry-rate-limits') },
});
