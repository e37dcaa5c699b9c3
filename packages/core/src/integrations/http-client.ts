import { onHttp } from '../instrument/http';
import { matches } from '../misc';
import { describe } from '../normalize';
import { redactUrl } from '../url';
import type { Integration } from '../types';

export interface HttpClientOptions {
  /**
   * Responses with these statuses become events; a pair is an inclusive range.
   * Also settable in `init`. @default [[500, 599]]
   * @example httpClientIntegration({ failedRequestStatusCodes: [[400, 599]] })
   */
  failedRequestStatusCodes?: Array<number | [number, number]>;
  /** Only requests whose URL matches are reported. Also settable in `init`. @default [/.*\/] */
  failedRequestTargets?: Array<string | RegExp>;
}

/**
 * Reports failed fetch and XHR requests (server errors and network failures) as events with
 * the method, the URL (secrets redacted), the status and the duration. Aborted requests, the
 * SDK's own requests and opaque responses (`mode: 'no-cors'`: status 0, no error) are never reported.
 */
export const httpClientIntegration = (options: HttpClientOptions = {}): Integration => ({
  name: 'HttpClient',
  setup(client) {
    const init = client.getOptions();
    const codes = options.failedRequestStatusCodes || init.failedRequestStatusCodes || [[500, 599]];
    const targets = options.failedRequestTargets || init.failedRequestTargets;
    return onHttp(({ method, url, status, error, duration }) => {
      const failed = status ? codes.some((c) => (typeof c == 'number' ? c == status : status >= c[0] && status <= c[1])) : !!error && error != 'abort' && (error as Error).name != 'AbortError';
      if (!failed || client.isOwnRequest(url) || (targets && !matches(url, targets))) return;
      client.captureEvent({
        exception: {
          values: [{
            type: 'Error',
            value: status ? `HTTP Client Error with status code: ${status}` : `HTTP Client Error: ${describe(error)}`,
            mechanism: { type: 'http.client', handled: false },
          }],
        },
        request: { url: redactUrl(url), method },
        contexts: status ? { response: { status_code: status } } : {},
        extra: { duration_ms: duration },
      });
    });
  },
});
