import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SentryEvent, StackFrame } from '../../src/event';
import * as api from '../../src/group';
import { groupEvent } from '../../src/group';
import { CHROME_MESSAGE, chromeFrames, errorEvent, FIREFOX_MESSAGE, firefoxFrames, throwingIn } from '../helpers/group-fixtures';

const hashOf = (event: SentryEvent) => groupEvent(event).hash;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const message = (text: string, extra: Partial<SentryEvent> = {}): SentryEvent => ({ event_id: 'b'.repeat(32), message: text, ...extra });

describe('groupEvent: stack traces', () => {
  it('exports groupEvent only', () => expect(Object.keys(api)).toEqual(['groupEvent']));

  it('groups the same throw from Chrome and Firefox into one issue', () => {
    const chrome = groupEvent(errorEvent(chromeFrames));
    const firefox = groupEvent(errorEvent(firefoxFrames, 'TypeError', FIREFOX_MESSAGE));
    expect(chrome.method).toBe('stacktrace');
    expect(firefox.hash).toBe(chrome.hash);
  });

  it('hashes a pinned input, so stored issues survive restarts and upgrades', () => {
    // In-app frames only: [basename, trimmed function]; the anonymous handler keeps just its file.
    const input = '["stacktrace",["exception",[["TypeError",null,[["cart.vue",null],["cart.js","checkout"]]]]]]';
    expect(hashOf(errorEvent(chromeFrames))).toBe(md5(input));
    expect(hashOf(errorEvent(chromeFrames))).toBe('11cdbb3478de301f8736a02418e3013b');
  });

  it('tells two throw sites apart', () => {
    const coupon = throwingIn(chromeFrames, { function: 'Object.applyCoupon', filename: 'src/coupon.js', lineno: 18, colno: 27, in_app: true });
    expect(hashOf(errorEvent(coupon))).not.toBe(hashOf(errorEvent(chromeFrames)));
  });

  it('groups one site with different messages: the value does not count when frames do', () => {
    expect(hashOf(errorEvent(chromeFrames, 'TypeError', "Cannot read properties of undefined (reading 'sku')"))).toBe(hashOf(errorEvent(chromeFrames)));
    expect(hashOf(errorEvent(chromeFrames, 'RangeError'))).not.toBe(hashOf(errorEvent(chromeFrames)));
  });

  it('ignores library frames in the app variant', () => {
    const otherVue = [
      { function: 'HTMLButtonElement.n', filename: 'node_modules/@vue/runtime-dom/dist/runtime-dom.esm-bundler.js', in_app: false },
      ...chromeFrames.slice(3),
    ];
    expect(hashOf(errorEvent(otherVue))).toBe(hashOf(errorEvent(chromeFrames)));
    expect(hashOf(errorEvent(chromeFrames.slice(3)))).toBe(hashOf(errorEvent(chromeFrames)));
  });

  it('counts only in_app === true as in-app, and falls back to all frames when none is', () => {
    const unset = chromeFrames.map(({ in_app, ...frame }) => frame);
    const library = chromeFrames.map((frame) => ({ ...frame, in_app: false }));
    // No in-app frame: the system variant, library frames included, still tells sites apart.
    expect(groupEvent(errorEvent(unset)).method).toBe('stacktrace');
    expect(hashOf(errorEvent(unset))).toBe(hashOf(errorEvent(library)));
    expect(hashOf(errorEvent(unset))).not.toBe(hashOf(errorEvent(chromeFrames)));
    expect(hashOf(errorEvent(library))).not.toBe(hashOf(errorEvent(throwingIn(library, { ...library[4], function: 'Object.pay' }))));
    // One frame marked in-app among unset ones: only that frame counts.
    const oneMarked = [...unset.slice(0, 4), chromeFrames[4]];
    expect(hashOf(errorEvent(oneMarked))).toBe(hashOf(errorEvent([chromeFrames[4]])));
  });

  it('ignores ?, <anonymous> and empty function names but keeps the frame file', () => {
    const named = (fn: string): StackFrame[] => [{ function: fn, filename: 'src/components/Cart.vue', in_app: true }, chromeFrames[4]];
    const hashes = ['?', '<anonymous>', 'HTMLButtonElement.<anonymous>', 'Anonymous function', 'setup/<', ''].map((fn) => hashOf(errorEvent(named(fn))));
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).toBe(hashOf(errorEvent(chromeFrames)));
    expect(hashOf(errorEvent(named('onClick')))).not.toBe(hashes[0]);
  });

  it('leaves out native, eval and <anonymous>-file frames', () => {
    const noisy: StackFrame[] = [
      chromeFrames[3],
      { function: 'Array.forEach', filename: '<anonymous>', abs_path: '<anonymous>', in_app: true },
      { function: 'forEach', filename: '[native code]', abs_path: '[native code]', in_app: true },
      { function: 'eval', filename: 'src/cart.js', in_app: true },
      { function: 'Array.map', filename: 'native', in_app: true },
      chromeFrames[4],
    ];
    expect(hashOf(errorEvent(noisy))).toBe(hashOf(errorEvent(chromeFrames)));
  });

  it('reads the module before the filename, the basename lowercased without query', () => {
    const at = (frame: StackFrame) => hashOf(errorEvent([{ function: 'checkout', in_app: true, ...frame }]));
    expect(at({ filename: 'src/Cart.JS?v=3#x' })).toBe(at({ filename: '/other/dir/cart.js' }));
    expect(at({ filename: 'src\\cart.js' })).toBe(at({ filename: 'cart.js' }));
    expect(at({ module: 'shop/cart', filename: 'src/cart.js', abs_path: 'https://shop.example/cart.js' })).toBe(at({ module: 'shop/cart', filename: 'x.js' }));
    expect(at({ module: 'shop/cart', filename: 'src/cart.js' })).not.toBe(at({ filename: 'src/cart.js' }));
  });

  it('counts a recursive call once', () => {
    const recurse = (depth: number): StackFrame[] => [chromeFrames[3], ...Array.from({ length: depth }, (_, i) => ({ function: 'walk', filename: 'src/tree.js', lineno: 10 + i, in_app: true }))];
    expect(hashOf(errorEvent(recurse(3)))).toBe(hashOf(errorEvent(recurse(1))));
  });

  it('hashes every exception of a cause chain, cause first', () => {
    const cause = { type: 'Error', value: 'Failed to fetch', stacktrace: { frames: [{ function: 'loadCart', filename: 'src/api.js', in_app: true }] } };
    const caught = errorEvent(chromeFrames).exception!.values![0];
    const chained = (values: unknown[]) => hashOf({ event_id: 'c'.repeat(32), exception: { values: values as never } });
    expect(chained([cause, caught])).not.toBe(chained([caught]));
    expect(chained([caught, cause])).not.toBe(chained([cause, caught]));
    const otherCause = { ...cause, stacktrace: { frames: [{ function: 'loadUser', filename: 'src/api.js', in_app: true }] } };
    expect(chained([otherCause, caught])).not.toBe(chained([cause, caught]));
    // A frameless cause contributes its type and normalised value.
    expect(chained([{ type: 'Error', value: 'HTTP 502' }, caught])).toBe(chained([{ type: 'Error', value: 'HTTP 504' }, caught]));
  });
});

