import { describe, expect, it } from 'vitest';
import { createSourceMapCache, symbolicateEvent } from '../../src/symbolicate';
import { findSourceMap } from '../../src/symbolicate/find-source-map';
import { memoryArtifacts } from '../helpers/memory-artifacts';
import { RELEASE, SHOP, SHOP_URL, THROW_LINE, errorEvent, shopFrames, topFrame } from '../helpers/shop-app';

// How the map of a minified file is found: upload header, sourceMappingURL comment, data: URL.

type Upload = Parameters<typeof memoryArtifacts>[0][number];
const minified = (name: string, content: string, headers: Record<string, string> = {}): Upload => ({ release: RELEASE, name, content, headers });
const map = (name: string, content = SHOP.map): Upload => ({ release: RELEASE, name, content });
const base64 = Buffer.from(SHOP.map).toString('base64');

/** The name of the map the top frame was mapped through, or the notes when it was not. */
function mapOf(uploads: Upload[], url = SHOP_URL) {
  const event = errorEvent(shopFrames(url));
  symbolicateEvent(event, memoryArtifacts(uploads), createSourceMapCache());
  const top = topFrame(event);
  return top.data?.symbolicated ? (expect(top.lineno).toBe(THROW_LINE), top.data.sourcemap) : event.errors;
}

describe('the map reference', () => {
  it.each([
    ['a Sourcemap header', { Sourcemap: 'app.js.map' }, ''],
    ['an X-SourceMap header', { 'X-SourceMap': 'app.js.map' }, ''],
    ['a header in any case', { SOURCEMAP: 'app.js.map' }, ''],
    ['a //# comment', {}, '//# sourceMappingURL=app.js.map\n'],
    ['a //@ comment (older tools)', {}, '//@ sourceMappingURL=app.js.map'],
    ['the last of several comments', {}, '//# sourceMappingURL=old.js.map\n//# sourceMappingURL=app.js.map\n\n'],
    ['a header over a comment', { Sourcemap: 'app.js.map' }, '//# sourceMappingURL=missing.js.map\n'],
  ])('comes from %s', (_how, headers, comment) => {
    expect(mapOf([minified('~/static/js/app.js', SHOP.code + comment, headers), map('~/static/js/app.js.map')])).toBe('~/static/js/app.js.map');
  });

  it('ignores sourceMappingURL text that is not a comment line of its own', () => {
    const code = `${SHOP.code}var s = "//# sourceMappingURL=app.js.map";\n`;
    expect(mapOf([minified('~/static/js/app.js', code), map('~/static/js/app.js.map')])).toEqual([
      expect.objectContaining({ type: 'js_no_source', message: '~/static/js/app.js has no Sourcemap upload header and no sourceMappingURL comment: upload it with header Sourcemap:<map name>' }),
    ]);
  });

  it.each([
    ['relative, beside the file', '~/static/js/app.js', 'app.js.map', '~/static/js/app.js.map'],
    ['relative, in a sibling folder', '~/static/js/app.js', '../maps/app.js.map', '~/static/maps/app.js.map'],
    ['from the root', '~/static/js/app.js', '/maps/app.js.map', '~/maps/app.js.map'],
    ['a ~/ name', '~/static/js/app.js', '~/m/app.js.map', '~/m/app.js.map'],
    ['an absolute URL', '~/static/js/app.js', 'https://cdn.example/maps/app.js.map', 'https://cdn.example/maps/app.js.map'],
    ['an absolute URL uploaded under its ~/ name', '~/static/js/app.js', 'https://cdn.example/maps/app.js.map', '~/maps/app.js.map'],
    ['relative to a file uploaded under its full URL', SHOP_URL, 'app.js.map', `${SHOP_URL}.map`],
    ['relative to a full-URL file, map uploaded under ~/', SHOP_URL, 'app.js.map', '~/static/js/app.js.map'],
  ])('is resolved: %s', (_how, fileName, reference, mapName) => {
    expect(mapOf([minified(fileName, SHOP.code, { Sourcemap: reference }), map(mapName)])).toBe(mapName);
  });
});

