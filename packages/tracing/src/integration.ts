import { getCurrentScope, type ClientLike, type Integration } from '@faultline/core';
import { instrumentHttp } from './http';
import { onHistoryChange } from './history';
import { traceId as newTraceId } from './ids';
import { createIdleTimer, type IdleTimer } from './idle';
import { onLongTask } from './long-tasks';
import { navigationEntry, navigationSpans } from './navigation-spans';
import { sendTransaction, transactionEvent } from './payload';
import { baggage, sentryTrace, shouldPropagate, type TraceHeaderInfo } from './propagation';
import { resourceSpans } from './resource-spans';
import { decideSampling, type SamplingDecision } from './sampling';
import { perfNow, toSeconds } from './time';
import { addSpan, createTransaction, statusFromHttp, type Transaction, type TransactionSource } from './transaction';
import { redactUrl, shortUrl } from './url';
import { onRouterNavigation, type RouterLike } from './vue-router';
import { trackWebVitals, type Interaction, type Vitals } from './web-vitals';

export interface TracingOptions {
  /**
   * Outgoing fetch/XHR requests whose URL matches (a substring, or a pattern) get `sentry-trace`
   * and `baggage` headers. Falls back to `init({ tracePropagationTargets })`. Other origins never
   * get them by default: the headers are not CORS-safelisted, so they would cause preflights the
   * server must allow (`Access-Control-Allow-Headers: sentry-trace, baggage`).
   * @default same-origin requests only
   * @example tracingIntegration({ tracePropagationTargets: [location.origin, /^https:\/\/api\.example\.com\//] })
   */
  tracePropagationTargets?: Array<string | RegExp>;
  /**
   * A Vue Router 3 or 4 instance: navigations are named by the matched route (`/users/:id`,
   * source `route`) instead of the URL's path, and so is the page load once the first route resolves.
   * @default undefined
   * @example tracingIntegration({ router })
   */
  router?: RouterLike;
  /**
   * ms without activity (requests in flight, the document loading) after which a page load or
   * navigation is over.
   * @default 1000
   */
  idleTimeout?: number;
  /**
   * ms after which a page load or navigation ends whatever still happens (status `deadline_exceeded`).
   * @default 30000
   */
  finalTimeout?: number;
  /**
   * Most Resource Timing entries (scripts, styles, images…) kept as spans of a page load.
   * @default 100
   */
  maxResourceSpans?: number;
  /** false records no `pageload` transaction. @default true */
  instrumentPageLoad?: boolean;
  /** false records no `navigation` transactions. @default true */
  instrumentNavigation?: boolean;
  /** false records no long tasks (op `ui.long-task`). @default true */
  enableLongTask?: boolean;
  /**
   * false records no INP: while the page load is open INP is one of its measurements; after,
   * each new worst interaction is a transaction of its own (op `ui.interaction.click`/`.press`).
   * @default true
   */
  enableInp?: boolean;
}

/**
 * Performance monitoring: a `pageload` transaction with Navigation Timing, resource, long task
 * and request spans and the Web Vitals, a `navigation` transaction per history or router
 * navigation, trace headers on requests to `tracePropagationTargets`, and the trace on errors.
 * Needs `tracesSampleRate` or `tracesSampler` in `init`; without either nothing is recorded.
 * @example init({ dsn, integrations: [tracingIntegration({ router })], tracesSampleRate: 0.3 })
 */
