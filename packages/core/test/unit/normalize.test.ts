import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { describe as describeValue, describeElement, normalize, truncate } from '../../src/normalize';

const MAXP = '[MaxProperties ~]';
// instanceof checks swallow a revoked Proxy's errors; Array.isArray is the first read that throws.
const REVOKED = "[Thrown: Cannot perform 'IsArray' on a proxy that has been revoked]";

/** Only what JSON can hold: plain objects, arrays, strings, finite numbers, booleans, null. */
function isJsonSafe(x: unknown): boolean {
  if (x === null || typeof x == 'string' || typeof x == 'boolean') return true;
  if (typeof x == 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return Object.getPrototypeOf(x) === Array.prototype && x.every(isJsonSafe);
  if (typeof x == 'object' && Object.getPrototypeOf(x) === Object.prototype) return Object.values(x).every(isJsonSafe);
  return false;
}

function el(html: string): Element {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild!;
}

function button(): HTMLButtonElement {
  return el('<button id="buy" class="primary big" data-test="buy-btn">Buy</button>') as HTMLButtonElement;
}

function revoked(target: object): object {
  const r = Proxy.revocable(target, {});
  r.revoke();
  return r.proxy;
}

function named(): void {}
class Foo {
  x = 1;
  y = 'two';
}
class Boom {
  ok = 1;
  get bad(): never {
    throw new Error('nope');
  }
}

// [name, make input, expected, depth?, maxBreadth?]
type Case = [string, () => unknown, unknown, number?, number?];

const realError = Object.assign(new TypeError('boom'), { code: 'E_BOOM' });
const foreignError = vm.runInNewContext('new RangeError("far away")') as Error;
const shared = { x: 1 };

const cases: Case[] = [
  // primitives
  ['string', () => 'hello', 'hello'],
  ['empty string', () => '', ''],
  ['number', () => 42.5, 42.5],
  ['true', () => true, true],
  ['false', () => false, false],
  ['null', () => null, null],
  ['undefined', () => undefined, '[undefined]'],
  ['NaN', () => NaN, '[NaN]'],
  ['Infinity', () => Infinity, '[Infinity]'],
  ['-Infinity', () => -Infinity, '[-Infinity]'],
  ['bigint', () => 123n, '[BigInt: 123]'],
  ['symbol', () => Symbol('foo'), '[Symbol(foo)]'],
  ['symbol without description', () => Symbol(), '[Symbol()]'],
  ['undefined and NaN inside', () => ({ a: undefined, b: [NaN, Infinity] }), { a: '[undefined]', b: ['[NaN]', '[Infinity]'] }],
  ['huge string kept as is', () => 'x'.repeat(100_000), 'x'.repeat(100_000)],

  // functions
  ['named function', () => named, '[Function: named]'],
  ['anonymous arrow', () => [() => 0][0], '[Function: <anonymous>]'],
  ['class', () => Foo, '[Function: Foo]'],
  ['bound function', () => named.bind(null), '[Function: bound named]'],
  ['function with a throwing name', () => Object.defineProperty(() => 0, 'name', { get: () => { throw new Error('x'); } }), '[Function: <anonymous>]'],
  ['function inside object', () => ({ onClick: named }), { onClick: '[Function: named]' }],

  // cycles and shared references
  ['circular object', () => { const o: any = { a: 1 }; o.self = o; return o; }, { a: 1, self: '[Circular ~]' }],
  ['circular array', () => { const a: any[] = [1]; a.push(a); return a; }, [1, '[Circular ~]']],
  ['indirect cycle', () => { const o: any = { child: { n: 1 } }; o.child.parent = o; return o; }, { child: { n: 1, parent: '[Circular ~]' } }],
  ['repeated, not circular', () => ({ a: shared, b: [shared] }), { a: { x: 1 }, b: [{ x: 1 }] }],

  // depth: depth 3 keeps the top-level container and two levels below it
  ['default depth 3', () => ({ a: { b: { c: { d: 1 } } } }), { a: { b: { c: '[Object]' } } }],
  ['depth 3, arrays', () => [[[[1]]]], [[['[Array]']]]],
  ['depth 3, primitives at the last level kept', () => ({ a: { b: { c: 1, s: 'x' } } }), { a: { b: { c: 1, s: 'x' } } }],
  ['depth 1', () => ({ a: { b: 1 }, c: 1, l: [] }), { a: '[Object]', c: 1, l: '[Array]' }, 1],
  ['depth 0 object', () => ({ a: 1 }), '[Object]', 0],
  ['depth 0 primitive', () => 'x', 'x', 0],
  ['depth 0 date still a date', () => new Date(0), '1970-01-01T00:00:00.000Z', 0],
  ['class instance beyond depth', () => ({ a: { b: { foo: new Foo() } } }), { a: { b: { foo: '[Foo]' } } }],
  ['error beyond depth', () => ({ a: { b: { e: new TypeError('x') } } }), { a: { b: { e: '[TypeError]' } } }],
  ['map beyond depth', () => ({ a: { b: { m: new Map() } } }), { a: { b: { m: '[Map]' } } }],
  ['null prototype beyond depth', () => ({ a: { b: { n: Object.create(null) } } }), { a: { b: { n: '[Object]' } } }],
  ['leaves ignore depth', () => ({ a: { b: { d: new Date(0), r: /x/, f: named } } }), { a: { b: { d: '1970-01-01T00:00:00.000Z', r: '/x/', f: '[Function: named]' } } }],
  ['deeper depth', () => ({ a: { b: { c: { d: { e: 1 } } } } }), { a: { b: { c: { d: '[Object]' } } } }, 4],

  // breadth
  ['object over breadth', () => ({ a: 1, b: 2, c: 3, d: 4, e: 5 }), { a: 1, b: 2, c: 3, '...': MAXP }, 3, 3],
  ['object at breadth', () => ({ a: 1, b: 2, c: 3 }), { a: 1, b: 2, c: 3 }, 3, 3],
  ['array over breadth', () => [1, 2, 3, 4, 5], [1, 2, MAXP], 3, 2],
  ['array at breadth', () => [1, 2], [1, 2], 3, 2],
  ['huge sparse array', () => new Array(1e9), ['[undefined]', '[undefined]', MAXP], 3, 2],
  ['set over breadth', () => new Set([1, 2, 3]), [1, MAXP], 3, 1],
  ['map over breadth', () => new Map([['a', 1], ['b', 2], ['c', 3]]), { '[Map]': [['a', 1], ['b', 2], MAXP] }, 3, 2],
  ['map with object keys over breadth', () => new Map([[1, 'a'], [2, 'b']]), { '[Map]': [[1, 'a'], MAXP] }, 3, 1],
  ['default breadth 1000', () => Array.from({ length: 1001 }, (_, i) => i), [...Array.from({ length: 1000 }, (_, i) => i), MAXP]],

  // dates and regexps
  ['date', () => new Date(Date.UTC(2024, 1, 29, 12, 30)), '2024-02-29T12:30:00.000Z'],
  ['invalid date', () => new Date('nope'), '[Invalid Date]'],
  ['invalid date inside', () => ({ at: new Date(NaN) }), { at: '[Invalid Date]' }],
  ['foreign date', () => vm.runInNewContext('new Date(0)'), '1970-01-01T00:00:00.000Z'],
  ['regexp', () => /a+/g, '/a+/g'],
  ['regexp with slash', () => /a\/b/i, '/a\\/b/i'],

  // errors
  ['error with own props', () => realError, { name: 'TypeError', message: 'boom', stack: realError.stack, code: 'E_BOOM' }],
  ['error with a nested cause object', () => Object.assign(new Error('x'), { data: { deep: { deeper: { deepest: 1 } } } }), expect.objectContaining({ name: 'Error', message: 'x', data: { deep: { deeper: '[Object]' } } })],
  ['error from another realm', () => foreignError, { name: 'RangeError', message: 'far away', stack: foreignError.stack }],
  ['error-looking object', () => ({ name: 'AxiosLike', message: 'm', stack: 's', status: 500 }), { name: 'AxiosLike', message: 'm', stack: 's', status: 500 }],
  ['error with a circular prop', () => { const e: any = new Error('c'); e.self = e; return e; }, expect.objectContaining({ name: 'Error', message: 'c', self: '[Circular ~]' })],
  ['error in an object', () => ({ err: Object.assign(new Error('in'), { stack: 'Error: in\n  at x' }) }), { err: { name: 'Error', message: 'in', stack: 'Error: in\n  at x' } }],

  // DOM
  ['element', () => button(), '[HTMLElement: button#buy.primary.big[data-test="buy-btn"]]'],
  ['element in object', () => ({ el: el('<div></div>') }), { el: '[HTMLElement: div]' }],
  ['text node', () => document.createTextNode('hi'), '[Text]'],
  ['comment', () => document.createComment('hi'), '[Comment]'],
  ['fragment', () => document.createDocumentFragment(), '[DocumentFragment]'],
  ['document', () => document, '[Document]'],
  ['window', () => window, '[Window]'],
  ['window in object', () => ({ w: window, d: document }), { w: '[Window]', d: '[Document]' }],
  ['duck-typed node', () => ({ nodeType: 3, nodeName: '#text' }), '[Object]'],
  ['svg element', () => document.createElementNS('http://www.w3.org/2000/svg', 'svg'), '[HTMLElement: svg]'],

  // events
  ['event not dispatched', () => new Event('error'), { type: 'error', target: null, isTrusted: false }],
  [
    'event dispatched on an element',
    () => { const ev = new Event('error'); button().dispatchEvent(ev); return ev; },
    { type: 'error', target: 'button#buy.primary.big[data-test="buy-btn"]', isTrusted: false },
  ],
  ['event dispatched on window', () => { const ev = new Event('load'); window.dispatchEvent(ev); return ev; }, { type: 'load', target: '[Window]', isTrusted: false }],
  ['event dispatched on document', () => { const ev = new Event('x'); document.dispatchEvent(ev); return ev; }, { type: 'x', target: '[Document]', isTrusted: false }],
  ['custom event detail', () => new CustomEvent('buy', { detail: { sku: 'A1', n: [1] } }), { type: 'buy', target: null, isTrusted: false, detail: { sku: 'A1', n: [1] } }],
  ['event with non-node target', () => { const ev = new Event('x'); new EventTarget().dispatchEvent(ev); return ev; }, { type: 'x', target: '[EventTarget]', isTrusted: false }],
  ['event beyond depth', () => ({ a: { b: { ev: new MouseEvent('click') } } }), { a: { b: { ev: '[MouseEvent]' } } }],

  // collections
  ['map with string keys', () => new Map<string, unknown>([['a', 1], ['b', { c: [2] }]]), { '[Map]': [['a', 1], ['b', { c: [2] }]] }],
  ['map with other keys', () => new Map<unknown, unknown>([[1, 'one'], [{ k: 1 }, undefined]]), { '[Map]': [[1, 'one'], [{ k: 1 }, '[undefined]']] }],
  ['empty map', () => new Map(), { '[Map]': [] }],
  ['map with __proto__ key', () => new Map([['__proto__', { x: 1 }]]), { '[Map]': [['__proto__', { x: 1 }]] }],
  ['map containing itself', () => { const m = new Map<string, unknown>(); m.set('me', m); return m; }, { '[Map]': [['me', '[Circular ~]']] }],
  ['map depth', () => ({ a: new Map([['b', { c: 1 }]]) }), { a: { '[Map]': [['b', '[Object]']] } }, 2],
  ['foreign map', () => vm.runInNewContext('new Map([["a", 1]])'), { '[Map]': [['a', 1]] }],
  ['set', () => new Set<unknown>([1, 'a', { b: 2 }]), [1, 'a', { b: 2 }]],
  ['set containing itself', () => { const s = new Set<unknown>([1]); s.add(s); return s; }, [1, '[Circular ~]']],
  ['set depth', () => new Set([{ a: 1 }]), ['[Object]'], 1],
  ['Uint8Array', () => new Uint8Array(16), '[Uint8Array(16)]'],
  ['Float64Array', () => new Float64Array(2), '[Float64Array(2)]'],
  ['ArrayBuffer', () => new ArrayBuffer(8), '[ArrayBuffer(8)]'],
  ['DataView', () => new DataView(new ArrayBuffer(4)), '[DataView(4)]'],
  ['promise', () => Promise.resolve(1), '[Promise]'],
  ['WeakMap', () => new WeakMap(), '[WeakMap]'],
  ['WeakSet', () => new WeakSet(), '[WeakSet]'],
  ['WeakRef', () => new WeakRef({}), '[WeakRef]'],

  // toJSON
  ['toJSON returning an object', () => ({ toJSON: () => ({ x: 1, u: undefined }) }), { x: 1, u: '[undefined]' }],
  ['toJSON returning a string', () => ({ a: { toJSON: () => 'as json' } }), { a: 'as json' }],
  ['toJSON returning this', () => ({ a: 1, toJSON() { return this; } }), { a: 1, toJSON: '[Function: toJSON]' }],
  ['toJSON result containing the object', () => ({ a: 1, toJSON() { return { me: this }; } }), { me: '[Circular ~]' }],
  ['toJSON of the result is not called', () => ({ toJSON: () => ({ toJSON: () => 'again', v: 1 }) }), { toJSON: '[Function: toJSON]', v: 1 }],
  ['toJSON of children is called', () => ({ toJSON: () => ({ child: { toJSON: () => 'child json' } }) }), { child: 'child json' }],
  ['throwing toJSON', () => ({ a: 1, toJSON() { throw new Error('bad json'); } }), { a: 1, toJSON: '[Function: toJSON]' }],

  // hostile objects
  ['throwing getter', () => ({ ok: 1, get bad() { throw new Error('nope'); } }), { ok: 1, bad: '[Thrown: nope]' }],
  ['getter throwing a string', () => ({ get bad() { throw 'just a string'; } }), { bad: '[Thrown: just a string]' }],
  ['getter throwing null', () => ({ get bad() { throw null; } }), { bad: '[Thrown: null]' }],
  ['class with a throwing getter', () => Object.defineProperty(new Boom(), 'bad', { get: () => { throw new Error('nope'); }, enumerable: true }), { ok: 1, bad: '[Thrown: nope]' }],
  ['getter throwing an object with a throwing message', () => ({ get bad() { throw { get message() { throw 1; } }; } }), { bad: '[Thrown: undefined]' }],
  ['proxy whose get trap throws', () => new Proxy({ a: 1, b: 2 }, { get() { throw new Error('trap'); } }), { a: '[Thrown: trap]', b: '[Thrown: trap]' }],
  ['array proxy whose get trap throws', () => new Proxy([1, 2], { get() { throw new Error('trap'); } }), '[Thrown: trap]'],
  ['proxy whose ownKeys trap throws', () => new Proxy({ a: 1 }, { ownKeys() { throw new Error('keys'); } }), '[Thrown: keys]'],
  // Only the prototype is unreadable: the data still is.
  ['proxy whose getPrototypeOf trap throws', () => new Proxy({ a: 1 }, { getPrototypeOf() { throw new Error('proto'); } }), { a: 1 }],
  ['reactive-style proxy', () => new Proxy({ a: 1, nested: { b: [1] } }, { get: (t, k, r) => Reflect.get(t, k, r) }), { a: 1, nested: { b: [1] } }],
  ['revoked proxy', () => revoked({ a: 1 }), REVOKED],
  ['revoked array proxy', () => revoked([1]), REVOKED],
  ['revoked function proxy', () => revoked(() => 0), '[Function: <anonymous>]'],
  ['revoked proxy inside', () => ({ ok: 1, p: revoked({}) }), { ok: 1, p: REVOKED }],
  ['null prototype', () => Object.assign(Object.create(null), { a: 1, b: { c: 2 } }), { a: 1, b: { c: 2 } }],
  ['class instance', () => new Foo(), { x: 1, y: 'two' }],
  ['symbol keys ignored', () => ({ [Symbol('s')]: 1, a: 2 }), { a: 2 }],
  ['non-enumerable props ignored', () => Object.defineProperty({ a: 1 }, 'hidden', { value: 2 }), { a: 1 }],
  ['own __proto__ key', () => JSON.parse('{"__proto__":{"polluted":1},"a":1}'), JSON.parse('{"__proto__":{"polluted":1},"a":1}')],
  ['vue component instance', () => ({ vm: { _isVue: true, $el: {} } }), { vm: '[VueViewModel]' }],
];

describe('normalize', () => {
  it.each(cases)('%s', (_, make, expected, depth, breadth) => {
    const out = normalize(make(), depth, breadth);
    expect(out).toEqual(expected);
    expect(isJsonSafe(out)).toBe(true);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('never leaves a prototype-polluting key', () => {
    const out = normalize(JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });

  it('does not change its input', () => {
    const input = { a: [1, { b: new Date(0) }], m: new Map([['k', 1]]) };
    const copy = { a: [1, { b: new Date(0) }], m: new Map([['k', 1]]) };
    normalize(input, 1);
    expect(input).toEqual(copy);
  });

  it('serialises everything at once without throwing', () => {
    const all = Object.fromEntries(cases.map(([name, make]) => [name, make()]));
    expect(() => JSON.stringify(normalize(all, 10))).not.toThrow();
    expect(() => JSON.stringify(normalize(all, Infinity))).not.toThrow();
    expect(isJsonSafe(normalize(all, 10))).toBe(true);
  });
});

describe('truncate', () => {
  const smile = 'ab\u{1F600}cd'; // the emoji is the pair at 2..3
  it.each<[string, string, number, string]>([
    ['longer', 'hello', 3, 'hel…'],
    ['shorter', 'hi', 5, 'hi'],
    ['exactly max', 'hello', 5, 'hello'],
    ['max 0', 'hello', 0, 'hello'],
    ['negative max', 'hello', -1, 'hello'],
    ['empty', '', 3, ''],
    ['cut inside a surrogate pair moves one earlier', smile, 3, 'ab…'],
    ['cut after a surrogate pair', smile, 4, 'ab\u{1F600}…'],
    ['cut before a surrogate pair', smile, 2, 'ab…'],
    ['max 1 on a leading pair', '\u{1F600}', 1, '…'],
  ])('%s', (_, str, max, expected) => {
    expect(truncate(str, max)).toBe(expected);
  });

  it('cuts huge strings to max + 1 chars', () => {
    const out = truncate('x'.repeat(100_000), 100);
    expect(out).toHaveLength(101);
    expect(out).toBe('x'.repeat(100) + '…');
  });
});

describe('describe', () => {
  const circular: any = { self: null };
  circular.self = circular;
  it.each<[string, () => unknown, string]>([
    ['null', () => null, 'null'],
    ['undefined', () => undefined, 'undefined'],
    ['number', () => 42, '42'],
    ['NaN', () => NaN, 'NaN'],
    ['string', () => 'x', 'x'],
    ['boolean', () => false, 'false'],
    ['bigint', () => 10n, '10n'],
    ['symbol', () => Symbol('s'), 'Symbol(s)'],
    ['function', () => function f() {}, '[Function: f]'],
    ['anonymous function', () => [() => 0][0], '[Function: <anonymous>]'],
    ['object, keys sorted', () => ({ c: 1, a: 2, b: 3 }), 'Object with keys: a, b, c'],
    ['empty object', () => ({}), 'Object with no keys'],
    [
      'object with many keys',
      () => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i])),
      'Object with keys: k00, k01, k02, k03, k04, k05, k06, k07, k08, k09, …',
    ],
    ['object with exactly 10 keys', () => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])), 'Object with keys: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9'],
    ['class instance', () => new Foo(), 'Foo with keys: x, y'],
    ['null prototype', () => Object.assign(Object.create(null), { z: 1, a: 1 }), 'Object with keys: a, z'],
    ['circular object', () => circular, 'Object with keys: self'],
    ['array', () => [1, 2, 3], 'Array(3)'],
    ['map', () => new Map([[1, 2], [3, 4]]), 'Map(2)'],
    ['set', () => new Set([1]), 'Set(1)'],
    ['error', () => new TypeError('boom'), 'TypeError: boom'],
    ['foreign error', () => foreignError, 'RangeError: far away'],
    ['date', () => new Date(0), '1970-01-01T00:00:00.000Z'],
    ['regexp', () => /a+/g, '/a+/g'],
    ['promise', () => Promise.resolve(), '[Promise]'],
    ['element', () => button(), '[HTMLElement: button#buy.primary.big[data-test="buy-btn"]]'],
    ['window', () => window, '[Window]'],
    ['document', () => document, '[Document]'],
    ['event not dispatched', () => new Event('error'), 'Event type=error'],
    ['event on an element', () => { const ev = new Event('error'); el('<button id="buy"></button>').dispatchEvent(ev); return ev; }, 'Event type=error target=button#buy'],
    ['mouse event', () => { const ev = new MouseEvent('click'); el('<a class="nav"></a>').dispatchEvent(ev); return ev; }, 'MouseEvent type=click target=a.nav'],
    ['event on window', () => { const ev = new Event('load'); window.dispatchEvent(ev); return ev; }, 'Event type=load target=[Window]'],
    ['throwing getter', () => ({ get bad() { throw new Error('x'); } }), 'Object with keys: bad'],
    ['proxy whose get trap throws', () => new Proxy({ b: 1, a: 2 }, { get() { throw new Error('trap'); } }), 'Object with keys: a, b'],
    ['revoked proxy', () => revoked({}), REVOKED],
    ['revoked function proxy', () => revoked(() => 0), '[Function: <anonymous>]'],
  ])('%s', (_, make, expected) => {
    expect(describeValue(make())).toBe(expected);
  });
});

