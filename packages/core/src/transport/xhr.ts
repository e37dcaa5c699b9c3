import type { Envelope, Transport, TransportOptions, TransportResponse } from '../types';

/** Sends with XMLHttpRequest, for browsers without fetch. */
export function makeXhrTransport(_options: TransportOptions): Transport {
  const NativeXhr = XMLHttpRequest;
  return {
    send(envelope: Envelope): Promise<TransportResponse> {
      return new Promise((resolve, reject) => {
        const xhr = new NativeXhr();
        xhr.onerror = () => reject(new Error('XHR network error'));
        xhr.onreadystatechange = () => {
          if (xhr.readyState == 4 && xhr.status) {
            resolve({
              statusCode: xhr.status,
              headers: {
                'retry-after': xhr.getResponseHeader('Retry-After'),
                'x-sentry-rate-limits': xhr.getResponseHeader('X-Sentry-Rate-Limits'),
              },
            });
          }
        };
        xhr.open('POST', envelope.url);
        xhr.send(envelope.body);
      });
    },
  };
}
