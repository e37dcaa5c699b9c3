/** `bytes` random bytes as lowercase hex: 16 for a trace id, 8 for a span id (the protocol's sizes). */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => (b + 256).toString(16).slice(1)).join('');
}

export const traceId = (): string => randomHex(16);
export const spanId = (): string => randomHex(8);
