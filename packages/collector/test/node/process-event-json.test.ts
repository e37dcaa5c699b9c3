import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/event';
import { parseEventJson } from '../../src/process/event-json';

/** What processing did before: JSON.parse, then JSON.stringify of the (shallowly copied) event. */
function before(text: string) {
  try {
    return { json: JSON.stringify(copyRecord(JSON.parse(text) as object)) };
  } catch (error) {
    return { error: String(error) };
  }
}

function after(text: string) {
  try {
    const parsed = parseEventJson(text);
    return { json: parsed.stringify(copyRecord(parsed.value as object)) };
  } catch (error) {
    return { error: String(error) };
  }
}

const crumbs = Array.from({ length: 40 }, (_, i) => ({ timestamp: 1_700_000_000.125 + i, category: 'ui.click', message: `button#buy-${i}`, data: { n: i, price: 9.99 + i } }));
const event = {
  event_id: 'a'.repeat(32),
  timestamp: 1_700_000_000.5,
  exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [{ filename: 'https://shop.example/app.js', lineno: 1, colno: 2 }] } }] },
  breadcrumbs: { values: crumbs },
  extra: { cart: crumbs.map((c) => c.data), note: 'x'.repeat(2000) },
  modules: { react: '18.3.1' },
  sdk: { name: 'faultline.javascript.browser', version: '0.1.0' },
};
const text = JSON.stringify(event);

describe('parseEventJson', () => {
  it('reads large members it keeps as text into a stand-in, the rest as JSON.parse does', () => {
    const { value } = parseEventJson(text) as { value: Record<string, unknown> };
    expect(Object.keys(value)).toEqual(Object.keys(event));
    expect(value.exception).toEqual(event.exception);
    expect(value.modules).toEqual(event.modules);
    expect(value.breadcrumbs).not.toEqual(event.breadcrumbs);
    // Wherever a stand-in ends up, it serialises as its member.
    expect(JSON.parse(JSON.stringify({ moved: value.extra }))).toEqual({ moved: event.extra });
  });

  it('writes back exactly what JSON.stringify writes, after processing changed the event', () => {
    const { value, stringify } = parseEventJson(text);
    const processed = copyRecord(value as Record<string, unknown>);
    delete processed.sdk;
    processed.title = 'TypeError: x is undefined';
    processed.nothing = undefined;
    const expected = { ...event, sdk: undefined, title: 'TypeError: x is undefined' };
    expect(stringify(processed)).toBe(JSON.stringify(expected));
  });

  it.each([
    ['indented', JSON.stringify(event, null, 2)],
    ['a key twice inside extra', text.replace('"extra":{', '"extra":{"a":1,"a":2,')],
    ['extra twice', text.replace(/}$/, `,"extra":${JSON.stringify(event.extra)}}`)],
    ['extra spelt with an escape after it', text.replace(/}$/, ',"extr\\u0061":{"q":1}}')],
    ['extra spelt with an escape before it', text.replace('{', '{"extr\\u0061":{"q":1},')],
    ['escapes JSON.stringify does not write', text.replace('"extra":{', '"extra":{"e":"\\u00e9\\/",')],
    ['numbers it writes otherwise', text.replace('"extra":{', '"extra":{"a":1.50,"b":12345678901234567890,"c":1E3,"d":-0,')],
    ['an array-index key', text.replace('"extra":{', '"extra":{"200":"ok",')],
    ['whitespace around the object', ` \n${text}\n `],
    ['text after the object', `${text}x`],
    ['cut short', text.slice(0, -10)],
    ['invalid inside extra', text.replace('"extra":{', '"extra":{"a":tru,')],
    ['invalid elsewhere', text.replace('"timestamp":', '"timestamp":+')],
    ['not an object', JSON.stringify([event])],
  ])('gives the same result as JSON.parse and JSON.stringify: %s', (_, odd) => {
    expect(after(odd)).toEqual(before(odd));
  });

  it('gives the same result as JSON.parse and JSON.stringify for any event and any edit of it', () => {
    const big = fc.jsonValue({ maxDepth: 4 }).map((v) => ({ v, pad: 'p'.repeat(1100) }));
    const anyEvent = fc.record({ breadcrumbs: big, extra: big, modules: fc.jsonValue({ maxDepth: 2 }), message: fc.string(), exception: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] });
    const edit = fc.constantFrom(' ', '0', '.', 'e', '"', '\\', ',', ':', '{', '}', '[', ']', '\\u0041', '"extra":1,', '');
    fc.assert(
      fc.property(anyEvent, fc.constantFrom(undefined, 1), fc.nat(), edit, (e, space, at, insert) => {
        const json = JSON.stringify(e, null, space);
        expect(after(json)).toEqual(before(json));
        const i = at % (json.length + 1);
        const edited = json.slice(0, i) + insert + json.slice(i + 1);
        expect(after(edited)).toEqual(before(edited));
      }),
      { numRuns: 500 },
    );
  });
});
