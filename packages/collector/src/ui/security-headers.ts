/**
 * Headers on every UI response. The CSP allows our own stylesheet and script only: no inline
 * script or style, no plugins, no framing, forms post only to us, and no request leaves the
 * collector (so injected markup, were any to get through, could not load or send anything).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};
