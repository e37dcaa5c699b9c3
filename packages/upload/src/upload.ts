import { buildArtifactBundle } from './artifact-bundle';
import type { Artifact } from './artifacts';
import { getChunkUploadOptions, uploadArtifactBundle, type ChunkUploadOptions } from './chunk-upload';
import { createApi } from './http';
import { uploadReleaseFiles } from './legacy-upload';
import { formatBytes, formatDuration, plural, type Logger } from './logger';
import { runPool } from './pool';
import { createDeploy, createRelease, finalizeRelease } from './release';
import type { ResolvedUploadOptions } from './resolve-options';

export interface UploadJob {
  /** The release comes from `release` below, not from here. */
  options: Omit<ResolvedUploadOptions, 'release'>;
  artifacts: Artifact[];
  read: (artifact: Artifact) => Promise<Buffer>;
  /** The release, worked out only when needed (it may run git). */
  release: () => string | undefined;
  /** The release was created by an earlier build (a watch rebuild): do not create it again. */
  releaseExists?: boolean;
  log: Logger;
}

export interface UploadResult {
  /** How the files went up; `dry-run` when nothing was sent. */
  method: 'release-files' | 'artifact-bundle' | 'dry-run';
  release?: string;
  files: number;
  bytes: number;
}

const MISSING = (option: string, env: string) => `missing option \`${option}\` (or ${env})`;
const NO_RELEASE = 'release unknown: set `release` or SENTRY_RELEASE, or build in a git checkout';

/**
 * Uploads the artifacts: artifact bundle when the server accepts one (and the mode allows),
 * release files otherwise; then finalizes the release and records the deploy if asked.
 * Throws `UploadError` for a failed request, `Error` for missing settings.
 */
export async function uploadArtifacts({ options: o, artifacts, read, release: getRelease, releaseExists = false, log }: UploadJob): Promise<UploadResult> {
  const bytes = artifacts.reduce((n, a) => n + a.size, 0);
  const release = getRelease();
  const dist = o.dist ? ` (dist ${o.dist})` : '';
  const files = `${plural(artifacts.length, 'file')}, ${formatBytes(bytes)}`;

  if (o.dryRun) {
    log.info(`dry run: would upload ${files} for release ${release || '(unknown)'}${dist} to ${o.url}, mode ${o.mode}; nothing sent`);
    for (const a of artifacts) log.info(`  ${a.url} (${formatBytes(a.size)}${a.sourceMap ? `, Sourcemap: ${a.sourceMap}` : ''})`);
    return { method: 'dry-run', release, files: artifacts.length, bytes };
  }
  if (!o.authToken) throw new Error(MISSING('authToken', 'SENTRY_AUTH_TOKEN'));
  if (!o.org) throw new Error(MISSING('org', 'SENTRY_ORG'));
  if (!o.projects.length) throw new Error(MISSING('project', 'SENTRY_PROJECT'));
  const org = o.org;

  const api = createApi({ url: o.url, authToken: o.authToken, transport: o.transport, retries: o.retries, retryDelay: o.retryDelay, timeout: o.timeout, log });
  if (o.mode == 'legacy' && !release) throw new Error(NO_RELEASE);
  const started = Date.now();
  // Packing is CPU work: done while the first requests are on the wire (wasted on old servers).
  const meta = { org, projects: o.projects, release, dist: o.dist };
  const packing = o.mode == 'legacy' ? undefined : runPool(artifacts, 16, async (a) => ({ ...a, content: await read(a) })).then((all) => buildArtifactBundle(all, meta));
  if (packing) packing.catch(() => {}); // awaited below when used
  // The release is needed either way: create it while asking the server what it accepts.
  const [asked, made] = await Promise.allSettled([
    o.mode == 'legacy' ? undefined : getChunkUploadOptions(api, org),
    release && !releaseExists ? createRelease(api, org, release, o.projects) : false,
  ]);
  if (asked.status == 'rejected') throw asked.reason;
  if (made.status == 'rejected') throw made.reason;
  const answer = asked.value;
  const created = made.value;
  let server: ChunkUploadOptions | undefined;
  let how = 'release files';
  if (answer && answer.accept.includes('artifact_bundles') && answer.hashAlgorithm == 'sha1') {
    server = answer;
    how = 'artifact bundle';
  } else if (o.mode != 'legacy') {
    const why = answer ? 'server does not accept artifact bundles' : 'server has no chunk upload';
    if (o.mode == 'artifact-bundle') throw new Error(`${why} (Sentry before 23.6?): use mode 'auto' or 'legacy'`);
    if (!release) throw new Error(NO_RELEASE);
    how = `release files (${why})`;
  }
  log.info(`release ${release || '(none: matched by debug ID only)'}${dist}${created ? ' created' : ''}: ${files} as ${how}`);

  if (server) {
    const bundle = await packing!;
    const stats = await uploadArtifactBundle(api, server, bundle.zip, { org, projects: o.projects, version: release, dist: o.dist }, o.concurrency, log);
    log.info(
      `uploaded artifact bundle: ${plural(artifacts.length, 'file')} (${plural(bundle.debugIds, 'debug ID')}), ${formatBytes(bundle.zip.length)} zipped, ` +
        `${stats.sent} of ${plural(stats.chunks, 'chunk')} sent in ${plural(stats.requests, 'request')}, assembled in ${formatDuration(Date.now() - started)}`,
    );
  } else {
    const stats = await uploadReleaseFiles(api, { org, project: o.projects[0], release: release!, dist: o.dist }, artifacts, read, {
      concurrency: o.concurrency,
      smallFileConcurrency: o.smallFileConcurrency,
      releaseIsNew: created === true,
    });
    log.info(
      `uploaded ${plural(stats.uploaded, 'release file')} (${formatBytes(stats.bytes)})${stats.existing ? `, ${stats.existing} already there` : ''}${stats.replaced ? `, ${stats.replaced} replaced` : ''} in ${formatDuration(Date.now() - started)}`,
    );
  }

  if (release && o.finalize) await finalizeRelease(api, org, release);
  if (release && o.deploy) await createDeploy(api, org, release, o.deploy);
  if (release && (o.finalize || o.deploy)) {
    log.info(`release ${release}${o.finalize ? ' finalized' : ''}${o.deploy ? `${o.finalize ? ',' : ''} deployed to ${o.deploy.env}` : ''}`);
  }
  return { method: server ? 'artifact-bundle' : 'release-files', release, files: artifacts.length, bytes };
}
