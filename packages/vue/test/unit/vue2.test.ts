// The integration on the real Vue 2.7 (development build) in jsdom, with a recording client.
import Vue from 'vue2';
import VueRouter from 'vue-router3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VueIntegration, vueIntegration } from '../../src/index';
import { fakeClient, type FakeClient } from '../helpers/fake-client';

type Options = Record<string, unknown>;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.restoreAllMocks();
  Vue.config.errorHandler = undefined as never;
  Vue.config.warnHandler = undefined as never;
});

/** Sets the integration up on the global Vue; torn down after the test. */
function setup(options: Options = {}, client: FakeClient = fakeClient()): FakeClient {
  cleanups.push(vueIntegration({ Vue, ...options }).setup(client));
  return client;
}

/** `new Vue` rendering `child` with `props` inside a root named `App`. */
function mount(child: Options, props: Options = {}, root: Options = {}): { vm: any; el: HTMLElement } {
  const wrapper = document.createElement('div');
  wrapper.append(document.createElement('div'));
  document.body.append(wrapper);
  const vm = new Vue({ name: 'App', render: (h: any) => h(child, { props }), ...root }).$mount(wrapper.firstChild as Element);
  cleanups.push(() => (vm.$destroy(), wrapper.remove()));
  return { vm, el: wrapper };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const button = (onClick: () => unknown) => (h: any) => h('button', { on: { click: onClick } });

describe('Vue 2.7: each kind of component error is captured once', () => {
  const cases: Array<[string, Options, string, (vm: any) => Promise<void> | void]> = [
    ['setup', { name: 'ThrowInSetup', setup() { throw new Error('setup boom'); }, render: (h: any) => h('p') }, 'setup', () => {}],
    ['data', { name: 'ThrowInData', data() { throw new Error('data boom'); }, render: (h: any) => h('p') }, 'data()', () => {}],
    ['render', { name: 'ThrowInRender', render() { throw new Error('render boom'); } }, 'render', () => {}],
    ['mounted hook', { name: 'ThrowInMounted', mounted() { throw new Error('mounted boom'); }, render: (h: any) => h('p') }, 'mounted hook', () => {}],
    [
      'watcher',
      {
        name: 'ThrowInWatcher',
        data: () => ({ n: 0 }),
        watch: { n() { throw new Error('watch boom'); } },
        render(this: any, h: any) { return button(() => this.n++)(h); },
      },
      'callback for watcher "n"',
      async (el) => { el.querySelector('button').click(); await Vue.nextTick(); },
    ],
    ['click handler', { name: 'ThrowOnClick', render: button(() => { throw new Error('click boom'); }) }, 'v-on handler', (el) => el.querySelector('button').click()],
    [
      'async click handler',
      { name: 'RejectOnClick', render: button(async () => { await null; throw new Error('async boom'); }) },
      'v-on handler (Promise/async)',
      async (el) => { el.querySelector('button').click(); await flush(); },
    ],
  ];

  it.each(cases)('%s', async (_, component, hook, trigger) => {
    const client = setup({ attachProps: true });
    const { el } = mount({ props: ['label'], ...component }, { label: 'hello' });
    await trigger(el);
    await flush();
    expect(client.captures).toHaveLength(1);
    const [{ error, hint, vue }] = client.captures;
    expect(error).toBeInstanceOf(Error);
    expect(hint.mechanism).toEqual({ type: 'vue', handled: false });
    expect(vue).toEqual({
      componentName: `<${component.name}>`,
      lifecycleHook: hook,
      trace: `<${component.name}>\n<App>`,
      propsData: { label: 'hello' },
    });
  });

  it('errors outside components (no vm) are captured without a component', async () => {
    const client = setup();
    Vue.nextTick(() => {
      throw new Error('tick boom');
    });
    await flush();
    expect(client.captures.map((c) => [(c.error as Error).message, c.vue])).toEqual([['tick boom', { lifecycleHook: 'nextTick' }]]);
  });
});

describe('Vue 2.7: names, props, the app and the console', () => {
  it('names components by their tag when they have no name, or by their .vue file', () => {
    const client = setup();
    const el = document.createElement('div');
    const vm = new Vue({
      components: { 'order-line': { render() { throw new Error('x'); } }, Other: { __file: 'src/views/cart_view.vue', render() { throw new Error('y'); } } },
      render: (h: any) => h('div', [h('order-line'), h('Other')]),
    }).$mount(el);
    cleanups.push(() => vm.$destroy());
    expect(client.captures.map((c) => c.vue.componentName)).toEqual(['<OrderLine>', '<CartView>']);
    expect(client.captures[1].vue.trace).toBe('<CartView> at src/views/cart_view.vue\n<Root>');
  });

  it('props are plain data: reactive objects copied without their observers', () => {
    const client = setup();
    const state = Vue.observable({ user: { id: 1, roles: ['admin'] } });
    mount({ name: 'Child', props: ['user', 'onPick'], render() { throw new Error('x'); } }, { user: state.user, onPick: () => 1 });
    const props = client.captures[0].vue.propsData;
    expect(JSON.stringify(props)).toBe('{"user":{"id":1,"roles":["admin"]}}');
    expect(Object.getOwnPropertyDescriptor(props.user, 'id')).toHaveProperty('value', 1);
  });

  it("calls Vue's existing errorHandler, and then prints nothing itself", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const calls: unknown[] = [];
    Vue.config.errorHandler = (err: Error, vm: any, info: string) => void calls.push([err.message, vm.$options.name, info]);
    setup({ logErrors: true });
    mount({ name: 'Boom', render() { throw new Error('render boom'); } });
    expect(calls).toEqual([['render boom', 'Boom', 'render']]);
    expect(error).not.toHaveBeenCalled();
  });

  it("prints like Vue 2 with logErrors: Vue's warning with the trace, then the error", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    setup({ logErrors: true });
    mount({ name: 'Boom', render() { throw new Error('render boom'); } });
    expect(error).toHaveBeenCalledTimes(2);
    expect(error.mock.calls[0][0]).toBe('[Vue warn]: Error in render: "Error: render boom"\n\nfound in\n\n---> <Boom>\n       <Root>');
    expect((error.mock.calls[1][0] as Error).message).toBe('render boom');
  });

  it('prints nothing with logErrors: false', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    setup({ logErrors: false });
    mount({ name: 'Boom', render() { throw new Error('render boom'); } });
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('a warning becomes a breadcrumb and is printed as Vue 2 prints it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = setup();
    mount({ name: 'Strict', props: { n: { type: Number, required: true } }, render: (h: any) => h('i') });
    expect(client.breadcrumbs).toEqual([
      { category: 'vue', level: 'warning', message: 'Missing required prop: "n"' },
    ]);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^\[Vue warn\]: Missing required prop: "n"\n\nfound in\n\n---> <Strict>/));
  });

  it('the class form with the global Vue, and teardown restoring the handlers', () => {
    const own = () => {};
    Vue.config.errorHandler = own;
    const teardown = new VueIntegration({ Vue }).setup(fakeClient());
    expect(Vue.config.errorHandler).not.toBe(own);
    teardown();
    expect(Vue.config.errorHandler).toBe(own);
  });

  it('takes a <script>-tag Vue 2 from globalThis.Vue', () => {
    (globalThis as { Vue?: unknown }).Vue = Vue;
    try {
      const client = fakeClient();
      cleanups.push(vueIntegration({ logErrors: false }).setup(client));
      Vue.config.errorHandler(new Error('global'), undefined as never, 'nextTick');
      expect(client.captures).toHaveLength(1);
    } finally {
      delete (globalThis as { Vue?: unknown }).Vue;
    }
  });
});

