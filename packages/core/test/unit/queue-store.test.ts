// The retry queue's store where IndexedDB is missing (jsdom has none): memory, same bounds.
import { describe, expect, it } from 'vitest';
import { createQueueStore } from '../../src/transport/queue-store';
import type { Envelope } from '../../src/types';

const envelope = (eventId: string, bytes = 10): Envelope => ({ category: 'error', eventId, body: 'x'.repeat(bytes), url: 'https://h.io/api/5/envelope/' });

describe('queue store without IndexedDB', () => {
  it('keeps envelopes in memory, oldest first, and says so once under debug', async () => {
    const logs: string[] = [];
    const store = createQueueStore((m) => logs.push(m));
    for (const id of ['a', 'b', 'c']) expect(await store._add(envelope(id))).toEqual([]);
    expect((await store._take(false)).map((e) => e.eventId)).toEqual(['a', 'b', 'c']);
    expect(logs).toEqual(['IndexedDB unavailable: retry queue in memory']);
  });

  it('drops the oldest beyond 100 envelopes and hands them back (counted as queue_overflow by the client)', async () => {
    const store = createQueueStore(() => undefined);
    for (let i = 0; i < 100; i++) await store._add(envelope(`e${i}`));
    expect((await store._add(envelope('e100'))).map((e) => e.eventId)).toEqual(['e0']);
    const kept = await store._take(false);
    expect(kept).toHaveLength(100);
    expect([kept[0].eventId, kept[99].eventId]).toEqual(['e1', 'e100']);
  });

  it('drops the oldest beyond 2,000,000 bytes; an envelope larger than that alone is not kept, and pushes out nothing', async () => {
    const store = createQueueStore(() => undefined);
    await store._add(envelope('a', 900_000));
    await store._add(envelope('b', 900_000));
    expect((await store._add(envelope('c', 900_000))).map((e) => e.eventId)).toEqual(['a']);
    expect((await store._add(envelope('huge', 2_000_001))).map((e) => e.eventId)).toEqual(['huge']);
    expect((await store._take(false)).map((e) => e.eventId)).toEqual(['b', 'c']);
  });

  it('removes by id; with leases, what this page claimed stays its own', async () => {
    const store = createQueueStore(() => undefined);
    await store._add(envelope('a'));
    await store._add(envelope('b'));
    const [first] = await store._take(true);
    await store._remove(first.id!);
    expect((await store._take(true)).map((e) => e.eventId)).toEqual(['b']);
  });
});
