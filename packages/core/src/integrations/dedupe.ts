import { DEBUG } from '../debug-build';
import type { Event, Exception, Integration } from '../types';

function lastException(event: Event): Exception | undefined {
  const values = event.exception && event.exception.values;
  return values && values[values.length - 1];
}

function framesKey(exception: Exception | undefined): string {
  const frames = (exception && exception.stacktrace && exception.stacktrace.frames) || [];
  return frames.map((f) => `${f.filename}:${f.lineno}:${f.colno}:${f.function}`).join('|');
}

/** Same message, same exception type and value, same stack and fingerprint. */
function isSameError(a: Event, b: Event): boolean {
  const ea = lastException(a);
  const eb = lastException(b);
  return (
    (a.logentry && a.logentry.formatted) === (b.logentry && b.logentry.formatted) &&
    (ea && ea.type) === (eb && eb.type) &&
    (ea && ea.value) === (eb && eb.value) &&
    framesKey(ea) === framesKey(eb) &&
    String(a.fingerprint) === String(b.fingerprint)
  );
}

/** Drops an error identical to the one just before it (e.g. a handler firing in a loop). */
export const dedupeIntegration = (): Integration => {
  let previous: Event | undefined;
  return {
    name: 'Dedupe',
    processEvent(event, _hint, client) {
      if (previous && isSameError(event, previous)) {
        DEBUG && client.log(`event ${event.event_id}: same as the previous event`);
        return null;
      }
      previous = event;
      return event;
    },
  };
};
