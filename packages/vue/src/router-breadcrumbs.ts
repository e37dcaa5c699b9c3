import type { ClientLike } from '@faultline/core';
import type { RouterLike } from './types';

/**
 * Records each finished navigation of a Vue Router 3 or 4 as a `navigation` breadcrumb:
 * the route's name as message, `from` and `to` full paths as data. Returns the unsubscribe.
 */
export function routerBreadcrumbs(router: RouterLike, client: ClientLike): () => void {
  const off = router.afterEach((to, from, failure) => {
    // Vue Router 4 calls afterEach for aborted and duplicated navigations too.
    if (!failure) {
      client.addBreadcrumb({
        category: 'navigation',
        message: to.name == null ? undefined : String(to.name),
        data: { from: from && from.fullPath, to: to.fullPath },
      });
    }
  });
  return typeof off == 'function' ? (off as () => void) : () => {};
}
