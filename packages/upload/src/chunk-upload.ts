import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Api } from './http';
import type { Logger } from './logger';
import type { Part } from './multipart';
import { runPool } from './pool';
import { UploadError } from './upload-error';

/** The server's answer to `GET /api/0/organizations/{org}/chunk-upload/`. */
export interface ChunkUploadOptions {
  url: string;
  chunkSize: number;
  chunksPerRequest: number;
  maxRequestSize: number;
  concurrency: number;
  hashAlgorithm: string;
  compression: string[];
  accept: string[];
}

export interface AssembleRequest {
  org: string;
  projects: string[];
  version?: string;
  dist?: string;
}

export interface ChunkUploadStats {
  chunks: number;
  /** Chunks the server asked for (fewer than `chunks` when it had some already). */
  sent: number;
  requests: number;
  /** Bytes on the wire (compressed when the server takes gzip). */
  bytes: number;
}

const ASSEMBLE_TIMEOUT_MS = 5 * 60_000;
const MAX_UPLOAD_ROUNDS = 3;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');
// In zlib's thread pool: gzipping chunks of a big bundle leaves the build's event loop free.
const gzipAsync = promisify(gzipCallback);

/** The server's chunk-upload settings, or `undefined` when it has no such endpoint (404/405). */
export async function getChunkUploadOptions(api: Api, org: string): Promise<ChunkUploadOptions | undefined> {
  const step = 'check chunk upload';
  const path = `/api/0/organizations/${encodeURIComponent(org)}/chunk-upload/`;
  const { status, body, data } = await api({ step, method: 'GET', path, allow: [404, 405] });
  if (status == 404 || status == 405) return undefined;
  const o = data as Partial<ChunkUploadOptions> | undefined;
  if (!o || typeof o != 'object' || typeof o.url != 'string' || !(Number(o.chunkSize) > 0)) {
    throw new UploadError(step, status, `GET ${path}`, `unexpected answer: ${body.slice(0, 200)}`);
  }
  return {
    url: o.url,
    chunkSize: Number(o.chunkSize),
    chunksPerRequest: Math.max(1, Number(o.chunksPerRequest) || 1),
    maxRequestSize: Number(o.maxRequestSize) || Number(o.chunkSize),
    concurrency: Math.max(1, Number(o.concurrency) || 1),
    hashAlgorithm: String(o.hashAlgorithm || 'sha1'),
    compression: Array.isArray(o.compression) ? o.compression : [],
    accept: Array.isArray(o.accept) ? o.accept : [],
  };
}

/** Groups chunks into requests within the server's count and size limits (sizes before compression, as the server checks them). */
export function planRequests(sizes: readonly number[], limits: Pick<ChunkUploadOptions, 'chunksPerRequest' | 'maxRequestSize'>): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, index) => {
    if (current.length && (current.length >= limits.chunksPerRequest || bytes + size > limits.maxRequestSize)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length) groups.push(current);
  return groups;
}

/**
 * Uploads an artifact bundle: asks `assemble` which chunks the server lacks (a one-chunk bundle
 * is just sent), sends those (sha1 names, gzip when offered, grouped and in parallel within the
 * server's limits), then polls `assemble` until the bundle is `ok`, sending chunks again if the
 * server asks for them.
 */
export async function uploadArtifactBundle(
  api: Api,
  server: ChunkUploadOptions,
  zip: Buffer,
  target: AssembleRequest,
  concurrency: number,
  log: Logger,
): Promise<ChunkUploadStats> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < zip.length; i += server.chunkSize) chunks.push(zip.subarray(i, i + server.chunkSize));
  if (!chunks.length) chunks.push(zip);
  const checksums = chunks.map(sha1);
  const byChecksum = new Map(checksums.map((c, i) => [c, chunks[i]]));
  const gzip = server.compression.includes('gzip');
  const stats: ChunkUploadStats = { chunks: chunks.length, sent: 0, requests: 0, bytes: 0 };

  const sendChunks = async (wanted: string[]) => {
    const missing = wanted.filter((c) => byChecksum.has(c));
    if (missing.length < wanted.length) {
      throw new UploadError('assemble artifact bundle', undefined, `POST ${server.url}`, `server asked for chunks that are not in this bundle: ${wanted.filter((c) => !byChecksum.has(c)).join(', ')}`);
    }
    const groups = planRequests(missing.map((c) => byChecksum.get(c)!.length), server);
    await runPool(groups, Math.min(concurrency, server.concurrency), async (group) => {
      const parts: Part[] = await Promise.all(
        group.map(async (i): Promise<Part> => {
          const data = byChecksum.get(missing[i])!;
          const body = gzip ? await gzipAsync(data, { level: 1 }) : data;
          stats.bytes += body.length;
          return { name: gzip ? 'file_gzip' : 'file', filename: missing[i], data: body };
        }),
      );
      stats.requests++;
      await api({ step: `upload ${group.length} of ${missing.length} chunks`, method: 'POST', path: server.url, multipart: parts });
    });
    stats.sent += missing.length;
  };

  const path = `/api/0/organizations/${encodeURIComponent(target.org)}/artifactbundle/assemble/`;
  const body = {
    checksum: sha1(zip),
    chunks: checksums,
    projects: target.projects,
    ...(target.version ? { version: target.version } : {}),
    ...(target.dist ? { dist: target.dist } : {}),
  };
  const deadline = Date.now() + ASSEMBLE_TIMEOUT_MS;
  let rounds = 0;
  // The first poll right away: a small bundle is often assembled by the time `created` arrives
  // (the collector, Sentry's task queue when idle); then 50 ms, doubling up to 2 s.
  let delay = 0;
  // A bundle of one chunk costs about one round trip to send: send it rather than ask which
  // chunks the server lacks. Bigger bundles ask first, so a re-upload sends only what changed.
  if (chunks.length == 1) {
    await sendChunks(checksums);
    rounds++;
  }
  for (;;) {
    const response = await api({ step: 'assemble artifact bundle', method: 'POST', path, json: body });
    const answer = (response.data || {}) as { state?: string; missingChunks?: string[]; detail?: string };
    if (answer.state == 'ok') return stats;
    if (answer.state == 'error' || !answer.state) {
      throw new UploadError('assemble artifact bundle', response.status, `POST ${path}`, answer.detail || response.body || 'no state in answer');
    }
    const missing = answer.missingChunks || [];
    if (missing.length) {
      if (++rounds > MAX_UPLOAD_ROUNDS) {
        throw new UploadError('assemble artifact bundle', response.status, `POST ${path}`, `server still misses ${missing.length} chunks after ${MAX_UPLOAD_ROUNDS} uploads`);
      }
      await sendChunks(missing);
      continue;
    }
    if (Date.now() > deadline) {
      throw new UploadError('assemble artifact bundle', response.status, `POST ${path}`, `still "${answer.state}" after ${ASSEMBLE_TIMEOUT_MS / 1000} s`);
    }
    log.debug(`artifact bundle ${answer.state}: polling again in ${delay} ms`);
    await sleep(delay);
    delay = Math.min(Math.max(delay * 2, 50), 2000);
  }
}
