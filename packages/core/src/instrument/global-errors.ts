import { fanout } from './fanout';

/**
 * Reports uncaught errors (`error` events of the window) and unhandled promise rejections.
 * Listeners, not `window.onerror`: the page's own `onerror` and its return value stay as they are.
 */
export const onGlobalError = fanout<[kind: 'onerror' | 'onunhandledrejection', thrown: unknown]>((emit) => {
  // The error event itself (it carries the error, or at least the message and location), the rejection's reason.
  addEventListener('error', (event) => emit('onerror', event));
  addEventListener('unhandledrejection', (event) => emit('onunhandledrejection', event.reason));
});
