import type { IncomingMessage } from 'node:http';

export interface IngestAuth {
  key?: string;
  /** Where the key came from. */
  via?: 'query' | 'header' | 'envelope';
  client?: string;
}

/** `Sentry sentry_key=abc, sentry_version=7, sentry_client=x/1` → its fields. */
export function parseAuthHeader(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = value.replace(/^\s*sentry\s+/i, '');
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** The DSN key from the `sentry_key` query parameter, else the `X-Sentry-Auth` header (or `Authorization: Sentry …`). */
export function authFromRequest(req: IncomingMessage, query: URLSearchParams): IngestAuth {
  const fromQuery = query.get('sentry_key');
  if (fromQuery) return { key: fromQuery, via: 'query', client: query.get('sentry_client') || undefined };
  const header = req.headers['x-sentry-auth'] || (/^\s*sentry\s/i.test(String(req.headers.authorization || '')) ? req.headers.authorization : undefined);
  if (typeof header == 'string') {
    const fields = parseAuthHeader(header);
    if (fields.sentry_key) return { key: fields.sentry_key, via: 'header', client: fields.sentry_client };
  }
  return {};
}

/** The key and project id of a DSN (`https://key@host/path/42`), as a tunnel forwards it in the envelope header. */
export function parseDsn(dsn: unknown): { key: string; projectId: string } | undefined {
  if (typeof dsn != 'string' || dsn.length > 2048) return undefined;
  try {
    const url = new URL(dsn);
    const projectId = url.pathname.split('/').filter(Boolean).pop();
    if (!url.username || !projectId) return undefined;
    return { key: decodeURIComponent(url.username), projectId };
  } catch {
    return undefined;
  }
}
