import { describe, expect, it } from 'vitest';
import { urlPrefixFromBase } from '../../src/url-prefix';

describe('urlPrefixFromBase', () => {
  it.each([
    ['/', '~/'],
    ['/shop/', '~/shop/'],
    ['/shop', '~/shop/'],
    ['https://cdn.example/shop/v2/', '~/shop/v2/'],
    ['//cdn.example/assets/', '~/assets/'],
    ['https://cdn.example', '~/'],
    ['./', '~/'],
    ['', '~/'],
    [undefined, '~/'],
  ])('base %j gives %j', (base, prefix) => expect(urlPrefixFromBase(base)).toBe(prefix));
});
