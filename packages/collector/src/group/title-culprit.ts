import type { ExceptionValue, SentryEvent, StackFrame } from '../event';

const MAX_TITLE = 100;
const MAX_CULPRIT = 200;

const firstLine = (text: string) => text.trim().split('\n')[0].trim();
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The message of a message event: `logentry.formatted`, else its template. */
export function messageOf(event: SentryEvent): string | undefined {
  const m = event.logentry?.formatted ?? event.logentry?.message ?? (typeof event.message == 'string' ? event.message : undefined);
  return typeof m == 'string' && m.trim() ? m : undefined;
}

/** The caught exception: the last value (causes come first). */
export const mainException = (event: SentryEvent): ExceptionValue | undefined => event.exception?.values?.[event.exception.values.length - 1];

/** Sentry's title: `Type: first line of value`; `Type` alone; the message; `<unlabeled event>`. */
export function titleOf(event: SentryEvent): string {
  const e = mainException(event);
  if (e && (e.type || e.value)) {
    const value = typeof e.value == 'string' ? firstLine(e.value) : '';
    return cut(e.type && value ? `${e.type}: ${value}` : e.type || value, MAX_TITLE);
  }
  const message = messageOf(event);
  return message ? cut(firstLine(message), MAX_TITLE) : '<unlabeled event>';
}

/** The frame the culprit names: the first in-app frame from the throwing end, else the top frame. */
export function culpritFrame(event: SentryEvent): StackFrame | undefined {
  const frames = mainException(event)?.stacktrace?.frames || event.stacktrace?.frames || [];
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i].in_app === true) return frames[i];
  return frames[frames.length - 1];
}

/** Sentry's JS culprit: `function(module or filename)`, else `request.url` without its query. */
export function culpritOf(event: SentryEvent): string {
  const frame = culpritFrame(event);
  const location = frame && (frame.module || frame.filename || frame.abs_path);
  if (frame && location) return cut(frame.function ? `${frame.function}(${location})` : String(location), MAX_CULPRIT);
  const url = event.request?.url;
  return typeof url == 'string' ? cut(url.replace(/[?#].*$/, ''), MAX_CULPRIT) : '';
}
