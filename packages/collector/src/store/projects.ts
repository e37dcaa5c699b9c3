import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './database';

export interface Project {
  id: number;
  orgId: number;
  orgSlug: string;
  slug: string;
  name: string;
  publicKey: string;
  disabled: boolean;
}

interface ProjectRow {
  id: number;
  org_id: number;
  org_slug: string;
  slug: string;
  name: string;
  public_key: string;
  disabled: number;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  orgId: r.org_id,
  orgSlug: r.org_slug,
  slug: r.slug,
  name: r.name,
  publicKey: r.public_key,
  disabled: !!r.disabled,
});

const now = () => Date.now() / 1000;

/** Organizations, projects (with their DSN keys) and API tokens. */
export function createProjectStore(db: Db) {
  const select = 'SELECT p.id, p.org_id, o.slug AS org_slug, p.slug, p.name, p.public_key, p.disabled FROM projects p JOIN organizations o ON o.id = p.org_id';
  const byId = db.prepare<[number], ProjectRow>(`${select} WHERE p.id = ?`);
  const bySlug = db.prepare<[string, string], ProjectRow>(`${select} WHERE o.slug = ? AND p.slug = ?`);
  const all = db.prepare<[], ProjectRow>(`${select} ORDER BY p.id`);
  const orgBySlug = db.prepare<[string], { id: number; slug: string; name: string }>('SELECT id, slug, name FROM organizations WHERE slug = ?');
  const insertOrg = db.prepare('INSERT INTO organizations (slug, name, created) VALUES (?, ?, ?)');
  const insertProject = db.prepare('INSERT INTO projects (org_id, slug, name, public_key, created) VALUES (?, ?, ?, ?, ?)');
  const setDisabled = db.prepare('UPDATE projects SET disabled = ? WHERE id = ?');
  const tokens = db.prepare<[], { token: string }>('SELECT token FROM tokens ORDER BY created');
  const insertToken = db.prepare('INSERT INTO tokens (token, created) VALUES (?, ?)');

  // Projects are read on every ingest request: keep them in memory, refreshed on each change.
  let cache = new Map<number, Project>();
  let tokenCache: Buffer[] = [];
  const reload = () => {
    cache = new Map(all.all().map((r) => [r.id, toProject(r)]));
    tokenCache = tokens.all().map((t) => Buffer.from(t.token));
  };
  reload();

  return {
    /** From memory; a project another process added (`project add`) is read from the file once. */
    get(id: number): Project | undefined {
      const hit = cache.get(id);
      if (hit || !Number.isSafeInteger(id)) return hit;
      const row = byId.get(id);
      if (row) cache.set(id, toProject(row));
      return row && toProject(row);
    },
    bySlug: (org: string, slug: string): Project | undefined => {
      const row = bySlug.get(org, slug);
      return row && toProject(row);
    },
    list: (): Project[] => [...cache.values()],
    org: (slug: string) => orgBySlug.get(slug),
    createOrg(slug: string, name = slug): number {
      return Number(insertOrg.run(slug, name, now()).lastInsertRowid);
    },
    /** Adds a project with a fresh DSN key; slugs are unique per organization. */
    createProject(orgId: number, slug: string, name = slug): Project {
      const id = Number(insertProject.run(orgId, slug, name, randomBytes(16).toString('hex'), now()).lastInsertRowid);
      reload();
      return cache.get(id)!;
    },
    setDisabled(id: number, disabled: boolean): void {
      setDisabled.run(disabled ? 1 : 0, id);
      reload();
    },
    createToken(): string {
      const token = randomBytes(32).toString('hex');
      insertToken.run(token, now());
      reload();
      return token;
    },
    firstToken: (): string | undefined => tokenCache[0]?.toString(),
    /** Constant-time comparison against every known token. */
    isToken(candidate: string): boolean {
      const given = Buffer.from(candidate);
      let ok = false;
      for (const t of tokenCache) if (t.length == given.length && timingSafeEqual(t, given)) ok = true;
      return ok;
    },
  };
}

export type ProjectStore = ReturnType<typeof createProjectStore>;

/** First start: organization `sentry` (Sentry's default slug), project 1 `default`, one API token. */
export function bootstrap(db: Db, projects: ProjectStore): void {
  db.transaction(() => {
    let org = projects.org('sentry');
    if (!org) projects.createOrg('sentry', 'Sentry');
    org = projects.org('sentry')!;
    if (!projects.list().length) projects.createProject(org.id, 'default', 'Default');
    if (!projects.firstToken()) projects.createToken();
  }).immediate();
}
