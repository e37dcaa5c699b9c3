import { describe, expect, it } from 'vitest';
import { resolveUrl, splitUrl } from '../../src/symbolicate/resolve-url';

describe('resolveUrl', () => {
  it.each([
    ['~/static/js/app.js', 'app.js.map', '~/static/js/app.js.map'],
    ['~/static/js/app.js', './app.js.map', '~/static/js/app.js.map'],
    ['~/static/js/app.js', '../maps/app.js.map', '~/static/maps/app.js.map'],
    ['~/static/js/app.js', '../../../../app.js.map', '~/app.js.map'],
    ['~/static/js/app.js', '/maps/app.js.map', '~/maps/app.js.map'],
    ['~/static/js/app.js', '~/other/app.js.map', '~/other/app.js.map'],
    ['~/static/js/app.js?v=1', 'app.js.map?v=1', '~/static/js/app.js.map?v=1'],
    ['https://shop.example/static/js/app.js', 'app.js.map', 'https://shop.example/static/js/app.js.map'],
    ['https://shop.example/static/js/app.js?v=2#x', 'app.js.map', 'https://shop.example/static/js/app.js.map'],
    ['https://shop.example/static/js/app.js', '/app.js.map', 'https://shop.example/app.js.map'],
    ['https://shop.example/static/js/app.js', '//cdn.example/app.js.map', 'https://cdn.example/app.js.map'],
    ['https://shop.example/static/js/app.js', 'https://cdn.example/app.js.map', 'https://cdn.example/app.js.map'],
    ['https://shop.example/static/js/app.js.map', '../../src/cart.js', 'https://shop.example/src/cart.js'],
    ['https://shop.example/static/js/app.js.map', 'webpack://shop/./src/cart.js', 'webpack://shop/./src/cart.js'],
    ['app:///main.js', 'main.js.map', 'app:///main.js.map'],
    ['app.js', 'app.js.map', 'app.js.map'],
    ['src/a/b.js', '../../../x.js', '../x.js'],
    // Names are not URL-encoded or otherwise normalised: they must match the upload byte for byte.
    ['~/static/js/my app.js', 'my app.js.map', '~/static/js/my app.js.map'],
  ])('%s + %s = %s', (base, ref, resolved) => expect(resolveUrl(base, ref)).toBe(resolved));
});

describe('splitUrl', () => {
  it.each([
    ['https://h:1/p/a.js?q=1#f', { scheme: 'https:', authority: '//h:1', path: '/p/a.js', query: '?q=1', fragment: '#f' }],
    ['app:///a.js', { scheme: 'app:', authority: '//', path: '/a.js', query: '', fragment: '' }],
    ['~/a.js?x', { scheme: '', authority: '', path: '~/a.js', query: '?x', fragment: '' }],
  ])('%s', (url, parts) => expect(splitUrl(url)).toEqual(parts));
});
