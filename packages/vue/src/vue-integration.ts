import type { Breadcrumb, ClientLike, Event, EventHint, Integration } from '@faultline/core';
import { DEBUG } from './debug-build';
import { hookErrors, reported } from './error-handler';
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
  /** Drops console events of Vue warnings (and the console echo of an error it reported), and console breadcrumbs of Vue warnings: the `vue` ones stand for them. */
  processEvent(event: Event, hint: EventHint): Event | null;
}

/**
 * Reports every error Vue catches (setup, render, lifecycle hooks, watchers, event handlers,
 * async component loaders) with the component, hook and props in `contexts.vue`, and adds
 * router navigations as breadcrumbs. Works with Vue 2.7 (`Vue`) and Vue 3 (`app`).
 * @example init({ dsn, integrations: [vueIntegration({ app, logErrors: true })] })
 */
export function vueIntegration(options: VueOptions = {}): VueIntegrationApi {
  // attachProps, logErrors and warnBreadcrumbs (default true) are read by hookErrors.
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
    teardowns.push(hookErrors(target, () => client, options));
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
      // Not Vue (a Vue 3 global build's namespace as globalThis.Vue, odd values): left out.
      if (target?.config && !targets.includes(target)) targets.push(target);
      hook(target);
    }
  };

  attach(app || Vue || []);

  return {
    name: 'Vue',
    setup(c) {
      if (DEBUG) {
        for (const key of ['tracingOptions', 'trackComponents', 'hooks', 'timeout'] as const) {
          if (options[key] !== undefined) c.log(`Vue integration: ${key} is not used: Faultline records no traces`);
        }
      }
      // Core sets up no integration on a client that sends nothing (no DSN, `enabled: false`),
      // so Vue is left as it is there; `close()` runs the teardown.
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
    processEvent(event, hint) {
      const crumbs = (event.breadcrumbs as { values?: Breadcrumb[] } | undefined)?.values;
      // Vue 2 development builds print warnings with `console.error` (Vue 3 ones outside a
      // component with `console.warn`); they are `vue` breadcrumbs, so their console echo is
      // neither an event nor a second breadcrumb. The error printed by `logErrors` was
      // reported already (core's dedupe misses it when a warning came between); a thrown
      // non-Error comes back as a console message, its text the value's: `==` on purpose.
      const text = event.logentry?.formatted;
      if (hint.mechanism?.type == 'console' && (hint.originalException === reported || text == reported || isVueWarning(text))) return null;
      if (crumbs) (event.breadcrumbs as { values: Breadcrumb[] }).values = crumbs.filter((crumb) => crumb.category != 'console' || !isVueWarning(crumb.message));
      return event;
    },
  };
}

/** How Vue prints a warning: `[Vue warn]: …`. */
const isVueWarning = (text?: string) => /^\[Vue warn]/.test(text!);

/**
 * Sentry's class form, for code written as `new VueIntegration({ Vue, attachProps, logErrors })`.
 * The same object as `vueIntegration(options)`.
 */
export class VueIntegration implements VueIntegrationApi {
  declare name: string;
  declare setup: VueIntegrationApi['setup'];
  declare attach: VueIntegrationApi['attach'];
  declare processEvent: VueIntegrationApi['processEvent'];
  constructor(options?: VueOptions) {
    return vueIntegration(options);
  }
}
