import { gunzipSync } from 'node:zlib';
import { HttpError } from '../http/http-error';
import { sendJson } from '../http/respond';
import { sha1Hex } from '../store/artifacts';
import { requireOrg, type ApiContext } from './api-context';
import { readForm } from './read-json';
import type { Route, RouteContext } from './router';

export const CHUNK_SIZE = 8 * 1024 * 1024;
const CHUNKS_PER_REQUEST = 64;
const SHA1 = /^[0-9a-f]{40}$/;

/** What sentry-cli and our plugins read to decide how to upload. */
function chunkOptions(api: ApiContext, { res, params }: RouteContext) {
  const org = requireOrg(api, params[0]);
  sendJson(res, 200, {
    url: `${api.publicUrl()}/api/0/organizations/${encodeURIComponent(org.slug)}/chunk-upload/`,
    chunkSize: CHUNK_SIZE,
    chunksPerRequest: CHUNKS_PER_REQUEST,
    maxFileSize: api.maxUploadBytes,
    maxRequestSize: Math.min(api.maxUploadBytes, 32 * 1024 * 1024),
    concurrency: 4,
    hashAlgorithm: 'sha1',
    compression: ['gzip'],
    accept: ['release_files', 'artifact_bundles'],
  });
}

/** Chunks arrive as multipart `file` (or `file_gzip`) parts named by their sha1, which is checked. */
async function uploadChunks(api: ApiContext, { req, res, params }: RouteContext) {
  requireOrg(api, params[0]);
  const form = await readForm(req, Math.min(api.maxUploadBytes, 32 * 1024 * 1024) + 1024 * 1024);
  const parts = [...form.getAll('file').map((f) => [f, false] as const), ...form.getAll('file_gzip').map((f) => [f, true] as const)];
  if (parts.length > CHUNKS_PER_REQUEST) throw new HttpError(400, `at most ${CHUNKS_PER_REQUEST} chunks per request`);
  const chunks: Array<{ sha1: string; content: Uint8Array }> = [];
  for (const [file, gzipped] of parts) {
    if (typeof file == 'string') throw new HttpError(400, 'a chunk must be a file part');
    const raw = new Uint8Array(await file.arrayBuffer());
    let content: Uint8Array;
    try {
      content = gzipped ? gunzipSync(raw, { maxOutputLength: CHUNK_SIZE }) : raw;
    } catch {
      throw new HttpError(400, `chunk ${file.name.slice(0, 40)} is not valid gzip data within ${CHUNK_SIZE} bytes`);
    }
    if (content.length > CHUNK_SIZE) throw new HttpError(400, 'Chunk size too large');
    const sha1 = sha1Hex(content);
    if (!SHA1.test(file.name) || sha1 != file.name) throw new HttpError(400, `Checksum mismatch for chunk ${file.name.slice(0, 40)}`);
    chunks.push({ sha1, content });
  }
  api.chunks.put(chunks);
  sendJson(res, 200, {});
}

export function chunkUploadRoutes(api: ApiContext): Route[] {
  const path = /^\/api\/0\/organizations\/([^/]+)\/chunk-upload\/$/;
  return [
    ['GET', path, (c) => chunkOptions(api, c)],
    ['POST', path, (c) => uploadChunks(api, c)],
  ];
}
