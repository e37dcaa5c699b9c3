/**
 * `~/` plus the path of Vite's `base`: `/` → `~/`, `/app/` → `~/app/`,
 * `https://cdn.example/app/` → `~/app/`; a relative base (`./`, ``) gives `~/`.
 */
export function urlPrefixFromBase(base: string | undefined): string {
  if (!base || base.startsWith('.')) return '~/';
  const path = base.replace(/^([a-z][a-z0-9+.-]*:)?\/\/[^/]*/i, '').replace(/^\/+/, '');
  return `~/${path && !path.endsWith('/') ? `${path}/` : path}`;
}
