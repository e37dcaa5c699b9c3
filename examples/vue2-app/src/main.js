// The seed's setup, in its exact 2020 form: Vue 2 with the Vue integration given the constructor;
// and tracing, which the seed's tracesSampleRate asks for, named by the router's routes.
import * as Sentry from '@faultline/core';
import { tracingIntegration } from '@faultline/tracing';
import { VueIntegration } from '@faultline/vue';
import Vue from 'vue';
import VueRouter from 'vue-router';
import App from './App.vue';
import routes from './routes';

Vue.use(VueRouter);
const router = new VueRouter({ mode: 'history', routes });

Sentry.init({
  // Baked in at build time from the collector's collector.json or SENTRY_DSN / SENTRY_RELEASE.
  dsn: __FAULTLINE_DSN__,
  release: __FAULTLINE_RELEASE__,
  environment: __FAULTLINE_ENVIRONMENT__,
  // 0.3, as in the seed (FAULTLINE_TRACES_SAMPLE_RATE at build time changes it).
  tracesSampleRate: __FAULTLINE_TRACES_SAMPLE_RATE__,
  integrations: [new VueIntegration({ Vue, attachProps: true, logErrors: true }), tracingIntegration({ router })],
});
Sentry.setUser({ id: 'demo-user' });

new Vue({
  router,
  render: (h) => h(App),
}).$mount('#app');
