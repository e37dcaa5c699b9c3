import { sendJson } from '../http/respond';
import type { Project } from '../store/projects';
import { requireOrg, requireProject, type ApiContext } from './api-context';
import type { Route } from './router';

const serializeOrg = (org: { id: number; slug: string; name: string }) => ({ id: String(org.id), slug: org.slug, name: org.name, status: { id: 'active', name: 'active' } });

const serializeProject = (p: Project) => ({ id: String(p.id), slug: p.slug, name: p.name, platform: 'javascript', status: p.disabled ? 'disabled' : 'active', organization: { slug: p.orgSlug } });

/** Organizations, projects and DSN keys, in Sentry's shapes: what tools read to find a DSN. */
export function projectRoutes(api: ApiContext, dsnFor: (p: Project) => string): Route[] {
  const orgs = () => [...new Set(api.projects.list().map((p) => p.orgSlug))].map((slug) => api.projects.org(slug)!);
  return [
    ['GET', /^\/api\/0\/organizations\/$/, ({ res }) => sendJson(res, 200, orgs().map(serializeOrg))],
    ['GET', /^\/api\/0\/organizations\/([^/]+)\/$/, ({ res, params }) => sendJson(res, 200, serializeOrg(requireOrg(api, params[0])))],
    ['GET', /^\/api\/0\/organizations\/([^/]+)\/projects\/$/, ({ res, params }) => {
      const org = requireOrg(api, params[0]);
      sendJson(res, 200, api.projects.list().filter((p) => p.orgId == org.id).map(serializeProject));
    }],
    ['GET', /^\/api\/0\/projects\/$/, ({ res }) => sendJson(res, 200, api.projects.list().map(serializeProject))],
    ['GET', /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/$/, ({ res, params }) => sendJson(res, 200, serializeProject(requireProject(api, params[0], params[1])))],
    ['GET', /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/keys\/$/, ({ res, params }) => {
      const p = requireProject(api, params[0], params[1]);
      const dsn = dsnFor(p);
      sendJson(res, 200, [{ id: p.publicKey, name: 'Default', public: p.publicKey, isActive: !p.disabled, projectId: p.id, dsn: { public: dsn, secret: dsn } }]);
    }],
  ];
}
