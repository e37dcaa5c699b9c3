import type { Client } from '../client';
import { DEBUG } from '../debug-build';
import { uuid4 } from '../misc';
import { isError } from '../normalize';
import type { EventHint, Integration } from '../types';
import { signature } from './dedupe';

export interface BurstGuardOptions {
  /** Events a page may send per minute, on average (the token bucket's refill). @default 60 */
  perMinute?: number;
  /** Events a page may send at once before `perMinute` applies (the bucket's size). @default 100 */
  burst?: number;
  /**
   * An error identical to one sent within this many ms is dropped, not only when it comes right
   * after it (Dedupe). @default 10000
   */
  dedupeWindowMs?: number;
}

/** More signatures than this, and the oldest are forgotten: the cost per capture stays flat. */
const MAX_REMEMBERED = 500;

/**
 * Keeps a loop of errors from flooding the server or freezing the page: identical errors within
 * a window are collapsed (not only consecutive ones), and a per-page token bucket caps the rest.
 * Each drop is counted in the client report (`event_processor`, like every event an integration
 * drops).
 * @example init({ dsn, integrations: [burstGuardIntegration({ perMinute: 30 })] })
 */
export const burstGuardIntegration = ({ perMinute = 60, burst = 100, dedupeWindowMs = 10_000 }: BurstGuardOptions = {}): Integration => {
  let tokens = burst;
  let refilled = Date.now();
  const seen = new Map<string, number>();
  /** Drops (false) what was sent within the window or finds the bucket empty; else takes a token. */
  const admit = (key: string): boolean => {
    const now = Date.now();
    const last = seen.get(key);
    if (last !== undefined && now - last < dedupeWindowMs) return false;
    tokens = Math.min(burst, tokens + ((now - refilled) * perMinute) / 60_000);
    refilled = now;
    if (tokens < 1) return false;
    tokens--;
    // Re-inserted last, so the first key of the map is the one seen longest ago.
    seen.delete(key);
    seen.set(key, now);
    if (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value!);
    return true;
  };
  /** Hints of captures already admitted before their event was built. */
  const admitted = new WeakSet<EventHint>();
  return {
    name: 'BurstGuard',
    setup(clientLike) {
      // An Error's stack names it: it is checked before the event is built, so a dropped capture
      // costs a map lookup, not a stack parse.
      const client = clientLike as Client;
      const capture = client._capture;
      client._capture = function (build, hint, scope) {
        const error = hint.originalException;
        if (isError(error) && error.stack) {
          if (!admit(error.stack)) {
            DEBUG && client.log(`${error.message}: same as one sent in the last ${dedupeWindowMs} ms, or more than ${perMinute} events a minute`);
            client.recordDroppedEvent('event_processor');
            return hint.event_id || uuid4();
          }
          admitted.add(hint);
        }
        return capture.call(this, build, hint, scope);
      };
      return () => {
        client._capture = capture;
      };
    },
    processEvent(event, hint, client) {
      if (admitted.has(hint) || admit(signature(event))) return event;
      DEBUG && client.log(`event ${event.event_id}: same as one sent in the last ${dedupeWindowMs} ms, or more than ${perMinute} events a minute`);
      return null;
    },
  };
};

/**
 * Sentry's Dedupe, by its name: here the burst guard, which drops an identical error within
 * `dedupeWindowMs` even when others came between.
 */
export const dedupeIntegration = burstGuardIntegration;
