import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Artifact } from './artifacts';
import { debugIdFor, readDebugId } from './debug-ids';
import { createZip } from './zip';

export interface BundleFile extends Artifact {
  content: Buffer;
}

export interface ManifestEntry {
  url: string;
  type: Artifact['type'];
  headers: Record<string, string>;
}

export interface Manifest {
  files: Record<string, ManifestEntry>;
  debug_id: string;
  org: string;
  project?: string;
  release?: string;
  dist?: string;
}

const MAP_DEBUG_ID = /"debug_?[iI]d"\s*:\s*"([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})"/;

/** `~/static/app.js` -> `files/_/_/static/app.js`; `https://cdn.io/app.js` -> `files/https/cdn.io/app.js` (as sentry-cli names them). */
export function bundlePath(url: string): string {
  const full = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)\/?(.*)$/i.exec(url);
  if (full) return `files/${full[1]}/${full[2] || '_'}/${full[3]}`;
  return `files/_/_/${url.replace(/^~?\/+/, '')}`;
}

/**
 * Packs the files into an artifact bundle: a ZIP whose `manifest.json` gives each file's URL,
 * type and headers (`debug-id`, and `Sourcemap` for scripts). A map without its own debug ID
 * takes its script's.
 */
export async function buildArtifactBundle(
  files: readonly BundleFile[],
  meta: { org: string; projects: string[]; release?: string; dist?: string },
): Promise<{ zip: Buffer; manifest: Manifest; debugIds: number }> {
  const sorted = [...files].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const ids = new Map<string, string | undefined>();
  for (const f of sorted) {
    const text = f.content.toString('utf8');
    ids.set(f.file, f.type == 'source_map' ? (MAP_DEBUG_ID.exec(text) || [])[1] : f.type == 'minified_source' ? readDebugId(text) : undefined);
  }
  for (const f of sorted) {
    if (f.sourceMap) {
      const map = sorted.find((m) => m.type == 'source_map' && m.file == posix.join(posix.dirname(f.file), f.sourceMap!));
      if (map && !ids.get(map.file)) ids.set(map.file, ids.get(f.file));
    }
  }

  const entries: Record<string, ManifestEntry> = {};
  const hash = createHash('sha1');
  let withIds = 0;
  for (const f of sorted) {
    const headers: Record<string, string> = {};
    const id = ids.get(f.file);
    if (id) {
      headers['debug-id'] = id.toLowerCase();
      withIds++;
    }
    if (f.sourceMap) headers.Sourcemap = f.sourceMap;
    const path = bundlePath(f.url);
    entries[path] = { url: f.url, type: f.type, headers };
    hash.update(path).update('\0').update(f.content).update('\0');
  }
  const manifest: Manifest = {
    files: entries,
    debug_id: debugIdFor(hash.digest()),
    org: meta.org,
    ...(meta.projects.length ? { project: meta.projects[0] } : {}),
    ...(meta.release ? { release: meta.release } : {}),
    ...(meta.dist ? { dist: meta.dist } : {}),
  };
  const zip = await createZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    ...sorted.map((f) => ({ name: bundlePath(f.url), data: f.content })),
  ]);
  return { zip, manifest, debugIds: withIds };
}

