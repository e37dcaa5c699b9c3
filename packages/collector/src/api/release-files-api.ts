import { HttpError } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { ReleaseFileRow } from '../store/artifacts';
import type { ApiContext } from './api-context';
import { iso } from './dates';
import { readForm } from './read-json';
import { ORG_OR_PROJECT, requireRelease, scopeOf } from './releases-api';
import type { Route, RouteContext } from './router';

const serializeFile = (f: ReleaseFileRow) => ({
  id: String(f.id),
  name: f.name,
  dist: f.dist || null,
  headers: f.headers,
  size: f.size,
  sha1: f.sha1,
  dateCreated: iso(f.created),
});

/** `Sourcemap: app.js.map` → `['Sourcemap', 'app.js.map']`; 400 for anything else, as Sentry answers. */
function parseHeaderField(text: string): [string, string] {
  const colon = text.indexOf(':');
  const key = text.slice(0, colon).trim();
  if (colon < 1 || !/^[A-Za-z0-9-]{1,64}$/.test(key)) throw new HttpError(400, 'header value was not formatted correctly');
  return [key, text.slice(colon + 1).trim()];
}

async function uploadFile(api: ApiContext, { req, res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  const release = requireRelease(api, org.id, params[3]);
  const form = await readForm(req, api.maxUploadBytes);
  const file = form.get('file');
  if (!file || typeof file == 'string') throw new HttpError(400, 'Missing uploaded file');
  const name = String(form.get('name') || file.name || '');
  if (!name || name.length > 2000) throw new HttpError(400, 'Invalid file name');
  const dist = String(form.get('dist') || '');
  if (dist.length > 64) throw new HttpError(400, 'dist: at most 64 characters');
  const headers: Record<string, string> = {};
  for (const h of form.getAll('header')) {
    const [k, v] = parseHeaderField(String(h));
    headers[k] = v;
  }
  const stored = api.artifacts.addReleaseFile(release.id, name, dist, headers, new Uint8Array(await file.arrayBuffer()));
  if (!stored) throw new HttpError(409, 'A file matching this name already exists for the given release');
  sendJson(res, 201, serializeFile(stored));
}

function listFiles(api: ApiContext, { res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  sendJson(res, 200, api.artifacts.listReleaseFiles(requireRelease(api, org.id, params[3]).id).map(serializeFile));
}

function getFile(api: ApiContext, { res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  const file = api.artifacts.listReleaseFiles(requireRelease(api, org.id, params[3]).id).find((f) => String(f.id) == params[4]);
  if (!file) throw new HttpError(404, 'The requested resource does not exist');
  sendJson(res, 200, serializeFile(file));
}

function deleteFile(api: ApiContext, { res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  const release = requireRelease(api, org.id, params[3]);
  if (!/^\d+$/.test(params[4]) || !api.artifacts.deleteReleaseFile(release.id, Number(params[4]))) throw new HttpError(404, 'The requested resource does not exist');
  res.writeHead(204).end();
}

export function releaseFileRoutes(api: ApiContext): Route[] {
  const list = new RegExp(`^/api/0/${ORG_OR_PROJECT}/releases/([^/]+)/files/$`);
  const one = new RegExp(`^/api/0/${ORG_OR_PROJECT}/releases/([^/]+)/files/([^/]+)/$`);
  return [
    ['POST', list, (c) => uploadFile(api, c)],
    ['GET', list, (c) => listFiles(api, c)],
    ['GET', one, (c) => getFile(api, c)],
    ['DELETE', one, (c) => deleteFile(api, c)],
  ];
}
