export { vueIntegration, VueIntegration } from './vue-integration';
export type { VueIntegrationApi } from './vue-integration';
export type { RouterLike, VueContext, VueLike, VueOptions } from './types';
