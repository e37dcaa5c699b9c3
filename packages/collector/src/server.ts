import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assembleRoutes } from './api/assemble-api';
import { chunkUploadRoutes } from './api/chunk-upload-api';
import type { ApiContext } from './api/api-context';
import { issueRoutes } from './api/issues-api';
import { performanceRoutes } from './api/performance-api';
import { projectRoutes } from './api/projects-api';
import { releaseFileRoutes } from './api/release-files-api';
import { releaseRoutes } from './api/releases-api';
import { requireToken } from './api/require-token';
import { matchRoute, type Route } from './api/router';
import { HttpError } from './http/http-error';
import { sendJson } from './http/respond';
import type { Project } from './store/projects';
import { handleIngest, INGEST_PATH, type IngestContext } from './ingest/ingest-handler';
import { isUiPath } from './ui/ui-routes';
import type { UiHandler } from './ui/create-ui';

/** Longest request line + headers Node reads before answering 431 (Node's default is 16 KiB). */
const MAX_HEADER_BYTES = 32 * 1024;

function sendError(res: ServerResponse, error: unknown): void {
  const e = error instanceof HttpError ? error : new HttpError(500, 'internal server error');
  if (!(error instanceof HttpError)) console.error('faultline-collector:', error);
  if (res.headersSent) return void res.destroy();
  // A refused body may still be arriving: close the connection rather than read it all.
  const close: Record<string, string> = e.status == 413 ? { connection: 'close' } : {};
  sendJson(res, e.status, { detail: e.message }, { ...e.headers, ...close });
}

/** Serves a request handler with the collector's limits; garbage instead of HTTP gets a 400, nothing more. */
function serve(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 60_000 }, (req, res) => {
    handle(req, res).catch((error) => sendError(res, error));
  });
  // A client that sends garbage instead of HTTP gets a 400 and is disconnected, nothing more.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code == 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  return server;
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url || '/', 'http://collector');
  } catch {
    throw new HttpError(400, 'invalid request URL');
  }
}

/**
 * The `--public-ingest` listener: only the ingest routes (envelope, store, their OPTIONS
 * preflight) and 404 for everything else, so the UI and API never face the internet.
 */
export function createIngestServer(ingest: IngestContext): Server {
  return serve(async (req, res) => {
    const url = requestUrl(req);
    const match = INGEST_PATH.exec(url.pathname);
    if (!match) throw new HttpError(404, 'The requested resource does not exist');
    return handleIngest(ingest, req, res, match[1], match[2] as 'envelope' | 'store', url.searchParams);
  });
}

export interface PublicIngest {
  /** `host:port` it listens on, as a DSN names it. */
  address: string;
  /** Stops accepting, lets requests in flight finish (cut after 10 s). */
  close(): Promise<void>;
}

/** Starts the ingest-only listener on `HOST:PORT` (port 0 picks one; `[::1]:9000` for IPv6). */
export async function listenPublicIngest(ingest: IngestContext, hostPort: string): Promise<PublicIngest> {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(hostPort);
  if (!m) throw new Error(`--public-ingest must be HOST:PORT, not ${hostPort}`);
  const server = createIngestServer(ingest);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(Number(m[3]), m[1] ?? m[2], () => ok());
  });
  const { address, port } = server.address() as AddressInfo;
  // A name given with a fixed port is what browsers use; a wildcard or port 0 is replaced by what was bound.
  const wildcard = address == '0.0.0.0' || address == '::';
  const shown = wildcard ? '127.0.0.1' : address;
  return {
    address: Number(m[3]) && !wildcard ? hostPort : `${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      }),
  };
}

/**
 * One handler for everything on the port: ingest (`/api/{id}/envelope|store/`, DSN-key auth),
 * the token-protected API (`/api/0/…`), the web UI when given, and a health check. Errors map to
 * status codes in one place.
 */
export function createCollectorServer(ingest: IngestContext, api: ApiContext, dsnFor: (p: Project) => string, ui?: UiHandler): Server {
  const routes: Route[] = [
    ...projectRoutes(api, dsnFor),
    ...releaseRoutes(api),
    ...releaseFileRoutes(api),
    ...chunkUploadRoutes(api),
    ...assembleRoutes(api),
    ...issueRoutes(api),
    ...performanceRoutes(api),
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const path = url.pathname;
    const method = req.method || 'GET';
    const ingestMatch = INGEST_PATH.exec(path);
    if (ingestMatch) return handleIngest(ingest, req, res, ingestMatch[1], ingestMatch[2] as 'envelope' | 'store', url.searchParams);
    if (path == '/healthz' || path == '/api/relay/healthcheck/ready/') return sendJson(res, 200, { ok: true });
    if (path.startsWith('/api/0/')) {
      const found = matchRoute(routes, method, path);
      if (!('handler' in found)) {
        if (found.allowed.length) throw new HttpError(405, `Method "${method}" not allowed.`, { allow: found.allowed.join(', ') });
        requireToken(req, api.projects);
        throw new HttpError(404, 'The requested resource does not exist');
      }
      requireToken(req, api.projects);
      return found.handler({ req, res, params: found.params, query: url.searchParams });
    }
    if (ui && isUiPath(path)) return ui(req, res, url);
    throw new HttpError(404, 'The requested resource does not exist');
  }

  return serve(handle);
}
