import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/http-error';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/respond';
import type { IngestWrites } from '../store/ingest-writes';
import type { ProjectStore } from '../store/projects';
import type { WriteBatch } from '../store/write-batch';
import type { Admission } from './admission';
import { authFromRequest, parseDsn } from './auth';
import { clientIp } from './client-ip';
import { answerPreflight, corsHeaders } from './cors';
import { parseEnvelope } from './parse-envelope';
import { readEnvelopeItems, readStoreBody, type IngestWork } from './read-items';
import type { RateLimiter } from './rate-limit';

export interface IngestContext {
  projects: ProjectStore;
  writes: IngestWrites;
  batch: WriteBatch;
  /** Holds events back while processing is too far behind. */
  admission: Admission;
  limiter: RateLimiter;
  trustProxy: boolean;
  /** Largest envelope accepted, after decompression (Relay: 20 MiB). */
  maxEnvelopeBytes: number;
}

export type IngestEndpoint = 'envelope' | 'store';

/** `/api/{id}/envelope/` or `/api/{id}/store/` (trailing slash optional). */
export const INGEST_PATH = /^\/api\/(\d{1,10})\/(envelope|store)\/?$/;

// Content types a browser can send without a preflight, and what SDKs and tunnels use.
const CONTENT_TYPES = new Set(['', 'text/plain', 'application/json', 'application/x-sentry-envelope', 'application/octet-stream']);

function checkContentType(req: IncomingMessage): void {
  const type = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (!CONTENT_TYPES.has(type)) throw new HttpError(415, `unsupported content type ${type.slice(0, 60)}: send text/plain, application/json or application/x-sentry-envelope`);
}

/** Finds the project and checks the key: 401 without a key, 403 for a wrong key or a disabled project. */
function authenticate(ctx: IngestContext, projectId: string, key: string | undefined) {
  if (!key) throw new HttpError(401, 'missing authorization information: give sentry_key in the query string or X-Sentry-Auth');
  const project = ctx.projects.get(Number(projectId));
  if (!project || project.publicKey != key) throw new HttpError(403, 'invalid api key');
  if (project.disabled) throw new HttpError(403, 'project is disabled');
  return project;
}

/**
 * One ingest request, as Relay answers it: authenticate, read and check every item, then write
 * it all in one group-committed transaction, and only then answer 200 with the event id.
 */
export async function handleIngest(ctx: IngestContext, req: IncomingMessage, res: ServerResponse, projectId: string, endpoint: IngestEndpoint, query: URLSearchParams): Promise<void> {
  const cors = corsHeaders(req);
  if (req.method == 'OPTIONS') return answerPreflight(req, res);
  try {
    if (req.method != 'POST') throw new HttpError(405, `use POST for /api/${projectId}/${endpoint}/`, { allow: 'POST, OPTIONS' });
    checkContentType(req);
    let auth = authFromRequest(req, query);
    // The key is checked before the body is read, unless only the envelope can carry it (tunnels).
    if (auth.key) authenticate(ctx, projectId, auth.key);
    const body = await readBody(req, ctx.maxEnvelopeBytes);
    const now = Date.now() / 1000;

    let work: IngestWork;
    if (endpoint == 'store') {
      work = readStoreBody(body, now);
    } else {
      const envelope = parseEnvelope(body);
      if (!auth.key) {
        const dsn = parseDsn(envelope.header.dsn);
        if (dsn && dsn.projectId != projectId) throw new HttpError(403, 'the envelope dsn names another project');
        auth = { key: dsn?.key, via: 'envelope' };
      }
      work = readEnvelopeItems(envelope, now);
    }
    const project = authenticate(ctx, projectId, auth.key);

    if (work.event) {
      const wait = ctx.limiter.take(project.id, 'error');
      if (wait) {
        throw new HttpError(429, 'event rate limit reached for this project', {
          'retry-after': String(wait),
          'x-sentry-rate-limits': `${wait}:error;default:project:project_quota`,
        });
      }
    }
    if (work.transaction) {
      const wait = ctx.limiter.take(project.id, 'transaction');
      if (wait) {
        throw new HttpError(429, 'transaction rate limit reached for this project', {
          'retry-after': String(wait),
          'x-sentry-rate-limits': `${wait}:transaction:project:project_quota`,
        });
      }
    }
    const ip = clientIp(req, ctx.trustProxy);
    const { writes, admission } = ctx;
    // Only events wait: they are what processing has to catch up with.
    const bytes = work.event ? work.event.payload.length : 0;
    if (bytes) await admission.admit(bytes);
    let queued = false;
    try {
      await ctx.batch.submit(() => {
        const pid = project.id;
        if (work.event) queued = writes.queueEvent({ projectId: pid, eventId: work.event.eventId, received: now, clientIp: ip, payload: work.event.payload, traceId: work.event.traceId });
        if (work.transaction) writes.storeTransaction(pid, now, work.transaction);
        for (const s of work.sessions) writes.countSessions({ projectId: pid, ...s });
        for (const d of work.discarded) writes.countDiscarded({ projectId: pid, ...d });
        for (const [type, n] of work.other) writes.countItems(pid, type, Math.floor(now / 3600) * 3600, n);
      });
    } catch (error) {
      if (bytes) admission.refund(bytes);
      throw error;
    }
    // Not queued after all (the event was there already): nothing to process.
    if (bytes && !queued) admission.refund(bytes);
    const id = work.event?.eventId ?? work.transaction?.eventId;
    sendJson(res, 200, id ? { id } : {}, cors);
  } catch (error) {
    const e = error instanceof HttpError ? error : new HttpError(503, 'the event could not be stored; try again');
    if (!(error instanceof HttpError)) console.error('faultline-collector: ingest failed:', error);
    sendJson(res, e.status, { detail: e.message }, { ...cors, 'x-sentry-error': e.message.slice(0, 200), ...e.headers });
  }
}
