import { fanout } from './fanout';

/**
 * Reports uncaught errors (`error` events of the window) and unhandled promise rejections.
 * Listeners, not `window.onerror`: the page's own `onerror` and its return value stay as they are.
 */
export const onGlobalError = fanout<[kind: 'onerror' | 'onunhandledrejection', event: ErrorEvent | PromiseRejectionEvent]>((emit) => {
  addEventListener('error', (event) => emit('onerror', event));
  addEventListener('unhandledrejection', (event) => emit('onunhandledrejection', event));
});
