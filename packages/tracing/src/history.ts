/**
 * Calls `onChange(to)` when the page's URL changes without a reload (pushState, replaceState,
 * back/forward); returns the restore (the originals come back unless wrapped again since).
 */
export function onHistoryChange(onChange: (to: string) => void): () => void {
  let last = location.href;
  let enabled = true;
  const check = () => {
    const to = location.href;
    if (!enabled || to == last) return;
    last = to;
    try {
      onChange(to);
    } catch {
      // our bug is not the page's problem
    }
  };
  const restores = (['pushState', 'replaceState'] as const).map((name) => {
    const original = history[name];
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
    history[name] = wrapped;
    return () => {
      if (history[name] === wrapped) history[name] = original;
    };
  });
  addEventListener('popstate', check);
  return () => {
    enabled = false;
    removeEventListener('popstate', check);
    restores.forEach((restore) => restore());
  };
}
