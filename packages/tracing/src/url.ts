/** The URL resolved against the page, as fetch and XHR resolve it (throws where they would fail). */
export const absoluteUrl = (url: string): string => new URL(url, document.baseURI).href;

/** Same-origin URLs shown as their path (as Sentry shows resources), others in full. */
export const shortUrl = (url: string): string => url.replace(location.origin + '/', '/');
