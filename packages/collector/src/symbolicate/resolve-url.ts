// URL arithmetic on artifact names. Names are compared as strings (`~/static/js/app.js`, full URLs,
// `app:///main.js`), so this works on the text without WHATWG `URL`, which would percent-encode,
// lowercase hosts and refuse `~/` paths, and the names would then no longer match the uploads.

export interface UrlParts {
  /** `https:`, `app:`, or `''` when there is none. */
  scheme: string;
  /** `//host:port`, `//` (as in `app:///x.js`), or `''`. */
  authority: string;
  path: string;
  /** `?a=1` or `''`. */
  query: string;
  /** `#x` or `''`. */
  fragment: string;
}

// RFC 3986 appendix B, with the scheme limited to real scheme characters.
const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#[\s\S]*)?$/;

export function splitUrl(url: string): UrlParts {
  const m = URL_RE.exec(url) ?? [];
  return { scheme: m[1] ?? '', authority: m[2] ?? '', path: m[3] ?? '', query: m[4] ?? '', fragment: m[5] ?? '' };
}

/**
 * `ref` read relative to `base`, as a browser would: `resolveUrl('~/static/js/app.js', 'app.js.map')`
 * is `~/static/js/app.js.map`. Absolute URLs and `~/` names are returned as they are.
 */
export function resolveUrl(base: string, ref: string): string {
  const r = splitUrl(ref);
  if (r.scheme || ref.startsWith('~/')) return ref;
  const b = splitUrl(base);
  if (r.authority) return b.scheme + ref;
  // `~/static/js/app.js`: the `~` stands for scheme and host; resolve the rest as a path.
  const tilde = !b.scheme && !b.authority && b.path.startsWith('~/');
  const prefix = tilde ? '~' : b.scheme + b.authority;
  const basePath = tilde ? b.path.slice(1) : b.path;
  if (!r.path) return prefix + basePath + (r.query || b.query) + r.fragment;
  const joined = r.path.startsWith('/') ? r.path : basePath.slice(0, basePath.lastIndexOf('/') + 1) + r.path;
  return prefix + normalizePath(joined) + r.query + r.fragment;
}

/** Drops `.` segments and applies `..` (never above the root, as browsers do). */
function normalizePath(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  const segments = path.split('/');
  segments.forEach((s, i) => {
    const last = i === segments.length - 1;
    if (s === '.') {
      if (last) out.push('');
    } else if (s === '..') {
      if (out.length > (rooted ? 1 : 0) && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      if (last) out.push('');
    } else out.push(s);
  });
  return out.join('/');
}
