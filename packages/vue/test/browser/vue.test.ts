// The script-tag builds of Faultline and FaultlineVue with the real Vue 3.5 and Vue 2.7.16
// builds (development and production) in Chromium: what reaches the test ingest, and what the
// console shows.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '@faultline/core';
import { launchBrowser } from '../../../core/test/helpers/browser';
import type { Ingest } from '../../../core/test/helpers/ingest-server';
import { expectValidEvent } from '../../../core/test/helpers/schema';
import { expectClean, flushAndSettle } from '../../../core/test/helpers/sdk-page';
import { BUILDS, closeVuePages, openVuePage, startVueIngest, type VueBuild } from '../helpers/vue-page';

let browser: Browser;
let ingest: Ingest;

beforeAll(async () => {
  [browser, ingest] = await Promise.all([launchBrowser(), startVueIngest()]);
});
afterAll(async () => {
  await browser?.close();
  await ingest?.close();
});
beforeEach(() => ingest.reset());
afterEach(closeVuePages);

interface Scenario {
  name: string;
  /** Options of the component `Child` (JS source); it gets `label` and `user` props. */
  component: string;
  /** Playwright action that makes it throw, if mounting does not. */
  click?: boolean;
  message: string;
  hook: { 2: string; 3: string };
  /** The hook a Vue 2 production build reports, when it differs. */
  prodHook?: string;
  /** Only for this major version. */
  only?: 2 | 3;
  /** The component Vue reports, when not `Child`'s own name. */
  reported?: string;
}

const PROPS = `props: ['label', 'user']`;
const SCENARIOS: Scenario[] = [
  {
    name: 'setup',
    component: `{ name: 'ThrowInSetup', ${PROPS}, setup() { throw new Error('setup boom'); }, template: '<p>{{ label }}</p>' }`,
    message: 'setup boom',
    hook: { 2: 'setup', 3: 'setup function' },
  },
  {
    // Vue 3 does not catch data() errors at all: they leave app.mount(); only Vue 2 reports them.
    name: 'data',
    component: `{ name: 'ThrowInData', ${PROPS}, data() { throw new Error('data boom'); }, template: '<p>{{ label }}</p>' }`,
    message: 'data boom',
    hook: { 2: 'data()', 3: '' },
    only: 2,
  },
  {
    name: 'render',
    component: `{ name: 'ThrowInRender', ${PROPS}, methods: { explode() { throw new Error('render boom'); } }, template: '<p>{{ explode() }}</p>' }`,
    message: 'render boom',
    hook: { 2: 'render', 3: 'render function' },
  },
  {
    name: 'lifecycle hook',
    component: `{ name: 'ThrowInMounted', ${PROPS}, mounted() { throw new Error('mounted boom'); }, template: '<p>{{ label }}</p>' }`,
    message: 'mounted boom',
    hook: { 2: 'mounted hook', 3: 'mounted hook' },
  },
  {
    name: 'watcher',
    component: `{ name: 'ThrowInWatcher', ${PROPS}, data: () => ({ n: 0 }), watch: { n() { throw new Error('watch boom'); } }, template: '<button @click="n++">+</button>' }`,
    click: true,
    message: 'watch boom',
    hook: { 2: 'callback for watcher "n"', 3: 'watcher callback' },
    // Vue 2's production build has no watcher expressions.
    prodHook: 'callback for watcher',
  },
  {
    name: 'click handler',
    component: `{ name: 'ThrowOnClick', ${PROPS}, methods: { onClick() { throw new Error('click boom'); } }, template: '<button @click="onClick">go</button>' }`,
    click: true,
    message: 'click boom',
    hook: { 2: 'v-on handler', 3: 'native event handler' },
  },
  {
    name: 'async handler',
    component: `{ name: 'RejectOnClick', ${PROPS}, methods: { async onClick() { await new Promise((r) => setTimeout(r, 10)); throw new Error('async boom'); } }, template: '<button @click="onClick">go</button>' }`,
    click: true,
    message: 'async boom',
    hook: { 2: 'v-on handler (Promise/async)', 3: 'native event handler' },
  },
  {
    // Vue 2 only warns about failed async components; it never calls errorHandler for them.
    name: 'async component loader',
    component: `Vue.defineAsyncComponent(() => Promise.reject(new Error('chunk failed')))`,
    message: 'chunk failed',
    hook: { 2: '', 3: 'async component loader' },
    only: 3,
    reported: 'AsyncComponentWrapper',
  },
];

const RENDER = SCENARIOS.find((s) => s.name == 'render')!;

interface PageOptions {
  logErrors?: boolean;
  /** The app's own errorHandler, set before Faultline.init: records its calls in __out.own. */
  ownHandler?: boolean;
  /** JS run after mounting. */
  after?: string;
  /** More options for Faultline.init (JS source, without braces). */
  init?: string;
}

