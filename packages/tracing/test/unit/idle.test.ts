import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer } from '../../src/idle';

describe('createIdleTimer', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('ends idleTimeout ms after the last activity ended, reporting when that was', () => {
    const ends: Array<[string, number]> = [];
    const timer = createIdleTimer({ idleTimeout: 1000, finalTimeout: 30_000, onEnd: (reason, last) => ends.push([reason, last]) });
    vi.advanceTimersByTime(500);
    const done = timer.begin();
    vi.advanceTimersByTime(5000); // a long request keeps it open
    expect(ends).toEqual([]);
    const endedAt = performance.now();
    done();
    done(); // twice counts once
    vi.advanceTimersByTime(999);
    expect(ends).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([['idle', endedAt]]);
  });

  it('ends at finalTimeout while something is still open, once', () => {
    const ends: string[] = [];
    const timer = createIdleTimer({ idleTimeout: 1000, finalTimeout: 3000, onEnd: (reason) => ends.push(reason) });
    timer.begin();
    vi.advanceTimersByTime(10_000);
    expect(ends).toEqual(['final']);
  });

  it('cancel stops it without an end', () => {
    const ends: string[] = [];
    createIdleTimer({ idleTimeout: 1000, finalTimeout: 3000, onEnd: (reason) => ends.push(reason) }).cancel();
    vi.advanceTimersByTime(10_000);
    expect(ends).toEqual([]);
  });
});
