import { describe, expect, it } from 'vitest';
import { candidateNames } from '../../src/symbolicate/candidate-names';

describe('candidateNames', () => {
  it.each([
    ['https://shop.example/static/js/app.3f2a.js?v=2', ['https://shop.example/static/js/app.3f2a.js?v=2', 'https://shop.example/static/js/app.3f2a.js', '~/static/js/app.3f2a.js?v=2', '~/static/js/app.3f2a.js']],
    ['https://shop.example/static/js/app.js', ['https://shop.example/static/js/app.js', '~/static/js/app.js']],
    ['https://shop.example/app.js#frag', ['https://shop.example/app.js#frag', 'https://shop.example/app.js', '~/app.js']],
    ['http://localhost:8080/js/app.js?a=1&b=2', ['http://localhost:8080/js/app.js?a=1&b=2', 'http://localhost:8080/js/app.js', '~/js/app.js?a=1&b=2', '~/js/app.js']],
    ['app:///main.js', ['app:///main.js', '~/main.js']],
    ['app:///dist/main.js?x', ['app:///dist/main.js?x', 'app:///dist/main.js', '~/dist/main.js?x', '~/dist/main.js']],
    ['/static/app.js', ['/static/app.js', '~/static/app.js']],
    ['/static/app.js?v=1', ['/static/app.js?v=1', '/static/app.js', '~/static/app.js?v=1', '~/static/app.js']],
    ['app.js', ['app.js', '~/app.js']],
    ['~/static/app.js', ['~/static/app.js']],
    ['~/static/app.js?v=1', ['~/static/app.js?v=1', '~/static/app.js']],
  ])('%s', (url, names) => expect(candidateNames(url)).toEqual(names));

  it.each(['', '<anonymous>', '[native code]', 'native', 'data:text/javascript,alert(1)', 'blob:https://shop.example/1f2e'])('gives nothing for %j, which cannot be an upload', (url) => {
    expect(candidateNames(url)).toEqual([]);
  });
});
