import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Artifact } from './artifacts';
import type { Api } from './http';
import type { Part } from './multipart';
import { runPool } from './pool';

export interface ReleaseFilesTarget {
  org: string;
  /** Release files belong to the release; any of its projects' endpoints takes them. */
  project: string;
  release: string;
  dist?: string;
}

export interface ReleaseFilesStats {
  uploaded: number;
  /** Files the server had already, identical (same SHA-1 and headers), or a 409 on upload. */
  existing: number;
  /** Files the server had with other content: deleted, then uploaded again (counted in `uploaded`). */
  replaced: number;
  bytes: number;
}

/** A release file as Sentry lists it (`GET .../releases/{version}/files/`). */
interface ListedFile {
  id: string;
  name: string;
  dist?: string | null;
  sha1?: string;
  headers?: Record<string, string>;
}

/** Files this size or smaller may go up `smallFileConcurrency` at a time (at most 8 MiB in flight). */
export const SMALL_FILE_BYTES = 256 * 1024;
/** The most list pages followed (100 files each on Sentry). */
const MAX_PAGES = 1000;
const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');
const keyOf = (name: string, dist: string | null | undefined) => `${dist || ''}\0${name}`;

/** The `rel="next"` URL of a `Link` header, when it says there are results. */
function nextPage(link: string | undefined): string | undefined {
  for (const part of (link || '').split(/,\s*(?=<)/)) {
    const url = /^<([^>]+)>/.exec(part);
    if (url && /rel="next"/.test(part) && /results="true"/.test(part)) return url[1];
  }
  return undefined;
}

/** Every file of the release, following Sentry's pagination. */
async function listReleaseFiles(api: Api, path: string, release: string): Promise<ListedFile[]> {
  const files: ListedFile[] = [];
  let url: string | undefined = path;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response = await api({ step: `list release files of ${release}`, method: 'GET', path: url });
    if (Array.isArray(response.data)) files.push(...(response.data as ListedFile[]));
    url = nextPage(response.link);
  }
  return files;
}

/**
 * Uploads each file as a release file (`POST .../releases/{version}/files/`, multipart `file`,
 * `name`, `dist`, and `header: Sourcemap:<map>` for scripts): the one way that works on every
 * Sentry version, 20.x included. The files of a release that existed before are listed first
 * (one request per 100): an identical file (SHA-1 and `Sourcemap` header) is skipped, one that
 * differs is deleted and uploaded again, so a rebuild under the same release never keeps a
 * stale map. A release this upload just created has no files: nothing to list.
 */
export async function uploadReleaseFiles(
  api: Api,
  target: ReleaseFilesTarget,
  artifacts: readonly Artifact[],
  read: (artifact: Artifact) => Promise<Buffer>,
  limits: { concurrency: number; smallFileConcurrency: number; releaseIsNew: boolean },
): Promise<ReleaseFilesStats> {
  const stats: ReleaseFilesStats = { uploaded: 0, existing: 0, replaced: 0, bytes: 0 };
  const path = `/api/0/projects/${encodeURIComponent(target.org)}/${encodeURIComponent(target.project)}/releases/${encodeURIComponent(target.release)}/files/`;
  const listed = new Map(limits.releaseIsNew ? [] : (await listReleaseFiles(api, path, target.release)).map((f) => [keyOf(f.name, f.dist), f]));
  const small = { limit: limits.smallFileConcurrency, fits: (a: Artifact) => a.size <= SMALL_FILE_BYTES };
  await runPool(artifacts, limits.concurrency, async (artifact) => {
    const data = await read(artifact);
    const there = listed.get(keyOf(artifact.url, target.dist));
    if (there) {
      const header = Object.entries(there.headers || {}).find(([name]) => name.toLowerCase() == 'sourcemap');
      const sameHeader = (header ? header[1] : undefined) === artifact.sourceMap;
      if (there.sha1 == sha1(data) && sameHeader) {
        stats.existing++;
        return;
      }
      await api({ step: `replace release file ${artifact.url}`, method: 'DELETE', path: `${path}${encodeURIComponent(there.id)}/`, allow: [404] });
      stats.replaced++;
    }
    const parts: Part[] = [
      { name: 'file', filename: posix.basename(artifact.file), data, type: artifact.type == 'source_map' ? 'application/json' : 'application/javascript' },
      { name: 'name', value: artifact.url },
    ];
    if (target.dist) parts.push({ name: 'dist', value: target.dist });
    if (artifact.sourceMap) parts.push({ name: 'header', value: `Sourcemap:${artifact.sourceMap}` });
    // A 409 now means another upload got there since the list: theirs stands.
    const { status } = await api({ step: `upload release file ${artifact.url}`, method: 'POST', path, multipart: parts, allow: [409] });
    if (status == 409) stats.existing++;
    else {
      stats.uploaded++;
      stats.bytes += data.length;
    }
  }, small);
  return stats;
}
