import { isInstanceOf } from '../normalize';
import { absoluteUrl } from '../url';
import { fanout, fill } from './fanout';

export interface HttpRequest {
  kind: 'fetch' | 'xhr';
  method: string;
  /** Absolute: resolved against the page's base URL, as the browser resolves it. */
  url: string;
  /** The response status; 0 or missing when the request failed before a response. */
  status?: number;
  /**
   * Why the request failed without a response: the fetch rejection (network error, CORS,
   * AbortError), or for XHR 'network error', 'abort' or 'timeout'.
   */
  error?: unknown;
  /** Milliseconds since the epoch, when the request was sent. */
  start: number;
  /** How long until the response or the failure, in milliseconds. */
  duration: number;
}

interface XhrInfo {
  kind: 'xhr';
  method: string;
  url: string;
  /** Set by send(). */
  start?: number;
}

const meta = new WeakMap<XMLHttpRequest, XhrInfo>();

const fromFetchArgs = (input: unknown, init?: RequestInit): { method: string; url: string } => {
  const request = input as Request;
  const isRequest = isInstanceOf(input, 'Request');
  return {
    method: String(init?.method || (isRequest && request.method) || 'GET').toUpperCase(),
    // Relative URLs resolved as fetch resolves them (a Request's url already is absolute).
    url: isRequest ? request.url : absoluteUrl(String(input)),
  };
};

/**
 * Reports every finished fetch and XMLHttpRequest. The page gets the very response (or
 * rejection) it would have had: the wrapper only looks.
 */
export const onHttp = fanout<[request: HttpRequest]>((emit) => {
  const done = (request: Omit<HttpRequest, 'duration'>, status?: number, error?: unknown) =>
    emit({ ...request, status, error, duration: Date.now() - request.start });
  fill(globalThis, 'fetch', (original) =>
    function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      let request: Omit<HttpRequest, 'duration'>;
      try {
        request = { kind: 'fetch' as const, ...fromFetchArgs(input, init), start: Date.now() };
      } catch {
        // Arguments only fetch itself can judge (a URL whose toString throws): left to it, unobserved.
        return original.call(this, input, init);
      }
      return original.call(this, input, init).then(
        (response) => {
          done(request, response.status);
          return response;
        },
        (error) => {
          done(request, 0, error);
          throw error;
        },
      );
    },
  );
  // Last: where XMLHttpRequest is missing, reading it throws and fanout's try ends the patch here.
  const proto = XMLHttpRequest.prototype;
  fill(proto, 'open', (original) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      // Listeners once per object, reading the request opened last: added at the first open(),
      // before the page's own handlers usually are, so the status is read before an onload
      // that reuses the XHR (open() again) resets it.
      if (!meta.has(this)) {
        for (const type of ['load', 'error', 'abort', 'timeout']) {
          this.addEventListener(type, () => {
            const info = meta.get(this)!;
            const error = type == 'load' ? undefined : type == 'error' ? 'network error' : type;
            if (info.start) done(info as Required<XhrInfo>, this.status, error);
          });
        }
      }
      meta.set(this, { kind: 'xhr', method: String(args[0]).toUpperCase(), url: absoluteUrl(String(args[1])) });
      return (original as (...a: unknown[]) => void).apply(this, args);
    } as XMLHttpRequest['open'],
  );
  fill(proto, 'send', (original) =>
    function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const info = meta.get(this);
      if (info) info.start = Date.now();
      return original.call(this, body);
    },
  );
});
