import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SentryEvent, StackFrame } from '../../src/event';
import { groupEvent } from '../../src/group';
import { trimFunction } from '../../src/group/frame-components';
import { normalizeValue } from '../../src/group/normalize-value';

const error = (frames: StackFrame[], type = 'TypeError', value = "Cannot read properties of undefined (reading 'id')", extra: Partial<SentryEvent> = {}): SentryEvent => ({
  event_id: 'a'.repeat(32),
  exception: { values: [{ type, value, stacktrace: { frames } }] },
  ...extra,
});

// The same throw, as each browser reports it after symbolication: Chrome names methods
// `Object.checkout` and handlers `HTMLButtonElement.<anonymous>`, Firefox `checkout` and `""`;
// columns differ.
const chrome: StackFrame[] = [
  { filename: 'node_modules/vue/dist/vue.runtime.esm.js', function: 'invokeWithErrorHandling', lineno: 1863, colno: 26, in_app: false },
  { filename: 'src/main.js', function: 'HTMLButtonElement.<anonymous>', lineno: 12, colno: 5, in_app: true },
  { filename: 'src/cart.js', function: 'Object.checkout', lineno: 6, colno: 11, in_app: true },
];
const firefox: StackFrame[] = [
  { filename: 'node_modules/vue/dist/vue.runtime.esm.js', function: 'invokeWithErrorHandling', lineno: 1863, colno: 30, in_app: false },
  { filename: 'src/main.js', function: '', lineno: 12, colno: 9, in_app: true },
  { filename: 'src/cart.js', function: 'checkout', lineno: 6, colno: 17, in_app: true },
];

describe('grouping', () => {
  it('groups the same error from Chrome and Firefox into one issue', () => {
    const a = groupEvent(error(chrome));
    const b = groupEvent(error(firefox, 'TypeError', "can't access property \"id\", item is undefined"));
    expect(a.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(b.hash).toBe(a.hash);
    expect(a.method).toBe('stacktrace');
  });

  it('tells two throw sites apart', () => {
    const other = [...chrome.slice(0, 2), { filename: 'src/cart.js', function: 'applyCoupon', lineno: 20, colno: 3, in_app: true }];
    expect(groupEvent(error(other)).hash).not.toBe(groupEvent(error(chrome)).hash);
  });

  it('ignores library frames when the stack has in-app ones', () => {
    const otherLibrary = [{ ...chrome[0], filename: 'node_modules/vue/dist/vue.esm.js', function: 'callWithAsyncErrorHandling' }, ...chrome.slice(1)];
    expect(groupEvent(error(otherLibrary)).hash).toBe(groupEvent(error(chrome)).hash);
  });

  it('falls back to all frames when none is in-app', () => {
    const lib = chrome.map((f) => ({ ...f, in_app: false }));
    const lib2 = lib.map((f, i) => (i == 2 ? { ...f, function: 'other' } : f));
    expect(groupEvent(error(lib)).method).toBe('stacktrace');
    expect(groupEvent(error(lib)).hash).not.toBe(groupEvent(error(lib2)).hash);
  });

  it('uses type and normalised value when no frame counts, so ids in messages do not split issues', () => {
    const a = groupEvent(error([], 'Error', 'Order 4711 not found at https://api.shop.example/orders/4711'));
    const b = groupEvent(error([], 'Error', 'Order 4712 not found at https://api.shop.example/orders/4712'));
    expect(a.method).toBe('exception');
    expect(a.hash).toBe(b.hash);
    expect(groupEvent(error([], 'TypeError', 'Order 4711 not found')).hash).not.toBe(a.hash);
  });

  it('hashes every exception of a cause chain', () => {
    const cause = { type: 'Error', value: 'network down', stacktrace: { frames: [{ filename: 'src/api.js', function: 'load', lineno: 3, colno: 1, in_app: true }] } };
    const plain = groupEvent(error(chrome));
    const chained = groupEvent({ ...error(chrome), exception: { values: [cause, error(chrome).exception!.values![0]] } });
    expect(chained.hash).not.toBe(plain.hash);
  });

  it('takes the fingerprint, with {{ default }} standing for the default hash', () => {
    const base = groupEvent(error(chrome));
    const custom = groupEvent(error(chrome, undefined, undefined, { fingerprint: ['checkout'] }));
    const extended = groupEvent(error(chrome, undefined, undefined, { fingerprint: ['{{ default }}', 'checkout'] }));
    const onlyDefault = groupEvent(error(chrome, undefined, undefined, { fingerprint: ['{{default}}'] }));
    expect(new Set([base.hash, custom.hash, extended.hash]).size).toBe(3);
    expect(onlyDefault.hash).toBe(base.hash);
    expect(groupEvent(error(firefox, undefined, undefined, { fingerprint: ['checkout'] })).hash).toBe(custom.hash);
    expect(custom.method).toBe('fingerprint');
  });

  it('groups message events by normalised message', () => {
    const a = groupEvent({ event_id: 'b'.repeat(32), logentry: { formatted: 'Payment 123 declined' } });
    const b = groupEvent({ event_id: 'c'.repeat(32), logentry: { formatted: 'Payment 456 declined' } });
    expect(a.method).toBe('message');
    expect(a.hash).toBe(b.hash);
    expect(a.title).toBe('Payment 123 declined');
    expect(a.metadata).toEqual({ title: 'Payment 123 declined' });
  });

  it('does not count native, eval or anonymous-file frames', () => {
    const noisy = [{ filename: '[native code]', function: 'Array.forEach' }, { filename: '<anonymous>', function: 'eval' }, ...chrome];
    expect(groupEvent(error(noisy)).hash).toBe(groupEvent(error(chrome)).hash);
  });

  it('never throws and always gives 32 hex chars; lines and columns never matter', () => {
    const frame = fc.record({ filename: fc.option(fc.string(), { nil: undefined }), function: fc.option(fc.string(), { nil: undefined }), module: fc.option(fc.string(), { nil: undefined }), lineno: fc.integer(), colno: fc.integer(), in_app: fc.option(fc.boolean(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 10 }), fc.option(fc.string(), { nil: undefined }), fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }), (frames, value, fingerprint) => {
        const event = error(frames as StackFrame[], 'Error', value, { fingerprint });
        const g = groupEvent(event);
        expect(g.hash).toMatch(/^[0-9a-f]{32}$/);
        const moved = error((frames as StackFrame[]).map((f) => ({ ...f, lineno: (f.lineno ?? 0) + 7, colno: 1 })), 'Error', value, { fingerprint });
        expect(groupEvent(moved).hash).toBe(g.hash);
      }),
      { numRuns: 300 },
    );
    expect(() => groupEvent({ event_id: 'x', exception: { values: [null as never, { stacktrace: { frames: [null as never] } }] } })).not.toThrow();
  });
});

