export * from '@faultline/core';
export { init, attachErrorHandler } from './sdk';
export type { VueInitOptions } from './sdk';
export { vueIntegration, VueIntegration } from './vue-integration';
// `import { Vue as VueIntegration } from '@sentry/integrations'` (the 2020 guides' shape) ports by changing the package name.
export { VueIntegration as Vue } from './vue-integration';
export type { VueIntegrationApi } from './vue-integration';
export type { RouterLike, VueContext, VueLike, VueOptions } from './types';
