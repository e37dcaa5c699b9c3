// The 2020 import shape `import { Vue as VueIntegration } from '@sentry/integrations'`, ported by
// changing the package name only: the same class, working on the real Vue 2.7 with core.
import { close, flush, init, type Envelope, type Event } from '@faultline/core';
import Vue from 'vue2';
import { afterEach, expect, it } from 'vitest';
import { Vue as VueIntegration, VueIntegration as Named } from '../../src/index';

const sent: Envelope[] = [];
afterEach(async () => {
  await close();
  sent.length = 0;
  Vue.config.errorHandler = undefined as never;
});

const eventsSent = (): Event[] =>
  sent.map((e) => e.body.split('\n')).filter((lines) => JSON.parse(lines[1]).type == 'event').map((lines) => JSON.parse(lines[2]));

it('`Vue` is the VueIntegration class', () => {
  expect(VueIntegration).toBe(Named);
  expect(new VueIntegration({ Vue }).name).toBe('Vue');
});

it("new VueIntegration({ Vue, attachProps, logErrors }) from the alias reports a Vue 2 render error with the component's props", async () => {
  init({
    dsn: 'https://key@ingest.example/5',
    transport: () => ({ send: (envelope) => (sent.push(envelope), Promise.resolve({ statusCode: 200 })) }),
    integrations: [new VueIntegration({ Vue, attachProps: true, logErrors: false })],
  });
  const Price = { name: 'PriceTag', props: ['amount'], render() { throw new RangeError('negative price'); } };
  const el = document.body.appendChild(document.createElement('div'));
  const vm = new Vue({ render: (h: any) => h(Price, { props: { amount: -3 } }) }).$mount(el);
  vm.$destroy();
  await flush(1000);

  const [event] = eventsSent();
  expect(event.exception?.values?.at(-1)).toMatchObject({ type: 'RangeError', value: 'negative price', mechanism: { type: 'vue', handled: false } });
  expect(event.contexts?.vue).toMatchObject({ componentName: '<PriceTag>', lifecycleHook: 'render', propsData: { amount: -3 } });
});
