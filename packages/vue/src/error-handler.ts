import type { ClientLike } from '@faultline/core';
import { componentName, vueContext } from './component-context';
import { lifecycleHook } from './lifecycle-hook';
import type { VueContext, VueErrorHandler, VueLike, VueOptions, VueWarnHandler } from './types';

/**
 * Sets `config.errorHandler` (and with `warnBreadcrumbs` `config.warnHandler`) of a Vue 2
 * constructor or a Vue 3 app, keeping the handlers already there: they run after the
 * capture. Returns the teardown, which puts the previous handlers back.
 */
export function hookErrors(target: VueLike, client: ClientLike, { attachProps = true, logErrors, warnBreadcrumbs }: VueOptions): () => void {
  const config = target.config;
  const previous: VueErrorHandler | undefined = config.errorHandler;
  const previousWarn: VueWarnHandler | undefined = config.warnHandler;
  // Vue 2's warn, a no-op in its production build; Vue 3 has none to borrow.
  const warn = target.util?.warn;

  const onError: VueErrorHandler = function (err, vm, info) {
    let hook: string | undefined;
    let context: VueContext | undefined;
    try {
      context = vueContext(vm, (hook = lifecycleHook(info)), attachProps);
      client.captureException(err, {
        mechanism: { type: 'vue', handled: false },
        captureContext: { contexts: { vue: context as unknown as Record<string, unknown> } },
      });
    } catch {
      // the app goes on whatever happens here
    }
    if (previous) previous.call(this, err, vm, info);
    else if (logErrors) {
      // What Vue prints when it has no errorHandler (runtime-core `logError`, Vue 2 `logError`).
      try {
        if (warn) warn(`Error in ${info}: "${err}"`, vm);
        // A readable `info` is a development build's: only those warn first.
        else if (hook == info) console.warn(`[Vue warn]: Unhandled error during execution of ${info}`, `\n${context?.trace || ''}`);
        console.error(err);
      } catch {}
    }
  };

  const onWarn: VueWarnHandler = function (msg, vm, trace) {
    try {
      client.addBreadcrumb({ category: 'vue', level: 'warning', message: msg, data: vm?.$options && { componentName: componentName(vm) } });
    } catch {}
    if (previousWarn) previousWarn.call(this, msg, vm, trace);
    // What Vue prints when it has no warnHandler (runtime-core `warn`, Vue 2 `warn`).
    else if (warn) config.silent || console.error(`[Vue warn]: ${msg}${trace}`);
    else console.warn(`[Vue warn]: ${msg}`, `\n${trace}`);
  };

  config.errorHandler = onError;
  if (warnBreadcrumbs) config.warnHandler = onWarn;
  return () => {
    if (config.errorHandler == onError) config.errorHandler = previous;
    if (config.warnHandler == onWarn) config.warnHandler = previousWarn;
  };
}
