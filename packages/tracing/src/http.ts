import { patch } from './patch';
import { mergeBaggage } from './propagation';
import { absoluteUrl } from './url';

/**
 * Called as a request starts, with its method (upper case) and absolute URL. Returns the headers to add (or none), and the function to call
 * when it ends with the status (0 when it failed without a response); undefined to leave it be.
 */
export type OnRequest = (method: string, url: string) => { headers?: Record<string, string>; end: (status: number) => void } | undefined;

/**
 * Wraps fetch and XMLHttpRequest to time each request and add trace headers before it goes
 * out (core's own wrapper only observes, and cannot add headers). Returns the restore; a
 * wrapper left in place (wrapped again by another script) still asks `onRequest`, which
 * answers undefined once its caller is done.
 */
export function instrumentHttp(onRequest: OnRequest): () => void {
  const start = (method: unknown, url: string) => {
    try {
      return onRequest(String(method || 'GET').toUpperCase(), absoluteUrl(url));
    } catch {
      return undefined;
    }
  };
  const proto = XMLHttpRequest.prototype;
  const opened = new WeakMap<XMLHttpRequest, [method: unknown, url: string]>();
  // Browsers that run Web Vitals have both fetch and XMLHttpRequest.
  const restores = [
    patch(
      globalThis,
      'fetch',
      (original) =>
        function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
          const request = input instanceof Request ? input : undefined;
          const hook = start(init?.method || request?.method, request ? request.url : String(input));
          if (hook?.headers) {
            const headers = new Headers(init?.headers || request?.headers);
            for (const name in hook.headers) headers.set(name, mergeBaggage(name == 'baggage' && headers.get(name), hook.headers[name]));
            init = { ...init, headers };
          }
          const result = original.call(this, input, init);
          if (hook)
            result.then(
              (response) => hook.end(response.status),
              () => hook.end(0)
            );
          return result;
        }
    ),
    patch(
      proto,
      'open',
      (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          opened.set(this, [args[0], String(args[1])]);
          return (original as (...a: unknown[]) => void).apply(this, args);
        } as XMLHttpRequest['open']
    ),
    patch(
      proto,
      'send',
      (original) =>
        function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
          const info = opened.get(this);
          const hook = info && start(info[0], info[1]);
          if (hook) {
            // setRequestHeader after open() and before send() cannot throw.
            for (const name in hook.headers) this.setRequestHeader(name, hook.headers[name]);
            this.addEventListener('loadend', () => hook.end(this.status), { once: true });
          }
          return original.call(this, body);
        }
    ),
  ];

  return () => restores.forEach((restore) => restore());
}
