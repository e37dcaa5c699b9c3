import { patch } from './patch';

/**
 * Calls `onChange()` when the page's URL changes without a reload (pushState, replaceState,
 * back/forward); returns the restore. A patch left in place (wrapped again by another script)
 * still calls `onChange`, which must do nothing once its caller is done.
 */
export function onHistoryChange(onChange: () => void): () => void {
  let last = location.href;
  const check = () => {
    if (location.href != last) {
      last = location.href;
      onChange();
    }
  };
  const restores = (['pushState', 'replaceState'] as const).map((name) =>
    patch(
      history,
      name,
      (original) =>
        function (this: History, ...args: Parameters<History['pushState']>) {
          const result = original.apply(this, args);
          // Our bug must not become the page's: the state changed whatever happens here.
          try {
            check();
          } catch {
            // nothing to undo
          }
          return result;
        }
    )
  );
  addEventListener('popstate', check);
  return () => {
    removeEventListener('popstate', check);
    restores.forEach((restore) => restore());
  };
}
