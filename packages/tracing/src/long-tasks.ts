/**
 * Calls `onTask(start, duration)` (performance.now() ms) for each task over 50 ms on the main
 * thread, buffered ones included; returns the unsubscribe. Nothing where `longtask` is not
 * observable (Firefox, Safari: `observe` ignores a type it does not know; every browser that
 * parses this ES2020 code has PerformanceObserver).
 */
export function onLongTask(onTask: (start: number, duration: number) => void): () => void {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) onTask(entry.startTime, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: true });
  return () => observer.disconnect();
}
