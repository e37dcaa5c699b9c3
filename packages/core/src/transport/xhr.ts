import type { Envelope, Transport, TransportOptions, TransportResponse } from '../types';
import { DEBUG } from '../debug-build';
import { responseOf } from './response';

/**
 * Sends with XMLHttpRequest, for browsers without fetch. Every ending settles the send (a
 * load with a status; an error, abort or time-out as a network error), so no request can hold
 * one of the dispatcher's slots for ever.
 */
export function makeXhrTransport(options: TransportOptions): Transport {
  const NativeXhr = XMLHttpRequest;
  return {
    send(envelope: Envelope): Promise<TransportResponse> {
      return new Promise((resolve, reject) => {
        const xhr = new NativeXhr();
        xhr.onloadend = () =>
          xhr.status ? resolve(responseOf(xhr.status, (name) => xhr.getResponseHeader(name))) : reject(new Error(DEBUG ? 'XHR failed: no response (error, abort or time-out)' : ''));
        xhr.open('POST', envelope.url);
        // undefined is 0: no time-out.
        xhr.timeout = options.timeout as number;
        xhr.send(envelope.body);
      });
    },
  };
}
