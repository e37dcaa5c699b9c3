import type { Options } from '@faultline/core';

export interface SamplingDecision {
  sampled: boolean;
  /** The rate the decision was made with, for `sentry-sample_rate` in baggage. */
  rate: number;
}

/**
 * Sentry's rule: `tracesSampler` decides when given, else `tracesSampleRate`; with neither,
 * tracing is off (undefined). A sampler may answer a rate or a boolean; anything out of
 * [0, 1] or not a number samples nothing.
 */
export function decideSampling(
  options: Pick<Options, 'tracesSampleRate' | 'tracesSampler'>,
  context: { name: string; op: string; parentSampled?: boolean },
  random: () => number = Math.random
): SamplingDecision | undefined {
  const { tracesSampler, tracesSampleRate } = options;
  if (!tracesSampler && tracesSampleRate == null) return undefined;
  let rate: number;
  try {
    // A boolean as 0 or 1.
    rate = +(tracesSampler ? tracesSampler(context) : tracesSampleRate!);
  } catch {
    rate = 0;
  }
  // Not a number from 0 to 1 (NaN, undefined, 2): nothing sampled.
  if (!(rate >= 0 && rate <= 1)) rate = 0;
  return { sampled: random() < rate, rate };
}
