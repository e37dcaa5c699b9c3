import { DEBUG } from './debug-build';
import { byteLength } from './envelope';
import { truncate } from './normalize';
import type { Event } from './types';

/** Long strings deep in extra, contexts and breadcrumbs are cut to this in the second pass. */
const TRIMMED_STRING = 1024;

// In place: it only ever changes a copy parsed from JSON (arrays are walked by index like objects).
const cutStrings = (value: unknown): unknown => {
  if (typeof value == 'string') return truncate(value, TRIMMED_STRING);
  if (value && typeof value == 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) record[key] = cutStrings(record[key]);
  }
  return value;
};

/**
 * Serialises the event within `maxBytes`, giving up the least useful parts first:
 * long strings first (one huge value should not cost every breadcrumb), then old breadcrumbs.
 * Stacks are already at most 50 frames, a few kilobytes: not worth cutting.
 * Returns the JSON, or undefined when even the trimmed event is too large.
 */
export const serializeWithin = (event: Event, maxBytes: number, log: (message: string) => void): string | undefined => {
  let json = JSON.stringify(event);
  if (byteLength(json) <= maxBytes) return json;
  const steps: Array<(e: Event) => void> = [
    // long strings
    (e) => {
      for (const key of ['extra', 'contexts', 'breadcrumbs', 'user'] as const) e[key] = cutStrings(e[key]) as never;
    },
    // then breadcrumbs
    (e) => {
      const crumbs = e.breadcrumbs && !Array.isArray(e.breadcrumbs) ? e.breadcrumbs.values : [];
      while (crumbs.length && byteLength(JSON.stringify(e)) > maxBytes) crumbs.splice(0, Math.ceil(crumbs.length / 2));
    },
  ];
  // Work on a copy: the caller's event (seen by beforeSend) stays as it was.
  const copy = JSON.parse(json) as Event;
  for (let i = 0; i < steps.length; i++) {
    steps[i](copy);
    json = JSON.stringify(copy);
    DEBUG && log(`event ${event.event_id} too large, trimmed ${i ? 'breadcrumbs' : 'long strings'}`);
    if (byteLength(json) <= maxBytes) return json;
  }
  return undefined;
};
