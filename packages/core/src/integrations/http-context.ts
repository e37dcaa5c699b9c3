import type { Integration } from '../types';

/**
 * The page the event happened on: its URL at the capture call (the page may navigate before
 * the rest of the pipeline runs), User-Agent and Referer.
 */
export const httpContextIntegration = (): Integration => ({
  name: 'HttpContext',
  preprocessEvent(event) {
    // Server-side rendering imports the SDK too: there is no page to describe.
    if (typeof location == 'undefined') return;
    const request = event.request || {};
    const headers: Record<string, string> = { 'User-Agent': navigator.userAgent };
    if (document.referrer) headers.Referer = document.referrer;
    event.request = { url: location.href, ...request, headers: { ...headers, ...request.headers } };
  },
});