describe('inline data: URL maps', () => {
  it.each([
    ['base64', `data:application/json;base64,${base64}`],
    ['base64 with a charset', `data:application/json;charset=utf-8;base64,${base64}`],
    ['base64 with a quoted, upper-case charset', `data:application/json;charset="UTF-8";base64,${base64}`],
    ['percent-encoded', `data:application/json,${encodeURIComponent(SHOP.map)}`],
    ['percent-encoded with a charset', `data:application/json;charset=utf-8,${encodeURIComponent(SHOP.map)}`],
  ])('are decoded: %s', (_how, url) => {
    expect(mapOf([minified('~/static/js/app.js', `${SHOP.code}//# sourceMappingURL=${url}\n`)])).toBe('<data URL in ~/static/js/app.js>');
  });

  it.each([
    ['not base64', 'data:application/json;base64,!!!not-base64!!!', 'the data: URL is marked base64 but is not valid base64'],
    ['badly percent-encoded', 'data:application/json,%E0%A4%A', 'the data: URL has malformed percent-encoding'],
    ['without a comma', 'data:application/json;base64', 'the data: URL has no "," before its data'],
    ['an image', 'data:image/png;base64,iVBORw0KGgo=', 'the data: URL holds image/png, not a JSON source map'],
    ['not a map', `data:application/json;base64,${Buffer.from('{"a":1}').toString('base64')}`, 'it has no "mappings" string'],
  ])('are noted when %s', (_how, url, reason) => {
    expect(mapOf([minified('~/static/js/app.js', `${SHOP.code}//# sourceMappingURL=${url}\n`)])).toEqual([
      {
        type: 'js_invalid_source',
        url: SHOP_URL,
        sourcemap: '<data URL in ~/static/js/app.js>',
        message: `the source map <data URL in ~/static/js/app.js> cannot be used: ${reason}; upload the .map file the build wrote`,
      },
    ]);
  });
});

describe('problems with the reference', () => {
  it('names the map that the file points to but nobody uploaded', () => {
    expect(mapOf([minified('~/static/js/app.js', SHOP.code, { Sourcemap: 'app.js.map' })])).toEqual([
      {
        type: 'js_invalid_sourcemap_location',
        url: SHOP_URL,
        sourcemap: '~/static/js/app.js.map',
        message: `~/static/js/app.js points to the map ~/static/js/app.js.map, which was not uploaded for release ${RELEASE} and no dist: upload the map under that name`,
      },
    ]);
  });

  it('refuses a sourceMappingURL that points at the file itself', () => {
    expect(mapOf([minified('~/static/js/app.js', `${SHOP.code}//# sourceMappingURL=app.js\n`)])).toEqual([
      expect.objectContaining({ type: 'js_invalid_source', message: 'the sourceMappingURL of ~/static/js/app.js (app.js) points to the file itself, not to a map' }),
    ]);
  });

  it('reads a minified file once, however many events need its comment', () => {
    const artifacts = memoryArtifacts([minified('~/static/js/app.js', `${SHOP.code}//# sourceMappingURL=app.js.map\n`), map('~/static/js/app.js.map')]);
    const cache = createSourceMapCache();
    for (let i = 0; i < 5; i++) symbolicateEvent(errorEvent(shopFrames()), artifacts, cache);
    expect(artifacts.reads).toBe(2);
  });

  it('does not read the file when a header names the map', () => {
    const artifacts = memoryArtifacts([minified('~/static/js/app.js', SHOP.code, { Sourcemap: 'app.js.map' }), map('~/static/js/app.js.map')]);
    const file = artifacts.byName(RELEASE, '', '~/static/js/app.js')!;
    const found = findSourceMap(file, RELEASE, '', artifacts, createSourceMapCache());
    expect(found).toEqual({ map: expect.objectContaining({ name: '~/static/js/app.js.map', ref: 'app.js.map', size: SHOP.map.length }) });
    expect(artifacts.reads).toBe(0);
  });
});
