import { randomUUID } from 'node:crypto';

export const newEventId = () => randomUUID().replace(/-/g, '');

/** An envelope as the SDKs frame it: header line, then per item a header with the UTF-8 byte length and the payload. */
export function envelope(header: Record<string, unknown>, items: Array<[type: string, payload: unknown]>): string {
  let out = JSON.stringify(header);
  for (const [type, payload] of items) {
    const body = typeof payload == 'string' ? payload : JSON.stringify(payload);
    out += `\n${JSON.stringify({ type, length: Buffer.byteLength(body) })}\n${body}`;
  }
  return out;
}

/** A browser error event in the shape @faultline/core sends. */
export function errorEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: newEventId(),
    timestamp: Date.now() / 1000,
    platform: 'javascript',
    level: 'error',
    sdk: { name: 'faultline.javascript.browser', version: '0.1.0' },
    release: 'shop@1.4.2',
    environment: 'production',
    user: { id: 'u1' },
    request: { url: 'https://shop.example/cart?step=2', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36' } },
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'id')",
          mechanism: { type: 'onerror', handled: false },
          stacktrace: {
            frames: [
              { filename: 'https://shop.example/static/js/main.js', abs_path: 'https://shop.example/static/js/main.js', function: 'HTMLButtonElement.onClick', lineno: 1, colno: 200, in_app: true },
              { filename: 'https://shop.example/static/js/main.js', abs_path: 'https://shop.example/static/js/main.js', function: 'checkout', lineno: 1, colno: 120, in_app: true },
            ],
          },
        },
      ],
    },
    ...overrides,
  };
}

export const eventEnvelope = (event: Record<string, unknown>) =>
  envelope({ event_id: event.event_id, sent_at: new Date().toISOString(), sdk: event.sdk }, [['event', event]]);
