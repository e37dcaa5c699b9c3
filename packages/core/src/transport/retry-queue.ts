import type { DataCategory, Envelope } from '../types';
import type { Queued, QueueStore } from './queue-store';

export interface RetryQueue {
  /** Keeps an envelope that could not be delivered yet, and plans the next try. */
  _add(envelope: Envelope): void;
  /** Tries what waits now (after a success, `online`, page exit, a new visit). */
  _drain(): void;
}

export interface RetryQueueOptions {
  _store: QueueStore;
  /** One send; resolves true when the envelope should be tried again later. */
  _attempt(envelope: Envelope): Promise<boolean>;
  _isLimited(category: DataCategory): boolean;
  /** An envelope dropped to keep the queue within its bounds. */
  _onOverflow(envelope: Envelope): void;
}

// Backoff: 2 s, 4 s, then 8 s for about a minute (failures 2 to 7), so a short outage (a server
// restart, a tunnel) is seen to end within 10 s; past that the wait doubles (16 s after the
// eighth failure) up to 5 minutes. Each wait is ±20%, so tabs that failed together spread out.
const FIRST_DELAY = 2000;
const SHORT_OUTAGE_ROUNDS = 8;
const MAX_DELAY = 300_000;
/** The wait after `failures` failed rounds, before jitter: FIRST_DELAY doubled this often. */
const doublings = (failures: number): number => (failures < SHORT_OUTAGE_ROUNDS ? Math.min(failures, 2) : failures - 5);
const LOCK = 'faultline-queue';

/** `sent_at` as of this try: Relay reads it to correct clock drift. */
const resent = (body: string): string => body.replace(/^(\{.*?"sent_at":")[^"]*/, `$1${new Date().toISOString()}`);

/**
 * Retries undelivered envelopes with exponential backoff and jitter. One try at a time, oldest
 * first; the first failure ends the round, so an outage costs one request per round, never a
 * storm. Two tabs never send the same envelope: a round holds a Web Lock (or, without Web
 * Locks, the store leases what it hands out).
 */
export function createRetryQueue({ _store, _attempt, _isLimited, _onOverflow }: RetryQueueOptions): RetryQueue {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining = false;
  /** Whether this page may have something queued (the last visit may have left some). */
  let waiting = true;
  const locks = typeof navigator != 'undefined' && navigator.locks;

  function plan(): void {
    if (timer) return;
    const delay = Math.min(FIRST_DELAY * 2 ** doublings(failures), MAX_DELAY) * (0.8 + Math.random() * 0.4);
    timer = setTimeout(drain, delay);
  }

  async function round(lease: boolean): Promise<void> {
    waiting = false;
    for (const envelope of await _store._take(lease)) {
      if (_isLimited(envelope.category) || (await _attempt({ ...envelope, body: resent(envelope.body) }))) {
        failures++;
        waiting = true;
        return plan();
      }
      await _store._remove(envelope.id!);
    }
    failures = 0;
  }

  function drain(): void {
    // The planned try is this one; during a round, the next is planned when the round ends.
    clearTimeout(timer);
    timer = undefined;
    if (draining || !waiting) return;
    draining = true;
    // Where another tab holds the lock, that tab is sending; this one looks again later.
    const done = locks ? locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? round(false) : plan())) : round(true);
    done.then(undefined, () => (waiting = true)).finally(() => {
      draining = false;
      // What came in during the round, or what a failed round left.
      if (waiting) plan();
    });
  }

  return {
    _add(envelope) {
      waiting = true;
      _store._add(envelope).then((dropped: Queued[]) => dropped.forEach(_onOverflow), () => undefined);
      plan();
    },
    _drain: drain,
  };
}