describe('describeElement', () => {
  it.each<[string, () => unknown, string]>([
    ['tag only', () => el('<div></div>'), 'div'],
    ['id, classes and data-test', () => button(), 'button#buy.primary.big[data-test="buy-btn"]'],
    ['classes with extra whitespace', () => el('<p class="  a   b "></p>'), 'p.a.b'],
    ['blank class', () => el('<p class="   "></p>'), 'p'],
    ['data-testid', () => el('<span data-testid="t"></span>'), 'span[data-testid="t"]'],
    ['name before type', () => el('<input type="email" name="mail">'), 'input[name="mail"]'],
    ['type', () => el('<input type="submit">'), 'input[type="submit"]'],
    ['aria-label', () => el('<a aria-label="Close"></a>'), 'a[aria-label="Close"]'],
    ['title', () => el('<abbr title="Hyper Text"></abbr>'), 'abbr[title="Hyper Text"]'],
    ['data-test wins over title', () => el('<a title="t" data-test="d"></a>'), 'a[data-test="d"]'],
    ['empty attribute skipped', () => el('<input name="" type="text">'), 'input[type="text"]'],
    ['svg element', () => el('<svg class="icon big"></svg>'), 'svg.icon.big'],
    [
      'capped at 80 chars',
      () => el(`<div id="main" class="${'c'.repeat(100)}"></div>`),
      `div#main.${'c'.repeat(79 - 'div#main.'.length)}…`,
    ],
    ['null', () => null, '<unknown>'],
    ['undefined', () => undefined, '<unknown>'],
    ['string', () => 'div', '<unknown>'],
    ['plain object', () => ({ tagName: 'DIV' }), '<unknown>'],
    ['text node', () => document.createTextNode('x'), '<unknown>'],
    ['document', () => document, '<unknown>'],
    ['window', () => window, '<unknown>'],
    ['revoked proxy', () => revoked({}), '<unknown>'],
  ])('%s', (_, make, expected) => {
    const out = describeElement(make());
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(80);
  });
});
