import type { SdkInfo } from './types';

const encoder = /* @__PURE__ */ new TextEncoder();

/** Item `length` counts UTF-8 bytes: a string length would cut non-ASCII payloads short. */
export const byteLength = (text: string): number => encoder.encode(text).length;

/** An item's type and its payload (a value, or JSON already serialised). */
export type Item = [type: string, payload: unknown];

/** Header line, then per item a header line with the payload's byte length and the payload line. */
export const serializeEnvelope = (header: Record<string, unknown>, items: Item[]): string => {
  let out = JSON.stringify(header);
  for (const [type, payload] of items) {
    const body = typeof payload == 'string' ? payload : JSON.stringify(payload);
    out += `\n${JSON.stringify({ type, length: byteLength(body) })}\n${body}`;
  }
  return out;
};

/**
 * An envelope with the SDK's header. One event per envelope: Sentry 20.x rejects a whole
 * envelope holding an item type it does not know, so nothing else travels with an event, and
 * sessions and transactions each go in one of their own.
 */
export const sdkEnvelope = (items: Item[], sdk: SdkInfo, dsn?: string, eventId?: string): string => {
  const header: Record<string, unknown> = {
    event_id: eventId,
    sent_at: new Date().toISOString(),
    sdk: { name: sdk.name, version: sdk.version },
    dsn,
  };
  return serializeEnvelope(header, items);
};
