import { unzipSync } from 'fflate';
import { HttpError } from '../http/http-error';
import type { BundleEntry } from '../store/artifacts';

/** Uncompressed bytes an uploaded bundle may unpack to: a zip bomb stops here. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export interface ReadBundle {
  entries: BundleEntry[];
  /** Manifest fields: `org`, `release`, `dist`, `debug_id`… */
  manifest: Record<string, unknown>;
}

const headerValue = (headers: Record<string, string>, name: string) =>
  Object.entries(headers).find(([k]) => k.toLowerCase() == name)?.[1];

/**
 * Unpacks a bundle zip (artifact bundle or release bundle): `manifest.json` maps each
 * `files/…` path to `{url, type, headers}`; the debug ID is the `debug-id` header.
 */
export function readBundle(zip: Uint8Array): ReadBundle {
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        declared += f.originalSize;
        if (declared > MAX_BUNDLE_BYTES) throw new HttpError(400, `the bundle unpacks to more than ${MAX_BUNDLE_BYTES} bytes`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, 'the bundle is not a valid zip file');
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new HttpError(400, 'the bundle has no manifest.json');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    throw new HttpError(400, 'manifest.json is not valid JSON');
  }
  const listed = manifest && typeof manifest.files == 'object' && manifest.files ? (manifest.files as Record<string, Record<string, unknown>>) : {};
  const entries: BundleEntry[] = [];
  for (const [path, info] of Object.entries(listed)) {
    const content = files[path];
    if (!content || !info || typeof info.url != 'string') continue;
    const headers: Record<string, string> = {};
    if (info.headers && typeof info.headers == 'object') for (const [k, v] of Object.entries(info.headers)) if (typeof v == 'string') headers[k] = v;
    const debugId = headerValue(headers, 'debug-id') || headerValue(headers, 'debug_id');
    const type = typeof info.type == 'string' ? info.type : info.url.endsWith('.map') ? 'source_map' : 'minified_source';
    entries.push({ url: info.url, type, debugId: debugId?.toLowerCase(), headers, content });
  }
  return { entries, manifest };
}
