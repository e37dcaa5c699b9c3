import { HttpError } from '../http/http-error';
import { sendJson } from '../http/respond';
import { sha1Hex } from '../store/artifacts';
import { requireOrg, type ApiContext } from './api-context';
import { readBundle } from './read-bundle';
import { readJson } from './read-json';
import { requireRelease } from './releases-api';
import type { Route, RouteContext } from './router';

const SHA1 = /^[0-9a-f]{40}$/;

interface AssembleBody {
  checksum: string;
  chunks: string[];
}

function readAssembleBody(body: Record<string, unknown>): AssembleBody {
  const { checksum, chunks } = body;
  if (typeof checksum != 'string' || !SHA1.test(checksum)) throw new HttpError(400, 'checksum: a sha1 hex digest is required');
  if (!Array.isArray(chunks) || chunks.length > 10_000 || !chunks.every((c) => typeof c == 'string' && SHA1.test(c))) {
    throw new HttpError(400, 'chunks: a list of sha1 hex digests is required');
  }
  return { checksum, chunks };
}

/**
 * Sentry's assemble protocol: `not_found` with the `missingChunks` until every chunk is there,
 * then `created` (we assemble at once, so the next poll answers `ok`), or `error` with a detail.
 */
function assemble(api: ApiContext, kind: string, { checksum, chunks }: AssembleBody, store: (zip: Uint8Array) => void) {
  const job = api.chunks.job(checksum, kind);
  if (job) return { state: job.state, detail: job.detail, missingChunks: [] };
  const missing = api.chunks.missing(chunks);
  if (missing.length) return { state: 'not_found', detail: null, missingChunks: missing };
  const zip = Buffer.concat(chunks.map((c) => api.chunks.read(c)!));
  if (sha1Hex(zip) != checksum) {
    api.chunks.setJob(checksum, kind, 'error', 'Reported checksum mismatch');
    return { state: 'error', detail: 'Reported checksum mismatch', missingChunks: [] };
  }
  try {
    store(zip);
  } catch (e) {
    const detail = e instanceof HttpError ? e.message : 'the bundle could not be stored';
    api.chunks.setJob(checksum, kind, 'error', detail);
    return { state: 'error', detail, missingChunks: [] };
  }
  api.chunks.setJob(checksum, kind, 'ok');
  api.chunks.remove(chunks);
  return { state: 'created', detail: null, missingChunks: [] };
}

async function assembleArtifactBundle(api: ApiContext, { req, res, params }: RouteContext) {
  const org = requireOrg(api, params[0]);
  const body = await readJson(req);
  const request = readAssembleBody(body);
  if (!Array.isArray(body.projects) || !body.projects.length) throw new HttpError(400, 'projects: this field is required');
  const projectIds = body.projects.map((slug) => {
    const p = typeof slug == 'string' ? api.projects.bySlug(org.slug, slug) : undefined;
    if (!p) throw new HttpError(400, `projects: invalid project slug ${JSON.stringify(slug).slice(0, 80)}`);
    return p.id;
  });
  const version = typeof body.version == 'string' ? body.version : '';
  const dist = typeof body.dist == 'string' ? body.dist : '';
  sendJson(res, 200, assemble(api, 'artifact_bundle', request, (zip) => {
    const { entries } = readBundle(zip);
    api.artifacts.addBundle(org.id, request.checksum, projectIds, version, dist, entries);
  }));
}

/** The older release-bundle form (21.x–23.5): the zip's files become release files of the release. */
async function assembleReleaseBundle(api: ApiContext, { req, res, params }: RouteContext) {
  const org = requireOrg(api, params[0]);
  const release = requireRelease(api, org.id, params[1]);
  const body = await readJson(req);
  const request = readAssembleBody(body);
  sendJson(res, 200, assemble(api, `release:${release.id}`, request, (zip) => {
    const { entries, manifest } = readBundle(zip);
    const dist = typeof body.dist == 'string' ? body.dist : typeof manifest.dist == 'string' ? manifest.dist : '';
    api.db.transaction(() => {
      for (const e of entries) api.artifacts.addReleaseFile(release.id, e.url, dist, e.headers, e.content);
    }).immediate();
  }));
}

export function assembleRoutes(api: ApiContext): Route[] {
  return [
    ['POST', /^\/api\/0\/organizations\/([^/]+)\/artifactbundle\/assemble\/$/, (c) => assembleArtifactBundle(api, c)],
    ['POST', /^\/api\/0\/organizations\/([^/]+)\/releases\/([^/]+)\/assemble\/$/, (c) => assembleReleaseBundle(api, c)],
  ];
}
