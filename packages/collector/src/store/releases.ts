import type { Db } from './database';

export interface Release {
  id: number;
  orgId: number;
  version: string;
  ref: string | null;
  url: string | null;
  created: number;
  released: number | null;
  projects: Array<{ id: number; slug: string; name: string }>;
  deployCount: number;
  lastDeploy: Deploy | null;
}

export interface Deploy {
  id: number;
  environment: string;
  name: string | null;
  url: string | null;
  started: number | null;
  finished: number;
}

interface ReleaseRow {
  id: number;
  org_id: number;
  version: string;
  ref: string | null;
  url: string | null;
  created: number;
  released: number | null;
}

/** Releases of an organization, the projects they belong to, and their deploys. */
export function createReleaseStore(db: Db) {
  const byVersion = db.prepare<[number, string], ReleaseRow>('SELECT * FROM releases WHERE org_id = ? AND version = ?');
  const list = db.prepare<[number, number], ReleaseRow>('SELECT * FROM releases WHERE org_id = ? ORDER BY created DESC, id DESC LIMIT ?');
  const listForProject = db.prepare<[number, number, number], ReleaseRow>(
    'SELECT r.* FROM releases r JOIN release_projects rp ON rp.release_id = r.id WHERE r.org_id = ? AND rp.project_id = ? ORDER BY r.created DESC, r.id DESC LIMIT ?',
  );
  const insert = db.prepare('INSERT INTO releases (org_id, version, ref, url, created, released) VALUES (?, ?, ?, ?, ?, ?)');
  const addProject = db.prepare('INSERT OR IGNORE INTO release_projects (release_id, project_id) VALUES (?, ?)');
  const projectsOf = db.prepare<[number], { id: number; slug: string; name: string }>(
    'SELECT p.id, p.slug, p.name FROM release_projects rp JOIN projects p ON p.id = rp.project_id WHERE rp.release_id = ? ORDER BY p.id',
  );
  const update = db.prepare('UPDATE releases SET released = COALESCE(?, released), ref = COALESCE(?, ref), url = COALESCE(?, url) WHERE id = ?');
  const insertDeploy = db.prepare('INSERT INTO deploys (release_id, environment, name, url, started, finished) VALUES (?, ?, ?, ?, ?, ?)');
  const deploysOf = db.prepare<[number], Deploy>('SELECT id, environment, name, url, started, finished FROM deploys WHERE release_id = ? ORDER BY id');
  const remove = db.prepare('DELETE FROM releases WHERE id = ?');

  const hydrate = (row: ReleaseRow | undefined): Release | undefined => {
    if (!row) return undefined;
    const deploys = deploysOf.all(row.id);
    return {
      id: row.id,
      orgId: row.org_id,
      version: row.version,
      ref: row.ref,
      url: row.url,
      created: row.created,
      released: row.released,
      projects: projectsOf.all(row.id),
      deployCount: deploys.length,
      lastDeploy: deploys[deploys.length - 1] || null,
    };
  };

  return {
    get: (orgId: number, version: string) => hydrate(byVersion.get(orgId, version)),
    list: (orgId: number, projectId?: number, limit = 100) =>
      (projectId ? listForProject.all(orgId, projectId, limit) : list.all(orgId, limit)).map((r) => hydrate(r)!),
    /** Creates the release (or adds projects to an existing one): `created` tells which, for 201 vs 208. */
    upsert(orgId: number, version: string, projectIds: number[], fields: { ref?: string; url?: string; released?: number } = {}): { release: Release; created: boolean } {
      return db.transaction(() => {
        let row = byVersion.get(orgId, version);
        const created = !row;
        if (!row) {
          insert.run(orgId, version, fields.ref ?? null, fields.url ?? null, Date.now() / 1000, fields.released ?? null);
          row = byVersion.get(orgId, version)!;
        }
        for (const p of projectIds) addProject.run(row.id, p);
        return { release: hydrate(row)!, created };
      }).immediate();
    },
    update(release: Release, fields: { released?: number; ref?: string; url?: string }): Release {
      update.run(fields.released ?? null, fields.ref ?? null, fields.url ?? null, release.id);
      return hydrate(byVersion.get(release.orgId, release.version))!;
    },
    addDeploy(release: Release, deploy: { environment: string; name?: string; url?: string; started?: number; finished?: number }): Deploy {
      const finished = deploy.finished ?? Date.now() / 1000;
      const id = Number(insertDeploy.run(release.id, deploy.environment, deploy.name ?? null, deploy.url ?? null, deploy.started ?? null, finished).lastInsertRowid);
      return { id, environment: deploy.environment, name: deploy.name ?? null, url: deploy.url ?? null, started: deploy.started ?? null, finished };
    },
    deploys: (release: Release) => deploysOf.all(release.id),
    remove: (release: Release) => void remove.run(release.id),
  };
}

export type ReleaseStore = ReturnType<typeof createReleaseStore>;
