import { describe, expect, it } from 'vitest';
import { consoleLevel, formatConsoleArgs } from '../../src/console-format';

describe('formatConsoleArgs', () => {
  it.each<[string, unknown[], string]>([
    ['fills %s and %d, then appends the rest', ['failed %s: %d', 'x', 42, { a: 1 }], 'failed x: 42 {"a":1}'],
    ['%i truncates, %f keeps the fraction', ['%i items at %f each', 3.9, '2.50'], '3 items at 2.5 each'],
    ['%d of something not numeric', ['count %d', 'many'], 'count NaN'],
    ['%o and %O print objects as JSON', ['%o / %O', { a: [1, 2] }, { b: null }], '{"a":[1,2]} / {"b":null}'],
    ['%s of an object prints it as JSON', ['got %s', { id: 7 }], 'got {"id":7}'],
    ['%c and its CSS are dropped', ['%cred%c plain', 'color: red', 'font-weight: bold'], 'red plain'],
    ['%% is a percent sign and takes no argument', ['100%% done: %s', 'yes'], '100% done: yes'],
    ['missing arguments leave their tokens', ['%s and %s and %d', 'a'], 'a and %s and %d'],
    ['unknown tokens stay as they are', ['%x %s', 'y'], '%x y'],
    ['a token inside a substituted string is not filled again', ['%s %s', '%d', 'z'], '%d z'],
    ['no format string: arguments joined by spaces', [1, 'two', true, null, undefined], '1 two true null undefined'],
    ['objects among the rest as JSON', ['state', { open: true, items: ['x'] }], 'state {"open":true,"items":["x"]}'],
    ['arrays as JSON', [[1, 'a', { b: 2 }]], '[1,"a",{"b":2}]'],
    ['an Error as "Name: message"', ['save failed', new TypeError('bad input')], 'save failed TypeError: bad input'],
    ['an Error for %s as "Name: message"', ['cause: %s', new RangeError('too far')], 'cause: RangeError: too far'],
    ['functions by name', [function onSave() {}], '[Function: onSave]'],
    ['no arguments: an empty line', [], ''],
    ['%d and %f of a Symbol or BigInt do not throw', ['%d %f %d', Symbol('s'), Symbol('t'), 10n], 'NaN NaN 10'],
  ])('%s', (_, args, expected) => {
    expect(formatConsoleArgs(args)).toBe(expected);
  });

  it('bounds deep and circular objects instead of throwing', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    expect(formatConsoleArgs(['%o', circular])).toBe('{"name":"loop","self":"[Circular ~]"}');
    expect(formatConsoleArgs([{ a: { b: { c: { d: 1 } } } }])).toBe('{"a":{"b":{"c":"[Object]"}}}');
  });

  it('does not change the arguments it was given', () => {
    const args = ['%s!', 'hi', { a: 1 }];
    formatConsoleArgs(args);
    expect(args).toEqual(['%s!', 'hi', { a: 1 }]);
  });
});

describe('consoleLevel', () => {
  it.each([
    ['debug', 'debug'],
    ['info', 'info'],
    ['log', 'log'],
    ['warn', 'warning'],
    ['error', 'error'],
    ['assert', 'error'],
  ])('console.%s → %s', (method, level) => {
    expect(consoleLevel(method)).toBe(level);
  });
});
