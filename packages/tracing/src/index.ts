export { tracingIntegration, browserTracingIntegration } from './integration';
export type { TracingOptions } from './integration';
export type { RouterLike, RouteLike } from './vue-router';
