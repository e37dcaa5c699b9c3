import type { ExceptionValue, SentryEvent, StackFrame } from '../event';
import { asArray, asRecord, asString } from './safe-read';

/** The exception chain, oldest cause first and the caught error last; non-objects dropped. */
export function exceptionValues(event: SentryEvent): ExceptionValue[] {
  const exception: unknown = event.exception;
  // Legacy SDKs send `exception` as the bare list.
  const values = Array.isArray(exception) ? exception : asRecord(exception)?.values;
  return asArray(values).filter((v) => asRecord(v)) as ExceptionValue[];
}

/** A stack trace's frames, oldest first and the throwing frame last; non-objects dropped. */
export function framesOf(stacktrace: unknown): StackFrame[] {
  return asArray(asRecord(stacktrace)?.frames).filter((f) => asRecord(f)) as StackFrame[];
}

/** Synthetic exceptions (e.g. a rejected promise holding a plain object) have a made-up type. */
export function isSynthetic(exception: ExceptionValue): boolean {
  return asRecord(exception.mechanism)?.synthetic === true;
}

/**
 * The log message: `logentry`, else the legacy `message` object, else a plain `message` string
 * (what Relay turns into `logentry.formatted`). `message` is the template, `formatted` the text.
 */
export function logEntry(event: SentryEvent): { message?: string; formatted?: string } {
  const entry = asRecord(event.logentry) ?? asRecord(event.message) ?? {};
  return { message: asString(entry.message), formatted: asString(entry.formatted) ?? asString(event.message) };
}
