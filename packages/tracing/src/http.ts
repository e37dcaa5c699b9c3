import { mergeBaggage } from './propagation';
import { absoluteUrl } from './url';

export interface TracedRequest {
  method: string;
  /** Absolute. */
  url: string;
  /** performance.now() ms. */
  start: number;
}

export interface HttpHooks {
  /**
   * Called as a request starts. Returns the headers to add (or none), and the function to call
   * when it ends with the status (0 when it failed without a response).
   */
  onStart(request: TracedRequest): { headers?: Record<string, string>; end: (status: number) => void } | undefined;
}

/**
 * Wraps fetch and XMLHttpRequest to time each request and add trace headers before it goes
 * out (core's own wrapper only observes, and cannot add headers). Returns the restore: the
 * originals come back unless another script wrapped ours since, which then keeps working
 * (our wrapper passes straight through once disabled).
 */
export function instrumentHttp(hooks: HttpHooks): () => void {
  let enabled = true;
  const restores: Array<() => void> = [];
  const start = (method: string, url: string) => {
    if (!enabled) return undefined;
    try {
      return hooks.onStart({ method, url, start: performance.now() });
    } catch {
      return undefined;
    }
  };

  if (typeof fetch == 'function') {
    const original = globalThis.fetch;
    const wrapped = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      let hook: ReturnType<typeof start>;
      try {
        const request = typeof Request != 'undefined' && input instanceof Request ? input : undefined;
        const method = String((init && init.method) || (request && request.method) || 'GET').toUpperCase();
        hook = start(method, request ? request.url : absoluteUrl(String(input)));
        if (hook && hook.headers) {
          const headers = new Headers((init && init.headers) || (request && request.headers) || undefined);
          for (const name in hook.headers) headers.set(name, name == 'baggage' ? mergeBaggage(headers.get(name), hook.headers[name]) : hook.headers[name]);
          init = { ...init, headers };
        }
      } catch {
        // arguments only fetch itself can judge: passed on untouched
      }
      const result = original.call(this, input, init);
      if (hook) {
        const end = hook.end;
        result.then(
          (response) => end(response.status),
          () => end(0),
        );
      }
      return result;
    } as typeof fetch;
    globalThis.fetch = wrapped;
    restores.push(() => {
      if (globalThis.fetch === wrapped) globalThis.fetch = original;
    });
  }

  if (typeof XMLHttpRequest == 'function') {
    const proto = XMLHttpRequest.prototype;
    const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
    const { open, send } = proto;
    const wrappedOpen = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        opened.set(this, { method: String(args[0]).toUpperCase(), url: absoluteUrl(String(args[1])) });
      } catch {
        // an unreadable URL: left to open() to judge
      }
      return (open as (...a: unknown[]) => void).apply(this, args);
    } as XMLHttpRequest['open'];
    const wrappedSend = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const info = opened.get(this);
      const hook = info && start(info.method, info.url);
      if (hook) {
        try {
          for (const name in hook.headers) this.setRequestHeader(name, hook.headers[name]);
        } catch {
          // a header the page already set in a way setRequestHeader refuses: sent without ours
        }
        const xhr = this;
        this.addEventListener('loadend', () => hook.end(xhr.status), { once: true });
      }
      return send.call(this, body);
    };
    proto.open = wrappedOpen;
    proto.send = wrappedSend;
    restores.push(() => {
      if (proto.open === wrappedOpen) proto.open = open;
      if (proto.send === wrappedSend) proto.send = send;
    });
  }

  return () => {
    enabled = false;
    for (const restore of restores) restore();
  };
}
