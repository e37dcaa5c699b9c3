import type { ClientLike } from '@faultline/core';
import { vueContext } from './component-context';
import { lifecycleHook } from './lifecycle-hook';
import type { VueContext, VueErrorHandler, VueLike, VueOptions, VueWarnHandler } from './types';

/** The error a Vue handler reported last: its console echo (`logErrors`) is no second event. Before the first, a value nothing equals. */
export let reported: unknown = Symbol();

/** The client to report to, if it sends: enabled, with a DSN, not closed. */
export const sending = (client: ClientLike | undefined): ClientLike | undefined =>
  client && (client as { isEnabled?(): boolean }).isEnabled?.() !== false ? client : undefined;

/**
 * Sets `config.errorHandler` and `config.warnHandler` of a Vue 2 constructor or a Vue 3
 * app, keeping the handlers already there: they run after ours. Errors go to the client
 * `getClient` gives when the error happens (one that sends, or none); without one, Vue's own
 * handling happens. Returns the teardown, which puts the previous handlers back.
 */
export function hookErrors(target: VueLike, getClient: () => ClientLike | undefined, { attachProps = true, logErrors = true, warnBreadcrumbs = true }: VueOptions): () => void {
  const config = target.config;
  const previous: VueErrorHandler | undefined = config.errorHandler;
  const previousWarn: VueWarnHandler | undefined = config.warnHandler;
  // Vue 2 only: Vue 3 has no `util`.
  const vue2 = target.util;

  // Vue calls both with no `this` (null in Vue 2), so arrows pass on the same.
  const onError: VueErrorHandler = (err, vm, info) => {
    let hook: string | undefined;
    let context: VueContext | undefined;
    const client = getClient();
    try {
      context = vueContext(vm, (hook = lifecycleHook(info)), attachProps);
      reported = err;
      client?.captureException(err, {
        mechanism: { type: 'vue', handled: false },
        captureContext: { contexts: { vue: context as unknown as Record<string, unknown> } },
      });
    } catch {
      // the app goes on whatever happens here
    }
    if (previous) previous(err, vm, info);
    // Without a client, Vue's own handling.
    else if (logErrors || !client) {
      // Vue 2 logs an error its handler re-throws as if there were no handler (`globalHandleError`).
      if (vue2) throw err;
      // What Vue 3 prints when it has no errorHandler (runtime-core `logError`): a development
      // build (readable `info`) warns first, through the warnHandler. Vue 3 calls its handler
      // in a try of its own.
      if (hook == info) onWarn(`Unhandled error during execution of ${info}`, vm, context?.trace || '');
      console.error(err);
    }
  };

  const onWarn: VueWarnHandler = (msg, vm, trace) => {
    // The client's addBreadcrumb catches what goes wrong inside.
    getClient()?.addBreadcrumb({ category: 'vue', level: 'warning', message: msg });
    if (previousWarn) previousWarn(msg, vm, trace);
    // What Vue prints when it has no warnHandler (Vue 2 `warn`, runtime-core `warn`).
    else if (vue2) config.silent || console.error(`[Vue warn]: ${msg}${trace}`);
    else console.warn(`[Vue warn]: ${msg}`, `\n${trace}`);
  };

  config.errorHandler = onError;
  if (warnBreadcrumbs) config.warnHandler = onWarn;
  return () => {
    if (config.errorHandler == onError) config.errorHandler = previous;
    if (config.warnHandler == onWarn) config.warnHandler = previousWarn;
  };
}
