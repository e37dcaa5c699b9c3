import type { Integration } from '../types';

/** The page the event happened on: its URL at capture time, User-Agent and Referer. */
export const httpContextIntegration = (): Integration => ({
  name: 'HttpContext',
  processEvent(event) {
    if (typeof location == 'undefined' && typeof navigator == 'undefined') return event;
    const request = { ...event.request };
    const headers: Record<string, string> = { ...request.headers };
    if (typeof location != 'undefined' && !request.url) request.url = location.href;
    if (typeof navigator != 'undefined' && navigator.userAgent) headers['User-Agent'] = navigator.userAgent;
    if (typeof document != 'undefined' && document.referrer) headers.Referer = document.referrer;
    request.headers = headers;
    event.request = request;
    return event;
  },
});
