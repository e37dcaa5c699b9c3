// BurstGuard's bucket and window on events (captures of Errors are checked earlier, in the
// client: test/browser/bursts.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { burstGuardIntegration } from '../../src/integrations/burst-guard';
import type { ClientLike, Event } from '../../src/types';

const client = { log: () => undefined } as unknown as ClientLike;
const message = (text: string): Event => ({ logentry: { formatted: text } });
const passed = (guard: ReturnType<typeof burstGuardIntegration>, texts: string[]) =>
  texts.filter((t) => guard.processEvent!(message(t), {}, client) !== null).length;

afterEach(() => vi.useRealTimers());

describe('burstGuardIntegration', () => {
  it('lets a burst of 100 through, then one event per second (60 a minute)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const guard = burstGuardIntegration();
    expect(passed(guard, Array.from({ length: 150 }, (_, i) => `m${i}`))).toBe(100);
    vi.setSystemTime(1_700_000_000_000 + 1000);
    expect(passed(guard, ['a', 'b'])).toBe(1);
    vi.setSystemTime(1_700_000_000_000 + 61_000);
    expect(passed(guard, Array.from({ length: 100 }, (_, i) => `n${i}`))).toBe(60);
  });

  it('drops an identical event within the window, not only right after it, and sends it again later', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const guard = burstGuardIntegration({ dedupeWindowMs: 5000 });
    expect(passed(guard, ['a', 'b', 'a', 'c', 'a'])).toBe(3);
    vi.setSystemTime(1_700_000_000_000 + 5000);
    expect(passed(guard, ['a'])).toBe(1);
  });

  it('takes perMinute and burst as options', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const guard = burstGuardIntegration({ perMinute: 6, burst: 2 });
    expect(passed(guard, ['a', 'b', 'c'])).toBe(2);
    vi.setSystemTime(1_700_000_000_000 + 10_000);
    expect(passed(guard, ['d', 'e'])).toBe(1);
  });
});
