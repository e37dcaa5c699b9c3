/** The part of a Vue Router 3 or 4 route that names a transaction. */
export interface RouteLike {
  path: string;
  matched?: Array<{ path: string }>;
}

/** The part of a Vue Router 3 (`new VueRouter()`) or 4 (`createRouter()`) instance that is used. */
export interface RouterLike {
  beforeEach(guard: (to: RouteLike, from: RouteLike, next?: () => void) => unknown): unknown;
  afterEach(hook: (to: RouteLike, from: RouteLike, failure?: unknown) => unknown): unknown;
}

/** The route's pattern (`/users/:id`): its deepest matched record's path, else the path itself. */
export function routeName(route: RouteLike): string {
  const matched = route.matched || [];
  return matched[matched.length - 1]?.path || route.path;
}

/**
 * Calls `onNavigation(name, began, initial)` once a navigation is confirmed (aborted and
 * redirected ones are not: Vue Router 4 passes them a failure), with when it began
 * (performance.now() ms) and whether it is the router's first (from its start location, which
 * matches nothing). Returns the unsubscribe where the router gives one (Vue Router 4 and 3.5+).
 */
export function onRouterNavigation(router: RouterLike, onNavigation: (name: string, began: number, initial: boolean) => void): () => void {
  let began = performance.now();
  // Vue Router 3 waits for `next()` in a guard of arity 3; 4 takes the guard's return value.
  const removeBefore = router.beforeEach((_to, _from, next) => {
    began = performance.now();
    next?.();
  });
  const removeAfter = router.afterEach((to, from, failure) => {
    if (!failure) onNavigation(routeName(to), began, !from.matched?.length);
  });
  return () => [removeBefore, removeAfter].forEach((remove) => typeof remove == 'function' && remove());
}
