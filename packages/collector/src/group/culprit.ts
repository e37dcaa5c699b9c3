import type { SentryEvent, StackFrame } from '../event';
import { exceptionValues, framesOf } from './event-parts';
import { truncateChars } from './python-text';
import { asRecord, asString, isInApp } from './safe-read';

// Sentry's MAX_CULPRIT_LENGTH.
const MAX_CULPRIT_LENGTH = 200;

const withFunction = (fn: string | undefined, location: string) => (fn ? `${fn}(${location})` : location);

// Relay derives a missing filename from abs_path before Sentry reads it; we read abs_path directly.
const fileLocation = (frame: StackFrame): string | undefined =>
  asString(frame.module) || asString(frame.filename) || asString(frame.abs_path) || undefined;

/**
 * The frame the culprit names: in the stack of the last exception that has frames (else the
 * event's own stack), the first in-app frame from the throwing end, else the topmost frame;
 * only frames with a module, filename or abs_path qualify.
 */
export function culpritFrame(event: SentryEvent): StackFrame | undefined {
  const withFrames = exceptionValues(event).filter((e) => framesOf(e.stacktrace).length > 0);
  const frames = withFrames.length ? framesOf(withFrames[withFrames.length - 1].stacktrace) : framesOf(event.stacktrace);
  let top: StackFrame | undefined;
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    if (!fileLocation(frame)) continue;
    if (isInApp(frame)) return frame;
    top ??= frame;
  }
  return top;
}

/**
 * Sentry's JavaScript culprit, `function(module or filename)` with the raw name
 * (`Object.checkout(src/cart.js)`); just the module or filename for an unnamed function (Sentry
 * writes `?(src/cart.js)`); without frames the request URL minus its query and fragment (which
 * may hold tokens); else ''. At most 200 characters.
 */
export function eventCulprit(event: SentryEvent, frame: StackFrame | undefined): string {
  const culprit = frame
    ? withFunction(asString(frame.function), fileLocation(frame)!)
    : (asString(asRecord(event.request)?.url) ?? '').split(/[?#]/)[0];
  return truncateChars(culprit, MAX_CULPRIT_LENGTH);
}
