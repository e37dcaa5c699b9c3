/** Unix seconds → the ISO time Sentry's API returns (`2026-12-01T21:39:17.123Z`). */
export const iso = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString());

/** An ISO time (or unix seconds) from a request body → unix seconds, or undefined. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value == 'number' && Number.isFinite(value)) return value;
  if (typeof value == 'string') {
    const t = Date.parse(value);
    if (Number.isFinite(t)) return t / 1000;
  }
  return undefined;
}