export function tracingIntegration(options: TracingOptions = {}): Integration {
  const {
    router,
    idleTimeout = 1000,
    finalTimeout = 30_000,
    maxResourceSpans = 100,
    instrumentPageLoad = true,
    instrumentNavigation = true,
    enableLongTask = true,
    enableInp = true,
  } = options;
  let client: ClientLike;
  let targets: Array<string | RegExp> | undefined;
  // One trace and one sampling decision per page: its transactions, requests and errors share them.
  const trace = newTraceId();
  let decision: SamplingDecision | undefined;
  let active: Transaction | undefined;
  let idle: IdleTimer | undefined;
  let last: Transaction | undefined;
  let vitals: Vitals | undefined;
  let publicKey: string | undefined;

  function start(op: string, name: string, source: TransactionSource, startMs: number): Transaction | undefined {
    if (active) end('ok');
    decision = decision || decideSampling(client.getOptions(), { name, op });
    if (!decision) return undefined;
    const transaction = (active = last = createTransaction({ name, op, source, traceId: trace, sampled: decision.sampled, rate: decision.rate, start: toSeconds(startMs) }));
    idle = createIdleTimer({
      idleTimeout,
      finalTimeout,
      onEnd: (reason, lastActivity) => {
        if (active == transaction) end(reason == 'final' ? 'deadline_exceeded' : 'ok', reason == 'idle' ? lastActivity : undefined);
      },
    });
    return transaction;
  }

  /** Ends the active transaction: at `endMs` when it went idle (trimmed to its last span), else now. */
  function end(status: string, endMs?: number): void {
    const transaction = active;
    if (!transaction) return;
    active = undefined;
    idle!.cancel();
    if (transaction.op == 'pageload') finishPageLoad(transaction);
    let endSec = toSeconds(endMs === undefined ? perfNow() : endMs);
    for (const span of transaction.spans) if (span.timestamp > endSec && endMs !== undefined) endSec = span.timestamp;
    transaction.end = Math.max(endSec, transaction.start);
    transaction.status = status;
    if (!transaction.sampled) {
      client.recordDroppedEvent('sample_rate', 'transaction');
      return;
    }
    sendTransaction(transactionEvent(transaction, client, getCurrentScope()), client);
  }

  /** What only a page load has: Navigation and Resource Timing spans, and the Web Vitals so far. */
  function finishPageLoad(transaction: Transaction): void {
    for (const span of navigationSpans(navigationEntry())) addSpan(transaction, span);
    try {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      for (const span of resourceSpans(resources, maxResourceSpans, (url) => client.isOwnRequest(url))) addSpan(transaction, span);
    } catch {
      // no Resource Timing: no resource spans
    }
    if (vitals) {
      Object.assign(transaction.measurements, vitals.measurements);
      Object.assign(transaction.tags, vitals.tags);
    }
  }

  /** INP: a measurement of the open page load, else a transaction of its own in the page's trace. */
  function onInteraction(interaction: Interaction): void {
    const pageload = active && active.op == 'pageload' ? active : undefined;
    if (pageload) {
      pageload.measurements.inp = { value: interaction.value, unit: 'millisecond' };
      if (interaction.target) pageload.tags['inp.element'] = interaction.target;
      return;
    }
    if (!decision || !decision.sampled) return;
    const op = `ui.interaction.${/^key/.test(interaction.type) ? 'press' : 'click'}`;
    const named = last || { name: location.pathname, source: 'url' as const };
    const transaction = createTransaction({ name: named.name, op, source: named.source, traceId: trace, sampled: true, rate: decision.rate, start: toSeconds(interaction.start) });
    transaction.end = toSeconds(interaction.start + interaction.value);
    transaction.measurements.inp = { value: interaction.value, unit: 'millisecond' };
    if (interaction.target) transaction.tags['inp.element'] = interaction.target;
    sendTransaction(transactionEvent(transaction, client, getCurrentScope()), client);
  }

  function headersFor(transaction: Transaction): Record<string, string> {
    const { release, environment } = client.getOptions();
    const info: TraceHeaderInfo = { traceId: transaction.traceId, spanId: transaction.spanId, sampled: transaction.sampled, rate: transaction.rate, publicKey, release, environment };
    return { 'sentry-trace': sentryTrace(info), baggage: baggage(info) };
  }

  return {
    name: 'BrowserTracing',
    setup(clientLike) {
      client = clientLike;
      const clientOptions = client.getOptions();
      targets = options.tracePropagationTargets || clientOptions.tracePropagationTargets;
      // The DSN's user part (`https://<key>@host/1`); core checked the DSN, or sends nothing anyway.
      publicKey = /\/\/([^@:/]+)@/.exec(clientOptions.dsn || '')?.[1];
      if (typeof window == 'undefined' || typeof performance == 'undefined') return;
      // Sentry's rule: without either option, no transactions at all.
      if (!clientOptions.tracesSampler && clientOptions.tracesSampleRate == null) return;
      const teardowns: Array<() => void> = [];

      teardowns.push(
        instrumentHttp({
          onStart(request) {
            const transaction = active;
            if (client.isOwnRequest(request.url) || !transaction) return undefined;
            const done = idle!.begin();
            let headers: Record<string, string> | undefined;
            if (shouldPropagate(request.url, targets)) {
              headers = headersFor(transaction);
            }
            return {
              headers,
              end(status) {
                done();
                if (!transaction.sampled) return;
                addSpan(transaction, {
                  op: 'http.client',
                  description: `${request.method} ${redactUrl(shortUrl(request.url))}`,
                  start_timestamp: toSeconds(request.start),
                  timestamp: toSeconds(perfNow()),
                  status: statusFromHttp(status),
                  data: { url: redactUrl(request.url), 'http.method': request.method, ...(status ? { 'http.response.status_code': status } : {}) },
                });
              },
            };
          },
        }),
      );

      if (instrumentPageLoad) {
        const pageload = start('pageload', location.pathname, 'url', 0);
        if (pageload) {
          // The page is not settled before its load event (and its handlers) are over.
          if (document.readyState != 'complete') {
            const loaded = idle!.begin();
            addEventListener('load', () => setTimeout(loaded), { once: true });
          }
          const webVitals = trackWebVitals(enableInp ? onInteraction : () => undefined);
          vitals = webVitals.vitals;
          teardowns.push(webVitals.stop);
        }
      }

      if (enableLongTask) {
        teardowns.push(
          onLongTask((startMs, duration) => {
            if (active && active.sampled) addSpan(active, { op: 'ui.long-task', description: 'Main UI thread blocked', start_timestamp: toSeconds(startMs), timestamp: toSeconds(startMs + duration) });
          }),
        );
      }

      if (instrumentNavigation) {
        teardowns.push(
          // The router names it once the navigation is confirmed (below).
          onHistoryChange(() => start('navigation', location.pathname, 'url', perfNow())),
        );
        if (router) {
          teardowns.push(
            onRouterNavigation(router, (name, began) => {
              // The router changes the URL before its afterEach hooks: the transaction that change
              // started (or the page load, for the first route) takes the route's name. A
              // navigation without a URL change (memory history) gets a transaction of its own.
              if (active && (active.op == 'pageload' || active.start >= toSeconds(began) - 0.001)) {
                active.name = name;
                active.source = 'route';
              } else start('navigation', name, 'route', began);
            }),
          );
        }
      }

      // Sent now rather than lost: the page may never come back.
      const onHidden = () => {
        if (document.visibilityState == 'hidden' && active) {
          if (active.sampled) active.tags.visibilitychange = 'document.hidden';
          end('cancelled');
        }
      };
      addEventListener('visibilitychange', onHidden, true);
      addEventListener('pagehide', onHidden, true);
      teardowns.push(() => {
        removeEventListener('visibilitychange', onHidden, true);
        removeEventListener('pagehide', onHidden, true);
        if (active) {
          idle!.cancel();
          active = undefined;
        }
      });

      return () => teardowns.forEach((teardown) => teardown());
    },
    preprocessEvent(event) {
      // Errors link to the trace of the page, and to the transaction open at capture time.
      const transaction = active || last;
      if (!transaction || (event as { type?: string }).type == 'transaction') return;
      event.contexts = { ...event.contexts, trace: { trace_id: transaction.traceId, span_id: transaction.spanId, ...(active ? { op: active.op } : {}) } };
    },
  };
}

/** The name code written for Sentry's SDK uses. */
export const browserTracingIntegration = tracingIntegration;
