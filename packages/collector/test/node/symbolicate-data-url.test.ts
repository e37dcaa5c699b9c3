import { describe, expect, it } from 'vitest';
import { decodeDataUrl, isDataUrl } from '../../src/symbolicate/data-url';

const JSON_TEXT = '{"version":3,"sources":["a é.js"],"mappings":"AAAA"}';
const b64 = Buffer.from(JSON_TEXT).toString('base64');

describe('decodeDataUrl', () => {
  it.each([
    [`data:application/json;base64,${b64}`],
    [`data:application/json;charset=utf-8;base64,${b64}`],
    [`data:application/json;charset=UTF-8;base64,${b64}`],
    [`DATA:Application/JSON;Base64,${b64}`],
    [`data:;base64,${b64}`],
    [`data:application/json;base64,${b64.replace(/=+$/, '')}`],
    [`data:application/json;base64,${Buffer.from(JSON_TEXT).toString('base64url')}`],
    [`data:application/json;base64,${encodeURIComponent(b64)}`],
    [`data:application/json,${encodeURIComponent(JSON_TEXT)}`],
    [`data:application/json;charset=utf-8,${encodeURIComponent(JSON_TEXT)}`],
    [`data:text/plain,${JSON_TEXT}`],
  ])('decodes %s', (url) => expect(decodeDataUrl(url)).toBe(JSON_TEXT));

  it.each([
    ['data:application/json;base64', 'the data: URL has no "," before its data'],
    ['data:application/json;base64,a$b', 'the data: URL is marked base64 but is not valid base64'],
    ['data:application/json,%ZZ', 'the data: URL has malformed percent-encoding'],
    ['data:text/html,<b>', 'the data: URL holds text/html, not a JSON source map'],
    ['app.js.map', 'the data: URL has no "," before its data'],
  ])('refuses %s: %s', (url, reason) => expect(() => decodeDataUrl(url)).toThrow(reason));

  it('tells data: URLs from names', () => {
    expect([isDataUrl('data:application/json,{}'), isDataUrl('Data:x'), isDataUrl('app.js.map'), isDataUrl('~/data:x')]).toEqual([true, true, false, false]);
  });
});
