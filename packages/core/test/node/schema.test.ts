import { describe, expect, it } from 'vitest';
import { expectValidEvent, validateEvent } from '../helpers/schema';

const minimal = {
  event_id: '0123456789abcdef0123456789abcdef',
  timestamp: 1_700_000_000.123,
  platform: 'javascript',
  level: 'error',
  exception: {
    values: [
      {
        type: 'TypeError',
        value: 'x is undefined',
        mechanism: { type: 'onerror', handled: false },
        stacktrace: { frames: [{ filename: 'http://127.0.0.1/app.js', function: 'f', lineno: 3, colno: 7, in_app: true }] },
      },
    ],
  },
  sdk: { name: 'faultline.javascript.browser', version: '0.1.0' },
};

describe('event schema validator', () => {
  it('accepts a minimal valid event under both schemas', () => {
    expect(validateEvent(minimal)).toEqual({ valid: true, errors: '' });
    expect(() => expectValidEvent(minimal)).not.toThrow();
  });

  it('rejects an unknown level, naming the field and the allowed values', () => {
    const result = validateEvent({ ...minimal, level: 'loud' });
    expect(result.valid).toBe(false);
    expect(result.errors).toMatch(/current: \/level must be equal to one of the allowed values .*"error".*got "loud"/);
    expect(result.errors).toMatch(/2020-11: \/level/);
  });

  it('rejects a non-string event_id', () => {
    expect(() => expectValidEvent({ ...minimal, event_id: 5 })).toThrow(/\/event_id must be string; got 5/);
  });

  it('rejects a wrongly typed nested field', () => {
    const bad = structuredClone(minimal);
    (bad.exception.values[0].stacktrace.frames[0] as Record<string, unknown>).lineno = 'three';
    expect(validateEvent(bad).errors).toMatch(/\/exception\/values\/0\/stacktrace\/frames\/0\/lineno/);
  });

  it('rejects unknown top-level fields (current schema)', () => {
    expect(validateEvent({ ...minimal, surprise: 1 }).errors).toMatch(/current: \(event\) must NOT have additional properties "surprise"/);
  });
});
