import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { readZip } from './zip';

// The endpoints of Sentry's API that source map uploads use, over in-memory storage.

/**
 * - '20.x': no chunk upload (GET chunk-upload is a 404): only release files;
 * - 'release-files-only': chunk upload without `artifact_bundles` in `accept` (21.x–23.5);
 * - 'current': chunk upload that accepts artifact bundles.
 */
export type Personality = '20.x' | 'release-files-only' | 'current';

export interface StoredReleaseFile {
  /** Stable, as Sentry's: deleting a file does not renumber the others. */
  id: string;
  release: string;
  project: string;
  name: string;
  dist?: string;
  headers: Record<string, string>;
  content: Buffer;
}

export interface StoredBundle {
  checksum: string;
  projects: string[];
  version?: string;
  dist?: string;
  manifest: { files: Record<string, { url: string; type: string; headers: Record<string, string> }>; [key: string]: unknown };
  files: Map<string, Buffer>;
}

export interface StoredRelease {
  version: string;
  projects: string[];
  dateCreated?: string;
  dateReleased?: string;
  deploys: Array<{ environment: string }>;
}

/** What the mock server stores. */
export interface SentryData {
  url: string;
  releases: Map<string, StoredRelease>;
  releaseFiles: StoredReleaseFile[];
  chunks: Map<string, Buffer>;
  bundles: StoredBundle[];
}

export interface ApiConfig {
  personality: Personality;
  org: string;
  chunkSize: number;
  chunksPerRequest: number;
  maxRequestSize: number;
  concurrency: number;
  dropChunkOnFirstAssemble?: boolean;
  /** Page size of the release file list (Sentry: 100, with a `Link` header for the next page). */
  releaseFilesPerPage?: number;
}

/** A release as Sentry's API serializes it (sentry-cli reads several of these fields). */
const releaseJson = (r: StoredRelease) => ({
  version: r.version,
  shortVersion: r.version,
  ref: null,
  url: null,
  dateCreated: r.dateCreated || new Date().toISOString(),
  dateReleased: r.dateReleased || null,
  dateStarted: null,
  data: {},
  newGroups: 0,
  owner: null,
  commitCount: 0,
  lastCommit: null,
  deployCount: r.deploys.length,
  lastDeploy: null,
  authors: [],
  projects: r.projects.map((slug, i) => ({ id: i + 1, slug, name: slug, newGroups: 0, platform: 'javascript', platforms: ['javascript'] })),
  firstEvent: null,
  lastEvent: null,
  status: 'open',
});

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

