/**
 * The names an uploaded file may have for a frame's `abs_path`, in Sentry's order: the full URL,
 * the URL without query and fragment, then `~` + path + query and `~` + path (host ignored).
 */
export function candidateNames(absPath: string): string[] {
  const names: string[] = [absPath];
  const noFragment = absPath.replace(/#.*$/, '');
  const noQuery = noFragment.replace(/\?.*$/, '');
  names.push(noQuery);
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)(\?[^#]*)?/i.exec(noFragment);
  if (m) {
    const path = m[1] || '/';
    if (m[2]) names.push(`~${path}${m[2]}`);
    names.push(`~${path}`);
  } else if (noQuery.startsWith('/')) {
    names.push(`~${noQuery}`);
  }
  return [...new Set(names)];
}

/** Resolves a map reference against the minified file's name (`~/js/app.js` + `app.js.map` → `~/js/app.js.map`). */
export function resolveReference(reference: string, fileName: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith('~/')) return reference;
  if (fileName.startsWith('~/')) {
    const base = new URL(fileName.slice(1), 'http://tilde.invalid');
    const resolved = new URL(reference, base);
    return `~${resolved.pathname}${resolved.search}`;
  }
  try {
    return new URL(reference, fileName).href;
  } catch {
    return reference;
  }
}
