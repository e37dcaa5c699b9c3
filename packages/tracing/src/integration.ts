import type { ClientLike, Integration } from '@faultline/core';
import { instrumentHttp } from './http';
import { onHistoryChange } from './history';
import { traceId as newTraceId } from './ids';
import { createIdleTimer, type IdleTimer } from './idle';
import { onLongTask } from './long-tasks';
import { navigationSpans } from './navigation-spans';
import { sendTransaction } from './payload';
import { baggage, sentryTrace, shouldPropagate } from './propagation';
import { resourceSpans } from './resource-spans';
import { decideSampling, type SamplingDecision } from './sampling';
import { toSeconds } from './time';
import { addSpan, createTransaction, statusFromHttp, type Transaction, type TransactionSource } from './transaction';
import { shortUrl } from './url';
import { onRouterNavigation, type RouterLike } from './vue-router';
import { trackWebVitals, type OnInteraction } from './web-vitals';

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
}


/**
 * Performance monitoring: a `pageload` transaction with Navigation Timing, resource, long task
 * and request spans and the Web Vitals, a `navigation` transaction per history or router
 * navigation, trace headers on requests to `tracePropagationTargets`, and the trace on errors.
 * Needs `tracesSampleRate` or `tracesSampler` in `init`; without either nothing is recorded.
 * @example init({ dsn, integrations: [tracingIntegration({ router })], tracesSampleRate: 0.3 })
 */
