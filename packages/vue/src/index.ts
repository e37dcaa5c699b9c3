export * from '@faultline/core';
export { init, attachErrorHandler } from './sdk';
export type { VueInitOptions } from './sdk';
export { vueIntegration, VueIntegration } from './vue-integration';
export type { VueIntegrationApi } from './vue-integration';
export type { RouterLike, VueContext, VueLike, VueOptions } from './types';
