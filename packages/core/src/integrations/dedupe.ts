import { DEBUG } from '../debug-build';
import type { Event, Integration } from '../types';

/**
 * What makes two errors the same: message, exceptions (types, values, stacks), fingerprint and
 * URL (of the page, or of a failed request);
 * not how they were caught, so one error reported twice (by a framework's handler, then by the
 * console capture when the handler logs it) is sent once.
 */
export const signature = (event: Event): string =>
  JSON.stringify([event.logentry?.formatted, event.exception?.values.map((e) => [e.type, e.value, e.stacktrace]), event.fingerprint, event.request?.url]);

/** Drops an error identical to the one just before it (e.g. a handler firing in a loop). */
export const dedupeIntegration = (): Integration => {
  let previous: string | undefined;
  return {
    name: 'Dedupe',
    processEvent(event, _hint, client) {
      const current = signature(event);
      if (current === previous) {
        DEBUG && client.log(`event ${event.event_id}: same as the previous event`);
        return null;
      }
      previous = current;
      return event;
    },
  };
};
