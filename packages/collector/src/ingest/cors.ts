import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Browsers post from any origin, so ingest allows every origin (the DSN key is public anyway)
 * and exposes the headers an SDK reads to back off.
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': typeof req.headers.origin == 'string' ? req.headers.origin : '*',
    vary: 'Origin',
    'access-control-expose-headers': 'x-sentry-error, x-sentry-rate-limits, retry-after',
  };
}

/** The answer to a CORS preflight for the ingest endpoints. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'x-sentry-auth, x-requested-with, origin, accept, content-type, content-encoding, authorization, sentry-trace, baggage',
    'access-control-max-age': '3600',
    'content-length': '0',
  });
  res.end();
}
