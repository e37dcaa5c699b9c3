// The integration inside the real core pipeline (init, scope, normalisation, envelope), with
// a Vue 3 app in jsdom and a transport that keeps what it is given.
import { close, flush, init, setTag, type Envelope, type Event } from '@faultline/core';
import { createApp, defineComponent, h, reactive } from 'vue';
import { afterEach, describe, expect, it } from 'vitest';
import { expectValidEvent } from '../../../core/test/helpers/schema';
import { VueIntegration } from '../../src/index';

const sent: Envelope[] = [];
afterEach(async () => {
  await close();
  sent.length = 0;
});

/** The event in each envelope sent (the payload line of its one item). */
const events = (): Event[] => sent.map((e) => JSON.parse(e.body.split('\n')[2]));

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