describe('Vue 2.7: Vue Router 3', () => {
  Vue.use(VueRouter);
  const routes = [
    { path: '/', name: 'home', component: { render: (h: any) => h('p', 'home') } },
    { path: '/user/:id', name: 'user', component: { render: (h: any) => h('p', 'user') } },
  ];

  it.each([
    ['found on the root (new Vue({ router }))', false],
    ['given as an option', true],
  ])('navigations become breadcrumbs: %s', async (_, asOption) => {
    const router = new VueRouter({ mode: 'abstract', routes });
    const client = setup(asOption ? { router } : {});
    mount({ render: (h: any) => h('router-view') }, {}, { router });
    await router.push('/');
    await router.push('/user/7?tab=2');
    expect(client.breadcrumbs).toEqual([
      { category: 'navigation', message: 'home', data: { from: '/', to: '/' } },
      { category: 'navigation', message: 'user', data: { from: '/', to: '/user/7?tab=2' } },
    ]);
  });

  it('a navigation that ended before the router was found is recorded without from', async () => {
    const router = new VueRouter({ mode: 'abstract', routes });
    await router.push('/user/3');
    const client = setup({ router });
    await router.push('/');
    expect(client.breadcrumbs).toEqual([
      { category: 'navigation', message: 'user', data: { to: '/user/3' } },
      { category: 'navigation', message: 'home', data: { from: '/user/3', to: '/' } },
    ]);
  });
});
