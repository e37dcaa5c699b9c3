import { DEBUG } from '../debug-build';
import { matches } from '../misc';
import type { Event, Integration, StackFrame } from '../types';

export interface EventFiltersOptions {
  /** Messages to drop besides `ignoreErrors` from `init`. @default [] */
  ignoreErrors?: Array<string | RegExp>;
  /** Keep the built-in noise filters ("Script error.", "ResizeObserver loop …"). @default true */
  filterNoise?: boolean;
}

/**
 * Errors no one can act on. "Script error." is all a browser tells about an error in a
 * cross-origin script loaded without `crossorigin`; ResizeObserver's loop warning is benign.
 */
const SCRIPT_ERROR = /^(?:Uncaught )?Script error\.?$/;
// "…limit exceeded" (Chrome before 116) and "…completed with undelivered notifications".
const NOISE = [SCRIPT_ERROR, /ResizeObserver loop/];

/**
 * What the filters match messages against: the message, and each exception's value and
 * `Type: value`; missing ones stay in the list as empty entries.
 */
const messagesOf = (event: Event): Array<string | undefined> => {
  const out = [event.logentry?.formatted];
  for (const { type, value } of (event.exception?.values) || []) out.push(value, type && value ? `${type}: ${value}` : type);
  return out;
};

/** The script the error came from: the innermost frame with a real URL. */
const sourceUrl = (event: Event): string | undefined => {
  const values = (event.exception?.values) || [];
  const frames: StackFrame[] = values[values.length - 1]?.stacktrace?.frames || [];
  return frames
    .map((frame) => frame.filename)
    .reverse()
    .find((name) => name && name != '<anonymous>' && name != '[native code]');
};

/** Drops events by message (`ignoreErrors`, known noise) and by source URL (`denyUrls`, `allowUrls`). */
export const eventFiltersIntegration = (options: EventFiltersOptions = {}): Integration => ({
  name: 'EventFilters',
  processEvent(event, _hint, client) {
    const opts = client.getOptions();
    const { filterNoise = true } = options;
    const ignore = [...(filterNoise ? NOISE : []), ...opts.ignoreErrors, ...(options.ignoreErrors || [])];
    const messages = messagesOf(event);
    const ignored = messages.find((m) => m && matches(m, ignore));
    if (ignored) {
      // Said in every build (shorter in the CDN one): the fix is in the page, not in the SDK.
      if (SCRIPT_ERROR.test(ignored)) {
        client.log(DEBUG ? '"Script error." hides a cross-origin script\'s error: load it with crossorigin="anonymous" and CORS headers' : 'Script error.: use crossorigin="anonymous"');
      } else if (DEBUG) {
        client.log(`event ${event.event_id}: "${ignored}" matches ignoreErrors`);
      }
      return null;
    }
    const url = sourceUrl(event);
    if (url && matches(url, opts.denyUrls)) {
      DEBUG && client.log(`event ${event.event_id}: ${url} matches denyUrls`);
      return null;
    }
    if (url && opts.allowUrls.length && !matches(url, opts.allowUrls)) {
      DEBUG && client.log(`event ${event.event_id}: ${url} does not match allowUrls`);
      return null;
    }
    return event;
  },
});
