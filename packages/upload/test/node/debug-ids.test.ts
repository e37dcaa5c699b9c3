import { SourceMapConsumer, SourceMapGenerator } from 'source-map';
import { describe, expect, it } from 'vitest';
import { debugIdSnippet, injectDebugIdIntoCode, readDebugId, withMapDebugId } from '../../src/debug-ids';
import { locate, resolvePosition } from '../helpers/resolve';

/** A map of `code` giving each `needle` its own original line. */
function mapOf(code: string, needles: string[]): string {
  const map = new SourceMapGenerator({ file: 'app.js' });
  needles.forEach((needle, i) => {
    const at = locate(code, needle);
    map.addMapping({ generated: at, original: { line: i + 1, column: 0 }, source: 'src/app.js' });
  });
  return map.toString();
}

describe('injectDebugIdIntoCode and withMapDebugId', () => {
  it.each([
    ['a minified file', 'var a=1;function f(){throw new Error("x")}f();', ''],
    ['a "use strict" prologue', '"use strict";var a=1;function f(){throw new Error("x")}f();', '"use strict";'],
    ['a shebang line', '#!/usr/bin/env node\n"use strict";var a=1;\nfunction f(){throw new Error("x")}f();', '#!/usr/bin/env node\n"use strict";'],
  ])('puts the snippet first in %s, and the map still finds every position', async (_, code, prefix) => {
    const map = mapOf(code, ['var a', 'throw new', 'f();']);
    const injected = injectDebugIdIntoCode(code);
    expect(injected.code.startsWith(prefix + debugIdSnippet(injected.id))).toBe(true);
    expect(injected.code.endsWith(`\n//# debugId=${injected.id}`)).toBe(true);
    expect(readDebugId(injected.code)).toBe(injected.id);
    const updated = withMapDebugId(map, injected.id, injected.at)!;
    expect(JSON.parse(updated)).toMatchObject({ debug_id: injected.id, debugId: injected.id });
    for (const [i, needle] of ['var a', 'throw new', 'f();'].entries()) {
      expect(await resolvePosition(updated, locate(injected.code, needle))).toMatchObject({ source: 'src/app.js', line: i + 1 });
    }
  });

  it('writes the comment before a trailing sourceMappingURL comment', () => {
    const { code, id } = injectDebugIdIntoCode('f();\n//# sourceMappingURL=app.js.map\n');
    expect(code).toBe(`${debugIdSnippet(id)}f();\n//# debugId=${id}\n//# sourceMappingURL=app.js.map\n`);
  });

  it('leaves a file with a debug ID as it is, and gives the same ID to the same content', () => {
    const first = injectDebugIdIntoCode('f();');
    expect(injectDebugIdIntoCode(first.code)).toEqual({ code: first.code, id: first.id });
    expect(injectDebugIdIntoCode('f();').id).toBe(first.id);
    expect(injectDebugIdIntoCode('g();').id).not.toBe(first.id);
  });

  it('leaves a map that is not JSON alone', () => {
    expect(withMapDebugId('not json', '85314830-023f-4cf1-8267-535f4e37bb17')).toBeUndefined();
  });
});

describe('withMapDebugId on an index map (sections)', () => {
  // Two sections, as concatenating tools emit: `a.js` on the first line after the prologue, `b.js` on the second.
  const code = '"use strict";function a(){throw new Error("one")}\nfunction b(){throw new Error("two")}\n';
  const section = (source: string, generated: { line: number; column: number }) => {
    const map = new SourceMapGenerator({ file: 'bundle.js' });
    map.addMapping({ generated: { line: 1, column: 0 }, original: { line: 1, column: 0 }, source });
    map.addMapping({ generated, original: { line: 2, column: 2 }, source });
    return map.toJSON();
  };
  const throwOne = locate(code, 'throw new Error("one")');
  const throwTwo = locate(code, 'throw new Error("two")');

  it.each([
    // A section starting where the snippet goes: its offset moves.
    ['a section starting after the prologue', { line: 0, column: 13 }, { line: 1, column: throwOne.column - 13 }],
    // A section holding the prologue: the snippet lands inside it, its mappings move.
    ['a section holding the prologue', { line: 0, column: 0 }, { line: 1, column: throwOne.column }],
  ])('keeps every position of %s', async (_, offset, inFirst) => {
    const index = JSON.stringify({
      version: 3,
      file: 'bundle.js',
      sections: [
        { offset, map: section('src/a.js', inFirst) },
        { offset: { line: 1, column: 0 }, map: section('src/b.js', { line: 1, column: throwTwo.column }) },
      ],
    });
    expect(await resolvePosition(index, throwOne)).toMatchObject({ source: 'src/a.js', line: 2, column: 2 });
    const injected = injectDebugIdIntoCode(code);
    expect(injected.at).toEqual({ line: 0, column: 13, length: debugIdSnippet(injected.id).length });
    const updated = withMapDebugId(index, injected.id, injected.at)!;
    expect(JSON.parse(updated)).toMatchObject({ debug_id: injected.id, sections: [{}, { offset: { line: 1, column: 0 } }] });
    expect(await resolvePosition(updated, locate(injected.code, 'throw new Error("one")'))).toMatchObject({ source: 'src/a.js', line: 2, column: 2 });
    expect(await resolvePosition(updated, locate(injected.code, 'throw new Error("two")'))).toMatchObject({ source: 'src/b.js', line: 2, column: 2 });
    expect(await resolvePosition(updated, locate(injected.code, 'function a'))).toMatchObject({ source: 'src/a.js', line: 1 });
    // And back: each original throw is exactly where the injected file has it.
    const consumer = await new SourceMapConsumer(JSON.parse(updated));
    try {
      for (const [source, text] of [['src/a.js', 'one'], ['src/b.js', 'two']]) {
        const { line, column } = consumer.generatedPositionFor({ source, line: 2, column: 2 });
        expect({ line, column }).toEqual(locate(injected.code, `throw new Error("${text}")`));
      }
    } finally {
      consumer.destroy();
    }
  });
});
