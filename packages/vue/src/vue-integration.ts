import type { ClientLike, Integration } from '@faultline/core';
import { DEBUG } from './debug-build';
import { hookErrors } from './error-handler';
import { routerBreadcrumbs } from './router-breadcrumbs';
import type { RouterLike, VueLike, VueOptions } from './types';

/** The integration `vueIntegration()` and `new VueIntegration()` return. */
export interface VueIntegrationApi extends Integration {
  /** Hooks the apps given so far; the teardown (on `close()`) puts their previous handlers back. */
  setup(client: ClientLike): () => void;
  /**
   * Hooks a Vue 3 app (or apps) created after `init`; before `init`, it is hooked when the
   * integration is set up. Hooking the same app twice does nothing.
   * @example
   * const vue = vueIntegration({ logErrors: true });
   * init({ dsn, integrations: [vue] });
   * vue.attach(createApp(App));
   */
  attach(app: VueLike | VueLike[]): void;
}

/**
 * Reports every error Vue catches (setup, render, lifecycle hooks, watchers, event handlers,
 * async component loaders) with the component, hook and props in `contexts.vue`, and adds
 * router navigations as breadcrumbs. Works with Vue 2.7 (`Vue`) and Vue 3 (`app`).
 * @example init({ dsn, integrations: [vueIntegration({ app, logErrors: true })] })
 */
export function vueIntegration(options: VueOptions = {}): VueIntegrationApi {
  // attachProps (default true), logErrors and warnBreadcrumbs (default false) are read by hookErrors.
  const { app, Vue = (globalThis as { Vue?: VueLike }).Vue, router } = options;
  /** Every app (or Vue 2 constructor) given so far. */
  const targets: VueLike[] = [];
  /** Targets with the router-finding mixin: a mixin cannot be removed, so once each. */
  const mixed: VueLike[] = [];
  let client: ClientLike | undefined;
  /** Targets and routers hooked for the current client, and how to unhook them. */
  let hooked: unknown[] = [];
  let teardowns: unknown[] = [];

  const hookRouter = (r: RouterLike | undefined) => {
    if (client && r?.afterEach && !hooked.includes(r)) {
      hooked.push(r);
      teardowns.push(routerBreadcrumbs(r, client));
    }
  };

  const hook = (target: VueLike) => {
    if (!client || !target?.config || hooked.includes(target)) return;
    hooked.push(target);
    teardowns.push(hookErrors(target, client, options));
    if (router) hookRouter(router);
    else if (router !== false) {
      // Vue 3 after `app.use(router)`; otherwise the first component created finds it.
      hookRouter(target.config.globalProperties?.$router);
      if (!mixed.includes(target)) {
        mixed.push(target);
        target.mixin?.({
          beforeCreate(this: any) {
            try {
              // Vue 2's root has `$options.router`; elsewhere `$router` (which throws in Vue 2
              // before Vue Router's own beforeCreate ran).
              hookRouter(this.$options.router || this.$router);
            } catch {}
          },
        });
      }
    }
  };

  const attach = (apps: VueLike | VueLike[]) => {
    for (const target of ([] as VueLike[]).concat(apps)) {
      if (target && !targets.includes(target)) targets.push(target);
      hook(target);
    }
  };

  attach(app || (Vue?.config ? Vue : []));

  return {
    name: 'Vue',
    setup(c) {
      client = c;
      targets.forEach(hook);
      if (DEBUG && !targets.length) c.log('Vue integration: no `app` or `Vue` given yet; call attach(app)');
      return () => {
        for (const teardown of teardowns) {
          try {
            (teardown as () => void)();
          } catch {}
        }
        teardowns = [];
        hooked = [];
        client = undefined;
      };
    },
    attach,
  };
}

/**
 * Sentry's class form, for code written as `new VueIntegration({ Vue, attachProps, logErrors })`.
 * The same object as `vueIntegration(options)`.
 */
export class VueIntegration implements VueIntegrationApi {
  declare name: string;
  declare setup: VueIntegrationApi['setup'];
  declare attach: VueIntegrationApi['attach'];
  constructor(options?: VueOptions) {
    return vueIntegration(options);
  }
}
