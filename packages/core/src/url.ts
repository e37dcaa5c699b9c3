/**
 * Names whose values are secrets: a name is one when it contains one of these, in any case
 * (`api_key`, `apikey`, `passwd`, `X-Amz-Signature`, `jsessionid`, `access_token`, `XSRF-TOKEN`).
 * The one list for query, fragment and matrix (`;`) parameters of every URL the SDK sends
 * (fetch and XHR breadcrumbs, failed-request events, the page URL, `Referer`, navigation
 * breadcrumbs). Object keys have a narrower list (`SECRET_FIELDS` in integrations/privacy.ts),
 * written in the same order (`key` for its `api_?key`) so the bundle repeats it cheaply.
 */
export const SECRET_KEYS = /pass|secret|token|key|auth|credential|session|cookie|csrf|jwt|code|sig/i;

/**
 * The URL with credentials (`https://user:pass@host`) and the values of secret-looking
 * parameters replaced by `[Filtered]`. A `?` ends a value too, so `;v=1?token=x` or
 * `?next=/cb?token=x` cannot hide a token inside another value.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([\w+.-]+:\/\/)[^/?#@]*@/, '$1[Filtered]@')
    .replace(/([?&#;]([^=&#;]+)=)[^&#;?]*/g, (all, head, name) => (SECRET_KEYS.test(name) ? `${head}[Filtered]` : all));
}

/** The URL resolved against the page (fetch and XHR take relative ones); as given where that fails (no document: a worker). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return String(url);
  }
}
