import { patch } from './patch';
import { mergeBaggage } from './propagation';
import { absoluteUrl } from './url';

/**
 * Called as a request starts, with its method (upper case), absolute URL and a function that
 * adds a header to it. Returns the function to call when it ends with the status (0 when it
 * failed without a response); undefined to leave it be.
 */
export type OnRequest = (method: string, url: string, setHeader: (name: string, value: string) => void) => ((status: number) => void) | undefined;

/**
 * Wraps fetch and XMLHttpRequest to time each request and add trace headers before it goes
 * out (core's own wrapper only observes, and cannot add headers). Returns the restore; a
 * wrapper left in place (wrapped again by another script) still asks `onRequest`, which
 * answers undefined once its caller is done.
 */
export function instrumentHttp(onRequest: OnRequest): () => void {
  const start = (method: unknown, url: string, setHeader: (name: string, value: string) => void) => {
    try {
      return onRequest(String(method || 'GET').toUpperCase(), absoluteUrl(url), setHeader);
    } catch {
      return undefined;
    }
  };
  const proto = XMLHttpRequest.prototype;
  const opened = new WeakMap<XMLHttpRequest, unknown[]>();
  // Browsers that run Web Vitals have both fetch and XMLHttpRequest.
  const restores = [
    patch(
      globalThis,
      'fetch',
      (original) =>
        function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
          const request = input instanceof Request ? input : undefined;
          let headers: Headers | undefined;
          const end = start(init?.method || request?.method, request ? request.url : String(input), (name, value) => {
            headers = headers || new Headers(init?.headers || request?.headers);
            headers.set(name, mergeBaggage(name == 'baggage' && headers.get(name), value));
            init = { ...init, headers };
          });
          const result = original.call(this, input, init);
          if (end)
            result.then(
              (response) => end(response.status),
              () => end(0)
            );
          return result;
        }
    ),
    patch(
      proto,
      'open',
      (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          opened.set(this, args);
          return (original as (...a: unknown[]) => void).apply(this, args);
        } as XMLHttpRequest['open']
    ),
    patch(
      proto,
      'send',
      (original) =>
        function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
          const args = opened.get(this);
          // setRequestHeader after open() and before send() cannot throw.
          const end = args && start(args[0], String(args[1]), (name, value) => this.setRequestHeader(name, value));
          if (end) this.addEventListener('loadend', () => end(this.status), { once: true });
          return original.call(this, body);
        }
    ),
  ];

  return () => restores.forEach((restore) => restore());
}