export function tracingIntegration(options: TracingOptions = {}): Integration {
  const { router, idleTimeout = 1000, finalTimeout = 30_000 } = options;
  let client: ClientLike;
  // One trace and one sampling decision per page: its transactions, requests and errors share them.
  const trace = newTraceId();
  // `false` once closed: nothing is decided (nor recorded) any more.
  let decision: SamplingDecision | undefined | false;
  /** The transaction being recorded, and the one recorded last (for errors and INP after it). */
  let active: Transaction | undefined;
  let last: Transaction | undefined;
  /** The interaction transaction waiting for its interaction's later reports (they share its start). */
  let pending: Transaction | undefined;
  let idle: IdleTimer;

  const send = (transaction: Transaction) => sendTransaction(transaction, client);

  /** Starts a transaction, named by the URL's path unless told. */
  function start(op: string, startMs = performance.now(), name = location.pathname, source: TransactionSource = 'url'): Transaction | undefined {
    end('ok');
    decision = decision ?? decideSampling(client.getOptions(), { name, op });
    if (!decision) return undefined;
    // Its timer is the only one running: end() cancels the previous transaction's.
    idle = createIdleTimer({
      idleTimeout,
      finalTimeout,
      onEnd: (reason, lastActivity) => (reason == 'idle' ? end('ok', lastActivity) : end('deadline_exceeded')),
    });
    return (active = last = createTransaction({ ...decision, name, op, source, traceId: trace, start: toSeconds(startMs) }));
  }

  /** Ends the active transaction: when it went idle (`idleAt`, or its last span if later), else now. */
  function end(status: string, idleAt?: number): void {
    const transaction = active;
    if (!transaction) return;
    active = undefined;
    idle.cancel();
    if (transaction.op == 'pageload') {
      for (const span of navigationSpans(performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)) addSpan(transaction, span);
      // At most 100 Resource Timing entries (scripts, styles, images…).
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      for (const span of resourceSpans(resources, 100, (url) => client.isOwnRequest(url))) addSpan(transaction, span);
    }
    // Never before its start, which comes before its idle timer (and `idleAt`).
    transaction.end = Math.max(toSeconds(idleAt ?? performance.now()), ...transaction.spans.map((span) => (idleAt == null ? 0 : span.timestamp)));
    transaction.status = status;
    send(transaction);
  }

  /**
   * INP: a measurement of the open page load, else (the usual case: it needs an interaction) a
   * transaction of its own in the page's trace, named as the page, as Sentry's SDK sends it as
   * a span of its own (a `span` item, which Sentry 20.x would refuse).
   */
  const onInteraction: OnInteraction = (value, startMs, type, target) => {
    const start = toSeconds(startMs);
    let transaction = active?.op == 'pageload' && active;
    if (!transaction) {
      // Of a sampled trace, not closed.
      if (!last?.sampled) return;
      if (pending?.start != start) {
        const created = (pending = createTransaction({ ...last, op: `ui.interaction.${/^key/.test(type) ? 'press' : 'click'}`, start }));
        // One interaction may be reported more than once, its longer event last (a fast
        // pointerdown, then the slow click): sent 500 ms later, once its reports are in.
        setTimeout(() => {
          if (pending == created) pending = undefined;
          send(created);
        }, 500);
      }
      transaction = pending!;
      transaction.end = toSeconds(startMs + value);
    }
    transaction.measurements.inp = { value, unit: 'millisecond' };
    if (target) transaction.tags['inp.element'] = target;
  };

  return {
    name: 'BrowserTracing',
    setup(clientLike) {
      client = clientLike;
      const { tracePropagationTargets, dsn, release, environment } = client.getOptions();
      const targets = options.tracePropagationTargets || tracePropagationTargets;
      // The DSN's user part (`https://<key>@host/1`); core checked the DSN, or sends nothing anyway.
      const publicKey = /\/\/([^@:/]+)@/.exec(dsn!)?.[1];
      // Sentry's rule: without tracesSampleRate or tracesSampler, no transactions at all (no decision).
      const pageload = globalThis.document && start('pageload', 0);
      if (!pageload) return;

      const teardowns = [
        instrumentHttp((method, url, setHeader) => {
          const transaction = active;
          if (!transaction || client.isOwnRequest(url)) return undefined;
          if (shouldPropagate(url, targets)) {
            const info = { ...transaction, publicKey, release, environment };
            setHeader('sentry-trace', sentryTrace(info));
            setHeader('baggage', baggage(info));
          }
          // Begun once the headers are in (a page's invalid headers throw there: then nothing is).
          const began = performance.now();
          const done = idle.begin();
          return (status) => {
            done();
            addSpan(transaction, {
              op: 'http.client',
              description: `${method} ${shortUrl(url)}`,
              start_timestamp: toSeconds(began),
              timestamp: toSeconds(performance.now()),
              status: statusFromHttp(status),
              // No status code without a response.
              data: { 'http.method': method, 'http.response.status_code': status || undefined },
            });
          };
        }),
        onLongTask((startMs, duration) => {
          if (active)
            addSpan(active, {
              op: 'ui.long-task',
              description: 'Main UI thread blocked',
              start_timestamp: toSeconds(startMs),
              timestamp: toSeconds(startMs + duration),
            });
        }),
        // The router, when given, renames it once the navigation is confirmed (below).
        onHistoryChange(() => start('navigation')),
      ];

      // The page is not settled before its load event (and its handlers) are over.
      if (document.readyState != 'complete') {
        const loaded = idle.begin();
        addEventListener('load', () => setTimeout(loaded), { once: true });
      }
      trackWebVitals(pageload, onInteraction);

      if (router) {
        teardowns.push(
          onRouterNavigation(router, (name, began, initial) => {
            // The router changes the URL before its afterEach hooks: the transaction that change
            // started (or the page load, for the first route) takes the route's name. A later
            // navigation without a URL change (memory history) gets a transaction of its own.
            if (active && (initial || active.start >= toSeconds(began) - 0.001)) {
              active.name = name;
              active.source = 'route';
            } else if (!initial) start('navigation', began, name, 'route');
          })
        );
      }

      // Sent now rather than lost: the page may never come back. Browsers that run this code
      // fire visibilitychange on unload too (web-vitals listens to nothing else).
      const onHidden = () => {
        if (active && document.visibilityState == 'hidden') {
          active.tags.visibilitychange = 'document.hidden';
          end('cancelled');
        }
      };
      addEventListener('visibilitychange', onHidden, true);
      return () => {
        teardowns.forEach((teardown) => teardown());
        removeEventListener('visibilitychange', onHidden, true);
        idle.cancel();
        // web-vitals cannot unsubscribe: without a last transaction, a late INP is not sent either; a
        // patch left in place (wrapped again by another script) starts nothing.
        active = last = undefined;
        decision = false;
      };
    },
    preprocessEvent(event) {
      // Errors link to the page's trace, and to the transaction open at capture time (else the last one).
      const transaction = active || last;
      // (Transactions are sent as envelopes of their own: they never come here.)
      if (transaction) {
        event.contexts = { ...event.contexts, trace: { trace_id: transaction.traceId, span_id: transaction.spanId, op: transaction.op } };
      }
    },
  };
}

/** The name code written for Sentry's SDK uses. */
export const browserTracingIntegration = tracingIntegration;
