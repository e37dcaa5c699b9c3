import type { Logger } from './logger';
import { encodeMultipart, type Part } from './multipart';
import type { Transport, TransportResponse } from './transport';
import { UploadError } from './upload-error';

export interface ApiOptions {
  /** Base URL of the Sentry server, without `/api/0`. */
  url: string;
  authToken: string;
  transport: Transport;
  /** Retries after the first attempt, for 5xx, 429 and network errors. */
  retries: number;
  /** First retry delay in ms, doubled each time. */
  retryDelay: number;
  /** Per-request timeout in ms. */
  timeout: number;
  log: Logger;
}

export interface RequestSpec {
  /** Names the upload step in errors and debug lines. */
  step: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path under the server URL (`/api/0/...`) or an absolute URL. */
  path: string;
  json?: unknown;
  multipart?: readonly Part[];
  /** Statuses besides 2xx handed back to the caller instead of failing (409 = already there). */
  allow?: readonly number[];
}

export interface ApiResponse {
  status: number;
  body: string;
  /** The `Link` header, on paginated lists (`<url>; rel="next"; results="true"; …`). */
  link?: string;
  /** The body parsed as JSON, or `undefined`. */
  data: unknown;
}

export type Api = (spec: RequestSpec) => Promise<ApiResponse>;

/** Longest wait a 429's `Retry-After` may impose before we give up on it. */
const MAX_RETRY_AFTER_MS = 60_000;
const BODY_LIMIT = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isRetryable = (status: number) => status >= 500 || status == 429;

function retryAfterMs(response: TransportResponse): number | undefined {
  const value = response.headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Makes the one function every upload step sends through: bearer auth, JSON or multipart
 * bodies, a timeout per attempt, retries with exponential backoff (and `Retry-After`) on
 * 5xx/429/network errors. Other statuses fail at once with an `UploadError` naming the step.
 * The token never reaches an error: it is scrubbed from what the server answers.
 */
export function createApi(options: ApiOptions): Api {
  const base = options.url.replace(/\/+$/, '');
  const scrub = (text: string) => {
    const trimmed = text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}…` : text;
    return options.authToken ? trimmed.split(options.authToken).join('[token]') : trimmed;
  };

  return async (spec) => {
    const url = /^https?:\/\//.test(spec.path) ? spec.path : base + spec.path;
    const headers: Record<string, string> = { authorization: `Bearer ${options.authToken}` };
    let body: string | Uint8Array | undefined;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.multipart) {
      const encoded = encodeMultipart(spec.multipart);
      headers['content-type'] = encoded.contentType;
      body = encoded.body;
    }
    const where = `${spec.method} ${url}`;
    const attempts = options.retries + 1;

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let response: TransportResponse | undefined;
      let networkError = '';
      const signal = AbortSignal.timeout(options.timeout);
      try {
        // The race holds the timeout even for a transport that ignores the signal.
        response = await Promise.race([
          options.transport({ method: spec.method, url, headers, body, signal }),
          new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
        ]);
      } catch (e) {
        // Node's `http` puts the code (ECONNREFUSED…) on the error, `fetch` on its cause.
        const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
        networkError =
          err.name == 'TimeoutError' || err.name == 'AbortError'
            ? `timed out after ${options.timeout} ms`
            : err.code || (err.cause && (err.cause.code || err.cause.message)) || err.message || String(e);
      }
      options.log.debug(`${where} -> ${response ? response.status : networkError} (${Date.now() - started} ms)`);

      if (response && ((response.status >= 200 && response.status < 300) || (spec.allow || []).includes(response.status))) {
        return { status: response.status, body: response.body, data: parseJson(response.body), link: response.headers.link };
      }
      const retryable = !response || isRetryable(response.status);
      if (!retryable || attempt >= attempts) {
        throw new UploadError(spec.step, response && response.status, where, scrub(response ? response.body : networkError), attempt);
      }
      let delay = options.retryDelay * 2 ** (attempt - 1);
      const requested = response && response.status == 429 ? retryAfterMs(response) : undefined;
      if (requested !== undefined) {
        if (requested > MAX_RETRY_AFTER_MS) {
          throw new UploadError(spec.step, 429, where, scrub(`rate limited for ${Math.round(requested / 1000)} s: ${response!.body}`), attempt);
        }
        delay = Math.max(delay, requested);
      }
      options.log.debug(`${spec.step}: retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
      await sleep(delay);
    }
  };
}