describe('title, culprit, metadata', () => {
  it.each([
    [error(chrome, 'TypeError', "Cannot read properties of undefined (reading 'id')\nmore lines"), "TypeError: Cannot read properties of undefined (reading 'id')", 'Object.checkout(src/cart.js)'],
    [error(chrome, 'Error', ''), 'Error', 'Object.checkout(src/cart.js)'],
    [error([{ filename: 'https://shop.example/a.js', in_app: false }], 'RangeError', 'bad'), 'RangeError: bad', 'https://shop.example/a.js'],
    [error([], 'Error', 'x'.repeat(300), { request: { url: 'https://shop.example/cart?token=1' } }), `Error: ${'x'.repeat(92)}…`, 'https://shop.example/cart'],
    [{ event_id: 'a', logentry: { formatted: 'first line\nsecond' } }, 'first line', ''],
    [{ event_id: 'a' }, '<unlabeled event>', ''],
  ])('%#: title and culprit as Sentry builds them', (event, title, culprit) => {
    const g = groupEvent(event as SentryEvent);
    expect(g.title).toBe(title);
    expect(g.culprit).toBe(culprit);
  });

  it('names the culprit frame in metadata', () => {
    expect(groupEvent(error(chrome)).metadata).toEqual({ type: 'TypeError', value: "Cannot read properties of undefined (reading 'id')", filename: 'src/cart.js', function: 'Object.checkout' });
  });
});

describe('helpers', () => {
  it.each([
    ['Object.checkout', 'checkout'],
    ['HTMLButtonElement.<anonymous>', '<anonymous>'],
    ['async Object.load', 'load'],
    ['checkout/<', 'checkout'],
    ['Object.m [as run]', 'm'],
    ['new Cart', 'Cart'],
  ])('trims %s to %s', (name, trimmed) => expect(trimFunction(name)).toBe(trimmed));

  it('normalises variable parts of values', () => {
    expect(normalizeValue('Order 4711 (id 0x1f2e, uuid 0f3a2b1c-9d8e-4f7a-8b6c-5d4e3f2a1b0c) at https://x.io/a?b=1')).toBe('Order <int> (id <hex>, uuid <uuid>) at <url>');
  });
});
