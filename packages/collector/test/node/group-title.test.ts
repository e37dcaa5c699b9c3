import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../src/event';
import { groupEvent } from '../../src/group';
import { CHROME_MESSAGE, chromeFrames, errorEvent, firefoxFrames } from '../helpers/group-fixtures';

const exception = (value: Record<string, unknown>, extra: Partial<SentryEvent> = {}): SentryEvent => ({ event_id: 'a', exception: { values: [value as never] }, ...extra });

describe('title (Sentry get_title)', () => {
  it.each<[string, SentryEvent, string]>([
    ['type and first line of value', exception({ type: 'TypeError', value: "Cannot read properties of undefined (reading 'id')\nmore" }), "TypeError: Cannot read properties of undefined (reading 'id')"],
    ['type only', exception({ type: 'Error', value: '' }), 'Error'],
    ['value only', exception({ value: 'Script error.' }), 'Script error.'],
    ['value trimmed', exception({ type: 'Error', value: '\n  boom  \nstack' }), 'Error: boom'],
    ['value cut at 100 characters', exception({ type: 'Error', value: 'x'.repeat(300) }), `Error: ${'x'.repeat(97)}...`],
    ['100 characters kept whole', exception({ type: 'Error', value: 'y'.repeat(100) }), `Error: ${'y'.repeat(100)}`],
    ['astral characters counted as one', exception({ type: 'Error', value: '😀'.repeat(101) }), `Error: ${'😀'.repeat(97)}...`],
    ['the caught exception: the last one', { event_id: 'a', exception: { values: [{ type: 'Error', value: 'cause' }, { type: 'AggregateError', value: 'caught' }] } }, 'AggregateError: caught'],
    ['a synthetic exception has no type', exception({ type: 'Error', value: 'Object captured as promise rejection with keys: code', mechanism: { synthetic: true } }), 'Object captured as promise rejection with keys: code'],
    ['an empty exception', exception({}), '<unknown>'],
    ['message event: first line', { event_id: 'a', message: 'Payment failed\nfor order 1' }, 'Payment failed'],
    ['message event: formatted before template', { event_id: 'a', logentry: { message: 'Payment failed for %s', formatted: 'Payment failed for bob' } }, 'Payment failed for bob'],
    ['message event: legacy message object', { event_id: 'a', message: { message: 'Cart %s', formatted: 'Cart 1' } }, 'Cart 1'],
    ['nothing', { event_id: 'a' }, '<unlabeled event>'],
  ])('%s', (_, event, title) => expect(groupEvent(event).title).toBe(title));
});

describe('metadata', () => {
  it('names the type, value and culprit frame of an error', () => {
    expect(groupEvent(errorEvent(chromeFrames)).metadata).toEqual({ type: 'TypeError', value: CHROME_MESSAGE, filename: 'src/cart.js', function: 'Object.checkout' });
    expect(groupEvent(errorEvent(firefoxFrames, 'Error', 'failed in checkout')).metadata).toEqual({ type: 'Error', value: 'failed in checkout', filename: 'src/cart.js', function: 'checkout' });
  });

  it('keeps value as Sentry does (\'\' when missing, 1024 characters at most) and omits the rest when absent', () => {
    expect(groupEvent(exception({ type: 'Error' })).metadata).toEqual({ type: 'Error', value: '' });
    expect(groupEvent(exception({ type: 'Error', value: 'v'.repeat(2000) })).metadata.value).toBe(`${'v'.repeat(1021)}...`);
    expect(groupEvent(exception({ value: 'x', stacktrace: { frames: [{ abs_path: 'https://shop.example/a.js' }] } })).metadata).toEqual({ value: 'x', filename: 'https://shop.example/a.js' });
  });

  it('is {title} for a message event', () => {
    expect(groupEvent({ event_id: 'a', logentry: { formatted: 'Payment 123 declined' } }).metadata).toEqual({ title: 'Payment 123 declined' });
    expect(groupEvent({ event_id: 'a' }).metadata).toEqual({ title: '<unlabeled event>' });
  });
});
