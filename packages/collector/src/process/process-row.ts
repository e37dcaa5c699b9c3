import type { SentryEvent } from '../event';
import { groupEvent } from '../group';
import type { ArtifactStore } from '../store/artifacts';
import type { ProcessedEvent } from '../store/process-writes';
import type { QueuedRow } from '../store/queue';
import { symbolicateEvent, type createSourceMapCache } from '../symbolicate';
import { eventTags, userKey } from './event-tags';
import { parseEventJson } from './event-json';
import { normalizeEvent } from './normalize-event';

/** Normalise → symbolicate → group one queued event; a thrown error marks the event failed. */
export function processRow(row: QueuedRow, artifacts: ArtifactStore, cache: ReturnType<typeof createSourceMapCache>): ProcessedEvent {
  const json = parseEventJson(row.payload);
  const raw = json.value as Record<string, unknown>;
  const event: SentryEvent = normalizeEvent(raw, { eventId: row.event_id, received: row.received, clientIp: row.client_ip ?? undefined });
  symbolicateEvent(event, artifacts.lookupFor(row.project_id), cache);
  const group = groupEvent(event);
  event.title = group.title;
  event.culprit = group.culprit;
  event.metadata = group.metadata;
  event.grouping = { hash: group.hash, method: group.method };
  return {
    rowId: row.id,
    projectId: row.project_id,
    payload: json.stringify(event),
    timestamp: event.timestamp as number,
    level: event.level || 'error',
    release: event.release,
    environment: event.environment,
    userKey: userKey(event),
    tags: eventTags(event),
    group,
  };
}
