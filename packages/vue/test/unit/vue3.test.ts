// The integration on a real Vue 3 app (development build) in jsdom, with a recording client.
import { createApp, defineAsyncComponent, defineComponent, h, nextTick, reactive, ref, watch, type App, type Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VueIntegration, vueIntegration } from '../../src/index';
import { fakeClient } from '../helpers/fake-client';

const mounted: App[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
  vi.restoreAllMocks();
});

/** Mounts `child` with `props` inside a root named `App`. */
function mountApp(child: Component, props: Record<string, unknown> = {}, setup?: (app: App) => void): { app: App; el: HTMLElement } {
  const app = createApp(defineComponent({ name: 'App', render: () => h(child, props) }));
  setup?.(app);
  const el = document.createElement('div');
  document.body.append(el);
  app.mount(el);
  mounted.push(app);
  return { app, el };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Vue 3: each kind of component error is captured once', () => {
  const cases: Array<[string, Component, string, (el: HTMLElement) => Promise<void> | void]> = [
    ['setup function', defineComponent({ name: 'ThrowInSetup', props: { label: String }, setup() { throw new Error('setup boom'); } }), 'setup function', () => {}],
    ['render function', defineComponent({ name: 'ThrowInRender', props: { label: String }, render() { throw new Error('render boom'); } }), 'render function', () => {}],
    [
      'mounted hook',
      defineComponent({ name: 'ThrowInMounted', props: { label: String }, mounted() { throw new Error('mounted boom'); }, render: () => h('p') }),
      'mounted hook',
      () => {},
    ],
    [
      'watcher callback',
      defineComponent({
        name: 'ThrowInWatcher',
        props: { label: String },
        setup() {
          const n = ref(0);
          watch(n, () => { throw new Error('watch boom'); });
          return () => h('button', { onClick: () => n.value++ });
        },
      }),
      'watcher callback',
      async (el) => { el.querySelector('button')!.click(); await nextTick(); },
    ],
    [
      'click handler',
      defineComponent({ name: 'ThrowOnClick', props: { label: String }, render: () => h('button', { onClick: () => { throw new Error('click boom'); } }) }),
      'native event handler',
      (el) => el.querySelector('button')!.click(),
    ],
    [
      'async click handler',
      defineComponent({ name: 'RejectOnClick', props: { label: String }, render: () => h('button', { onClick: async () => { await null; throw new Error('async boom'); } }) }),
      'native event handler',
      async (el) => { el.querySelector('button')!.click(); await flush(); },
    ],
  ];

  it.each(cases)('%s', async (_, component, hook, trigger) => {
    const client = fakeClient();
    const integration = vueIntegration({ attachProps: true });
    const { app, el } = mountApp(component, { label: 'hello' }, (a) => {
      integration.attach(a);
      integration.setup(client);
    });
    await trigger(el);
    await flush();
    expect(client.captures).toHaveLength(1);
    const [{ error, hint, vue }] = client.captures;
    expect(error).toBeInstanceOf(Error);
    expect(hint.mechanism).toEqual({ type: 'vue', handled: false });
    expect(vue).toEqual({
      componentName: `<${(component as { name: string }).name}>`,
      lifecycleHook: hook,
      trace: `<${(component as { name: string }).name}>\n<App>`,
      propsData: { label: 'hello' },
    });
    expect(app.config.errorHandler).toBeTypeOf('function');
  });

  it('a component event handler and an async component loader', async () => {
    const client = fakeClient();
    const Emitter = defineComponent({ name: 'Emitter', emits: ['go'], render() { return h('button', { onClick: () => this.$emit('go') }); } });
    const Listener = defineComponent({ name: 'Listener', render: () => h(Emitter, { onGo: () => { throw new Error('emit boom'); } }) });
    const Lazy = defineAsyncComponent(() => Promise.reject(new Error('chunk failed')));
    const Parent = defineComponent({ name: 'Parent', render: () => [h(Listener), h(Lazy)] });
    const { el } = mountApp(Parent, {}, (app) => vueIntegration({ app }).setup(client));
    await flush();
    el.querySelector('button')!.click();
    await flush();
    const hooks = client.captures.map((c) => [(c.error as Error).message, c.vue.componentName, c.vue.lifecycleHook]);
    expect(hooks).toEqual([
      // Vue reports the wrapper defineAsyncComponent made, as its own warnings do.
      ['chunk failed', '<AsyncComponentWrapper>', 'async component loader'],
      ['emit boom', '<Emitter>', 'component event handler'],
    ]);
  });
});

