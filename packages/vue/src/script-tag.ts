// The script-tag build (faultline-vue.min.js, the global `FaultlineVue`): the integration only.
// There core is the page's `Faultline` global, with `init` and the rest of the API.
export { vueIntegration, VueIntegration } from './vue-integration';
