// Core redacts URLs in what it sends; its helper is internal, so the same rule lives here.
const SECRET_KEYS = /token|auth|pass|secret|key|session|code|sig|credential|cookie|csrf|jwt/i;

/** The URL with credentials and the values of secret-looking parameters replaced by `[Filtered]`, as core does. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([\w+.-]+:\/\/)[^/?#@]*@/, '$1[Filtered]@')
    .replace(/([?&#;])([^=&#;]+)=([^&#;?]*)/g, (all, sep, name) => (SECRET_KEYS.test(name) ? `${sep}${name}=[Filtered]` : all));
}

/** The URL resolved against the page, as fetch and XHR resolve it (throws where they would fail). */
export const absoluteUrl = (url: string): string => new URL(url, document.baseURI).href;

/** Same-origin URLs shown as their path (as Sentry shows resources), others in full. */
export const shortUrl = (url: string): string => url.replace(location.origin + '/', '/');