describe('groupEvent: without frames', () => {
  it('uses the type and normalised value, so ids in messages do not split issues', () => {
    const a = groupEvent(errorEvent([], 'Error', 'Cannot read x of item 42'));
    expect(a.method).toBe('exception');
    expect(hashOf(errorEvent([], 'Error', 'Cannot read x of item 43'))).toBe(a.hash);
    expect(hashOf(errorEvent([], 'Error', 'Order 0f3a2b1c-9d8e-4f7a-8b6c-5d4e3f2a1b0c failed at https://api.shop.example/o/1'))).toBe(
      hashOf(errorEvent([], 'Error', 'Order 7c1d2e3f-0a9b-4c8d-9e7f-6a5b4c3d2e1f failed at https://api.shop.example/o/2')));
    expect(hashOf(errorEvent([], 'TypeError', 'Cannot read x of item 42'))).not.toBe(a.hash);
    expect(hashOf(errorEvent([], 'Error', 'Cannot write x of item 42'))).not.toBe(a.hash);
  });

  it('groups message events by the normalised message, the template before the text', () => {
    const a = groupEvent(message('Payment failed for order 1234'));
    expect(a.method).toBe('message');
    expect(hashOf(message('Payment failed for order 5678'))).toBe(a.hash);
    expect(hashOf({ event_id: 'd', logentry: { formatted: 'Payment failed for order 9' } })).toBe(a.hash);
    const template = (user: string) => hashOf({ event_id: 'e', logentry: { message: 'Payment failed for %s', formatted: `Payment failed for ${user}` } });
    expect(template('bob')).toBe(template('alice'));
    expect(hashOf(message('Payment refused for order 1234'))).not.toBe(a.hash);
  });

  it("uses the event's own stack trace before the message", () => {
    const withStack = groupEvent(message('Cart is empty', { stacktrace: { frames: [chromeFrames[4]] } }));
    expect(withStack.method).toBe('stacktrace');
    expect(withStack.hash).not.toBe(hashOf(errorEvent([chromeFrames[4]])));
  });

  it('falls back to one constant hash when nothing contributes', () => {
    const empty = groupEvent({ event_id: 'f' });
    expect(empty).toMatchObject({ method: 'fallback', hash: md5('["fallback",[]]') });
    expect(hashOf({ event_id: 'g', message: '  ', exception: { values: [{}] } })).toBe(empty.hash);
  });
});

