import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRoutes, type Personality, type StoredBundle, type StoredRelease, type StoredReleaseFile } from './mock-sentry-api';

export type { Personality, StoredBundle, StoredRelease, StoredReleaseFile } from './mock-sentry-api';

// A local stand-in for Sentry's API on 127.0.0.1, port 0, enough for source map uploads (see
// mock-sentry-api.ts for the endpoints and personalities): checks the bearer token, records
// each request, adds latency, and answers scripted failures.

export interface MockSentryOptions {
  personality: Personality;
  token?: string;
  org?: string;
  /** Delay before each answer, in ms. */
  latency?: number;
  chunkSize?: number;
  chunksPerRequest?: number;
  maxRequestSize?: number;
  concurrency?: number;
  /** On the first assemble that has all chunks, forget one and ask for it again. */
  dropChunkOnFirstAssemble?: boolean;
  /** Page size of the release file list. @default 100 */
  releaseFilesPerPage?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** When the answer was sent (`Date.now()`). */
  at: number;
}

interface Failure {
  method?: string;
  path: RegExp;
  status: number;
  body: string;
  headers: Record<string, string>;
  times: number;
}

export interface MockSentry {
  url: string;
  token: string;
  requests: RecordedRequest[];
  releases: Map<string, StoredRelease>;
  releaseFiles: StoredReleaseFile[];
  chunks: Map<string, Buffer>;
  bundles: StoredBundle[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** Requests being answered now. */
  pending(): number;
  /** Answers the next `times` matching requests with `status` (after the auth check). */
  fail(rule: { method?: string; path: RegExp; status: number; body?: string; headers?: Record<string, string>; times?: number }): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startMockSentry(options: MockSentryOptions): Promise<MockSentry> {
  const {
    personality,
    token = 'test-token',
    org: knownOrg = 'acme',
    latency = 0,
    chunkSize = 8 * 1024 * 1024,
    chunksPerRequest = 64,
    maxRequestSize = 32 * 1024 * 1024,
    concurrency = 8,
  } = options;
  const failures: Failure[] = [];
  let inFlight = 0;

  const state = {
    url: '',
    token,
    requests: [] as RecordedRequest[],
    releases: new Map<string, StoredRelease>(),
    releaseFiles: [] as StoredReleaseFile[],
    chunks: new Map<string, Buffer>(),
    bundles: [] as StoredBundle[],
    maxInFlight: 0,
  };
  const route = createRoutes(state, { personality, org: knownOrg, chunkSize, chunksPerRequest, maxRequestSize, concurrency, dropChunkOnFirstAssemble: options.dropChunkOnFirstAssemble, releaseFilesPerPage: options.releaseFilesPerPage });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const path = (req.url || '/').replace(/\?.*$/, '');
    const method = req.method || 'GET';
    let status = 500;
    let payload: unknown = { detail: 'mock error' };
    let headers: Record<string, string> = {};
    try {
      const body = await readBody(req);
      if (latency) await sleep(latency);
      const failure = failures.find((f) => f.times > 0 && f.path.test(path) && (!f.method || f.method == method));
      if (req.headers.authorization != `Bearer ${token}`) {
        [status, payload] = [401, { detail: 'Invalid token' }];
      } else if (failure) {
        failure.times--;
        [status, payload, headers] = [failure.status, failure.body, failure.headers];
      } else {
        let extra: Record<string, string> | undefined;
        [status, payload, extra] = await route(req, path, body);
        headers = extra || {};
      }
    } catch (e) {
      payload = { detail: String(e) };
    }
    state.requests.push({ method, path, status, at: Date.now() });
    inFlight--;
    const text = typeof payload == 'string' ? payload : JSON.stringify(payload);
    if (status == 204) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': typeof payload == 'string' ? 'text/html' : 'application/json', ...headers });
    res.end(text);
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(state, {
    pending: () => inFlight,
    fail(rule: { method?: string; path: RegExp; status: number; body?: string; headers?: Record<string, string>; times?: number }) {
      failures.push({ method: rule.method, path: rule.path, status: rule.status, body: rule.body ?? `<html><body>${rule.status}</body></html>`, headers: rule.headers || {}, times: rule.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
