import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slimErrorStackParser } from '../../../../scripts/build/slim-error-stack-parser.mjs';
import StackFrameLite from '../../src/stack-frame-lite';

// The CDN build swaps the `stackframe` package for src/stack-frame-lite.ts and error-stack-parser
// for its slimmed ES module form. Load the real pair and the CDN pair, and check both parse the
// same stacks to the same fields.
const require = createRequire(import.meta.url);
const parserSource = readFileSync(require.resolve('error-stack-parser'), 'utf8');
type Parser = { parse(e: { stack: string }): Array<Record<string, unknown>> };

function parserWith(StackFrame: unknown): Parser {
  const module = { exports: {} as never };
  runInNewContext(parserSource, { module, exports: module.exports, require: () => StackFrame });
  return module.exports;
}

/** The slimmed module run as the bundle runs it: its import bound to `StackFrame`. */
function slimParserWith(StackFrame: unknown): Parser {
  const body = slimErrorStackParser(parserSource)
    .replace("import StackFrame from 'stackframe';", '')
    .replace('export default', 'result =');
  const context: { StackFrame: unknown; result?: Parser } = { StackFrame };
  runInNewContext(body, context);
  return context.result!;
}

const real = parserWith(require('stackframe'));
const lite = slimParserWith(StackFrameLite);

const FIELDS = ['functionName', 'fileName', 'lineNumber', 'columnNumber', 'source'];
const fields = (frames: Array<Record<string, unknown>>) => frames.map((f) => FIELDS.map((k) => f[k]));

const STACKS = [
  'Error: boom\n    at throwIt (https://shop.example/static/app.min.js:1:2345)\n    at HTMLButtonElement.<anonymous> (https://shop.example/static/app.min.js:1:999)\n    at new Cart (https://shop.example/cart.js:10:5)',
  'TypeError: x is undefined\nfoo@https://shop.example/a.js:10:5\nbar/<@https://shop.example/a.js:20:1\n@https://shop.example/a.js:30:9',
  'global code@https://shop.example/b.js:3:1\n[native code]\neval code@\nfoo@https://shop.example/b.js:9:12',
  'Error\n    at eval (eval at run (https://shop.example/c.js:2:3), <anonymous>:1:5)\n    at Array.map (<anonymous>)',
  'Error: boom\n    at https://shop.example/d.js:4:7\n    at async Promise.all (index 0)',
];

describe('the CDN build\'s stack parser (slim error-stack-parser + stack-frame-lite)', () => {
  it.each(STACKS)('parses like stackframe: %s', (stack) => {
    const a = fields(real.parse({ stack }));
    expect(a.length).toBeGreaterThan(0);
    expect(fields(lite.parse({ stack }))).toEqual(a);
  });

  it('keeps numbers as numbers', () => {
    const [frame] = lite.parse({ stack: STACKS[0] });
    expect(frame.lineNumber).toBe(1);
    expect(frame.columnNumber).toBe(2345);
  });

  // stackframe throws on a location that is not a number; the lite one does not check. The slim
  // parser gives no frames where the real one throws. Any stack, however odd, must still give
  // parseStack what the real pair gives it (a throw there means no frames).
  it('agrees with the real pair on arbitrary stacks, odd locations included', () => {
    const outcome = (p: Parser, stack: string) => {
      try {
        return fields(p.parse({ stack }));
      } catch {
        return [];
      }
    };
    const piece = fc.oneof(
      fc.constantFrom('    at ', '@', ':', '(', ')', ' ', '\n', 'eval', ' > eval', 'line ', 'x', 'NaN', '-1', '1e3', 'Infinity', '[native code]', 'https://a.io/b.js'),
      fc.nat(99999).map(String),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const stack = pieces.join('');
        expect(outcome(lite, stack)).toEqual(outcome(real, stack));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves out the Opera parsers, and refuses a parser source it does not know', () => {
    expect(slimErrorStackParser(parserSource)).not.toMatch(/parseOpera|opera#sourceloc/);
    expect(() => slimErrorStackParser(parserSource.replace('parseOpera:', 'parseOpera2:'))).toThrow(/update scripts/);
  });
});
