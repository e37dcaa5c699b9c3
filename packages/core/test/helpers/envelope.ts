// Reads envelopes the way a server does: as bytes, taking each item's payload by its
// `length` in UTF-8 bytes, never by splitting on newlines.

export interface ParsedItem {
  header: { type: string; length?: number } & Record<string, unknown>;
  payload: unknown;
}

export interface ParsedEnvelope {
  header: Record<string, unknown>;
  items: ParsedItem[];
}

const NL = 0x0a;

export function parseEnvelope(body: string): ParsedEnvelope {
  const bytes = new TextEncoder().encode(body);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pos = 0;

  const line = (): string => {
    let end = bytes.indexOf(NL, pos);
    if (end < 0) end = bytes.length;
    const text = decoder.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return text;
  };

  const header = JSON.parse(line()) as Record<string, unknown>;
  const items: ParsedItem[] = [];
  while (pos < bytes.length) {
    const itemHeader = JSON.parse(line()) as ParsedItem['header'];
    let payloadText: string;
    if (typeof itemHeader.length == 'number') {
      payloadText = decoder.decode(bytes.subarray(pos, pos + itemHeader.length));
      pos += itemHeader.length;
      // After a payload comes a newline or the end of the envelope, nothing else.
      if (pos < bytes.length) {
        if (bytes[pos] != NL) throw new Error(`payload of ${itemHeader.type} is not followed by a newline at byte ${pos}`);
        pos++;
      }
    } else {
      payloadText = line();
    }
    items.push({ header: itemHeader, payload: JSON.parse(payloadText) });
  }
  return { header, items };
}
