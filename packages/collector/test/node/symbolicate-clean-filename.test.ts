import { describe, expect, it } from 'vitest';
import { cleanFilename, isLibraryPath } from '../../src/symbolicate/clean-filename';

describe('cleanFilename', () => {
  it.each([
    ['webpack://shop/./src/cart.js', 'src/cart.js'],
    ['webpack:///./src/cart.js', 'src/cart.js'],
    ['webpack:///src/cart.js', 'src/cart.js'],
    ['webpack-internal:///./src/cart.js', 'src/cart.js'],
    ['rollup://src/cart.js', 'src/cart.js'],
    ['vite:///src/cart.ts', 'src/cart.ts'],
    ['./src/cart.js', 'src/cart.js'],
    ['././src/cart.js', 'src/cart.js'],
    ['../../src/cart.js', '../../src/cart.js'],
    ['src/App.vue?vue&type=script', 'src/App.vue'],
    ['/home/ci/app/src/cart.js', '/home/ci/app/src/cart.js'],
  ])('%s → %s', (source, filename) => expect(cleanFilename(source)).toBe(filename));
});

describe('isLibraryPath', () => {
  it.each([
    ['../../node_modules/vue/dist/vue.js', true],
    ['webpack://shop/./node_modules/lodash/map.js', true],
    ['webpack:///webpack/bootstrap', true],
    ['webpack:///(webpack)/buildin/global.js', true],
    ['webpack:///~/lodash/map.js', true],
    ['webpack:///external "vue"', true],
    ['webpack://shop/webpack/runtime/define property getters', true],
    ['webpack://shop/./src/cart.js', false],
    ['../../src/node_modules_like.js', false],
    ['src/cart.js', false],
  ])('%s: %s', (source, library) => expect(isLibraryPath(source)).toBe(library));
});
