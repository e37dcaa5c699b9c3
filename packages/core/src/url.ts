/**
 * Query, fragment and matrix (`;`) parameters whose values are secrets: a parameter is
 * redacted when its name contains one of these, in any case (`api_key`, `X-Amz-Signature`,
 * `jsessionid`, `access_token`). The one list for every URL the SDK sends: fetch and XHR
 * breadcrumbs, failed-request events, the page URL (`request.url`, `Referer`) and navigation
 * breadcrumbs.
 */
const SENSITIVE_URL_KEYS = /token|auth|pass|secret|key|session|code|sig|credential/i;

/**
 * The URL with credentials (`https://user:pass@host`) and the values of secret-looking
 * parameters replaced by `[Filtered]`. A `?` ends a value too, so `;v=1?token=x` or
 * `?next=/cb?token=x` cannot hide a token inside another value.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([\w+.-]+:\/\/)[^/?#@]*@/, '$1[Filtered]@')
    .replace(/([?&#;])([^=&#;]+)=([^&#;?]*)/g, (all, sep, name) => (SENSITIVE_URL_KEYS.test(name) ? `${sep}${name}=[Filtered]` : all));
}

/** The URL resolved against the page (fetch and XHR take relative ones); as given where that fails (no document: a worker). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return String(url);
  }
}
