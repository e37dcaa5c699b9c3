import type { Integration } from '../types';
import { redactUrl } from '../url';

/**
 * The page the event happened on: its URL (secrets redacted) at the capture call (the page may navigate before
 * the rest of the pipeline runs), User-Agent and Referer.
 */
export const httpContextIntegration = (): Integration => ({
  name: 'HttpContext',
  preprocessEvent(event) {
    // Server-side rendering imports the SDK too: there is no page to describe.
    if (typeof location == 'undefined') return;
    const request = event.request || {};
    // Secrets in the page's query or fragment (`?token=`, `#access_token=`) stay in the page.
    event.request = {
      url: redactUrl(location.href),
      ...request,
      headers: { 'User-Agent': navigator.userAgent, ...(document.referrer && { Referer: redactUrl(document.referrer) }), ...request.headers },
    };
  },
});
