import { describe, expect, it } from 'vitest';
import { decideSampling } from '../../src/sampling';

const ctx = { name: '/users/1', op: 'pageload' };

describe('decideSampling', () => {
  it('is off (undefined) without tracesSampleRate and tracesSampler, as in Sentry', () => {
    expect(decideSampling({}, ctx)).toBeUndefined();
  });

  it.each([
    [0, 0.0, false],
    [1, 0.999, true],
    [0.3, 0.29, true],
    [0.3, 0.3, false],
  ])('tracesSampleRate %s with random %s samples: %s', (rate, random, sampled) => {
    expect(decideSampling({ tracesSampleRate: rate }, ctx, () => random)).toEqual({ sampled, rate });
  });

  it('asks tracesSampler, which wins over tracesSampleRate, with the name and op', () => {
    const seen: unknown[] = [];
    const decision = decideSampling({ tracesSampleRate: 1, tracesSampler: (c) => (seen.push(c), c.name.startsWith('/admin') ? 0 : 0.5) }, ctx, () => 0.4);
    expect(decision).toEqual({ sampled: true, rate: 0.5 });
    expect(seen).toEqual([ctx]);
    expect(decideSampling({ tracesSampler: () => 0 }, { name: '/admin', op: 'pageload' }, () => 0)).toEqual({ sampled: false, rate: 0 });
  });

  it('takes booleans from tracesSampler; invalid answers and throwing samplers sample nothing', () => {
    expect(decideSampling({ tracesSampler: () => true }, ctx)).toEqual({ sampled: true, rate: 1 });
    expect(decideSampling({ tracesSampler: () => false }, ctx)).toEqual({ sampled: false, rate: 0 });
    expect(decideSampling({ tracesSampler: () => 2 }, ctx, () => 0)).toEqual({ sampled: false, rate: 0 });
    expect(decideSampling({ tracesSampler: () => NaN }, ctx, () => 0)).toEqual({ sampled: false, rate: 0 });
    expect(
      decideSampling(
        {
          tracesSampler: () => {
            throw new Error('x');
          },
        },
        ctx,
        () => 0
      )
    ).toEqual({ sampled: false, rate: 0 });
    expect(decideSampling({ tracesSampleRate: -1 }, ctx, () => 0)).toEqual({ sampled: false, rate: 0 });
  });
});
