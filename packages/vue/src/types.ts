// The few parts of Vue 2.7, Vue 3 and Vue Router that the integration touches, typed
// structurally: `@faultline/vue` never imports 'vue', so it fits any Vue 2.7 or 3.x build.

/** What Vue passes to `config.errorHandler`: `(err, vm, info)`. */
export type VueErrorHandler = (this: unknown, err: unknown, vm: any, info: string) => void;
/** What Vue passes to `config.warnHandler`: `(msg, vm, trace)`. */
export type VueWarnHandler = (this: unknown, msg: string, vm: any, trace: string) => void;

/**
 * A Vue 2.7 constructor (`import Vue from 'vue'`) or a Vue 3 app (`createApp(App)`): both have
 * a `config` with `errorHandler` and `warnHandler`, and `mixin()`.
 */
export interface VueLike {
  config: { errorHandler?: any; warnHandler?: any; silent?: boolean; globalProperties?: any };
  mixin(mixin: any): unknown;
  /** Vue 2 only: `Vue.util.warn`, how Vue 2 prints its own warnings. */
  util?: { warn(msg: string, vm?: any): void };
  version?: string;
}

/** A Vue Router 3 or 4 instance: `afterEach`, and `currentRoute` (a ref in Vue Router 4). */
export interface RouterLike {
  afterEach(guard: (to: any, from: any, failure?: any) => any): unknown;
  currentRoute?: any;
}

export interface VueOptions {
  /**
   * The Vue 2.7 constructor whose global `Vue.config.errorHandler` is hooked. Vue 3 apps
   * go in `app`. Ignored when `app` is given.
   * @default globalThis.Vue when it is Vue 2 (a `<script>`-tag Vue 2)
   * @example new VueIntegration({ Vue })
   */
  Vue?: VueLike;
  /**
   * The Vue 3 app, or apps, to hook (`app.config.errorHandler`). Apps created after `init`
   * are added with `attach(app)`.
   * @default undefined
   * @example new VueIntegration({ app: [shopApp, cartApp] })
   */
  app?: VueLike | VueLike[];
  /**
   * Send the props of the component that threw in `contexts.vue.propsData`. false keeps
   * them out, for privacy.
   * @default true
   * @example new VueIntegration({ Vue, attachProps: false })
   */
  attachProps?: boolean;
  /**
   * Print each error to the console the way Vue would have: Vue stops printing once an
   * `errorHandler` is set. Nothing is printed when the app has an `errorHandler` of its own
   * (that handler runs and decides), or with false. Without a client that sends (no DSN,
   * `enabled: false`, closed) Vue's own handling happens, whatever this says.
   * @default true
   * @example new VueIntegration({ app, logErrors: import.meta.env.DEV })
   */
  logErrors?: boolean;
  /**
   * Record each Vue warning (development builds) as a `vue` breadcrumb. This sets
   * `config.warnHandler`, keeping one you set: it runs after, and without one the warning is
   * printed as Vue prints it. Console events of Vue warnings are dropped either way.
   * @default true
   * @example new VueIntegration({ app, warnBreadcrumbs: false })
   */
  warnBreadcrumbs?: boolean;
  /**
   * Vue Router 3 or 4 whose navigations become `navigation` breadcrumbs (name, from, to).
   * By default the app's router is found on its own (`app.use(router)` or
   * `new Vue({ router })`); false turns navigation breadcrumbs off.
   * @default found automatically
   * @example new VueIntegration({ app, router })
   */
  router?: RouterLike | false;
  /** Accepted so Sentry setups compile; Faultline records no traces (`debug` says so). @default undefined */
  tracingOptions?: unknown;
  /** Accepted so Sentry setups compile; Faultline records no traces. @default undefined */
  trackComponents?: unknown;
  /** Accepted so Sentry setups compile; Faultline records no traces. @default undefined */
  hooks?: unknown;
  /** Accepted so Sentry setups compile; Faultline records no traces. @default undefined */
  timeout?: unknown;
}

/** What `contexts.vue` of an event holds. */
export interface VueContext {
  /** `<MyButton>`: from `name`, `__name`, the registered tag or the `.vue` file name; `<Root>`, `<Anonymous>`. */
  componentName?: string;
  /** Where Vue caught it, as text: `render function`, `mounted hook`, `setup function`, `v-on handler`, … */
  lifecycleHook: string;
  /** The component and its parents, innermost first, one per line (at most 20). */
  trace?: string;
  /** The component's props as plain data (with `attachProps`). */
  propsData?: unknown;
}
