// Inline maps: `//# sourceMappingURL=data:application/json;charset=utf-8;base64,eyJ2…` (esbuild,
// webpack `inline-source-map`) or the same percent-encoded without `;base64`.

/** True for a `data:` URL (any case), which is decoded instead of looked up. */
export const isDataUrl = (url: string): boolean => /^data:/i.test(url);

/**
 * The text of a `data:` URL, decoded as UTF-8. Throws an Error whose message says what is wrong
 * with it (it becomes a note on the event), never a half-decoded string.
 */
export function decodeDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (!isDataUrl(url) || comma < 0) throw new Error('the data: URL has no "," before its data');
  const params = url.slice(5, comma).toLowerCase().split(';').map((p) => p.trim());
  const mediaType = params[0];
  // A map is JSON; accept the types tools really write, refuse e.g. an inlined image.
  if (mediaType && !/json|^text\/plain$|^application\/octet-stream$/.test(mediaType)) {
    throw new Error(`the data: URL holds ${mediaType}, not a JSON source map`);
  }
  let data = url.slice(comma + 1);
  if (data.includes('%')) data = percentDecode(data);
  if (!params.includes('base64')) return data;
  const base64 = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) throw new Error('the data: URL is marked base64 but is not valid base64');
  return Buffer.from(base64, 'base64').toString('utf8');
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error('the data: URL has malformed percent-encoding');
  }
}
