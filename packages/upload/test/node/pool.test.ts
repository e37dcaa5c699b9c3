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

  it('handles no items', async () => {
    expect(await runPool([], 4, async () => 1)).toEqual([]);
  });
});
