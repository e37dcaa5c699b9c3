import * as vue from 'vue';
import { describe, expect, it } from 'vitest';
import { lifecycleHook } from '../../src/lifecycle-hook';

const URL = 'https://vuejs.org/error-reference/#runtime-';

describe('lifecycleHook', () => {
  it.each([
    ['0', 'setup function'],
    ['1', 'render function'],
    [`${URL}1`, 'render function'],
    ['3', 'watcher callback'],
    [`${URL}5`, 'native event handler'],
    [`${URL}6`, 'component event handler'],
    [`${URL}13`, 'async component loader'],
    ['16', 'app unmount cleanup function'],
    ['m', 'mounted hook'],
    [`${URL}m`, 'mounted hook'],
    [`${URL}bum`, 'beforeUnmount hook'],
    ['rtg', 'renderTriggered hook'],
    // runtime-core says 'updated' without 'hook'; ours reads like the others.
    ['u', 'updated hook'],
  ])('maps Vue 3 production code %s to %s', (info, text) => expect(lifecycleHook(info)).toBe(text));

  it.each([
    'render function',
    'mounted hook',
    // Vue 2's texts
    'render',
    'data()',
    'setup',
    'nextTick',
    'callback for watcher "count"',
    'v-on handler (Promise/async)',
    // codes a later Vue may add: the link is still better than nothing
    '99',
    `${URL}99`,
    `${URL}zz`,
    'length',
    'map',
    '',
  ])('keeps %j as it is', (info) => expect(lifecycleHook(info)).toBe(info));

  it("drops Vue 2 production's empty watcher expression", () => {
    expect(lifecycleHook('callback for watcher ""')).toBe('callback for watcher');
    expect(lifecycleHook('getter for watcher ""')).toBe('getter for watcher');
  });

  it('turns anything else into text without throwing', () => {
    expect(lifecycleHook(undefined)).toBe('undefined');
    expect(lifecycleHook(1)).toBe('render function');
    expect(lifecycleHook(null)).toBe('null');
  });

  it("knows every code of this Vue's ErrorTypeStrings, with Vue's own text", () => {
    const strings = (vue as unknown as { ErrorTypeStrings: Record<string, string> }).ErrorTypeStrings;
    expect(Object.keys(strings).length).toBeGreaterThanOrEqual(31);
    for (const [code, text] of Object.entries(strings)) {
      expect(lifecycleHook(code), code).toBe(code == 'u' ? 'updated hook' : text);
      expect(lifecycleHook(URL + code), code).toBe(code == 'u' ? 'updated hook' : text);
    }
  });
});
