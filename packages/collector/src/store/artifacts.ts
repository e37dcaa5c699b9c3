import { createHash } from 'node:crypto';
import type { ArtifactLookup, ArtifactType, StoredArtifact } from '../symbolicate/types';
import type { Db } from './database';

export interface ReleaseFileRow {
  id: number;
  name: string;
  dist: string;
  headers: Record<string, string>;
  sha1: string;
  size: number;
  created: number;
}

export interface BundleEntry {
  url: string;
  type: string;
  debugId?: string;
  headers: Record<string, string>;
  content: Uint8Array;
}

export const sha1Hex = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

/** Uploaded files: legacy release files and artifact bundles, their contents in `blobs`. */
export function createArtifactStore(db: Db) {
  const insertBlob = db.prepare('INSERT INTO blobs (sha1, size, content) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const readBlob = db.prepare<[string], { content: Buffer }>('SELECT content FROM blobs WHERE sha1 = ?');
  const insertReleaseFile = db.prepare('INSERT INTO release_files (release_id, name, dist, headers, sha1, created) VALUES (?, ?, ?, ?, ?, ?)');
  const releaseFileExists = db.prepare<[number, string, string], { id: number }>('SELECT id FROM release_files WHERE release_id = ? AND name = ? AND dist = ?');
  const listReleaseFiles = db.prepare<[number], { id: number; name: string; dist: string; headers: string; sha1: string; size: number; created: number }>(
    'SELECT f.id, f.name, f.dist, f.headers, f.sha1, b.size, f.created FROM release_files f JOIN blobs b ON b.sha1 = f.sha1 WHERE f.release_id = ? ORDER BY f.id',
  );
  const deleteReleaseFile = db.prepare('DELETE FROM release_files WHERE release_id = ? AND id = ?');
  const insertBundle = db.prepare('INSERT INTO artifact_bundles (org_id, checksum, release, dist, created) VALUES (?, ?, ?, ?, ?)');
  const insertBundleProject = db.prepare('INSERT OR IGNORE INTO bundle_projects (bundle_id, project_id) VALUES (?, ?)');
  const insertBundleFile = db.prepare('INSERT INTO bundle_files (bundle_id, url, type, debug_id, headers, sha1) VALUES (?, ?, ?, ?, ?, ?)');
  const dropOrphanBlobs = db.prepare(
    'DELETE FROM blobs WHERE sha1 NOT IN (SELECT sha1 FROM release_files) AND sha1 NOT IN (SELECT sha1 FROM bundle_files)',
  );

  type Found = { sha1: string; name: string; headers: string; size: number };
  const releaseFileByName = db.prepare<[number, string, string, string], Found>(
    `SELECT f.sha1, f.name, f.headers, b.size FROM release_files f
       JOIN releases r ON r.id = f.release_id JOIN blobs b ON b.sha1 = f.sha1
      WHERE r.org_id = (SELECT org_id FROM projects WHERE id = ?) AND r.version = ? AND f.dist = ? AND f.name = ?`,
  );
  const bundleFileByName = db.prepare<[string, string, string, number], Found>(
    `SELECT f.sha1, f.url AS name, f.headers, b.size FROM bundle_files f
       JOIN artifact_bundles a ON a.id = f.bundle_id JOIN blobs b ON b.sha1 = f.sha1
      WHERE a.release = ? AND a.dist = ? AND f.url = ?
        AND a.id IN (SELECT bundle_id FROM bundle_projects WHERE project_id = ?)
      ORDER BY a.id DESC LIMIT 1`,
  );
  const bundleFileByDebugId = db.prepare<[string, string, number], Found>(
    `SELECT f.sha1, f.url AS name, f.headers, b.size FROM bundle_files f JOIN blobs b ON b.sha1 = f.sha1
      WHERE f.debug_id = ? AND f.type = ?
        AND f.bundle_id IN (SELECT bundle_id FROM bundle_projects WHERE project_id = ?)
      ORDER BY f.bundle_id DESC LIMIT 1`,
  );

  const toArtifact = (row: Found | undefined): StoredArtifact | undefined =>
    row && {
      key: `sha1:${row.sha1}`,
      name: row.name,
      headers: JSON.parse(row.headers),
      size: row.size,
      read: () => readBlob.get(row.sha1)!.content,
    };

  // Every frame of every event asks for its file under several names, mostly in vain (no maps
  // uploaded, or another candidate form): remember each answer until the files change. Uploads
  // may come from another thread's connection, so the schema's generation counter says when.
  const readGeneration = db.prepare<[], { value: number }>('SELECT value FROM artifact_generation WHERE id = 1');
  const found = new Map<string, Found | null>();
  let generation = readGeneration.get()!.value;
  const remembered = (key: string, query: () => Found | undefined): Found | undefined => {
    let hit = found.get(key);
    if (hit === undefined) {
      if (found.size >= 50_000) found.clear();
      found.set(key, (hit = query() ?? null));
    }
    return hit ?? undefined;
  };

  const putBlob = (content: Uint8Array) => {
    const sha1 = sha1Hex(content);
    insertBlob.run(sha1, content.length, content);
    return sha1;
  };

  return {
    /** Adds a release file; false when one with the same name and dist exists (Sentry's 409). */
    addReleaseFile(releaseId: number, name: string, dist: string, headers: Record<string, string>, content: Uint8Array): ReleaseFileRow | false {
      return db.transaction(() => {
        if (releaseFileExists.get(releaseId, name, dist)) return false;
        const sha1 = putBlob(content);
        const created = Date.now() / 1000;
        const id = Number(insertReleaseFile.run(releaseId, name, dist, JSON.stringify(headers), sha1, created).lastInsertRowid);
        return { id, name, dist, headers, sha1, size: content.length, created };
      }).immediate();
    },
    listReleaseFiles: (releaseId: number): ReleaseFileRow[] =>
      listReleaseFiles.all(releaseId).map((r) => ({ ...r, headers: JSON.parse(r.headers) })),
    deleteReleaseFile(releaseId: number, fileId: number): boolean {
      return db.transaction(() => {
        const deleted = deleteReleaseFile.run(releaseId, fileId).changes > 0;
        if (deleted) dropOrphanBlobs.run();
        return deleted;
      }).immediate();
    },
    /** Stores an artifact bundle's files for its projects, all or nothing. */
    addBundle(orgId: number, checksum: string, projectIds: number[], release: string, dist: string, entries: BundleEntry[]): number {
      return db.transaction(() => {
        const id = Number(insertBundle.run(orgId, checksum, release, dist, Date.now() / 1000).lastInsertRowid);
        for (const p of projectIds) insertBundleProject.run(id, p);
        for (const e of entries) insertBundleFile.run(id, e.url, e.type, e.debugId ?? null, JSON.stringify(e.headers), putBlob(e.content));
        return id;
      }).immediate();
    },
    /**
     * Forgets remembered lookups if files changed since the last call. Call it after reading
     * the events about to be symbolicated: an upload committed before them is then seen.
     */
    refresh(): void {
      const now = readGeneration.get()!.value;
      if (now != generation) found.clear();
      generation = now;
    },
    /** What symbolication reads, for one project. */
    lookupFor(projectId: number): ArtifactLookup {
      return {
        byDebugId: (debugId: string, type: ArtifactType) =>
          toArtifact(remembered(`d\0${projectId}\0${type}\0${debugId}`, () => bundleFileByDebugId.get(debugId.toLowerCase(), type, projectId))),
        byName: (release: string, dist: string, name: string) =>
          toArtifact(remembered(`n\0${projectId}\0${release}\0${dist}\0${name}`, () => releaseFileByName.get(projectId, release, dist, name) || bundleFileByName.get(release, dist, name, projectId))),
      };
    },
  };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;
