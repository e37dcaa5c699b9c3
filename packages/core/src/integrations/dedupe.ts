import type { Event } from '../types';

/**
 * What makes two errors the same: message, exceptions (types, values, stacks), fingerprint and
 * URL (of the page, or of a failed request);
 * not how they were caught, so one error reported twice (by a framework's handler, then by the
 * console capture when the handler logs it) is sent once.
 */
export const signature = (event: Event): string =>
  JSON.stringify([event.logentry?.formatted, event.exception?.values.map((e) => [e.type, e.value, e.stacktrace]), event.fingerprint, event.request?.url]);