async function parseForm(req: IncomingMessage, body: Buffer): Promise<FormData> {
  return new Request('http://mock/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: new Uint8Array(body) }).formData();
}

/** Answers one authenticated request: `[status, JSON body, headers?]`. */
export function createRoutes(state: SentryData, config: ApiConfig): (req: IncomingMessage, path: string, body: Buffer) => Promise<[number, unknown, Record<string, string>?]> {
  const { personality, org: knownOrg, chunkSize, chunksPerRequest, maxRequestSize, concurrency } = config;
  const assembled = new Map<string, 'created' | 'ok'>();
  let dropped = !config.dropChunkOnFirstAssemble;
  let nextFileId = 1;
  const perPage = config.releaseFilesPerPage || 100;

  return async function route(req: IncomingMessage, path: string, body: Buffer): Promise<[number, unknown, Record<string, string>?]> {
    const method = req.method || 'GET';
    const json = () => JSON.parse(body.toString('utf8') || '{}');
    let m: RegExpExecArray | null;
    const orgOk = (org: string) => decodeURIComponent(org) == knownOrg;
    const notFound: [number, unknown] = [404, { detail: 'The requested resource does not exist' }];

    if ((m = /^\/api\/0\/organizations\/([^/]+)\/chunk-upload\/$/.exec(path))) {
      if (personality == '20.x' || !orgOk(m[1])) return notFound;
      if (method == 'GET') {
        return [200, {
          url: `${state.url}/api/0/organizations/${m[1]}/chunk-upload/`,
          chunkSize, chunksPerRequest, maxFileSize: 2 ** 31, maxRequestSize, concurrency,
          hashAlgorithm: 'sha1', compression: ['gzip'],
          accept: personality == 'current'
            ? ['debug_files', 'release_files', 'pdbs', 'sources', 'bcsymbolmaps', 'il2cpp', 'portablepdbs', 'artifact_bundles', 'proguard']
            : ['debug_files', 'release_files', 'pdbs', 'sources', 'bcsymbolmaps'],
        }];
      }
      const form = await parseForm(req, body);
      const files = [
        ...form.getAll('file').map((f) => [f as File, false] as const),
        ...form.getAll('file_gzip').map((f) => [f as File, true] as const),
      ];
      if (files.length > chunksPerRequest) return [400, { error: 'Too many chunks' }];
      let total = 0;
      for (const [file, gzipped] of files) {
        const raw = Buffer.from(await file.arrayBuffer());
        const data = gzipped ? gunzipSync(raw) : raw;
        total += data.length;
        if (data.length > chunkSize) return [400, { error: 'Chunk size too large' }];
        if (sha1(data) != file.name) return [400, { error: `Checksum mismatch for ${file.name}` }];
        state.chunks.set(file.name, data);
      }
      if (total > maxRequestSize) return [400, { error: 'Request too large' }];
      return [200, {}];
    }

    if ((m = /^\/api\/0\/organizations\/([^/]+)\/artifactbundle\/assemble\/$/.exec(path)) && method == 'POST') {
      if (personality != 'current' || !orgOk(m[1])) return notFound;
      const { checksum, chunks, projects, version, dist } = json();
      if (!Array.isArray(projects) || !projects.length) return [400, { error: 'projects are required' }];
      const missing = (chunks as string[]).filter((c) => !state.chunks.has(c));
      if (missing.length) return [200, { state: 'not_found', missingChunks: missing }];
      if (!dropped) {
        dropped = true;
        state.chunks.delete(chunks[0]);
        return [200, { state: 'not_found', missingChunks: [chunks[0]] }];
      }
      const known = assembled.get(checksum);
      if (known) {
        assembled.set(checksum, 'ok');
        return [200, { state: 'ok', detail: null, missingChunks: [] }];
      }
      const zip = Buffer.concat((chunks as string[]).map((c) => state.chunks.get(c)!));
      if (sha1(zip) != checksum) return [200, { state: 'error', detail: 'Reported checksum mismatch', missingChunks: [] }];
      const files = readZip(zip);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      state.bundles.push({ checksum, projects, version, dist, manifest, files });
      assembled.set(checksum, 'created');
      return [200, { state: 'created', missingChunks: [] }];
    }

    // Organization releases, and the project-level form sentry-cli uses (`releases new`).
    if ((m = /^\/api\/0\/(?:organizations\/([^/]+)|projects\/([^/]+)\/([^/]+))\/releases\/$/.exec(path)) && method == 'POST') {
      if (!orgOk(m[1] || m[2])) return notFound;
      const body = json();
      const version = body.version;
      const projects = m[3] ? [decodeURIComponent(m[3])] : body.projects;
      if (!version || !Array.isArray(projects) || !projects.length) return [400, { detail: 'version and projects are required' }];
      const existing = state.releases.get(version);
      if (existing) return [208, releaseJson(existing)];
      const created = { version, projects, deploys: [], dateCreated: new Date().toISOString() };
      state.releases.set(version, created);
      return [201, releaseJson(created)];
    }

    if ((m = /^\/api\/0\/(?:organizations\/([^/]+)|projects\/([^/]+)\/[^/]+)\/releases\/([^/]+)\/$/.exec(path)) && method == 'PUT') {
      const release = state.releases.get(decodeURIComponent(m[3]));
      if (!orgOk(m[1] || m[2]) || !release) return notFound;
      const { dateReleased } = json();
      if (dateReleased) release.dateReleased = dateReleased;
      return [200, releaseJson(release)];
    }

    if ((m = /^\/api\/0\/organizations\/([^/]+)\/releases\/([^/]+)\/deploys\/$/.exec(path)) && method == 'POST') {
      const release = state.releases.get(decodeURIComponent(m[2]));
      if (!orgOk(m[1]) || !release) return notFound;
      const { environment, name = null, url = null } = json();
      release.deploys.push({ environment });
      return [201, { id: String(release.deploys.length), environment, name, url, dateStarted: null, dateFinished: new Date().toISOString() }];
    }

    // Release files: list (paginated as Sentry does: `?cursor=0:<offset>:0`, a `Link` header),
    // upload (409 when the name and dist exist), and delete by id.
    if ((m = /^\/api\/0\/(?:projects\/([^/]+)\/([^/]+)|organizations\/([^/]+))\/releases\/([^/]+)\/files\/(?:([^/]+)\/)?$/.exec(path))) {
      const org = m[1] || m[3];
      const version = decodeURIComponent(m[4]);
      if (!orgOk(org) || !state.releases.has(version)) return notFound;
      const project = m[2] ? decodeURIComponent(m[2]) : '';
      const fileJson = (f: StoredReleaseFile) => ({ id: f.id, name: f.name, dist: f.dist || null, headers: f.headers, size: f.content.length, sha1: sha1(f.content) });
      if (m[5]) {
        const index = state.releaseFiles.findIndex((f) => f.release == version && f.id == m![5]);
        if (index < 0) return notFound;
        if (method == 'GET') return [200, fileJson(state.releaseFiles[index])];
        if (method != 'DELETE') return [405, { detail: `Method "${method}" not allowed.` }];
        state.releaseFiles.splice(index, 1);
        return [204, ''];
      }
      if (method == 'GET') {
        const all = state.releaseFiles.filter((f) => f.release == version);
        const offset = Number(/[?&]cursor=\d+:(\d+):/.exec(req.url || '')?.[1] || 0);
        const page = all.slice(offset, offset + perPage);
        const more = offset + perPage < all.length;
        const base = `${state.url}${path}`;
        const link = `<${base}?cursor=0:${Math.max(0, offset - perPage)}:1>; rel="previous"; results="${offset > 0}"; cursor="0:${Math.max(0, offset - perPage)}:1", ` +
          `<${base}?cursor=0:${offset + perPage}:0>; rel="next"; results="${more}"; cursor="0:${offset + perPage}:0"`;
        return [200, page.map(fileJson), { link }];
      }
      const form = await parseForm(req, body);
      const file = form.get('file') as File | null;
      if (!file || typeof file == 'string') return [400, { detail: 'Missing uploaded file' }];
      const name = String(form.get('name') || file.name);
      const dist = form.get('dist') ? String(form.get('dist')) : undefined;
      const headers: Record<string, string> = {};
      for (const h of form.getAll('header')) {
        const text = String(h);
        const colon = text.indexOf(':');
        if (colon < 1) return [400, { detail: 'header value was not formatted correctly' }];
        headers[text.slice(0, colon).trim()] = text.slice(colon + 1).trim();
      }
      if (state.releaseFiles.some((f) => f.release == version && f.name == name && f.dist == dist)) {
        return [409, { detail: 'A file matching this name already exists for the given release' }];
      }
      const stored = { id: String(nextFileId++), release: version, project, name, dist, headers, content: Buffer.from(await file.arrayBuffer()) };
      state.releaseFiles.push(stored);
      return [201, fileJson(stored)];
    }
    return notFound;
  };
}
