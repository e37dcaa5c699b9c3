/** 32 lowercase hex characters (a v4 UUID without dashes), as the protocol wants for `event_id`. */
export const uuid4 = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
};

/** Seconds since the epoch, with milliseconds. */
export const now = (): number => Date.now() / 1000;

/** A substring of the value, or a match of the pattern (search() ignores a /g lastIndex). */
export const matches = (value: string, patterns: ReadonlyArray<string | RegExp>): boolean =>
  patterns.some((p) => (typeof p == 'string' ? value.includes(p) : value.search(p) > -1));

/** The promise's result, or false once `timeout` ms passed first (no timeout: wait). */
export const withTimeout = (promise: Promise<boolean>, timeout?: number): Promise<boolean> =>
  timeout ? Promise.race([promise, new Promise<boolean>((resolve) => setTimeout(resolve, timeout, false))]) : promise;
