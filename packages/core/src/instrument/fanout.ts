/**
 * One patch per global, many subscribers: `patch` runs on the first subscription, and each
 * handler runs in its own try, so a failing subscriber never breaks the page or the others.
 * The patches stay after the last unsubscribe (passing calls straight through): removing them
 * could undo wrappers other scripts installed on top.
 */
export const fanout = <A extends unknown[]>(patch: (emit: (...args: A) => void) => void) => {
  const handlers = new Set<(...args: A) => void>();
  let patched = false;
  // Set while handlers run: what they log or fetch is not reported back to them.
  let busy = false;
  const emit = (...args: A) => {
    if (busy) return;
    busy = true;
    for (const handler of handlers) {
      try {
        handler(...args);
      } catch {
        // a subscriber's bug is not the page's problem
      }
    }
    busy = false;
  };
  return (handler: (...args: A) => void): (() => void) => {
    if (!patched) {
      patched = true;
      try {
        patch(emit);
      } catch {
        // an exotic environment without the global: nothing to observe
      }
    }
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
    };
  };
};

/** Replaces the function `target[name]` with `wrapper(original)`; where there is none, nothing is patched. */
export const fill = <T extends object, K extends keyof T>(target: T, name: K, wrapper: (original: T[K]) => T[K]) => {
  const original = target[name];
  if (typeof original == 'function') target[name] = wrapper(original);
};
