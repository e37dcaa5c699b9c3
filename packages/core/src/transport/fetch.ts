import type { Envelope, Transport, TransportOptions, TransportResponse } from '../types';
import { responseOf } from './response';
import { makeXhrTransport } from './xhr';

// Browsers cap keepalive bodies at 64 KB across all pending keepalive requests.
const KEEPALIVE_BYTES = 60_000;
const KEEPALIVE_REQUESTS = 15;

/**
 * Sends with `fetch`, taken when the transport is made, before any instrumentation wraps it.
 * Small bodies use `keepalive` so they survive the page unloading. Falls back to XHR where
 * fetch is missing. The body is a string, so the request stays CORS-simple (text/plain).
 */
export function makeFetchTransport(options: TransportOptions): Transport {
  const nativeFetch = typeof fetch == 'function' ? fetch.bind(globalThis) : undefined;
  if (!nativeFetch) return makeXhrTransport(options);
  let keepaliveBytes = 0;
  let keepaliveCount = 0;

  return {
    send(envelope: Envelope): Promise<TransportResponse> {
      // An upper bound of the UTF-8 size, without encoding the body.
      const size = envelope.body.length * (/[^\0-\x7f]/.test(envelope.body) ? 3 : 1);
      const keepalive = keepaliveBytes + size <= KEEPALIVE_BYTES && keepaliveCount < KEEPALIVE_REQUESTS;
      if (keepalive) {
        keepaliveBytes += size;
        keepaliveCount++;
      }
      // Given up after `timeout` ms: a server that never answers must not hold a send slot.
      // (Aborting a request that already has its answer changes nothing: the body is never read.)
      const controller = new AbortController();
      if (options.timeout) setTimeout(() => controller.abort(), options.timeout);
      const done = () => {
        if (keepalive) {
          keepaliveBytes -= size;
          keepaliveCount--;
        }
      };
      return nativeFetch(envelope.url, {
        method: 'POST',
        body: envelope.body,
        keepalive,
        referrerPolicy: 'strict-origin',
        signal: controller.signal,
        ...options.fetchOptions,
      })
        .then((response) => responseOf(response.status, (name) => response.headers.get(name)))
        .finally(done);
    },
  };
}
