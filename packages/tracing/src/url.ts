/** The URL resolved against the page, as fetch and XHR resolve it (throws where they would fail). */
export const absoluteUrl = (url: string): string => new URL(url, document.baseURI).href;

import { redactUrl } from '@faultline/core';

/** Same-origin URLs shown as their path (as Sentry shows resources), others in full; redacted by core's rule. */
export const shortUrl = (url: string): string => redactUrl(url.replace(location.origin + '/', '/'));