/** Creates the app with `Child` inside a root `App`, inits Faultline with the integration, mounts. */
function appScript(build: VueBuild, child: string, { logErrors, ownHandler = false, after = '', init: more = '' }: PageOptions): string {
  const own = `(err, vm, info) => (__out.own = __out.own || []).push([err.message, vm ? vm.$options.name : null, info])`;
  const init = (target: string) =>
    `Faultline.init({ dsn: DSN, normalizeDepth: 4, ${more} integrations: [new FaultlineVue.VueIntegration({ ${target}, attachProps: true${logErrors === undefined ? '' : `, logErrors: ${logErrors}`} })] });`;
  const root = `name: 'App', components: { Child }, data: () => ({ user: { id: 7, name: 'Ada' } }), template: '<Child label="hello" :user="user" />'`;
  return build.major == 3
    ? `
      const Child = ${child};
      const app = Vue.createApp({ ${root} });
      ${ownHandler ? `app.config.errorHandler = ${own};` : ''}
      ${init('app')}
      window.__vm = app.mount('#app');
      ${after}`
    : `
      const Child = ${child};
      ${ownHandler ? `Vue.config.errorHandler = ${own};` : ''}
      ${init('Vue')}
      window.__vm = new Vue({ ${root} }).$mount('#app');
      ${after}`;
}

