import { describe, expect, it } from 'vitest';
import { describeElement } from '../../src/element';
import { onRouterNavigation, routeName } from '../../src/vue-router';

describe('routeName', () => {
  it('is the deepest matched record path, else the path', () => {
    expect(routeName({ path: '/users/42', matched: [{ path: '/users' }, { path: '/users/:id' }] })).toBe('/users/:id');
    expect(routeName({ path: '/nowhere', matched: [] })).toBe('/nowhere');
  });
});

describe('onRouterNavigation', () => {
  it('times from beforeEach (calling next for Vue Router 3), names on afterEach, skips failures', () => {
    const before: Array<(...a: any[]) => unknown> = [];
    const after: Array<(...a: any[]) => unknown> = [];
    const router = { beforeEach: (g: any) => (before.push(g), () => before.splice(0)), afterEach: (h: any) => (after.push(h), () => after.splice(0)) };
    const log: Array<[string, number, boolean]> = [];
    const stop = onRouterNavigation(router, (name, began, initial) => log.push([name, began, initial]));
    let nextCalled = false;
    const before0 = performance.now();
    before[0]({}, {}, () => (nextCalled = true));
    after[0]({ path: '/users/1', matched: [{ path: '/users/:id' }] }, { path: '/', matched: [] });
    after[0]({ path: '/x', matched: [] }, {}, { type: 4 });
    after[0]({ path: '/users/2', matched: [{ path: '/users/:id' }] }, { path: '/users/1', matched: [{ path: '/users/:id' }] });
    expect(log.map(([name, , initial]) => [name, initial])).toEqual([
      ['/users/:id', true],
      ['/users/:id', false],
    ]);
    expect(log[0][1]).toBeGreaterThanOrEqual(before0);
    expect(log[0][1]).toBeLessThanOrEqual(performance.now());
    expect(nextCalled).toBe(true);
    stop();
    expect([before.length, after.length]).toEqual([0, 0]);
  });
});

describe('describeElement', () => {
  it('names the element by tag and id, else tag and classes; a text node by its parent', () => {
    document.body.innerHTML = '<main id="app"><section class="hero  big"><img><span>t</span></section></main>';
    expect(describeElement(document.querySelector('main'))).toBe('main#app');
    expect(describeElement(document.querySelector('section'))).toBe('section.hero.big');
    expect(describeElement(document.querySelector('img'))).toBe('img');
    expect(describeElement(document.querySelector('span')!.firstChild)).toBe('span');
    expect(describeElement(null)).toBeUndefined();
  });
});
