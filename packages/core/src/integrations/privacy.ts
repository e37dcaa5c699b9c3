import { matches } from '../misc';
import type { Event, Integration } from '../types';
import { redactUrl } from '../url';

const FILTERED = '[Filtered]';
/**
 * Keys whose values are secrets: a key is one when it contains one of these, in any case
 * (password, passwd, api_key, apikey, credentials, Authorization, XSRF-TOKEN, sessionId…).
 * Narrower than the list for URL parameters (`SECRET_KEYS` in url.ts): `code`, `key` and `sig`
 * mean secrets in a query string, but error codes and ids in data.
 */
export const SECRET_FIELDS = /pass|secret|token|api_?key|auth|credential|session|cookie|csrf|jwt/i;
/** Request headers that carry credentials: never sent, whatever their value. */
const CREDENTIAL_HEADERS = /^(authorization|cookie|set-cookie|proxy-authorization)$/i;
/** Strings read as URLs, whose secret parameters are redacted like every URL the SDK sends. */
const URL_LIKE = /^([\w+.-]+:\/\/|[/?])/;

/**
 * Privacy by default (`sendDefaultPii: false`, Sentry's option name): values under keys that
 * look like secrets (`SECRET_FIELDS`, plus `scrubKeys`) become `[Filtered]` in
 * `extra`, `contexts`, breadcrumb data and `request` data, at any depth, and secret parameters
 * of URL strings there and of `request.query_string` are redacted; credential headers and
 * cookies are removed, and no IP address is sent. With `sendDefaultPii: true` only `scrubKeys`
 * apply and the server fills `user.ip_address` (`{{auto}}`). Runs after the other integrations,
 * so `beforeSend` sees the scrubbed event and may still add what it wants.
 */
export const privacyIntegration = (): Integration => ({
  name: 'Privacy',
  processEvent(event, _hint, client) {
    const { sendDefaultPii, scrubKeys = [] } = client.getOptions();
    const isSecret = (key: string) => (!sendDefaultPii && SECRET_FIELDS.test(key)) || matches(key, scrubKeys);
    const scrub = (value: unknown): unknown => {
      if (typeof value == 'string') return !sendDefaultPii && URL_LIKE.test(value) ? redactUrl(value) : value;
      if (!value || typeof value != 'object') return value;
      // Events are normalised before integrations run: plain JSON data without cycles.
      const record = value as Record<string, unknown>;
      for (const key in record) record[key] = isSecret(key) ? FILTERED : scrub(record[key]);
      return value;
    };
    const crumbs = Array.isArray(event.breadcrumbs) ? event.breadcrumbs : event.breadcrumbs?.values || [];
    const request = event.request as (Event['request'] & { data?: unknown; cookies?: unknown }) | undefined;
    for (const data of [event.extra, event.contexts, request?.data, ...crumbs.map((crumb) => crumb.data)]) scrub(data);
    if (request && !sendDefaultPii) {
      delete request.cookies;
      for (const name in request.headers) if (CREDENTIAL_HEADERS.test(name)) delete request.headers[name];
      if (request.query_string) request.query_string = redactUrl(`?${request.query_string}`).slice(1);
    }
    const user = (event.user = event.user || {});
    if (sendDefaultPii) user.ip_address = user.ip_address || '{{auto}}';
    else delete user.ip_address;
    if (!Object.keys(user).length) delete event.user;
    return event;
  },
});
