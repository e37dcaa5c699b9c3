// Reading what automatic capture sent: exceptions, breadcrumbs, and validity checks for pages
// whose uncaught errors are the point of the test (so `expectClean`'s "no page errors" cannot hold).
import { expect } from 'vitest';
import type { Breadcrumb, Event, Exception } from '../../src/types';
import type { Ingest } from './ingest-server';
import { expectValidEvent } from './schema';
import { receivedEvents } from './sdk-page';

/** The top (last) exception of an event. */
export function exceptionOf(event: Event): Exception {
  const exception = event.exception?.values.at(-1);
  if (!exception) throw new Error(`event has no exception: ${JSON.stringify(event).slice(0, 300)}`);
  return exception;
}

/** What an event is about: its top exception's value, else its message. */
export function textOf(event: Event): string | undefined {
  return event.exception?.values.at(-1)?.value ?? event.logentry?.formatted;
}

/** The one received event whose text is `text` (fails when there is none or more than one). */
export function eventWith(ingest: Ingest, text: string): Event {
  const matching = receivedEvents(ingest).filter((e) => textOf(e) === text);
  expect(matching.map(textOf), `events with text ${JSON.stringify(text)} among ${JSON.stringify(receivedEvents(ingest).map(textOf))}`).toEqual([text]);
  return matching[0];
}

export function breadcrumbsOf(event: Event): Breadcrumb[] {
  const crumbs = event.breadcrumbs;
  return Array.isArray(crumbs) ? crumbs : crumbs?.values ?? [];
}

/** Every received event valid against both schemas, and no envelope refused for its framing. */
export function expectValidEvents(ingest: Ingest): void {
  for (const event of receivedEvents(ingest)) expectValidEvent(event);
  expect(ingest.parseErrors.map((r) => r.rejection?.message)).toEqual([]);
}
