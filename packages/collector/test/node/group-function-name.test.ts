import { describe, expect, it } from 'vitest';
import { groupingFunctionName } from '../../src/group/function-name';

describe('groupingFunctionName', () => {
  it.each([
    ['Object.checkout', 'checkout'],
    ['Cart.prototype.checkout', 'checkout'],
    ['checkout', 'checkout'],
    ['async Object.load', 'load'],
    ['async*load', 'load'],
    ['new Cart', 'Cart'],
    ['Object.pay [as onClick]', 'pay'],
    ['HTMLButtonElement.<anonymous>', undefined],
    ['<anonymous>', undefined],
    ['?', undefined],
    ['Anonymous function', undefined],
    ['setup/<', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, name) => expect(groupingFunctionName(raw)).toBe(name));
});