async function oneEvent(): Promise<Event> {
  const [event] = await ingest.waitForEvents(1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(ingest.events).toHaveLength(1);
  expectValidEvent(event);
  return event;
}

describe.each(BUILDS)('$name', (build) => {
  const scenarios = SCENARIOS.filter((s) => !s.only || s.only == build.major);

  it.each(scenarios)('an error in $name: one event with component, hook and props', async (scenario) => {
    const opened = await openVuePage(browser, ingest, build, appScript(build, scenario.component, {}));
    if (scenario.click) await opened.page.click('button');
    const event = await oneEvent();
    const exception = event.exception!.values.at(-1)!;
    expect(exception).toMatchObject({ type: 'Error', value: scenario.message, mechanism: { type: 'vue', handled: false } });
    expect(exception.stacktrace!.frames.length).toBeGreaterThan(0);
    const name = `<${scenario.reported || /name: '(\w+)'/.exec(scenario.component)![1]}>`;
    expect(event.contexts!.vue).toEqual({
      componentName: name,
      lifecycleHook: (build.prod && build.major == 2 && scenario.prodHook) || scenario.hook[build.major],
      trace: `${name}\n<App>`,
      // The wrapper defineAsyncComponent makes declares no props: it passes them on as attrs.
      propsData: scenario.reported ? {} : { label: 'hello', user: { id: 7, name: 'Ada' } },
    });
    expectClean(ingest, opened);
  });

  it('logErrors: the console still shows the error, as Vue shows it', async () => {
    // Core's console capture stays on: the printed Error is the error just reported, and the
    // "[Vue warn]" line Vue 2 development builds print with console.error is a breadcrumb.
    const opened = await openVuePage(browser, ingest, build, appScript(build, RENDER.component, { logErrors: true }));
    await oneEvent();
    const shown = opened.consoleMessages.filter((m) => m.includes('render boom'));
    // The error itself, with its stack, as console.error prints it.
    expect(shown.some((m) => m.startsWith('[error] Error: render boom'))).toBe(true);
    if (!build.prod) {
      const warning =
        build.major == 2
          ? '[error] [Vue warn]: Error in render: "Error: render boom"\n\nfound in\n\n---> <ThrowInRender>\n       <Root>'
          : '[warning] [Vue warn]: Unhandled error during execution of render function \n<ThrowInRender>\n<App>';
      expect(opened.consoleMessages).toContain(warning);
    }
    expectClean(ingest, opened);
  });

  it("the app's own errorHandler still runs and decides what is printed; with logErrors: false nothing is", async () => {
    const opened = await openVuePage(browser, ingest, build, appScript(build, RENDER.component, { ownHandler: true, logErrors: true }));
    await oneEvent();
    const own = await opened.page.evaluate(() => (window as unknown as { __out: { own: unknown } }).__out.own);
    expect(own).toEqual([['render boom', 'ThrowInRender', build.major == 2 ? 'render' : build.prod ? 'https://vuejs.org/error-reference/#runtime-1' : 'render function']]);
    // The app's handler decides what to print: it prints nothing here, so neither do we.
    expect(opened.consoleMessages.filter((m) => /boom|Vue warn/.test(m))).toEqual([]);

    ingest.reset();
    const quiet = await openVuePage(browser, ingest, build, appScript(build, RENDER.component, { logErrors: false }));
    await oneEvent();
    expect(quiet.consoleMessages.filter((m) => /boom|Vue warn/.test(m))).toEqual([]);
    expectClean(ingest, quiet);
  });

  it('logErrors is on by default: the console shows the error as Vue shows it, and it is one event', async () => {
    const opened = await openVuePage(browser, ingest, build, appScript(build, RENDER.component, {}));
    await oneEvent();
    expect(opened.consoleMessages.some((m) => m.startsWith('[error] Error: render boom'))).toBe(true);
    if (!build.prod) expect(opened.consoleMessages.filter((m) => m.includes('[Vue warn]'))).toHaveLength(1);
    expectClean(ingest, opened);
  });

  it('a thrown non-Error value is one event too: its console echo is not a second', async () => {
    const component = `{ name: 'ThrowString', ${PROPS}, methods: { explode() { throw 'render string'; } }, template: '<p>{{ explode() }}</p>' }`;
    const opened = await openVuePage(browser, ingest, build, appScript(build, component, { logErrors: true }));
    const event = await oneEvent();
    expect(JSON.stringify(event)).toContain('render string');
    expect((event.contexts as Record<string, { componentName?: string }>).vue.componentName).toBe('<ThrowString>');
    expect(opened.consoleMessages.some((m) => m.includes('render string'))).toBe(true);
  });

  it.each([
    ['without a DSN', `Faultline.init({ integrations: [new FaultlineVue.VueIntegration({ TARGET })] });`],
    ['with enabled: false', `Faultline.init({ dsn: DSN, enabled: false, integrations: [new FaultlineVue.VueIntegration({ TARGET })] });`],
    ['after close()', `Faultline.init({ dsn: DSN, integrations: [new FaultlineVue.VueIntegration({ TARGET })] }); Faultline.close();`],
  ])('an SDK that sends nothing (%s) leaves Vue as it is: the same console and page errors as without it', async (_, start) => {
    const target = build.major == 3 ? 'app' : 'Vue';
    const page = (init: string) =>
      build.major == 3
        ? `const Child = ${RENDER.component}; const app = Vue.createApp({ name: 'App', components: { Child }, template: '<Child label="hi" />' }); ${init} app.mount('#app');`
        : `const Child = ${RENDER.component}; ${init} new Vue({ components: { Child }, template: '<Child label="hi" />' }).$mount('#app');`;
    const seen = async (script: string) => {
      const opened = await openVuePage(browser, ingest, build, script);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Each page has its own URL, seen in stack traces.
      const same = (lines: string[]) => lines.map((line) => line.replace(/\/page\/\d+\.html/g, '/page/N.html'));
      return { console: same(opened.consoleMessages), errors: same(opened.pageErrors) };
    };
    const without = await seen(page(''));
    // Vue shows the error in every build: a development build also warns (Vue 3's throws it).
    expect([...without.console, ...without.errors].some((m) => m.includes('render boom'))).toBe(true);
    expect(await seen(page(start.replace('TARGET', target)))).toEqual(without);
    expect(ingest.events).toEqual([]);
  });

  it('Vue warnings are vue breadcrumbs of the next event, never events, and still printed', async () => {
    // Core's console capture takes warn and error here: Vue 2 prints warnings with
    // console.error, Vue 3 with console.warn.
    const child = `{ name: 'Strict', props: { n: { type: Number, required: true } }, methods: { boom() { throw new Error('after warning'); } }, template: '<button @click="boom">{{ n }}</button>' }`;
    const script =
      build.major == 3
        ? `const app = Vue.createApp({ name: 'App', components: { Strict: ${child} }, template: '<Strict />' });
           Faultline.init({ dsn: DSN, captureConsole: { levels: ['warn', 'error'] }, integrations: [new FaultlineVue.VueIntegration({ app, logErrors: false })] });
           app.mount('#app');`
        : `Faultline.init({ dsn: DSN, captureConsole: { levels: ['warn', 'error'] }, integrations: [new FaultlineVue.VueIntegration({ Vue, logErrors: false })] });
           new Vue({ components: { Strict: ${child} }, template: '<Strict />' }).$mount('#app');`;
    const opened = await openVuePage(browser, ingest, build, script);
    await opened.page.click('button');
    const event = await oneEvent();
    expect(event.exception!.values.at(-1)!.value).toBe('after warning');
    const crumbs = ((event.breadcrumbs as { values?: Array<Record<string, any>> })?.values || []).filter((b) => /Vue warn|required prop/.test(b.message));
    // Production builds do not warn at all.
    expect(crumbs.map(({ category, level, message }) => ({ category, level, message }))).toEqual(
      build.prod ? [] : [{ category: 'vue', level: 'warning', message: 'Missing required prop: "n"' }],
    );
    const printed = opened.consoleMessages.filter((m) => m.includes('Missing required prop'));
    expect(printed.map((m) => m.slice(0, m.indexOf(']', 1) + 1))).toEqual(build.prod ? [] : [build.major == 2 ? '[error]' : '[warning]']);
    expectClean(ingest, opened);
  });

  it('a missing or unmounted component never crashes the handler', async () => {
    const child = `{ name: 'Gone', ${PROPS}, template: '<i>{{ label }}</i>' }`;
    const after =
      build.major == 3
        ? `
          const handler = app.config.errorHandler;
          const child = window.__vm.$.subTree.component.proxy;
          app.unmount();
          handler(new Error('no component'), null, 'https://vuejs.org/error-reference/#runtime-14');
          handler(new Error('unmounted'), child, '6');`
        : `
          const child = window.__vm.$children[0];
          window.__vm.$destroy();
          Vue.nextTick(() => { throw new Error('no component'); });
          Vue.config.errorHandler(new Error('unmounted'), child, 'v-on handler');`;
    // Called by hand: with logErrors a Vue 2 handler re-throws, for Vue to print the error.
    const opened = await openVuePage(browser, ingest, build, appScript(build, child, { after, logErrors: false }));
    const events = await ingest.waitForEvents(2);
    const byMessage = Object.fromEntries(events.map((e) => [e.exception!.values.at(-1)!.value, e.contexts!.vue]));
    expect(byMessage['no component']).toEqual({ lifecycleHook: build.major == 3 ? 'scheduler flush' : 'nextTick' });
    expect(byMessage.unmounted).toMatchObject({
      componentName: '<Gone>',
      lifecycleHook: build.major == 3 ? 'component event handler' : 'v-on handler',
      propsData: { label: 'hello' },
    });
    expectClean(ingest, opened);
  });

  it('Vue Router navigations are breadcrumbs of the next event', async () => {
    const routes = `[
      { path: '/', name: 'home', component: { template: '<p>home</p>' } },
      { path: '/user/:id', name: 'user', component: { template: '<button @click="boom">boom</button>', methods: { boom() { throw new Error('after navigation'); } } } },
    ]`;
    const script =
      build.major == 3
        ? `
          const router = VueRouter.createRouter({ history: VueRouter.createWebHashHistory(), routes: ${routes} });
          const app = Vue.createApp({ template: '<router-view />' });
          Faultline.init({ dsn: DSN, integrations: [FaultlineVue.vueIntegration({ app })] });
          app.use(router);
          app.mount('#app');
          router.isReady().then(() => router.push('/user/7?tab=2')).then(() => (__out.ready = true));`
        : `
          const router = new VueRouter({ routes: ${routes} });
          Faultline.init({ dsn: DSN, integrations: [FaultlineVue.vueIntegration({ Vue })] });
          new Vue({ router, template: '<router-view />' }).$mount('#app');
          router.onReady(() => router.push('/user/7?tab=2').then(() => (__out.ready = true)));`;
    const opened = await openVuePage(browser, ingest, build, script);
    await opened.page.waitForFunction(() => (window as unknown as { __out: { ready?: boolean } }).__out.ready);
    await opened.page.click('button');
    const event = await oneEvent();
    // Core's history breadcrumbs record the URL changes as well (`to` is the page URL there).
    const crumbs = (event.breadcrumbs as { values: Array<Record<string, any>> }).values.filter((b) => b.category == 'navigation' && !/html/.test(b.data.to));
    expect(crumbs.map(({ message, data }) => ({ message, data }))).toEqual([
      // Vue Router 3 has finished the first navigation when the root component is created,
      // before the integration sees the router: that one comes without `from`.
      { message: 'home', data: build.major == 3 ? { from: '/', to: '/' } : { to: '/' } },
      { message: 'user', data: { from: '/', to: '/user/7?tab=2' } },
    ]);
    expectClean(ingest, opened);
  });
});

describe('an app created after init', () => {
  it('is hooked by attach(app)', async () => {
    const script = `
      const vue = FaultlineVue.vueIntegration({ logErrors: false });
      Faultline.init({ dsn: DSN, integrations: [vue] });
      const app = Vue.createApp({ name: 'Late', template: '<p>{{ explode() }}</p>', methods: { explode() { throw new Error('late boom'); } } });
      Faultline.getClient().getIntegrationByName('Vue').attach(app);
      app.mount('#app');`;
    const opened = await openVuePage(browser, ingest, BUILDS[0], script);
    const event = await oneEvent();
    expect(event.contexts!.vue).toMatchObject({ componentName: '<Late>', lifecycleHook: 'render function', trace: '<Late>' });
    expect(event.sdk!.integrations).toContain('Vue');
    await flushAndSettle(opened);
    expectClean(ingest, opened);
  });
});
