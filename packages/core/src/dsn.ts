import { DEBUG } from './debug-build';
import { SDK_NAME, SDK_VERSION } from './version';

/** The parts of `{scheme}://{publicKey}@{host}[:{port}]/{path/}{projectId}`. */
export interface Dsn {
  protocol: 'http' | 'https';
  publicKey: string;
  /** Host with its port, if any. */
  host: string;
  /** Path before the project id, without slashes at either end ('' when none). */
  path: string;
  projectId: string;
}

/** Parses a DSN; returns why it is not one (the bare DSN in the CDN build) instead of throwing. */
export const parseDsn = (dsn: unknown): Dsn | string => {
  if (typeof dsn != 'string' || !dsn) return 'no DSN given';
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return DEBUG ? `"${dsn}" is not a URL` : dsn;
  }
  const protocol = url.protocol.slice(0, -1) as Dsn['protocol'];
  if (!/^https?$/.test(protocol)) return DEBUG ? `unsupported scheme "${protocol}"` : dsn;
  if (!url.username) return DEBUG ? 'the public key (before "@") is missing' : dsn;
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!projectId || !/^\d+$/.test(projectId)) return DEBUG ? 'the project id (last path segment) must be a number' : dsn;
  return { protocol, publicKey: url.username, host: url.host, path: segments.join('/'), projectId };
};

/**
 * The ingest URL for an endpoint, authenticated in the query string: custom headers
 * would make every send a CORS preflight.
 */
export const ingestUrl = (dsn: Dsn, endpoint: 'envelope' | 'store'): string => {
  return `${dsn.protocol}://${dsn.host}/${dsn.path ? dsn.path + '/' : ''}api/${dsn.projectId}/${endpoint}/?sentry_key=${encodeURIComponent(dsn.publicKey)}&sentry_version=7&sentry_client=${SDK_NAME}%2F${SDK_VERSION}`;
};

/** The DSN written back, without a secret key (tunnels read it from the envelope header). */
export const dsnToString = (dsn: Dsn): string => `${dsn.protocol}://${dsn.publicKey}@${dsn.host}/${dsn.path ? dsn.path + '/' : ''}${dsn.projectId}`;
