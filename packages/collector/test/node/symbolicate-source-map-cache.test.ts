import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { createSourceMapCache } from '../../src/symbolicate';
import { SHOP } from '../helpers/shop-app';

/** A valid map of exactly `n` characters (at least its bare minimum), padded by an unknown field. */
const mapOfSize = (n: number, content = '') => {
  const base = JSON.stringify({ version: 3, sources: ['a.js'], sourcesContent: [content], names: [], mappings: 'AAAA' });
  return base.replace('"mappings"', `"x_pad":"${'p'.repeat(Math.max(0, n - base.length - 11))}","mappings"`);
};

/** The generated line (1-based) and column (0-based) of a map's first mapping that has a source. */
function firstMapping(mapText: string): [number, number] {
  const map = new TraceMap(mapText);
  let first: [number, number] | undefined;
  eachMapping(map, (m) => {
    if (!first && m.source !== null) first = [m.generatedLine, m.generatedColumn];
  });
  return first!;
}

/** A load function that counts its calls. */
function counted(text: string) {
  const load = () => (load.calls++, text);
  load.calls = 0;
  return load;
}

describe('createSourceMapCache', () => {
  it('parses a map once, then serves it from memory', () => {
    const cache = createSourceMapCache();
    const load = counted(SHOP.map);
    const first = cache.map('sha1:a', load);
    expect(cache.map('sha1:a', load)).toBe(first);
    expect(load.calls).toBe(1);
    expect([cache.size, cache.count, cache.evictions]).toEqual([SHOP.map.length, 1, 0]);
  });

  it('keeps to its byte budget, evicting the least recently used map first', () => {
    const cache = createSourceMapCache({ maxBytes: 3000 });
    const text = mapOfSize(1000);
    cache.map('a', () => text);
    cache.map('b', () => text);
    cache.map('c', () => text);
    expect([cache.count, cache.size, cache.evictions]).toEqual([3, 3 * text.length, 0]);
    cache.map('a', () => text); // a is now the most recent; b is the oldest
    cache.map('d', () => text);
    expect([cache.count, cache.size, cache.evictions]).toEqual([3, 3 * text.length, 1]);
    const reloadB = counted(text);
    const reloadA = counted(text);
    cache.map('a', reloadA);
    cache.map('b', reloadB);
    expect([reloadA.calls, reloadB.calls]).toEqual([0, 1]);
  });

  it('serves a map larger than the whole budget without keeping it', () => {
    const cache = createSourceMapCache({ maxBytes: 500 });
    const load = counted(mapOfSize(1000));
    cache.map('big', load);
    cache.map('big', load);
    expect([load.calls, cache.count, cache.size]).toEqual([2, 0, 0]);
  });

  it('counts source lines split for context in the budget', () => {
    const content = 'line\n'.repeat(200);
    const text = mapOfSize(1000, content);
    const cache = createSourceMapCache({ maxBytes: 2 * text.length + 100 });
    const parsed = cache.map('a', () => text);
    cache.map('b', () => text);
    expect(cache.count).toBe(2);
    expect(parsed.sourceLines('a.js')).toHaveLength(201);
    expect(parsed.sourceLines('a.js')).toBe(parsed.sourceLines('a.js'));
    // a grew by its content, the budget overflowed and b (the least recent, as a was split) went.
    expect([cache.size, cache.count, cache.evictions]).toEqual([text.length + content.length, 1, 1]);
    expect(parsed.sourceLines('missing.js')).toBeUndefined();
  });

  it('remembers each position looked up, with its context, and counts it in the budget once', () => {
    const cache = createSourceMapCache();
    const parsed = cache.map('shop', () => SHOP.map);
    const [line, column] = firstMapping(SHOP.map);
    const before = cache.size;
    const found = parsed.position(line, column);
    expect(found).toMatchObject({ source: expect.any(String), line: expect.any(Number), hasContent: true });
    expect(found!.context!.context_line).toBe(parsed.sourceLines(found!.source)![found!.line - 1].slice(0, 150));
    const grown = cache.size;
    expect(grown).toBeGreaterThan(before);
    expect(parsed.position(line, column)).toBe(found);
    expect(cache.size).toBe(grown);
    // A position that maps nowhere is remembered too (and counted).
    expect(parsed.position(100_000, 0)).toBeUndefined();
    expect(cache.size).toBeGreaterThan(grown);
  });

  it('takes the context from the source the position names, when two sources resolve to one name', () => {
    // vue-loader 15 names the generated render code `./src/A.vue` and the original `src/A.vue`.
    const text = JSON.stringify({
      version: 3,
      sources: ['webpack://app/./src/A.vue', 'webpack://app/src/A.vue'],
      sourcesContent: ['var render = function () {}', '<template><p>{{ boom() }}</p></template>'],
      names: [],
      mappings: 'ACAA',
    });
    expect(new Set(new TraceMap(text).resolvedSources).size).toBe(1);
    const parsed = createSourceMapCache().map('vue', () => text);
    const found = parsed.position(1, 0)!;
    expect(found).toMatchObject({ sourceIndex: 1, line: 1, column: 0 });
    expect(found.context!.context_line).toBe('<template><p>{{ boom() }}</p></template>');
    expect(parsed.place('https://app.example/js/app.js.map', found.source, found.sourceIndex).filename).toBe('src/A.vue');
  });

  it('remembers that a map is unusable, so it is parsed once', () => {
    const cache = createSourceMapCache();
    const load = counted('<html>');
    expect(() => cache.map('bad', load)).toThrow('it is not valid JSON');
    expect(() => cache.map('bad', load)).toThrow('it is not valid JSON');
    expect(load.calls).toBe(1);
    expect(cache.count).toBe(1);
  });

  it('does not remember a failed read', () => {
    const cache = createSourceMapCache();
    const load = () => {
      throw new Error('EIO');
    };
    expect(() => cache.map('x', load)).toThrow('EIO');
    expect(cache.count).toBe(0);
  });

  it('holds minified files in lines beside the maps, in the same budget', () => {
    const cache = createSourceMapCache({ maxBytes: 100 });
    const file = cache.minified('min', () => 'a\r\nb\nc');
    expect(file.lines).toEqual(['a', 'b', 'c']);
    expect(cache.minified('min', () => 'other')).toBe(file);
    expect(cache.minified('map', () => 'x').lines).toEqual(['x']);
    expect(cache.size).toBe(7);
    cache.clear();
    expect([cache.size, cache.count]).toEqual([0, 0]);
  });
});
