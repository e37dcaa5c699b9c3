import type { SentryEvent } from '../event';
import { culpritFrame, eventCulprit } from './culprit';
import { defaultGrouping, type GroupingMethod } from './default-grouping';
import { eventMetadata, type GroupMetadata } from './event-metadata';
import { eventTitle } from './event-title';
import { fingerprintGrouping } from './fingerprint';
import { hashComponents } from './hash-components';
import { asRecord } from './safe-read';

export interface Grouping {
  /** 32 hex chars (md5 like Sentry), stable across processes and versions of this code. */
  hash: string;
  /** What produced the hash: the custom fingerprint, else the first default method that had data. */
  method: GroupingMethod;
  /** Sentry's event title, e.g. `TypeError: Cannot read properties of undefined (reading 'id')`. */
  title: string;
  /** Sentry's culprit, e.g. `checkout(src/cart.js)`; '' when nothing names a place. */
  culprit: string;
  /** `{type, value, filename, function}` for errors, `{title}` for messages. */
  metadata: GroupMetadata;
}

/**
 * Groups a symbolicated event as Sentry's newstyle strategy does for JavaScript. Never throws:
 * any part of the event may be missing or of the wrong type.
 */
export function groupEvent(event: SentryEvent): Grouping {
  const safeEvent = (asRecord(event) ?? {}) as SentryEvent;
  const defaults = defaultGrouping(safeEvent);
  const { method, values } = fingerprintGrouping(safeEvent, defaults) ?? defaults;
  const frame = culpritFrame(safeEvent);
  const metadata = eventMetadata(safeEvent, frame);
  return {
    hash: hashComponents(method, values),
    method,
    title: eventTitle(metadata),
    culprit: eventCulprit(safeEvent, frame),
    metadata,
  };
}
