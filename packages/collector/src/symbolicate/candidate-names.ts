import { splitUrl } from './resolve-url';

/**
 * The artifact names Sentry tries for a frame's `abs_path`, in order: the URL as sent, the URL
 * without query and fragment, then `~` + path + query and `~` + path (the host ignored, which is
 * how release files are usually uploaded: `~/static/js/app.js`).
 *
 * `app:///main.js` also gives `~/main.js`; a bare path `/static/app.js` gives `~/static/app.js`;
 * a `~/` name is already in its final form. Names that cannot be files (`<anonymous>`, `native`,
 * `[native code]`) give none.
 *
 * @example candidateNames('https://shop.example/static/js/app.3f2a.js?v=2')
 * // ['https://shop.example/static/js/app.3f2a.js?v=2', 'https://shop.example/static/js/app.3f2a.js',
 * //  '~/static/js/app.3f2a.js?v=2', '~/static/js/app.3f2a.js']
 */
export function candidateNames(absPath: string): readonly string[] {
  let names = remembered.get(absPath);
  if (!names) {
    names = Object.freeze(namesFor(absPath));
    if (absPath.length > MAX_REMEMBERED_CHARS) return names;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(absPath, names);
  }
  return names;
}

// Every event asks again for the few URLs its app serves; a pure function of the string, so
// answers are remembered (bounded in count and size: URLs come from events, `data:` ones too).
const MAX_REMEMBERED = 10_000;
const MAX_REMEMBERED_CHARS = 2048;
const remembered = new Map<string, readonly string[]>();

function namesFor(absPath: string): string[] {
  if (!absPath || /^(?:<|\[|native$)/.test(absPath)) return [];
  const { scheme, authority, path, query } = splitUrl(absPath);
  if (absPath.startsWith('~/')) return dedupe([absPath, path]);
  if (scheme === 'data:' || scheme === 'blob:' || scheme === 'javascript:') return [];
  const origin = scheme + authority;
  // `app.js` (no slash) is a path relative to the root for our purposes: `~/app.js`.
  const rooted = path.startsWith('/') ? path : '/' + path;
  const names = [absPath, origin + path];
  if (path) names.push('~' + rooted + query, '~' + rooted);
  return dedupe(names);
}

function dedupe(names: string[]): string[] {
  return [...new Set(names.filter(Boolean))];
}
