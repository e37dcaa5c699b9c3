import type { SentryEvent } from '../event';
import { exceptionValues, framesOf, logEntry } from './event-parts';
import { exceptionComponents, hasFrames } from './exception-component';
import type { Component } from './hash-components';
import { normalizeMessage } from './normalize-message';
import { stacktraceComponent } from './stacktrace-component';

export type GroupingMethod = 'fingerprint' | 'stacktrace' | 'exception' | 'message' | 'fallback';

export interface ComponentTree {
  method: GroupingMethod;
  values: Component;
}

/**
 * Sentry's default grouping, first that contributes wins (its strategy scores): the exception
 * chain with frames (app variant, then system), the chain without frames (types and values),
 * the event's own stack trace (app, then system), the log message, then a constant.
 */
export function defaultGrouping(event: SentryEvent): ComponentTree {
  const exceptions = exceptionValues(event);
  const app = exceptionComponents(exceptions, 'app');
  if (hasFrames(app)) return { method: 'stacktrace', values: ['exception', app] };
  const system = exceptionComponents(exceptions, 'system');
  if (hasFrames(system)) return { method: 'stacktrace', values: ['exception', system] };
  // No frames anywhere: both variants hold the same types and values.
  if (system.length) return { method: 'exception', values: system };

  const frames = framesOf(event.stacktrace);
  for (const variant of ['app', 'system'] as const) {
    const stack = stacktraceComponent(frames, variant);
    if (stack.length) return { method: 'stacktrace', values: ['stacktrace', stack] };
  }

  // The template groups `Payment failed for %s` across its parameters; else the text, normalised.
  const { message, formatted } = logEntry(event);
  const text = message?.trim() ? message : formatted;
  if (text?.trim()) return { method: 'message', values: [normalizeMessage(text)] };

  // Nothing to tell events apart: all of them share one issue rather than each making its own.
  return { method: 'fallback', values: [] };
}