describe('Vue 3: component names', () => {
  it.each([
    ['name', { name: 'my-widget' }, '<MyWidget>'],
    ['__name (script setup)', { __name: 'FancyList' }, '<FancyList>'],
    ['the .vue file name', { __file: '/src/components/user_card.vue' }, '<UserCard>'],
    ['the name it was registered under', {}, '<Registered>'],
  ])('from %s', async (_, options, name) => {
    const client = fakeClient();
    const child = { ...options, render() { throw new Error('x'); } };
    const root = defineComponent({ name: 'App', components: { Registered: child }, render: () => h(child) });
    const app = createApp(root);
    vueIntegration({ app }).setup(client);
    app.mount(document.createElement('div'));
    mounted.push(app);
    expect(client.captures[0].vue.componentName).toBe(name);
  });

  it('an unnamed root is <Root>, an unnamed child <Anonymous>, files show in the trace', () => {
    const client = fakeClient();
    const child = { __file: 'src/x/index.js', render() { throw new Error('x'); } };
    const app = createApp({ render: () => h(child) });
    vueIntegration({ app }).setup(client);
    app.mount(document.createElement('div'));
    mounted.push(app);
    expect(client.captures[0].vue).toMatchObject({ componentName: '<Anonymous>', trace: '<Anonymous> at src/x/index.js\n<Root>' });
  });

  it('bounds the trace of a deep tree', () => {
    const client = fakeClient();
    const Leaf = defineComponent({ name: 'Leaf', render() { throw new Error('deep'); } });
    const Nest: Component = defineComponent({ name: 'Nest', props: { n: Number }, render() { return this.n ? h(Nest, { n: this.n - 1 }) : h(Leaf); } });
    mountApp(Nest, { n: 50 }, (app) => vueIntegration({ app }).setup(client));
    const lines = client.captures[0].vue.trace.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('<Leaf>');
    expect(lines[1]).toBe('<Nest>');
    expect(lines[20]).toBe('…');
  });
});

describe('Vue 3: props', () => {
  it('are plain data: reactive props unwrapped, functions and components left to the client', () => {
    const client = fakeClient(5);
    const state = reactive({ user: { id: 1, roles: ['admin'] } });
    const Child = defineComponent({ name: 'Child', props: ['user', 'onPick', 'count', 'missing'], render() { throw new Error('x'); } });
    mountApp(Child, { user: state.user, onPick: () => 1, count: ref(2) }, (app) => vueIntegration({ app }).setup(client));
    const props = client.captures[0].vue.propsData;
    expect(props).toMatchObject({ user: { id: 1, roles: ['admin'] }, count: 2, missing: undefined });
    expect(typeof props.onPick).toBe('function');
    expect(JSON.stringify(props)).toBe('{"user":{"id":1,"roles":["admin"]},"count":2}');
  });

  it('are left out with attachProps: false', () => {
    const client = fakeClient();
    const Child = defineComponent({ name: 'Child', props: ['secret'], render() { throw new Error('x'); } });
    mountApp(Child, { secret: 'pw' }, (app) => vueIntegration({ app, attachProps: false }).setup(client));
    expect(client.captures[0].vue).not.toHaveProperty('propsData');
  });
});

