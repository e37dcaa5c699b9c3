import { describe, expect, it } from 'vitest';
import { matches, uuid4, withTimeout } from '../../src/misc';

describe('uuid4', () => {
  it('gives 32 lowercase hex characters of a version-4 UUID, different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, uuid4));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
  });
});

describe('matches', () => {
  it.each([
    ['Script error.', ['error'], true],
    ['Script error.', [/^Script/], true],
    ['Script error.', ['nope', /^x/], false],
  ] as const)('%s against %s is %s', (value, patterns, expected) => {
    expect(matches(value, patterns as unknown as Array<string | RegExp>)).toBe(expected);
  });

  it('gives the same answer twice for a /g RegExp (no lastIndex carried over)', () => {
    const global = /error/g;
    expect(matches('an error', [global])).toBe(true);
    expect(matches('an error', [global])).toBe(true);
  });
});

describe('withTimeout', () => {
  it('passes the result through when it comes first', async () => {
    await expect(withTimeout(Promise.resolve(true), 1000)).resolves.toBe(true);
  });
  it('resolves false when the time runs out first', async () => {
    await expect(withTimeout(new Promise<boolean>(() => {}), 10)).resolves.toBe(false);
  });
});
