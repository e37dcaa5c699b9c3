import type { StoredArtifact } from './types';

export type MapReference = { kind: 'data'; text: string } | { kind: 'url'; url: string } | { kind: 'none' } | { kind: 'invalid'; reason: string };

const header = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() == name)?.[1];

/** Decodes a `data:` URL map (base64 or percent-encoded). */
function decodeDataUrl(url: string): MapReference {
  const m = /^data:([^,]*),(.*)$/s.exec(url);
  if (!m) return { kind: 'invalid', reason: 'the inline data: URL is malformed' };
  try {
    const text = /;base64$/i.test(m[1]) ? Buffer.from(m[2], 'base64').toString('utf8') : decodeURIComponent(m[2]);
    return { kind: 'data', text };
  } catch {
    return { kind: 'invalid', reason: 'the inline data: URL could not be decoded' };
  }
}

/** The map a minified file points to: its `Sourcemap`/`X-SourceMap` upload header, else its last `sourceMappingURL` comment. */
export function findSourceMapReference(file: StoredArtifact): MapReference {
  const fromHeader = header(file.headers, 'sourcemap') || header(file.headers, 'x-sourcemap');
  if (fromHeader) return fromHeader.startsWith('data:') ? decodeDataUrl(fromHeader) : { kind: 'url', url: fromHeader };
  const content = file.read();
  // The comment sits at the end; reading the tail keeps a huge bundle from being scanned whole.
  const tail = content.subarray(Math.max(0, content.length - 512 * 1024)).toString('utf8');
  const re = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/gm;
  let last: string | undefined;
  for (let m = re.exec(tail); m; m = re.exec(tail)) last = m[1];
  if (!last) return { kind: 'none' };
  return last.startsWith('data:') ? decodeDataUrl(last) : { kind: 'url', url: last };
}
