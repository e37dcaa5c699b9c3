export {
  init,
  captureException,
  captureMessage,
  captureEvent,
  addBreadcrumb,
  setUser,
  setTag,
  setTags,
  setExtra,
  setExtras,
  setContext,
  setLevel,
  withScope,
  configureScope,
  getCurrentScope,
  getClient,
  flush,
  close,
  lastEventId,
  getDefaultIntegrations,
} from './sdk';
export { createClient, type Client } from './client';
export { Scope } from './scope';
export { makeFetchTransport } from './transport/fetch';
export { makeXhrTransport } from './transport/xhr';
export { eventFiltersIntegration } from './integrations/event-filters';
export { linkedErrorsIntegration } from './integrations/linked-errors';
export { httpContextIntegration } from './integrations/http-context';
export { debugIdsIntegration } from './integrations/debug-ids';
export { globalHandlersIntegration } from './integrations/global-handlers';
export { browserApiErrorsIntegration } from './integrations/browser-api-errors';
export { captureConsoleIntegration } from './integrations/capture-console';
export { httpClientIntegration } from './integrations/http-client';
export { breadcrumbsIntegration } from './integrations/breadcrumbs';
export { burstGuardIntegration, dedupeIntegration } from './integrations/burst-guard';
export { privacyIntegration } from './integrations/privacy';
export { sessionsIntegration } from './integrations/sessions';
export { SDK_NAME, SDK_VERSION } from './version';
// For integrations in other packages (@faultline/tracing): core's URL redaction, so every URL the
// SDK sends is redacted by the one rule.
export { redactUrl } from './url';
export type {
  Breadcrumb,
  BreadcrumbHint,
  ClientLike,
  DataCategory,
  DebugImage,
  DropReason,
  Envelope,
  Event,
  EventHint,
  Exception,
  Integration,
  Mechanism,
  Options,
  Primitive,
  ScopeContext,
  CaptureContext,
  SeverityLevel,
  StackFrame,
  Transport,
  TransportOptions,
  TransportResponse,
  User,
} from './types';
export type { EventFiltersOptions } from './integrations/event-filters';
export type { LinkedErrorsOptions } from './integrations/linked-errors';
export type { GlobalHandlersOptions } from './integrations/global-handlers';
export type { CaptureConsoleOptions } from './integrations/capture-console';
export type { HttpClientOptions } from './integrations/http-client';
export type { BreadcrumbsOptions } from './integrations/breadcrumbs';
export type { BurstGuardOptions } from './integrations/burst-guard';
