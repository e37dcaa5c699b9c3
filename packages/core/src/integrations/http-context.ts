import type { Integration } from '../types';

/** The page the event happened on: its URL at capture time, User-Agent and Referer. */
export const httpContextIntegration = (): Integration => ({
  name: 'HttpContext',
  processEvent(event) {
    // Server-side rendering imports the SDK too: there is no page to describe.
    if (typeof location == 'undefined') return event;
    const request = event.request || {};
    const headers: Record<string, string> = { 'User-Agent': navigator.userAgent };
    if (document.referrer) headers.Referer = document.referrer;
    event.request = { url: location.href, ...request, headers: { ...headers, ...request.headers } };
    return event;
  },
});
