import { originalPositionFor } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { parseSourceMap } from '../../src/symbolicate/parse-source-map';
import { SHOP } from '../helpers/shop-app';

describe('parseSourceMap', () => {
  it('reads a map, also behind a BOM or the )]} XSSI line', () => {
    for (const text of [SHOP.map, `\uFEFF${SHOP.map}`, `)]}'\n${SHOP.map}`]) {
      expect(parseSourceMap(text).sources).toEqual(JSON.parse(SHOP.map).sources);
    }
  });

  it('reads an index map with sections', () => {
    const section = { version: 3, sources: ['b.js'], names: ['run'], mappings: 'AAAAA', sourcesContent: ['run()'] };
    const map = parseSourceMap(JSON.stringify({ version: 3, sections: [{ offset: { line: 2, column: 0 }, map: section }] }));
    expect(originalPositionFor(map, { line: 3, column: 0 })).toEqual({ source: 'b.js', line: 1, column: 0, name: 'run' });
  });

  it('drops fields of the wrong type instead of failing on them', () => {
    const map = parseSourceMap(JSON.stringify({ version: 3, sources: ['a.js', 7, null], names: [1, 'n'], sourcesContent: [{}, 'x'], file: 9, mappings: 'AAAA' }));
    expect([map.sources, map.names, map.sourcesContent, map.file]).toEqual([['a.js', null, null], ['', 'n'], [null, 'x', null], undefined]);
  });

  it.each([
    ['', 'it is not valid JSON'],
    ['<!doctype html><title>404</title>', 'it is not valid JSON'],
    ['null', 'it is JSON but not an object'],
    ['"a string"', 'it is JSON but not an object'],
    ['[1,2]', 'it is JSON but not an object'],
    ['{"version":4,"sources":[],"mappings":""}', 'it has version 4, not 3'],
    ['{"version":3,"sources":[]}', 'it has no "mappings" string'],
    ['{"version":3,"mappings":"AAAA"}', 'it has no "sources" list'],
    ['{"version":3,"sections":[{"map":{}}]}', 'a section has no "offset" and "map"'],
    ['{"version":3,"sections":[{"offset":{"line":-1,"column":0},"map":{}}]}', 'a section has an invalid "offset"'],
  ])('refuses %j: %s', (text, reason) => expect(() => parseSourceMap(text)).toThrow(reason));

  it('survives garbage mappings: positions then map to nothing rather than throwing', () => {
    const map = parseSourceMap(JSON.stringify({ version: 3, sources: ['a.js'], names: [], mappings: '!!!!,;;ZZZZZZZZZ,////' }));
    expect(() => originalPositionFor(map, { line: 4, column: 3 })).not.toThrow();
  });
});
