import { DEBUG } from './debug-build';
import { byteLength } from './envelope';
import { truncate } from './normalize';
import type { Event } from './types';

/** Long strings deep in extra, contexts and breadcrumbs are cut to this in the second pass. */
const TRIMMED_STRING = 1024;

function cutStrings(value: unknown): unknown {
  if (typeof value == 'string') return truncate(value, TRIMMED_STRING);
  if (Array.isArray(value)) return value.map(cutStrings);
  if (value && typeof value == 'object') {
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = cutStrings((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * Serialises the event within `maxBytes`, giving up the least useful parts first:
 * long strings first (one huge value should not cost every breadcrumb), then old breadcrumbs.
 * Stacks are already at most 50 frames, a few kilobytes: not worth cutting.
 * Returns the JSON, or undefined when even the trimmed event is too large.
 */
export function serializeWithin(event: Event, maxBytes: number, log: (message: string) => void): string | undefined {
  let json = JSON.stringify(event);
  if (byteLength(json) <= maxBytes) return json;
  const steps: Array<[string, (e: Event) => void]> = [
    ['long strings', (e) => {
      e.extra = cutStrings(e.extra) as Event['extra'];
      e.contexts = cutStrings(e.contexts) as Event['contexts'];
      e.breadcrumbs = cutStrings(e.breadcrumbs) as Event['breadcrumbs'];
      e.user = cutStrings(e.user) as Event['user'];
    }],
    ['breadcrumbs', (e) => {
      const crumbs = e.breadcrumbs && !Array.isArray(e.breadcrumbs) ? e.breadcrumbs.values : [];
      while (crumbs.length && byteLength(JSON.stringify(e)) > maxBytes) crumbs.splice(0, Math.ceil(crumbs.length / 2));
    }],
  ];
  // Work on a copy: the caller's event (seen by beforeSend) stays as it was.
  const copy = JSON.parse(json) as Event;
  for (const [what, step] of steps) {
    step(copy);
    json = JSON.stringify(copy);
    DEBUG && log(`event ${event.event_id} too large, trimmed ${what}`);
    if (byteLength(json) <= maxBytes) return json;
  }
  return undefined;
}
