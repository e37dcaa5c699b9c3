import { describe, expect, it } from 'vitest';
import { Scope } from '../../src/scope';
import type { Event } from '../../src/types';

function applied(scope: Scope, event: Event = {}): Event {
  return scope.applyToEvent(event);
}

describe('Scope setters', () => {
  it('sets user, tags, extra, contexts, level and fingerprint, each applied to an event', () => {
    const scope = new Scope()
      .setUser({ id: 42, email: 'ada@example.com' })
      .setTag('page', 'checkout')
      .setTags({ plan: 'pro', beta: true })
      .setExtra('cart', { items: 3 })
      .setExtras({ coupon: 'SPRING', total: 12.5 })
      .setContext('device', { model: 'Pixel' })
      .setLevel('warning')
      .setFingerprint(['checkout', 'payment']);

    expect(scope.getUser()).toEqual({ id: 42, email: 'ada@example.com' });
    expect(applied(scope)).toEqual({
      user: { id: 42, email: 'ada@example.com' },
      tags: { page: 'checkout', plan: 'pro', beta: true },
      extra: { cart: { items: 3 }, coupon: 'SPRING', total: 12.5 },
      contexts: { device: { model: 'Pixel' } },
      level: 'warning',
      fingerprint: ['checkout', 'payment'],
    });
  });

  it('overwrites a tag or extra of the same key, and keeps the rest', () => {
    const scope = new Scope().setTags({ a: '1', b: '2' }).setTag('a', 'one').setExtras({ x: 1, y: 2 }).setExtra('y', 'two');
    expect(applied(scope)).toMatchObject({ tags: { a: 'one', b: '2' }, extra: { x: 1, y: 'two' } });
  });

  it('removes the user with setUser(null) and a context with setContext(name, null)', () => {
    const scope = new Scope().setUser({ id: '1' }).setContext('a', { x: 1 }).setContext('b', { y: 2 });
    scope.setUser(null).setContext('a', null);
    expect(scope.getUser()).toBeUndefined();
    const event = applied(scope);
    expect(event.user).toBeUndefined();
    expect(event.contexts).toEqual({ b: { y: 2 } });
  });
});

describe('Scope breadcrumbs', () => {
  it('keeps breadcrumbs in call order', () => {
    const scope = new Scope();
    scope.addBreadcrumb({ message: 'one' }).addBreadcrumb({ message: 'two' });
    expect(scope.getBreadcrumbs().map((b) => b.message)).toEqual(['one', 'two']);
  });

  it('keeps only the newest `max`', () => {
    const scope = new Scope();
    for (let i = 0; i < 10; i++) scope.addBreadcrumb({ message: `crumb ${i}` }, 3);
    expect(scope.getBreadcrumbs().map((b) => b.message)).toEqual(['crumb 7', 'crumb 8', 'crumb 9']);
  });

  it('keeps 100 by default', () => {
    const scope = new Scope();
    for (let i = 0; i < 150; i++) scope.addBreadcrumb({ message: `${i}` });
    const crumbs = scope.getBreadcrumbs();
    expect(crumbs).toHaveLength(100);
    expect(crumbs[0].message).toBe('50');
    expect(crumbs[99].message).toBe('149');
  });

  it('keeps none with max 0', () => {
    expect(new Scope().addBreadcrumb({ message: 'x' }, 0).getBreadcrumbs()).toEqual([]);
  });

  it('clears breadcrumbs', () => {
    const scope = new Scope().addBreadcrumb({ message: 'x' });
    expect(scope.clearBreadcrumbs().getBreadcrumbs()).toEqual([]);
  });
});

describe('Scope.clone', () => {
  function filled(): Scope {
    return new Scope()
      .setUser({ id: '1' })
      .setTag('t', 'orig')
      .setExtra('e', 'orig')
      .setContext('c', { v: 'orig' })
      .setLevel('info')
      .setFingerprint(['orig'])
      .addBreadcrumb({ message: 'orig' });
  }

  it('copies everything', () => {
    const original = filled();
    expect(applied(original.clone())).toEqual(applied(original));
  });

  it("keeps the clone's changes from the original", () => {
    const original = filled();
    const before = applied(original);
    original
      .clone()
      .setUser({ id: '2' })
      .setTag('t', 'clone')
      .setTag('new', 'clone')
      .setTags({ more: 'x' })
      .setExtra('e', 'clone')
      .setExtras({ more: 'x' })
      .setContext('c', { v: 'clone' })
      .setContext('other', { v: 1 })
      .setLevel('fatal')
      .setFingerprint(['clone'])
      .addBreadcrumb({ message: 'clone' });
    expect(applied(original)).toEqual(before);
    expect(original.getBreadcrumbs().map((b) => b.message)).toEqual(['orig']);
  });

  it("keeps the original's later changes from the clone", () => {
    const original = filled();
    const clone = original.clone();
    const before = applied(clone);
    original.setUser(null).setTag('t', 'later').setExtra('e', 'later').setContext('c', null).setLevel('debug').addBreadcrumb({ message: 'later' });
    original.clearBreadcrumbs();
    expect(applied(clone)).toEqual(before);
  });

  it('is isolated from update() and clear() on either side', () => {
    const original = filled();
    const clone = original.clone();
    clone.update({ tags: { t: 'updated' }, extra: { e: 'updated' }, contexts: { c: { v: 'updated' } } });
    expect(applied(original)).toMatchObject({ tags: { t: 'orig' }, extra: { e: 'orig' }, contexts: { c: { v: 'orig' } } });
    original.clear();
    expect(applied(clone)).toMatchObject({ user: { id: '1' }, tags: { t: 'updated' }, level: 'info' });
  });
});

