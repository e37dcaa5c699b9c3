import { computed, isProxy, markRaw, reactive, readonly, ref, shallowReactive } from 'vue';
import { describe, expect, it } from 'vitest';
import { plainData } from '../../src/plain-data';

/** True when no object in the tree is a Vue proxy. */
function noProxies(value: unknown, seen = new Set<unknown>()): boolean {
  if (!value || typeof value != 'object' || seen.has(value)) return true;
  seen.add(value);
  return !isProxy(value) && Object.values(value).every((v) => noProxies(v, seen));
}

describe('plainData', () => {
  it('copies primitives and plain data as they are', () => {
    const data = { a: 1, b: 'x', c: true, d: null, e: [1, 'two', { three: 3 }], f: undefined };
    expect(plainData(data)).toEqual(data);
    expect(plainData(42)).toBe(42);
    expect(plainData(undefined)).toBeUndefined();
  });

  it('unwraps reactive, readonly and shallow proxies at every level', () => {
    const user = reactive({ id: 7, tags: ['a', 'b'], address: { city: 'Oslo' } });
    const props = shallowReactive({ user, settings: readonly(reactive({ dark: true })), list: reactive([reactive({ n: 1 })]) });
    const out = plainData(props) as any;
    expect(out).toEqual({ user: { id: 7, tags: ['a', 'b'], address: { city: 'Oslo' } }, settings: { dark: true }, list: [{ n: 1 }] });
    expect(noProxies(out)).toBe(true);
  });

  it('unwraps refs and computed refs', () => {
    const count = ref(3);
    const double = computed(() => count.value * 2);
    expect(plainData({ count, double, nested: ref({ x: reactive({ y: 1 }) }) })).toEqual({ count: 3, double: 6, nested: { x: { y: 1 } } });
  });

  it('cuts cycles, also cycles through proxies', () => {
    const a: any = { name: 'a' };
    a.self = a;
    const r = reactive({ child: { back: null as unknown } });
    r.child.back = r;
    expect(plainData(a)).toEqual({ name: 'a', self: '[Circular ~]' });
    expect(plainData(r)).toEqual({ child: { back: '[Circular ~]' } });
  });

  it('keeps repeated (not circular) objects', () => {
    const shared = { x: 1 };
    expect(plainData({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('bounds a deep chain by the same entry budget (the client cuts it to normalizeDepth)', () => {
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    let out = plainData(deep) as any;
    let levels = 0;
    while ('next' in out) (out = out.next), levels++;
    expect(levels).toBe(500);
    expect(out).toEqual({ '...': '[MaxProperties ~]' });
  });

  it('bounds the number of entries overall and the length of strings', () => {
    const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    const out = plainData({ big, list: Array.from({ length: 2000 }, (_, i) => i) }) as any;
    expect(Object.keys(out.big).length).toBeGreaterThan(400);
    expect(Object.keys(out.big).length).toBeLessThanOrEqual(501);
    expect(out.big['...']).toBe('[MaxProperties ~]');
    // The budget is spent: the next key of the outer object is cut too.
    expect(out).toMatchObject({ '...': '[MaxProperties ~]' });
    expect(out.list).toBeUndefined();
    expect(JSON.stringify(out).length).toBeLessThan(10_000);
    const long = plainData({ text: 'x'.repeat(100_000) }) as any;
    expect(long.text).toHaveLength(1001);
    expect(long.text.endsWith('…')).toBe(true);
  });

  it('never throws: a throwing getter or a revoked proxy becomes [Thrown]', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const props = {
      get bad() {
        throw new Error('no');
      },
      proxy,
    };
    expect(plainData(props)).toEqual({ bad: '[Thrown]', proxy: '[Thrown]' });
  });

  it('leaves dates, class instances and functions to the client normalisation', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const date = new Date(0);
    const money = new Money(5);
    const fn = () => 1;
    const out = plainData({ date, money, fn, raw: markRaw({ z: 1 }) }) as any;
    expect(out.date).toBe(date);
    expect(out.money).toBe(money);
    expect(out.fn).toBe(fn);
    expect(out.raw).toEqual({ z: 1 });
  });

  it('describes component instances instead of copying them', () => {
    expect(plainData({ parent: { $options: {}, $parent: null } })).toEqual({ parent: '[VueViewModel]' });
  });
});
