import type { ArtifactStore } from '../store/artifacts';
import type { Db } from '../store/database';
import type { IssueStore } from '../store/issues';
import type { ProjectStore } from '../store/projects';
import type { ChunkStore } from '../store/chunks';
import type { ReleaseStore } from '../store/releases';
import type { TransactionStore } from '../store/transactions';
import { HttpError } from '../http/http-error';

/** What the API handlers read and write. */
export interface ApiContext {
  db: Db;
  projects: ProjectStore;
  releases: ReleaseStore;
  artifacts: ArtifactStore;
  issues: IssueStore;
  chunks: ChunkStore;
  transactions: TransactionStore;
  /** The collector's own URL, for `permalink` and the chunk-upload `url`. */
  publicUrl: () => string;
  /** Largest upload request (multipart file, chunk batch), after decompression. */
  maxUploadBytes: number;
}

export function requireOrg(ctx: ApiContext, slug: string) {
  const org = ctx.projects.org(slug);
  if (!org) throw new HttpError(404, 'The requested resource does not exist');
  return org;
}

export function requireProject(ctx: ApiContext, orgSlug: string, slug: string) {
  const project = ctx.projects.bySlug(orgSlug, slug);
  if (!project) throw new HttpError(404, 'The requested resource does not exist');
  return project;
}
