import { constructorName, describe, describeElement, isError, isEvent, isInstanceOf, normalize, readString, tagOf } from './normalize';
import { parseStack } from './stack';
import type { Event, EventHint, Exception, Mechanism, SeverityLevel } from './types';

type ErrorLike = { name?: unknown; message?: unknown; stack?: unknown };

const isErrorEvent = (value: unknown): value is ErrorEvent => isInstanceOf(value, 'ErrorEvent');


/** Gives the exception the frames of the error's stack; false when it has none. */
const addStacktrace = (exception: Exception, error: { stack?: string } | undefined, inAppExclude?: Array<string | RegExp>): boolean => {
  const frames = parseStack(error, inAppExclude);
  if (frames.length) exception.stacktrace = { frames };
  return !!frames.length;
};

/** An exception from an error's name, message and parsed stack. */
export const exceptionFromError = (error: ErrorLike, inAppExclude?: Array<string | RegExp>): Exception => {
  const exception: Exception = {
    type: readString(error, 'name') || 'Error',
    value: readString(error, 'message'),
  };
  addStacktrace(exception, error as { stack?: string }, inAppExclude);
  return exception;
};

/** The type and value a person can read, for values that are not errors. */
const describeThrown = (value: unknown): { type: string; value: string } => {
  if (typeof value == 'string') return { type: 'Error', value };
  if (isEvent(value)) {
    const target = value.target;
    const where = target && (target as Node).nodeType ? ` on ${describeElement(target)}` : '';
    return { type: constructorName(value), value: `"${value.type}" event${where}` };
  }
  // Objects that carry a message, as many libraries reject with, read like errors.
  const message = readString(value, 'message');
  if (message) {
    return { type: readString(value, 'name') || constructorName(value as object), value: message };
  }
  // null and undefined by their tag ('Null', 'Undefined'), the rest by their class ('Number', 'Foo').
  return { type: value == null ? tagOf(value) : constructorName(value as object), value: describe(value) };
};

/**
 * Turns anything thrown or rejected into an event with one exception. Values without a
 * stack get the stack of `hint.syntheticException`, marked synthetic.
 */
export const eventFromUnknown = (thrown: unknown, hint: EventHint = {}, inAppExclude?: Array<string | RegExp>, depth = 3): Event => {
  const mechanism: Mechanism = { type: 'generic', handled: true, ...hint.mechanism };
  const event: Event = {};
  let exception: Exception;

  // An ErrorEvent carries the real error when the script is same-origin.
  const source = isErrorEvent(thrown) && thrown.error ? thrown.error : thrown;

  if (isError(source)) {
    exception = exceptionFromError(source, inAppExclude);
  } else if (isErrorEvent(source)) {
    exception = { type: 'Error', value: source.message };
    if (source.filename) {
      exception.stacktrace = {
        frames: [{ filename: source.filename, abs_path: source.filename, function: '?', lineno: source.lineno || undefined, colno: source.colno || undefined, in_app: true }],
      };
    }
  } else {
    exception = describeThrown(source);
    if (source && typeof source == 'object') {
      event.extra = { __serialized__: normalize(source, depth) };
    }
  }

  if (!exception.stacktrace && addStacktrace(exception, hint.syntheticException, inAppExclude)) mechanism.synthetic = true;
  exception.mechanism = mechanism;
  event.exception = { values: [exception] };
  return event;
};

/** An event for `captureMessage`, with a stack only when asked for. */
export const eventFromMessage = (message: string, level: SeverityLevel, hint: EventHint = {}, attachStacktrace?: boolean, inAppExclude?: Array<string | RegExp>): Event => {
  const event: Event = { level, logentry: { formatted: message } };
  const exception: Exception = { value: message };
  if (attachStacktrace && addStacktrace(exception, hint.syntheticException, inAppExclude)) {
    exception.mechanism = { type: 'generic', handled: true, synthetic: true };
    event.exception = { values: [exception] };
  }
  return event;
};
