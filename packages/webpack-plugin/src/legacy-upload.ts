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
  /** Files the server already had (409). */
  existing: number;
  bytes: number;
}

/**
 * Uploads each file as a release file (`POST .../releases/{version}/files/`, multipart `file`,
 * `name`, `dist`, and `header: Sourcemap:<map>` for scripts): the one way that works on every
 * Sentry version, 20.x included. A 409 means the file is there already.
 */
export async function uploadReleaseFiles(
  api: Api,
  target: ReleaseFilesTarget,
  artifacts: readonly Artifact[],
  read: (artifact: Artifact) => Promise<Buffer>,
  concurrency: number,
): Promise<ReleaseFilesStats> {
  const stats: ReleaseFilesStats = { uploaded: 0, existing: 0, bytes: 0 };
  const path = `/api/0/projects/${encodeURIComponent(target.org)}/${encodeURIComponent(target.project)}/releases/${encodeURIComponent(target.release)}/files/`;
  await runPool(artifacts, concurrency, async (artifact) => {
    const data = await read(artifact);
    const parts: Part[] = [
      { name: 'file', filename: posix.basename(artifact.file), data, type: artifact.type == 'source_map' ? 'application/json' : 'application/javascript' },
      { name: 'name', value: artifact.url },
    ];
    if (target.dist) parts.push({ name: 'dist', value: target.dist });
    if (artifact.sourceMap) parts.push({ name: 'header', value: `Sourcemap:${artifact.sourceMap}` });
    const { status } = await api({ step: `upload release file ${artifact.url}`, method: 'POST', path, multipart: parts, allow: [409] });
    if (status == 409) stats.existing++;
    else stats.uploaded++;
    stats.bytes += data.length;
  });
  return stats;
}
