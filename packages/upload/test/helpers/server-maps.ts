import { posix } from 'node:path';
import type { MockSentry } from './mock-sentry';

// How a Sentry server finds the map for a frame, among what the mock received.

/** 20.x: the release file named `~/<path of the frame's URL>`, then the one its `Sourcemap` header names. */
export function mapByName(mock: MockSentry, frameUrl: string, release: string, dist?: string): Buffer | undefined {
  const name = `~${new URL(frameUrl).pathname}`;
  const files = mock.releaseFiles.filter((f) => f.release == release && (f.dist || undefined) == dist);
  const script = files.find((f) => f.name == name);
  const header = script && Object.entries(script.headers).find(([h]) => h.toLowerCase() == 'sourcemap');
  if (!header) return undefined;
  const mapName = posix.join(posix.dirname(name), header[1]);
  return files.find((f) => f.name == mapName)?.content;
}

/** Current servers: the source map of an artifact bundle that carries the frame's debug ID. */
export function mapByDebugId(mock: MockSentry, debugId: string): Buffer | undefined {
  for (const bundle of mock.bundles) {
    for (const [path, entry] of Object.entries(bundle.manifest.files)) {
      if (entry.type == 'source_map' && entry.headers['debug-id'] == debugId) return bundle.files.get(path);
    }
  }
  return undefined;
}
