// The seed's setup, on our packages: the SDK with the Vue integration, then the user.
import * as Sentry from '@faultline/core';
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
  tracesSampleRate: 0.3,
  integrations: [new VueIntegration({ app, attachProps: true, logErrors: true })],
});
Sentry.setUser({ id: 'demo-user' });

app.mount('#app');
