import { TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { indexDeclarations, originalFunctionName } from '../../src/symbolicate/original-function';
import { SHOP } from '../helpers/shop-app';

const names = (code: string) => Object.fromEntries(indexDeclarations(code.split('\n')));

describe('indexDeclarations', () => {
  it.each([
    ['function a(b){}', { a: [1, 9] }],
    ['function* g(){}', { g: [1, 10] }],
    ['var c=function(){}', { c: [1, 4] }],
    ['d=async function(){}', { d: [1, 0] }],
    ['let e=(x,y)=>1', { e: [1, 4] }],
    ['f=x=>2', { f: [1, 0] }],
    ['o={k:function(){},m(){return 1}}', { k: [1, 3], m: [1, 18] }],
    ['class X{h(){}static async j(){}}', { h: [1, 8], j: [1, 26] }],
    // Declarations inside declarations are all found: no match hides another.
    ['x=function y(){}', { x: [1, 0], y: [1, 11] }],
    ['a=b=>c=d=>1', { a: [1, 0], c: [1, 5] }],
    ['function a(){}\nfunction a(){}', { a: [1, 9, 2, 9] }],
    ['if(x){for(;;){}}while(y){}', {}],
    ['o.p=function(){}', {}],
  ])('%s', (code, index) => expect(names(code)).toEqual(index));

  it('stays linear on a hostile line (one huge identifier, many calls)', () => {
    const t0 = performance.now();
    indexDeclarations([`${'a'.repeat(500_000)}(`, 'f(g(h('.repeat(50_000)]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('originalFunctionName', () => {
  const map = new TraceMap(SHOP.map);
  const lines = SHOP.code.split('\n');
  const index = indexDeclarations(lines);
  // esbuild renamed checkout; its body is the one that starts `let total = 0` (`{let o=0;`).
  const declaration = /function ([\w$]+)\(\w\)\{let /.exec(lines[0])!;
  const checkoutAt = declaration.index;
  const minifiedCheckout = declaration[1];

  it.each([
    [minifiedCheckout, 'checkout'],
    [`Object.${minifiedCheckout}`, 'checkout'],
    [`Object.${minifiedCheckout} [as run]`, 'checkout'],
    ['notDeclared', undefined],
    ['a b', undefined],
    [undefined, undefined],
  ])('names %s as %s, from inside its body', (minified, original) => {
    expect(originalFunctionName(map, index, 1, checkoutAt + 30, minified)).toBe(original);
  });

  it('does not name a frame from a declaration that comes after it', () => {
    expect(originalFunctionName(map, index, 1, checkoutAt, minifiedCheckout)).toBeUndefined();
  });
});
