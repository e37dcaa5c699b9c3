import { describe, expect, it } from 'vitest';
import type { SentryEvent, StackFrame } from '../../src/event';
import { groupEvent } from '../../src/group';
import { chromeFrames, errorEvent, firefoxFrames } from '../helpers/group-fixtures';

const lib = (fn: string): StackFrame => ({ function: fn, filename: 'node_modules/vue/dist/vue.js', in_app: false });

describe('culprit (Sentry generate_culprit, JavaScript form)', () => {
  it.each<[string, SentryEvent, string]>([
    ['Firefox: the throwing in-app frame', errorEvent(firefoxFrames), 'checkout(src/cart.js)'],
    ['Chrome: the raw function name', errorEvent(chromeFrames), 'Object.checkout(src/cart.js)'],
    ['the first in-app frame from the top, below library frames', errorEvent([...firefoxFrames, lib('nextTick')]), 'checkout(src/cart.js)'],
    ['the top frame when none is in-app', errorEvent([lib('flush'), lib('nextTick')]), 'nextTick(node_modules/vue/dist/vue.js)'],
    ['the module before the filename', errorEvent([{ function: 'pay', module: 'shop/pay', filename: 'src/pay.js', in_app: true }]), 'pay(shop/pay)'],
    ['just the file for an unnamed function', errorEvent([{ filename: 'https://shop.example/a.js', in_app: false }]), 'https://shop.example/a.js'],
    ['frames without a file are passed over', errorEvent([...firefoxFrames, { function: 'top', in_app: true }]), 'checkout(src/cart.js)'],
    ['the last exception that has frames', { event_id: 'a', exception: { values: [{ type: 'Error', stacktrace: { frames: firefoxFrames } }, { type: 'Error', value: 'wrapped' }] } }, 'checkout(src/cart.js)'],
    ["the event's own stack trace", { event_id: 'a', message: 'x', stacktrace: { frames: firefoxFrames } }, 'checkout(src/cart.js)'],
    ['the request URL without its query', errorEvent([], 'Error', 'x', { request: { url: 'https://shop.example/cart?token=secret#top' } }), 'https://shop.example/cart'],
    ['nothing', { event_id: 'a', message: 'x' }, ''],
  ])('%s', (_, event, culprit) => expect(groupEvent(event).culprit).toBe(culprit));

  it('is at most 200 characters', () => {
    const culprit = groupEvent(errorEvent([{ function: 'f'.repeat(300), filename: 'src/cart.js', in_app: true }])).culprit;
    expect(culprit).toBe(`${'f'.repeat(197)}...`);
  });
});
