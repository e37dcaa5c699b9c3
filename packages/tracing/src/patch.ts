/**
 * Replaces `target[name]` with `wrap(original)`; returns the restore, which puts the original
 * back unless another script wrapped ours since (then ours stays, and the caller disables it).
 */
export function patch<T extends object, K extends keyof T>(target: T, name: K, wrap: (original: T[K]) => T[K]): () => void {
  const original = target[name];
  const wrapped = (target[name] = wrap(original));
  return () => {
    if (target[name] === wrapped) target[name] = original;
  };
}
