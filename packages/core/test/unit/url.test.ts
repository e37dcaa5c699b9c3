import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/url';

describe('redactUrl', () => {
  it.each([
    ['/status/500?token=abc&page=2', '/status/500?token=[Filtered]&page=2'],
    ['https://ada:hunter2@shop.example/api?page=2', 'https://[Filtered]@shop.example/api?page=2'],
    ['https://shop.example/a@b?page=2', 'https://shop.example/a@b?page=2'],
    ['https://shop.example/api/cart?page=2&sort=asc', 'https://shop.example/api/cart?page=2&sort=asc'],
    ['https://shop.example/api?api_key=k1&q=shoes', 'https://shop.example/api?api_key=[Filtered]&q=shoes'],
    ['https://x.io/login?user=ada&password=hunter2', 'https://x.io/login?user=ada&password=[Filtered]'],
    // OAuth's authorization code is a secret too (issue 12, point 4).
    ['https://x.io/cb?client_secret=s&code=c&state=z', 'https://x.io/cb?client_secret=[Filtered]&code=[Filtered]&state=z'],
    ['https://x.io/?Authorization=Bearer%20x&X-Amz-Signature=abc', 'https://x.io/?Authorization=[Filtered]&X-Amz-Signature=[Filtered]'],
    ['https://x.io/?SESSION_ID=1&credentials=2', 'https://x.io/?SESSION_ID=[Filtered]&credentials=[Filtered]'],
    // OAuth implicit flow puts the token in the fragment.
    ['https://x.io/cb#access_token=abc&state=xyz', 'https://x.io/cb#access_token=[Filtered]&state=xyz'],
    ['https://x.io/p?a=1#id_token=t', 'https://x.io/p?a=1#id_token=[Filtered]'],
    // Matrix-style parameters.
    ['https://x.io/p;jsessionid=abc?x=1', 'https://x.io/p;jsessionid=[Filtered]?x=1'],
    ['https://x.io/?token=', 'https://x.io/?token=[Filtered]'],
    // A `?` ends a value: a secret after it is its own parameter, not part of a harmless one.
    ['https://x.io/p;v=1?token=abc', 'https://x.io/p;v=1?token=[Filtered]'],
    ['/login?next=/cb?token=abc&page=2', '/login?next=/cb?token=[Filtered]&page=2'],
    // Names without a value, and URLs without a query, stay as they are.
    ['https://x.io/?token&page=1', 'https://x.io/?token&page=1'],
    ['https://x.io/path/to/token', 'https://x.io/path/to/token'],
    ['/ok', '/ok'],
    ['', ''],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('filters every secret parameter, also repeated ones', () => {
    expect(redactUrl('/a?token=1&token=2&page=3&key=4')).toBe('/a?token=[Filtered]&token=[Filtered]&page=3&key=[Filtered]');
  });
});
