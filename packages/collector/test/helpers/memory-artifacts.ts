import { createHash } from 'node:crypto';
import type { ArtifactLookup, ArtifactType, StoredArtifact } from '../../src/symbolicate/types';

interface Entry {
  release?: string;
  dist?: string;
  name: string;
  headers?: Record<string, string>;
  content: string | Buffer;
  debugId?: string;
  type?: ArtifactType;
}

/** An in-memory stand-in for the store's artifact lookup, counting reads. */
export function memoryArtifacts(entries: Entry[]): ArtifactLookup & { reads: number } {
  const self = {
    reads: 0,
    byDebugId: (debugId: string, type: ArtifactType) => toArtifact(entries.find((e) => e.debugId == debugId && (e.type ?? (e.name.endsWith('.map') ? 'source_map' : 'minified_source')) == type)),
    byName: (release: string, dist: string, name: string) => toArtifact(entries.find((e) => e.release == release && (e.dist ?? '') == dist && e.name == name)),
  };
  function toArtifact(e: Entry | undefined): StoredArtifact | undefined {
    if (!e) return undefined;
    const bytes = Buffer.from(e.content);
    return {
      key: `sha1:${createHash('sha1').update(bytes).digest('hex')}`,
      name: e.name,
      headers: e.headers || {},
      size: bytes.length,
      read: () => {
        self.reads++;
        return bytes;
      },
    };
  }
  return self;
}
