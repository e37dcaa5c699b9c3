// Spans are timed with performance.now() (monotonic, and in the same clock as the Performance
// Timeline entries) and sent as seconds since the epoch, as the protocol wants.

/** A Performance Timeline time (ms since the time origin, navigation start) as seconds since the epoch. */
export const toSeconds = (perfMs: number): number => (performance.timeOrigin + perfMs) / 1000;
