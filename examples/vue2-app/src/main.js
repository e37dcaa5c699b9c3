// The seed's setup, in its exact 2020 form: Vue 2 with the Vue integration given the constructor.
import * as Sentry from '@faultline/core';
import { VueIntegration } from '@faultline/vue';
import Vue from 'vue';
import VueRouter from 'vue-router';
import App from './App.vue';
import routes from './routes';

Vue.use(VueRouter);

Sentry.init({
  // Baked in at build time from the collector's collector.json or SENTRY_DSN / SENTRY_RELEASE.
  dsn: __FAULTLINE_DSN__,
  release: __FAULTLINE_RELEASE__,
  environment: __FAULTLINE_ENVIRONMENT__,
  tracesSampleRate: 0.3,
  integrations: [new VueIntegration({ Vue, attachProps: true, logErrors: true })],
});
Sentry.setUser({ id: 'demo-user' });

new Vue({
  router: new VueRouter({ mode: 'history', routes }),
  render: (h) => h(App),
}).$mount('#app');