describe('Vue 3: the app and the console', () => {
  const Boom = defineComponent({ name: 'Boom', render() { throw new Error('render boom'); } });

  it("calls the app's own errorHandler with Vue's arguments, after the capture", () => {
    const client = fakeClient();
    const calls: unknown[][] = [];
    mountApp(Boom, {}, (app) => {
      app.config.errorHandler = (err, vm, info) => {
        calls.push([(err as Error).message, vm && vm.$options.name, info, client.captures.length]);
      };
      vueIntegration({ app, logErrors: true }).setup(client);
    });
    expect(calls).toEqual([['render boom', 'Boom', 'render function', 1]]);
  });

  it('prints nothing with logErrors: false', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    mountApp(Boom, {}, (app) => vueIntegration({ app, logErrors: false }).setup(fakeClient()));
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it("prints like Vue does with logErrors: Vue's warning with the component trace, then the error", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    mountApp(Boom, {}, (app) => vueIntegration({ app, logErrors: true }).setup(fakeClient()));
    expect(warn).toHaveBeenCalledWith('[Vue warn]: Unhandled error during execution of render function', '\n<Boom>\n<App>');
    expect(error).toHaveBeenCalledTimes(1);
    expect((error.mock.calls[0][0] as Error).message).toBe('render boom');
  });

  it('never throws: no component, odd arguments, a client that throws', () => {
    const client = fakeClient();
    const app = createApp({ render: () => null });
    vueIntegration({ app }).setup(client);
    const handler = app.config.errorHandler!;
    expect(() => handler(new Error('no vm'), null, 'https://vuejs.org/error-reference/#runtime-14')).not.toThrow();
    expect(() => handler('a string', 'not a vm' as never, undefined as never)).not.toThrow();
    expect(client.captures.map((c) => c.vue)).toEqual([{ lifecycleHook: 'scheduler flush' }, { lifecycleHook: 'undefined' }]);
    const hostile = { toString: () => { throw new Error('no text'); } };
    expect(() => handler(hostile, { $options: hostile, $parent: hostile } as never, hostile as never)).not.toThrow();

    const broken = { ...fakeClient(), captureException: () => { throw new Error('client bug'); } };
    const app2 = createApp({ render: () => null });
    vueIntegration({ app: app2 }).setup(broken);
    expect(() => app2.config.errorHandler!(new Error('x'), null, 'render function')).not.toThrow();
  });

  it('an unmounted component instance is still described', async () => {
    const client = fakeClient();
    let vm: any;
    const Child = defineComponent({ name: 'Gone', props: ['p'], mounted() { vm = this; }, render: () => h('i') });
    const show = ref(true);
    const { app } = mountApp(defineComponent({ name: 'Wrap', render: () => (show.value ? h(Child, { p: 1 }) : null) }), {}, (a) => vueIntegration({ app: a }).setup(client));
    show.value = false;
    await nextTick();
    app.config.errorHandler!(new Error('late'), vm, 'component event handler');
    expect(client.captures[0].vue).toMatchObject({ componentName: '<Gone>', propsData: { p: 1 } });
  });
});

describe('Vue 3: setup, attach and teardown', () => {
  it('hooks apps given as an array, and apps attached later, once each', () => {
    const client = fakeClient();
    const [a, b, c] = [1, 2, 3].map(() => createApp({ render: () => null }));
    const integration = new VueIntegration({ app: [a, b] });
    expect(integration.name).toBe('Vue');
    integration.setup(client);
    integration.attach(c);
    integration.attach([c, a]);
    for (const app of [a, b, c]) app.config.errorHandler!(new Error('x'), null, '1');
    expect(client.captures).toHaveLength(3);
  });

  it('attach takes odd values without throwing', () => {
    const integration = vueIntegration();
    integration.setup(fakeClient());
    const bare = { config: {} as Record<string, unknown> };
    expect(() => integration.attach([undefined, null, {}, bare] as never)).not.toThrow();
    expect(bare.config.errorHandler).toBeTypeOf('function');
  });

  it('an app attached before setup is hooked at setup', () => {
    const client = fakeClient();
    const app = createApp({ render: () => null });
    const integration = vueIntegration();
    integration.attach(app);
    expect(app.config.errorHandler).toBeUndefined();
    integration.setup(client);
    expect(app.config.errorHandler).toBeTypeOf('function');
  });

  it('teardown puts the previous handlers back; a new setup hooks again', () => {
    const app = createApp({ render: () => null });
    const own = () => {};
    const ownWarn = () => {};
    app.config.errorHandler = own;
    app.config.warnHandler = ownWarn;
    const integration = vueIntegration({ app, warnBreadcrumbs: true });
    const teardown = integration.setup(fakeClient());
    expect(app.config.errorHandler).not.toBe(own);
    expect(app.config.warnHandler).not.toBe(ownWarn);
    teardown();
    expect(app.config.errorHandler).toBe(own);
    expect(app.config.warnHandler).toBe(ownWarn);
    const client = fakeClient();
    integration.setup(client);
    app.config.errorHandler!(new Error('again'), null, '1');
    expect(client.captures).toHaveLength(1);
  });

  it("@sentry/vue's tracing options are accepted, and a debug line says each is not used", () => {
    const client = fakeClient();
    const app = createApp({ render: () => null });
    vueIntegration({ app, tracingOptions: { trackComponents: true }, trackComponents: true, hooks: ['mount'], timeout: 2000 }).setup(client);
    expect(client.logs).toEqual(['tracingOptions', 'trackComponents', 'hooks', 'timeout'].map((key) => `Vue integration: ${key} is not used: Faultline records no traces`));
  });

  it('without app or Vue it says so under debug and waits for attach', () => {
    const client = fakeClient();
    vueIntegration().setup(client);
    expect(client.logs.join()).toMatch(/attach/);
  });
});

