import { fanout, fill } from './fanout';

type AnyFunction = (...args: unknown[]) => unknown;

/** Where a wrapped callback was registered: `setTimeout`, `addEventListener click`, `xhr onload`… */
export type WrapSite = string;

let ignoreOnError = 0;

/**
 * True once per error a wrapped callback rethrew: that error then reaches `window.onerror`,
 * where it must not be reported a second time. Each call uses one up, so a different error
 * reaching `onerror` in the same task (a listener object, a listener added before init) is
 * still reported.
 */
export const shouldIgnoreOnError = (): boolean => ignoreOnError > 0 && !!ignoreOnError--;

/** Callback → its wrapper, and each wrapper → itself: a function is wrapped once, however often it is handed over. */
const listeners = new WeakMap<AnyFunction, AnyFunction>();

/**
 * Reports errors thrown by callbacks the page hands to timers, animation frames, event
 * listeners and XHR handlers, with their original stack, then rethrows them: the page sees
 * the same `this`, arguments, return values and exceptions.
 */
export const onWrappedError = fanout<[error: unknown, site: WrapSite]>((emit) => {
  // Once per function: the site is where it was first handed over.
  const wrap = (fn: unknown, site: WrapSite): unknown => {
    if (typeof fn != 'function') return fn;
    let wrapped = listeners.get(fn as AnyFunction);
    if (!wrapped) {
      wrapped = function (this: unknown, ...args: unknown[]) {
        try {
          return (fn as AnyFunction).apply(this, args);
        } catch (error) {
          emit(error, site);
          ignoreOnError++;
          // Should the rethrow never reach onerror, the count must not outlive this task.
          setTimeout(() => (ignoreOnError = 0));
          throw error;
        }
      };
      listeners.set(fn as AnyFunction, wrapped);
      listeners.set(wrapped, wrapped);
    }
    return wrapped;
  };

  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame'] as const) {
    fill(globalThis as Record<string, unknown>, name, (original) =>
      function (this: unknown, fn: unknown, ...rest: unknown[]) {
        return (original as AnyFunction).call(this, wrap(fn, name), ...rest);
      },
    );
  }

  const proto = typeof EventTarget == 'function' && EventTarget.prototype;
  if (proto) {
    // One wrapper per listener function, so removeEventListener finds it again.
    fill(proto, 'addEventListener', (original) =>
      function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
        const wrapped = wrap(listener, `addEventListener ${type}`);
        // `this` is undefined when page code calls the global `addEventListener(...)` bare.
        return (original as AnyFunction).call(this || globalThis, type, wrapped, options) as void;
      },
    );
    fill(proto, 'removeEventListener', (original) =>
      function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
        // Listener objects and null were never wrapped: get() finds nothing.
        const wrapped = listeners.get(listener as AnyFunction);
        // Remove both: the listener may have been added before the SDK wrapped addEventListener.
        const target = this || globalThis;
        if (wrapped) (original as AnyFunction).call(target, type, wrapped, options);
        return (original as AnyFunction).call(target, type, listener, options) as void;
      },
    );
  }

  // Last: where XMLHttpRequest is missing, reading it throws and fanout's try ends the patch here.
  fill(XMLHttpRequest.prototype, 'send', (original) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      for (const prop of ['onload', 'onerror', 'onprogress', 'onreadystatechange'] as const) {
        // A reused XHR is sent again with its handlers already wrapped: they stay wrapped once.
        // wrap() hands back what is not a function (null) as it is.
        (this as unknown as Record<string, unknown>)[prop] = wrap(this[prop], `xhr ${prop}`);
      }
      return (original as AnyFunction).apply(this, args) as void;
    },
  );
});
