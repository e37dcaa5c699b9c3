import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalValueEnd } from '../../src/process/canonical-json';

/** What the function must answer: whether JSON.stringify(JSON.parse(text)) gives the text back. */
function isCanonical(text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

const whole = (text: string) => canonicalValueEnd(text, 0) === text.length;

describe('canonicalValueEnd', () => {
  it.each([
    ['{}', true],
    ['[]', true],
    ['{"a":[1,-2.5,0,0.000001,1e+21,true,false,null,"x"],"b":{"c":{}}}', true],
    ['"tab\\tquote\\"slash\\\\nul\\u0000us\\u001f"', true],
    ['"😀 é \u2028"', true],
    ['1234567890123456', true],
    ['19.990000000000002', true],
    ['{"a":1,"a":2}', false],
    ['{"a" :1}', false],
    ['[1, 2]', false],
    ['{\n"a":1}', false],
    ['"\\u00e9"', false],
    ['"\\u001F"', false],
    ['"\\u000a"', false],
    ['"\\/"', false],
    ['"\ud800"', false],
    ['"a\tb"', false],
    ['1.50', false],
    ['1.0', false],
    ['{"b":1,"1":2}', false],
    ['-0', false],
    ['1E5', false],
    ['1e21', false],
    ['0.0000001', false],
    ['12345678901234567890', false],
    ['01', false],
    ['[1,]', false],
    ['{"a":1', false],
    ['"open', false],
    ['tru', false],
  ])('%s: %s', (text, canonical) => {
    expect(whole(text)).toBe(canonical);
    expect(isCanonical(text)).toBe(canonical);
  });

  it.each([
    // JSON.parse would move the key first: left to it.
    ['{"1":2}'],
    ['{"1a":2}'],
    // Deeper than 64 levels, or objects of more than 256 keys: left to JSON.parse and JSON.stringify.
    ['['.repeat(80) + ']'.repeat(80)],
    [JSON.stringify(Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, i])))],
  ])('leaves some canonical text to JSON.parse: %s', (text) => {
    expect(isCanonical(text)).toBe(true);
    expect(whole(text)).toBe(false);
  });

  it('ends at the end of the value, wherever it starts', () => {
    const text = 'x:{"a":[1,{"b":"}"}]},"next"';
    expect(canonicalValueEnd(text, 2)).toBe(text.indexOf(',"next"'));
    expect(canonicalValueEnd('[1] ', 0)).toBe(3);
  });

  it('accepts what JSON.stringify writes (keys not starting with a digit)', () => {
    const noIndexKeys = (text: string) => !/[{,]"\d/.test(text);
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)).filter(noIndexKeys), whole));
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }).map((v) => JSON.stringify(v)).filter(noIndexKeys), whole));
    fc.assert(fc.property(fc.double(), (n) => whole(JSON.stringify(n))));
  });

  // Accepting too little only costs time; accepting too much would change what is stored.
  it('accepts nothing else', () => {
    const sound = (text: string) => {
      if (whole(text)) expect(isCanonical(text)).toBe(true);
    };
    // JSON.stringify's output edited one character at a time, and JSON written other ways.
    const edit = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom(' ', '0', '1', '.', 'e', '-', '"', '\\', ',', ':', '{', '}', '[', ']', 'u', '/', '\n', 'é', '\ud800', ''));
    fc.assert(
      fc.property(edit, ([value, at, insert]) => {
        const text = JSON.stringify(value);
        const i = at % (text.length + 1);
        sound(text.slice(0, i) + insert + text.slice(i));
        sound(text.slice(0, i) + insert + text.slice(i + 1));
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(1, '\t'), (value, space) => sound(JSON.stringify(value, null, space))));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), sound), { numRuns: 2000 });
    // Numbers: exactly the ones JSON.stringify writes that way.
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}(\.\d{1,20})?([eE][+-]?\d{1,3})?$/), (text) => whole(text) === isCanonical(text)),
      { numRuns: 2000 },
    );
  });
});
