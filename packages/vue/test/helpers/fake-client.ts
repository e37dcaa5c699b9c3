// A ClientLike that records what integrations hand it, for unit tests without a transport.
import type { Breadcrumb, ClientLike, EventHint } from '@faultline/core';

export interface Capture {
  error: unknown;
  hint: EventHint;
  /** `hint.captureContext.contexts.vue`. */
  vue: Record<string, any>;
}

export interface FakeClient extends ClientLike {
  captures: Capture[];
  breadcrumbs: Breadcrumb[];
  logs: string[];
}

export function fakeClient(normalizeDepth = 3): FakeClient {
  const client: FakeClient = {
    captures: [],
    breadcrumbs: [],
    logs: [],
    getOptions: () => ({ normalizeDepth }) as ReturnType<ClientLike['getOptions']>,
    captureException(error, hint = {}) {
      client.captures.push({ error, hint, vue: (hint.captureContext as { contexts?: Record<string, any> } | undefined)?.contexts?.vue });
      return 'id';
    },
    captureMessage: () => 'id',
    captureEvent: () => 'id',
    addBreadcrumb(breadcrumb) {
      client.breadcrumbs.push(breadcrumb);
    },
    log(message) {
      client.logs.push(message);
    },
    isOwnRequest: () => false,
    sendEnvelope: () => undefined,
    recordDroppedEvent: () => undefined,
  };
  return client;
}
