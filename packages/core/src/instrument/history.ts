import { fanout, fill } from './fanout';

/** Reports each change of the page's URL without a reload: pushState, replaceState, back/forward, hash links. */
export const onNavigation = fanout<[from: string, to: string]>((emit) => {
  let last = location.href;
  const check = () => {
    const from = last;
    last = location.href;
    if (last != from) emit(from, last);
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    fill(history, name, (original) =>
      function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        check();
        return result;
      },
    );
  }
  // Hash links fire both events in some browsers: `check` reports a change once.
  for (const type of ['popstate', 'hashchange']) addEventListener(type, check);
});