describe('groupEvent: fingerprint', () => {
  const withFingerprint = (fingerprint: unknown[]) => errorEvent(chromeFrames, 'TypeError', CHROME_MESSAGE, { fingerprint: fingerprint as string[] });

  it('replaces the default, or extends it with {{ default }}', () => {
    const base = groupEvent(errorEvent(chromeFrames));
    const custom = groupEvent(withFingerprint(['checkout']));
    const extended = groupEvent(withFingerprint(['{{ default }}', 'checkout']));
    expect(new Set([base.hash, custom.hash, extended.hash]).size).toBe(3);
    expect([custom.method, extended.method]).toEqual(['fingerprint', 'fingerprint']);
    expect(hashOf(withFingerprint(['{{default}}', 'checkout']))).toBe(extended.hash);
    // Only the default: as if there were no fingerprint.
    expect(groupEvent(withFingerprint(['{{ default }}']))).toEqual(base);
    expect(groupEvent(withFingerprint([]))).toEqual(base);
  });

  it('keeps {{ default }} where it stands and the default follows the stack', () => {
    expect(hashOf(withFingerprint(['checkout', '{{ default }}']))).not.toBe(hashOf(withFingerprint(['{{ default }}', 'checkout'])));
    const firefox = errorEvent(firefoxFrames, 'TypeError', FIREFOX_MESSAGE, { fingerprint: ['{{ default }}', 'checkout'] });
    expect(hashOf(firefox)).toBe(hashOf(withFingerprint(['{{ default }}', 'checkout'])));
    const coupon = errorEvent(throwingIn(chromeFrames, { function: 'applyCoupon', filename: 'src/coupon.js', in_app: true }), 'TypeError', CHROME_MESSAGE, { fingerprint: ['{{ default }}', 'checkout'] });
    expect(hashOf(coupon)).not.toBe(hashOf(withFingerprint(['{{ default }}', 'checkout'])));
  });

  it('takes other entries literally, numbers as strings, and ignores the stack', () => {
    expect(hashOf(withFingerprint([42, 'x']))).toBe(hashOf(withFingerprint(['42', 'x'])));
    expect(hashOf(withFingerprint(['{{ transaction }}']))).not.toBe(hashOf(withFingerprint(['{{ default }}'])));
    expect(hashOf(errorEvent(firefoxFrames, 'Error', 'other', { fingerprint: ['checkout'] }))).toBe(hashOf(withFingerprint(['checkout'])));
    // A fingerprint never collides with a message of the same text.
    expect(hashOf(withFingerprint(['checkout']))).not.toBe(hashOf(message('checkout')));
  });
});
