// The seed's setup, on our packages: the SDK with the Vue integration, then the user; and
// tracing, which the seed's tracesSampleRate asks for, named by the router's routes.
import * as Sentry from '@faultline/core';
import { tracingIntegration } from '@faultline/tracing';
import { VueIntegration } from '@faultline/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';

const app = createApp(App);
app.use(router);

Sentry.init({
  // Baked in at build time from the collector's collector.json or SENTRY_DSN / SENTRY_RELEASE.
  dsn: __FAULTLINE_DSN__,
  release: __FAULTLINE_RELEASE__,
  environment: __FAULTLINE_ENVIRONMENT__,
  // 0.3, as in the seed (FAULTLINE_TRACES_SAMPLE_RATE at build time changes it).
  tracesSampleRate: __FAULTLINE_TRACES_SAMPLE_RATE__,
  integrations: [new VueIntegration({ app, attachProps: true, logErrors: true }), tracingIntegration({ router })],
});
Sentry.setUser({ id: 'demo-user' });

app.mount('#app');
