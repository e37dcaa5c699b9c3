import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
  it.each([1, 3, 8])('keeps at most %i tasks in flight and the results in order', async (limit) => {
    let inFlight = 0;
    let most = 0;
    const results = await runPool(Array.from({ length: 20 }, (_, i) => i), limit, async (n) => {
      most = Math.max(most, ++inFlight);
      await sleep(n % 3);
      inFlight--;
      return n * 2;
    });
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(most).toBe(limit);
  });

  it('starts nothing new after a failure, waits for running tasks, and throws the first error', async () => {
    const started: number[] = [];
    let finished = 0;
    const error = await runPool([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await sleep(n == 0 ? 1 : 20);
      finished++;
      if (n == 0) throw new Error('first');
      if (n == 1) throw new Error('second');
    }).catch((e) => e);
    expect(error.message).toBe('first');
    expect(started).toEqual([0, 1]);
    expect(finished).toBe(2);
  });

  it('lets the items that fit go up to the wide limit, and the others only up to the narrow one', async () => {
    let inFlight = 0;
    const most = { small: 0, large: 0 };
    // 30 small items, then 10 large ones: a large one waits until fewer than 3 are in flight.
    const items = [...Array.from({ length: 30 }, () => 'small' as const), ...Array.from({ length: 10 }, () => 'large' as const)];
    const results = await runPool(
      items,
      3,
      async (kind, i) => {
        inFlight++;
        most[kind] = Math.max(most[kind], inFlight);
        await sleep(5);
        inFlight--;
        return i;
      },
      { limit: 12, fits: (kind) => kind == 'small' },
    );
    expect(results).toEqual(items.map((_, i) => i));
    expect(most).toEqual({ small: 12, large: 3 });
  });

  it('handles no items', async () => {
    expect(await runPool([], 4, async () => 1)).toEqual([]);
  });
});
