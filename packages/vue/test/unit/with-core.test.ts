// The integration inside the real core pipeline (init, scope, normalisation, envelope), with
// a Vue 3 app in jsdom and a transport that keeps what it is given.
import { close, flush, init, setTag, type Envelope, type Event } from '@faultline/core';
import { createApp, defineComponent, h, reactive } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectValidEvent } from '../../../core/test/helpers/schema';
import * as core from '@faultline/core';
import * as FaultlineVue from '../../src/index';
import { VueIntegration } from '../../src/index';

const sent: Envelope[] = [];
afterEach(async () => {
  await close();
  sent.length = 0;
});

/** The event in each event envelope sent (the payload line of its one item); client reports left out. */
const events = (): Event[] =>
  sent.map((e) => e.body.split('\n')).filter((lines) => JSON.parse(lines[1]).type == 'event').map((lines) => JSON.parse(lines[2]));

function start(app: ReturnType<typeof createApp>, options: Record<string, unknown> = {}) {
  init({
    dsn: 'https://key@ingest.example/5',
    // contexts > vue > propsData > user > friends
    normalizeDepth: 5,
    transport: () => ({ send: (envelope) => (sent.push(envelope), Promise.resolve({ statusCode: 200 })) }),
    integrations: [new VueIntegration({ app, attachProps: true, ...options })],
  });
}

describe('with @faultline/core', () => {
  it('a render error becomes one valid event with contexts.vue, normalised, and the scope applied', async () => {
    const state = reactive({ user: { id: 7, name: 'Ada', friends: [] as unknown[] } });
    state.user.friends.push(state.user);
    const Card = defineComponent({ name: 'UserCard', props: ['user'], render() { throw new TypeError('no name'); } });
    const app = createApp({ name: 'App', render: () => h(Card, { user: state.user }) });
    start(app);
    setTag('area', 'profile');
    app.mount(document.createElement('div'));
    app.unmount();
    await flush(1000);
    const all = events();
    expect(all).toHaveLength(1);
    const [event] = all;
    expectValidEvent(event);
    expect(event.exception!.values.at(-1)).toMatchObject({ type: 'TypeError', value: 'no name', mechanism: { type: 'vue', handled: false } });
    expect(event.tags).toMatchObject({ area: 'profile' });
    expect(event.contexts!.vue).toEqual({
      componentName: '<UserCard>',
      lifecycleHook: 'render function',
      trace: '<UserCard>\n<App>',
      propsData: { user: { id: 7, name: 'Ada', friends: ['[Circular ~]'] } },
    });
    expect(event.sdk!.integrations).toContain('Vue');
  });

  it('close() puts the app handler back; a new init hooks again', async () => {
    const app = createApp({ render: () => null });
    const own = () => {};
    app.config.errorHandler = own;
    const integration = new VueIntegration({ app });
    const options = { dsn: 'https://key@ingest.example/5', transport: () => ({ send: (e: Envelope) => (sent.push(e), Promise.resolve({})) }), integrations: [integration] };
    init(options);
    expect(app.config.errorHandler).not.toBe(own);
    await close();
    expect(app.config.errorHandler).toBe(own);
    init(options);
    app.config.errorHandler!(new Error('again'), null, '1');
    await flush(1000);
    expect(events().map((e) => e.contexts!.vue)).toEqual([{ lifecycleHook: 'render function' }]);
  });
});

describe("@faultline/vue's own init and attachErrorHandler", () => {
  const transport = () => ({ send: (envelope: Envelope) => (sent.push(envelope), Promise.resolve({ statusCode: 200 })) });
  const Card = defineComponent({ name: 'Card', props: ['id'], render() { throw new Error('card boom'); } });

  it("init({ app, dsn }) starts core with its defaults and the Vue integration, as @sentry/vue's init does", async () => {
    const app = createApp({ name: 'App', render: () => h(Card, { id: 3 }) });
    const client = FaultlineVue.init({ app, dsn: 'https://key@ingest.example/5', transport, logErrors: false, attachProps: false });
    app.mount(document.createElement('div'));
    app.unmount();
    await flush(1000);
    const [event] = events();
    expect(events()).toHaveLength(1);
    expect(event.contexts!.vue).toEqual({ componentName: '<Card>', lifecycleHook: 'render function', trace: '<Card>\n<App>' });
    expect(event.sdk!.integrations).toEqual([...core.getDefaultIntegrations().map((i) => i.name), 'Vue']);
    expect(client).toBe(core.getClient());
  });

  it('an integration named Vue in `integrations` replaces the one init adds; defaultIntegrations: false leaves it out', () => {
    const app = createApp({ render: () => null });
    const own = FaultlineVue.vueIntegration({ app });
    FaultlineVue.init({ app, dsn: 'https://key@ingest.example/5', transport, integrations: [own] });
    expect(core.getClient<core.Client>()!.getIntegrationByName('Vue')).toBe(own);
    FaultlineVue.init({ app, dsn: 'https://key@ingest.example/5', transport, defaultIntegrations: false });
    expect(core.getClient<core.Client>()!.getIntegrationByName('Vue')).toBeUndefined();
  });

  it('attachErrorHandler(app) reports to the client current when the error happens; with none, Vue 3 prints it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp({ name: 'App', render: () => h(Card) });
    FaultlineVue.attachErrorHandler(app, { logErrors: false });
    // No client yet: printed as Vue prints it, not lost.
    app.config.errorHandler!(new Error('before init'), null, '1');
    expect(error.mock.calls.map(([e]) => (e as Error).message)).toEqual(['before init']);
    init({ dsn: 'https://key@ingest.example/5', transport });
    app.mount(document.createElement('div'));
    app.unmount();
    await flush(1000);
    expect(events().map((e) => [e.exception!.values.at(-1)!.value, e.contexts!.vue!.componentName])).toEqual([['card boom', '<Card>']]);
    vi.restoreAllMocks();
  });

  it('re-exports core: the same functions, and types (checked by tsc)', () => {
    expect(FaultlineVue.captureException).toBe(core.captureException);
    expect(FaultlineVue.Client).toBe(core.Client);
    const options: FaultlineVue.VueInitOptions = { dsn: 'x', app: createApp({}), beforeSend: (event: FaultlineVue.Event) => event };
    expect(options.dsn).toBe('x');
  });
});