describe('Scope.update and clear', () => {
  it('update() sets what the context gives and leaves the rest', () => {
    const scope = new Scope().setTag('keep', 'yes').setUser({ id: '1' }).setLevel('info');
    scope.update({
      tags: { added: 'x' },
      extra: { e: 1 },
      contexts: { os: { name: 'Linux' } },
      level: 'warning',
      fingerprint: ['fp'],
    });
    expect(applied(scope)).toEqual({
      user: { id: '1' },
      tags: { keep: 'yes', added: 'x' },
      extra: { e: 1 },
      contexts: { os: { name: 'Linux' } },
      level: 'warning',
      fingerprint: ['fp'],
    });
  });

  it('update() replaces the user, and removes it with user: null', () => {
    const scope = new Scope().setUser({ id: '1' });
    expect(scope.update({ user: { id: '2' } }).getUser()).toEqual({ id: '2' });
    expect(scope.update({ user: null }).getUser()).toBeUndefined();
  });

  it('update(undefined) changes nothing', () => {
    const scope = new Scope().setTag('a', 'b');
    expect(applied(scope.update(undefined))).toEqual({ tags: { a: 'b' }, extra: {}, contexts: {} });
  });

  it('clear() empties everything', () => {
    const scope = new Scope()
      .setUser({ id: '1' })
      .setTag('a', 'b')
      .setExtra('e', 1)
      .setContext('c', { v: 1 })
      .setLevel('fatal')
      .setFingerprint(['x'])
      .addBreadcrumb({ message: 'm' });
    scope.clear();
    expect(scope.getUser()).toBeUndefined();
    expect(scope.getBreadcrumbs()).toEqual([]);
    expect(applied(scope, { level: 'error' })).toEqual({ level: 'error', tags: {}, extra: {}, contexts: {} });
  });
});

describe('Scope.applyToEvent', () => {
  it("lets the event's own tags, extra, contexts and user fields win", () => {
    const scope = new Scope()
      .setUser({ id: 'scope', email: 'scope@example.com' })
      .setTags({ shared: 'scope', onlyScope: 's' })
      .setExtras({ shared: 'scope', onlyScope: 's' })
      .setContext('shared', { from: 'scope' })
      .setContext('onlyScope', { from: 'scope' });
    const event = applied(scope, {
      user: { id: 'event' },
      tags: { shared: 'event' },
      extra: { shared: 'event' },
      contexts: { shared: { from: 'event' } },
    });
    expect(event.user).toEqual({ id: 'event', email: 'scope@example.com' });
    expect(event.tags).toEqual({ shared: 'event', onlyScope: 's' });
    expect(event.extra).toEqual({ shared: 'event', onlyScope: 's' });
    expect(event.contexts).toEqual({ shared: { from: 'event' }, onlyScope: { from: 'scope' } });
  });

  it("overrides the event's level with the scope's level", () => {
    expect(applied(new Scope().setLevel('warning'), { level: 'error' }).level).toBe('warning');
    expect(applied(new Scope(), { level: 'error' }).level).toBe('error');
  });

  it("sends the event's fingerprint, then the scope's (as Sentry combines them)", () => {
    expect(applied(new Scope().setFingerprint(['scope']), { fingerprint: ['event'] }).fingerprint).toEqual(['event', 'scope']);
    expect(applied(new Scope(), { fingerprint: ['event'] }).fingerprint).toEqual(['event']);
    expect(applied(new Scope().setFingerprint(['scope']), {}).fingerprint).toEqual(['scope']);
  });

  it("puts the scope's breadcrumbs before the event's own, in `values`", () => {
    const scope = new Scope().addBreadcrumb({ message: 's1' }).addBreadcrumb({ message: 's2' });
    expect(applied(scope, { breadcrumbs: [{ message: 'e1' }] }).breadcrumbs).toEqual({
      values: [{ message: 's1' }, { message: 's2' }, { message: 'e1' }],
    });
    expect(applied(new Scope(), { breadcrumbs: { values: [{ message: 'e1' }] } }).breadcrumbs).toEqual({ values: [{ message: 'e1' }] });
  });

  it('adds no breadcrumbs key when there are none', () => {
    expect(applied(new Scope())).not.toHaveProperty('breadcrumbs');
  });

  it("does not let a later scope change reach an event it was applied to", () => {
    const scope = new Scope().setTag('a', '1').addBreadcrumb({ message: 'before' });
    const event = applied(scope);
    scope.setTag('a', '2').addBreadcrumb({ message: 'after' });
    expect(event.tags).toEqual({ a: '1' });
    expect((event.breadcrumbs as { values: unknown[] }).values).toEqual([{ message: 'before' }]);
  });
});
