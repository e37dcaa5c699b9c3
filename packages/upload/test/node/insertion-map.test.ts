import { SourceMapConsumer } from 'source-map';
import { describe, expect, it } from 'vitest';
import { injectDebugIdIntoCode } from '../../src/debug-ids';
import { insertionSourceMap } from '../../src/insertion-map';
import { locate } from '../helpers/resolve';

// The map a bundler composes with its own: from the code before the injection to the code after.
describe('insertionSourceMap', () => {
  it.each([
    ['a minified line', 'var a=1;function f(x){if(!x)throw new Error("x");return x.y}f();'],
    ['a "use strict" prologue and several lines', '"use strict";\nvar a = 1;\nfunction f(x) {\n  if (!x) throw new Error("x");\n}\nf();\n'],
  ])('maps every token of %s back to where it was', async (_, before) => {
    const injected = injectDebugIdIntoCode(before);
    const consumer = await new SourceMapConsumer({ ...insertionSourceMap(before, injected.at, 'app.js'), file: 'app.js' });
    try {
      for (const token of ['var a', 'function f', 'throw', 'new Error("x")', 'Error("x")', '"x"', 'f();']) {
        const original = consumer.originalPositionFor(locate(injected.code, token));
        expect({ token, line: original.line, column: original.column }).toEqual({ token, ...locate(before, token) });
      }
    } finally {
      consumer.destroy();
    }
  });
});
