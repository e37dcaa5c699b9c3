import { HttpError } from '../http/http-error';

export interface EnvelopeItem {
  header: { type: string; length?: number; [key: string]: unknown };
  payload: Buffer;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** Longest header line we read: Relay's are small JSON objects; anything longer is not an envelope. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_ITEMS = 100;
const NEWLINE = 0x0a;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly: invalid bytes are a 400, never U+FFFD smuggled into storage. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpError(400, `${what} is not valid UTF-8`);
  }
}

function parseHeader(bytes: Buffer, what: string): Record<string, unknown> {
  if (bytes.length > MAX_HEADER_BYTES) throw new HttpError(400, `${what} is longer than ${MAX_HEADER_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(bytes, what));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, `${what} is not valid JSON`);
  }
  if (!value || typeof value != 'object' || Array.isArray(value)) throw new HttpError(400, `${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * Splits an envelope into its header and items, as Relay frames it: each item header may give
 * the payload's `length` in bytes (then exactly that many bytes follow, then a newline or the
 * end), otherwise the payload runs to the next newline. A `length` that does not fit is a 400.
 */
export function parseEnvelope(body: Buffer): Envelope {
  let pos = body.indexOf(NEWLINE);
  const header = parseHeader(body.subarray(0, pos < 0 ? body.length : pos), 'the envelope header');
  const items: EnvelopeItem[] = [];
  pos = pos < 0 ? body.length : pos + 1;

  while (pos < body.length) {
    // Blank lines between items are tolerated, as Relay does.
    if (body[pos] == NEWLINE) {
      pos++;
      continue;
    }
    if (items.length >= MAX_ITEMS) throw new HttpError(400, `the envelope has more than ${MAX_ITEMS} items`);
    const end = body.indexOf(NEWLINE, pos);
    const lineEnd = end < 0 ? body.length : end;
    const itemHeader = parseHeader(body.subarray(pos, lineEnd), `item header ${items.length + 1}`);
    const { type, length } = itemHeader;
    if (typeof type != 'string' || !type) throw new HttpError(400, `item header ${items.length + 1} has no type`);
    pos = lineEnd + 1;

    let payload: Buffer;
    if (length !== undefined) {
      if (typeof length != 'number' || !Number.isInteger(length) || length < 0) {
        throw new HttpError(400, `item ${items.length + 1} (${type}) has an invalid length`);
      }
      if (pos + length > body.length) {
        throw new HttpError(400, `item ${items.length + 1} (${type}) declares ${length} bytes but the envelope ends after ${Math.max(0, body.length - pos)}`);
      }
      payload = body.subarray(pos, pos + length);
      pos += length;
      if (pos < body.length && body[pos] != NEWLINE) {
        throw new HttpError(400, `item ${items.length + 1} (${type}) is longer than its length of ${length} bytes`);
      }
      pos++;
    } else {
      const next = body.indexOf(NEWLINE, pos);
      const stop = next < 0 ? body.length : next;
      payload = body.subarray(Math.min(pos, body.length), stop);
      pos = stop + 1;
    }
    items.push({ header: itemHeader as EnvelopeItem['header'], payload });
  }
  return { header, items };
}
