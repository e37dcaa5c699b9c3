import type { ProcessingError, SentryEvent } from '../event';

/** Collects processing errors on an event: one per problem per file, however many frames share it. */
export interface Notes {
  add(note: ProcessingError): void;
}

// A hostile event could name a different file in each of its frames; past this, stop writing.
const MAX_NOTES = 50;

const keyOf = (n: ProcessingError) => `${n.type}\0${n.url ?? ''}`;

export function createNotes(event: SentryEvent): Notes {
  // Seeded with what is already there, so symbolicating twice does not repeat a note.
  const existing = Array.isArray(event.errors) ? event.errors.filter((n) => n && typeof n === 'object') : [];
  const seen = new Set(existing.map(keyOf));
  let added = 0;
  return {
    add(note) {
      const key = keyOf(note);
      if (seen.has(key) || added >= MAX_NOTES) return;
      seen.add(key);
      added++;
      if (!Array.isArray(event.errors)) event.errors = [];
      event.errors.push(note);
    },
  };
}
