import { describe, expect, it } from 'vitest';
import { isRateLimited, updateRateLimits } from '../../src/transport/rate-limits';

const NOW = 1_700_000_000_000;

describe('updateRateLimits', () => {
  it('limits the named categories of X-Sentry-Rate-Limits for their retry_after seconds', () => {
    const limits = updateRateLimits({}, { statusCode: 429, headers: { 'x-sentry-rate-limits': '60:error;default:organization' } }, NOW);
    expect(limits).toEqual({ error: NOW + 60_000, default: NOW + 60_000 });
  });

  it('limits everything when the categories are empty', () => {
    const limits = updateRateLimits({}, { statusCode: 429, headers: { 'x-sentry-rate-limits': '30::organization' } }, NOW);
    expect(limits).toEqual({ '': NOW + 30_000 });
  });

  it('reads several comma-separated limits, with spaces and reasons', () => {
    const header = '10:error:key, 2700:transaction;session:organization:quota_exceeded,5::project';
    const limits = updateRateLimits({}, { statusCode: 429, headers: { 'x-sentry-rate-limits': header } }, NOW);
    expect(limits).toEqual({
      error: NOW + 10_000,
      transaction: NOW + 2_700_000,
      session: NOW + 2_700_000,
      '': NOW + 5_000,
    });
  });

  it('applies X-Sentry-Rate-Limits also on a 200 (the server accepted this one but limits the next)', () => {
    const limits = updateRateLimits({}, { statusCode: 200, headers: { 'x-sentry-rate-limits': '60:error:key' } }, NOW);
    expect(limits).toEqual({ error: NOW + 60_000 });
  });

  it('prefers X-Sentry-Rate-Limits over Retry-After', () => {
    const limits = updateRateLimits(
      {},
      { statusCode: 429, headers: { 'x-sentry-rate-limits': '60:error:key', 'retry-after': '600' } },
      NOW,
    );
    expect(limits).toEqual({ error: NOW + 60_000 });
  });

  it('limits everything for Retry-After seconds', () => {
    expect(updateRateLimits({}, { statusCode: 429, headers: { 'retry-after': '120' } }, NOW)).toEqual({ '': NOW + 120_000 });
  });

  it('limits everything until a Retry-After HTTP date', () => {
    const date = new Date(NOW + 90_000).toUTCString(); // e.g. 'Tue, 14 Nov 2023 22:14:50 GMT'
    expect(date).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(updateRateLimits({}, { statusCode: 429, headers: { 'retry-after': date } }, NOW)).toEqual({ '': NOW + 90_000 });
  });

  it('blocks for 60 s after a bare 429', () => {
    expect(updateRateLimits({}, { statusCode: 429 }, NOW)).toEqual({ '': NOW + 60_000 });
    expect(updateRateLimits({}, { statusCode: 429, headers: { 'retry-after': null, 'x-sentry-rate-limits': null } }, NOW)).toEqual({
      '': NOW + 60_000,
    });
  });

  it('leaves the limits unchanged after a response without a limit', () => {
    const before = { error: NOW + 5_000 };
    for (const statusCode of [200, 400, 403, 413, 500]) {
      const after = updateRateLimits(before, { statusCode, headers: { 'retry-after': null, 'x-sentry-rate-limits': null } }, NOW);
      expect(after).toEqual({ error: NOW + 5_000 });
    }
    expect(updateRateLimits(before, {}, NOW)).toEqual({ error: NOW + 5_000 });
  });

  it('does not mutate the limits it was given', () => {
    const before = { error: NOW + 5_000 };
    updateRateLimits(before, { statusCode: 429 }, NOW);
    expect(before).toEqual({ error: NOW + 5_000 });
  });

  it('keeps other categories limited when a new limit names one', () => {
    const first = updateRateLimits({}, { statusCode: 429, headers: { 'x-sentry-rate-limits': '60:error:key' } }, NOW);
    const second = updateRateLimits(first, { statusCode: 429, headers: { 'x-sentry-rate-limits': '30:session:key' } }, NOW + 1_000);
    expect(second).toEqual({ error: NOW + 60_000, session: NOW + 31_000 });
  });

  it('takes retry_after 0 as no wait, not as the 60 s default', () => {
    const limits = updateRateLimits({}, { statusCode: 200, headers: { 'x-sentry-rate-limits': '0:error:key' } }, NOW);
    expect(isRateLimited(limits, 'error', NOW + 1)).toBe(false);
  });
});

describe('isRateLimited', () => {
  const limits = { error: NOW + 10_000 };

  it('limits a named category until its time has passed', () => {
    expect(isRateLimited(limits, 'error', NOW)).toBe(true);
    expect(isRateLimited(limits, 'error', NOW + 9_999)).toBe(true);
    expect(isRateLimited(limits, 'error', NOW + 10_000)).toBe(false);
    expect(isRateLimited(limits, 'error', NOW + 60_000)).toBe(false);
  });

  it('does not limit other categories', () => {
    expect(isRateLimited(limits, 'internal', NOW)).toBe(false);
    expect(isRateLimited(limits, 'default', NOW)).toBe(false);
    expect(isRateLimited(limits, 'session', NOW)).toBe(false);
  });

  it('limits every category under a limit on all', () => {
    const all = { '': NOW + 10_000 };
    for (const category of ['error', 'internal', 'default', 'session', 'transaction'] as const) {
      expect(isRateLimited(all, category, NOW + 5_000)).toBe(true);
      expect(isRateLimited(all, category, NOW + 10_000)).toBe(false);
    }
  });

  it('is limited by an active limit on all even when the category limit has expired', () => {
    const mixed = { error: NOW + 1_000, '': NOW + 60_000 };
    expect(isRateLimited(mixed, 'error', NOW + 30_000)).toBe(true);
  });

  it('is limited by an active category limit that outlasts a limit on all', () => {
    const mixed = { error: NOW + 60_000, '': NOW + 1_000 };
    expect(isRateLimited(mixed, 'error', NOW + 30_000)).toBe(true);
    expect(isRateLimited(mixed, 'internal', NOW + 30_000)).toBe(false);
  });

  it('is not limited with no limits', () => {
    expect(isRateLimited({}, 'error', NOW)).toBe(false);
  });
});
