import { getClient, getDefaultIntegrations, init as initCore, type Client, type Options } from '@faultline/core';
import { hookErrors, sending } from './error-handler';
import type { VueLike, VueOptions } from './types';
import { vueIntegration } from './vue-integration';

/** `init`'s options: core's, and the Vue integration's (`app` or `Vue`, `attachProps`, `logErrors`, …). */
export interface VueInitOptions extends Options, VueOptions {}

/**
 * Starts the SDK with the Vue integration added to the default integrations, as
 * `@sentry/vue`'s `init` does. `defaultIntegrations: false` leaves it out too; an integration
 * named `Vue` in `integrations` replaces it.
 * @example init({ app, dsn: 'https://key@sentry.example.com/5' })
 */
export function init(options: VueInitOptions = {}): Client | undefined {
  const { defaultIntegrations = getDefaultIntegrations() } = options;
  return initCore({ ...options, defaultIntegrations: defaultIntegrations && [...defaultIntegrations, vueIntegration(options)] });
}

/**
 * Reports the errors of one Vue 3 app (or a Vue 2 constructor) to the client current when
 * each error happens, as `@sentry/vue`'s `attachErrorHandler` does; warnings become
 * breadcrumbs. Without a client that sends, Vue handles the error as it would on its own.
 * @example attachErrorHandler(app, { attachProps: false })
 */
export function attachErrorHandler(app: VueLike, options: VueOptions = {}): void {
  hookErrors(app, () => sending(getClient()), options);
}