describe('Vue 3: warnings and router', () => {
  it('a Vue warning becomes a breadcrumb and is still printed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = fakeClient();
    const Child = defineComponent({
      name: 'Strict',
      props: { n: { type: Number, required: true } },
      render() {
        return h('i', (this as unknown as { nope: string }).nope);
      },
    });
    mountApp(Child, {}, (app) => vueIntegration({ app }).setup(client));
    expect(client.breadcrumbs).toEqual([
      { category: 'vue', level: 'warning', message: 'Missing required prop: "n"' },
      { category: 'vue', level: 'warning', message: 'Property "nope" was accessed during render but is not defined on instance.' },
    ]);
    expect(warn).toHaveBeenCalledWith('[Vue warn]: Missing required prop: "n"', expect.stringContaining('at <Strict>'));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("with warnBreadcrumbs: false Vue's warnHandler is left alone", () => {
    const app = createApp({ render: () => null });
    vueIntegration({ app, warnBreadcrumbs: false }).setup(fakeClient());
    expect(app.config.warnHandler).toBeUndefined();
  });

  const routes = [
    { path: '/', name: 'home', component: { render: () => h('p', 'home') } },
    { path: '/user/:id', name: 'user', component: { render: () => h('p', 'user') } },
  ];

  it.each([
    ['found after app.use(router)', 'auto'],
    ['given as an option', 'option'],
  ])('Vue Router 4 navigations become breadcrumbs: %s', async (_, how) => {
    const client = fakeClient();
    const router = createRouter({ history: createMemoryHistory(), routes });
    const app = createApp({ name: 'App', render: () => h('div') });
    vueIntegration({ app, router: how == 'option' ? router : undefined }).setup(client);
    app.use(router);
    app.mount(document.createElement('div'));
    mounted.push(app);
    await router.push('/');
    await router.push('/user/7?tab=2');
    await router.push('/user/7?tab=2'); // duplicated: no breadcrumb
    expect(client.breadcrumbs).toEqual([
      { category: 'navigation', message: 'home', data: { from: '/', to: '/' } },
      { category: 'navigation', message: 'user', data: { from: '/', to: '/user/7?tab=2' } },
    ]);
  });

  it('a navigation that ended before the router was found is recorded without from', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes });
    await router.push('/user/3');
    const client = fakeClient();
    vueIntegration({ app: createApp({ render: () => null }), router }).setup(client);
    await router.push('/');
    expect(client.breadcrumbs).toEqual([
      { category: 'navigation', message: 'user', data: { to: '/user/3' } },
      { category: 'navigation', message: 'home', data: { from: '/user/3', to: '/' } },
    ]);
  });

  it('router: false adds no navigation breadcrumbs; teardown stops them', async () => {
    const client = fakeClient();
    const router = createRouter({ history: createMemoryHistory(), routes });
    const app = createApp({ render: () => h('div') }).use(router);
    vueIntegration({ app, router: false }).setup(client);
    app.mount(document.createElement('div'));
    mounted.push(app);
    await router.push('/user/1');
    expect(client.breadcrumbs).toEqual([]);

    const client2 = fakeClient();
    const teardown = vueIntegration({ app: createApp({ render: () => null }), router }).setup(client2);
    await router.push('/');
    teardown();
    await router.push('/user/2');
    // The route it was on when it got the router, then the one navigation before teardown.
    expect(client2.breadcrumbs.map((b) => b.message)).toEqual(['user', 'home']);
  });
});
