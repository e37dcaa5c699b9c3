/**
 * Calls `onTask(start, duration)` (performance.now() ms) for each task over 50 ms on the main
 * thread, buffered ones included; returns the unsubscribe. Nothing where `longtask` is not
 * observable (Firefox, Safari).
 */
export function onLongTask(onTask: (start: number, duration: number) => void): () => void {
  try {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) onTask(entry.startTime, entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: true });
    return () => observer.disconnect();
  } catch {
    return () => undefined;
  }
}
