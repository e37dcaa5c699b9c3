import { HttpError } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { Release } from '../store/releases';
import { requireOrg, requireProject, type ApiContext } from './api-context';
import { iso, parseTime } from './dates';
import { readJson } from './read-json';
import type { Route, RouteContext } from './router';

/** `organizations/{org}` or `projects/{org}/{project}`: Sentry serves releases under both. */
export const ORG_OR_PROJECT = String.raw`(?:organizations/([^/]+)|projects/([^/]+)/([^/]+))`;

/** A release as Sentry's API serializes it (sentry-cli reads several of these fields). */
export function serializeRelease(r: Release) {
  const deploy = r.lastDeploy;
  return {
    version: r.version,
    shortVersion: r.version,
    ref: r.ref,
    url: r.url,
    dateCreated: iso(r.created),
    dateReleased: iso(r.released),
    dateStarted: null,
    data: {},
    newGroups: 0,
    owner: null,
    commitCount: 0,
    lastCommit: null,
    deployCount: r.deployCount,
    lastDeploy: deploy && { id: String(deploy.id), environment: deploy.environment, name: deploy.name, url: deploy.url, dateStarted: iso(deploy.started), dateFinished: iso(deploy.finished) },
    authors: [],
    projects: r.projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, newGroups: 0, platform: 'javascript', platforms: ['javascript'] })),
    firstEvent: null,
    lastEvent: null,
    status: 'open',
  };
}

const VERSION = /^[^\n\r\f\t/\\]{1,200}$/;

/** The org and (for project-scoped paths) project of `/organizations/{org}/…` or `/projects/{org}/{project}/…`. */
export function scopeOf(api: ApiContext, params: string[]) {
  const [org, projectOrg, project] = params;
  if (org) return { org: requireOrg(api, org), project: undefined };
  return { org: requireOrg(api, projectOrg), project: requireProject(api, projectOrg, project) };
}

export function requireRelease(api: ApiContext, orgId: number, version: string): Release {
  const release = api.releases.get(orgId, version);
  if (!release) throw new HttpError(404, 'The requested resource does not exist');
  return release;
}

async function createRelease(api: ApiContext, { req, res, params }: RouteContext) {
  const { org, project } = scopeOf(api, params);
  const body = await readJson(req);
  const version = body.version;
  if (typeof version != 'string' || !VERSION.test(version) || version == '.' || version == '..') {
    throw new HttpError(400, 'version: a release version of 1 to 200 characters without slashes or newlines is required');
  }
  const slugs = project ? [project.slug] : Array.isArray(body.projects) ? body.projects : [];
  if (!slugs.length) throw new HttpError(400, 'projects: this field is required');
  const ids = slugs.map((slug) => {
    const p = typeof slug == 'string' ? api.projects.bySlug(org.slug, slug) : undefined;
    if (!p) throw new HttpError(400, `projects: invalid project slug ${JSON.stringify(slug).slice(0, 80)}`);
    return p.id;
  });
  const { release, created } = api.releases.upsert(org.id, version, ids, {
    ref: typeof body.ref == 'string' ? body.ref : undefined,
    url: typeof body.url == 'string' ? body.url : undefined,
    released: parseTime(body.dateReleased),
  });
  sendJson(res, created ? 201 : 208, serializeRelease(release));
}

function listReleases(api: ApiContext, { res, params }: RouteContext) {
  const { org, project } = scopeOf(api, params);
  sendJson(res, 200, api.releases.list(org.id, project?.id).map(serializeRelease));
}

function getRelease(api: ApiContext, { res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  sendJson(res, 200, serializeRelease(requireRelease(api, org.id, params[3])));
}

async function updateRelease(api: ApiContext, { req, res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  const release = requireRelease(api, org.id, params[3]);
  const body = await readJson(req);
  const released = body.dateReleased === undefined ? undefined : parseTime(body.dateReleased);
  if (body.dateReleased !== undefined && released === undefined) throw new HttpError(400, 'dateReleased: not a valid date');
  sendJson(res, 200, serializeRelease(api.releases.update(release, { released, ref: typeof body.ref == 'string' ? body.ref : undefined, url: typeof body.url == 'string' ? body.url : undefined })));
}

function deleteRelease(api: ApiContext, { res, params }: RouteContext) {
  const { org } = scopeOf(api, params);
  // Its files go with it (cascade); the schema's triggers tell symbolication to forget them.
  api.releases.remove(requireRelease(api, org.id, params[3]));
  res.writeHead(204).end();
}

const serializeDeploy = (d: { id: number; environment: string; name: string | null; url: string | null; started: number | null; finished: number }) => ({
  id: String(d.id),
  environment: d.environment,
  name: d.name,
  url: d.url,
  dateStarted: iso(d.started),
  dateFinished: iso(d.finished),
});

async function createDeploy(api: ApiContext, { req, res, params }: RouteContext) {
  const release = requireRelease(api, requireOrg(api, params[0]).id, params[1]);
  const body = await readJson(req);
  if (typeof body.environment != 'string' || !body.environment || body.environment.length > 64) throw new HttpError(400, 'environment: this field is required');
  const deploy = api.releases.addDeploy(release, {
    environment: body.environment,
    name: typeof body.name == 'string' ? body.name : undefined,
    url: typeof body.url == 'string' ? body.url : undefined,
    started: parseTime(body.dateStarted),
    finished: parseTime(body.dateFinished),
  });
  sendJson(res, 201, serializeDeploy(deploy));
}

function listDeploys(api: ApiContext, { res, params }: RouteContext) {
  const release = requireRelease(api, requireOrg(api, params[0]).id, params[1]);
  sendJson(res, 200, api.releases.deploys(release).map(serializeDeploy));
}

export function releaseRoutes(api: ApiContext): Route[] {
  const list = new RegExp(`^/api/0/${ORG_OR_PROJECT}/releases/$`);
  const one = new RegExp(`^/api/0/${ORG_OR_PROJECT}/releases/([^/]+)/$`);
  const deploys = /^\/api\/0\/organizations\/([^/]+)\/releases\/([^/]+)\/deploys\/$/;
  return [
    ['POST', list, (c) => createRelease(api, c)],
    ['GET', list, (c) => listReleases(api, c)],
    ['GET', one, (c) => getRelease(api, c)],
    ['PUT', one, (c) => updateRelease(api, c)],
    ['DELETE', one, (c) => deleteRelease(api, c)],
    ['POST', deploys, (c) => createDeploy(api, c)],
    ['GET', deploys, (c) => listDeploys(api, c)],
  ];
}
