import type { ClientLike } from '@faultline/core';
import type { RouterLike } from './types';

/**
 * Records each finished navigation of a Vue Router 3 or 4 as a `navigation` breadcrumb:
 * the route's name as message, `from` and `to` full paths as data. Returns what `afterEach`
 * returns: the unsubscribe function (Vue Router 3.0 returns nothing).
 */
export function routerBreadcrumbs(router: RouterLike, client: ClientLike): unknown {
  const add = (to: any, from?: any) =>
    client.addBreadcrumb({
      category: 'navigation',
      message: to.name && String(to.name),
      data: from ? { from: from.fullPath, to: to.fullPath } : { to: to.fullPath },
    });
  // A navigation that ended before the router was found (Vue Router 3 starts with the root
  // component, often before our mixin runs): the route the app is on now, without `from`.
  const current = router.currentRoute;
  const route = current && (current.value || current);
  if (route?.matched?.length) add(route);
  // Vue Router 4 calls afterEach for aborted and duplicated navigations too (with a failure).
  return router.afterEach((to, from, failure) => failure || add(to, from));
}
