// The retry queue's schedule: how long it waits between rounds while the server stays down.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueueStore } from '../../src/transport/queue-store';
import { createRetryQueue } from '../../src/transport/retry-queue';
import type { Envelope } from '../../src/types';

afterEach(() => vi.useRealTimers());

/** Runs a queue whose every try fails and returns the waits between tries, in seconds. */
async function waitsWhileDown(rounds: number): Promise<number[]> {
  vi.useFakeTimers();
  const tries: number[] = [];
  const queue = createRetryQueue({
    // jsdom has no IndexedDB: the store keeps envelopes in memory, as in a private window.
    _store: createQueueStore(() => undefined),
    _attempt: async () => {
      tries.push(Date.now());
      return true;
    },
    _isLimited: () => false,
    _onOverflow: () => undefined,
  });
  const envelope: Envelope = { category: 'error', eventId: 'a', body: '{"sent_at":"x"}\n{}', url: 'https://o.example/api/1/envelope/' };
  const start = Date.now();
  queue._add(envelope);
  while (tries.length < rounds) await vi.advanceTimersByTimeAsync(500);
  return tries.map((t, i) => (t - (i ? tries[i - 1] : start)) / 1000);
}

describe('retry queue backoff', () => {
  it('tries after about 2 and 4 s, then every 8 s for the first minute: an outage is seen to end within 10 s', async () => {
    const waits = await waitsWhileDown(8);
    const expected = [2, 4, 8, 8, 8, 8, 8, 8];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(expected[i] * 0.8 - 0.5);
      expect(w).toBeLessThanOrEqual(expected[i] * 1.2 + 0.5);
    });
    expect(Math.max(...waits)).toBeLessThan(10);
  });

  it('then doubles the wait, up to 5 minutes: a long outage costs a request every few minutes, never a storm', async () => {
    const waits = await waitsWhileDown(16);
    const later = waits.slice(8);
    const expected = [16, 32, 64, 128, 256, 300, 300, 300];
    later.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(expected[i] * 0.8 - 0.5);
      expect(w).toBeLessThanOrEqual(expected[i] * 1.2 + 0.5);
    });
  });
});
