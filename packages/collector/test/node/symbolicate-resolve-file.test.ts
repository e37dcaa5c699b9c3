import { describe, expect, it } from 'vitest';
import type { ArtifactLookup } from '../../src/symbolicate';
import { createSourceMapCache, symbolicateEvent } from '../../src/symbolicate';
import { memoryArtifacts } from '../helpers/memory-artifacts';
import { RELEASE, SHOP, SHOP_URL, THROW_LINE, errorEvent, shopFrames, topFrame } from '../helpers/shop-app';

// Which uploads a frame's file is found by: release + dist + candidate name, or debug ID.

/** Records every lookup, to check what was asked and in which order. */
function recorded(lookup: ArtifactLookup): ArtifactLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    byDebugId: (id, type) => (calls.push(`byDebugId ${id} ${type}`), lookup.byDebugId(id, type)),
    byName: (release, dist, name) => (calls.push(`byName ${release} '${dist}' ${name}`), lookup.byName(release, dist, name)),
  };
}

const MAP = { release: RELEASE, name: '~/static/js/app.js.map', content: SHOP.map };
const QUERY_URL = `${SHOP_URL}?v=2`;
const DEBUG_ID = '7f9e2a1c-4b3d-4e5f-8a6b-1c2d3e4f5a6b';

describe('by release: the minified file under each candidate name', () => {
  it.each([
    ['the full URL', QUERY_URL, 1],
    ['the URL without query', SHOP_URL, 2],
    ['~ + path + query', '~/static/js/app.js?v=2', 3],
    ['~ + path', '~/static/js/app.js', 4],
  ])('finds it uploaded under %s', (_form, name, asked) => {
    const artifacts = recorded(memoryArtifacts([{ release: RELEASE, name, content: SHOP.code, headers: { Sourcemap: 'app.js.map' } }, MAP]));
    const event = errorEvent(shopFrames(QUERY_URL));
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ filename: '../../src/cart.js', lineno: THROW_LINE, data: { resolved_with: 'release' } });
    // Tried in Sentry's order, stopping at the first that exists.
    const tried = [QUERY_URL, SHOP_URL, '~/static/js/app.js?v=2', '~/static/js/app.js'].slice(0, asked);
    expect(artifacts.calls.slice(0, asked)).toEqual(tried.map((n) => `byName ${RELEASE} '' ${n}`));
    expect(event.errors).toBeUndefined();
  });

  it.each([
    ['', undefined, `no file named ${SHOP_URL} or ~/static/js/app.js was uploaded for release ${RELEASE} and no dist: upload the built file and its map with that name (the dist must match exactly)`],
    ['8', '8', `no file named ${SHOP_URL} or ~/static/js/app.js was uploaded for release ${RELEASE} and dist 8: upload the built file and its map with that name (the dist must match exactly)`],
  ])("needs the dist to match exactly: files for dist '7' are not found for dist '%s'", (_shown, dist, message) => {
    const artifacts = memoryArtifacts([
      { release: RELEASE, dist: '7', name: '~/static/js/app.js', content: SHOP.code, headers: { Sourcemap: 'app.js.map' } },
      { ...MAP, dist: '7' },
    ]);
    const frames = shopFrames();
    const event = errorEvent(frames, dist === undefined ? {} : { dist });
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(topFrame(event)).toEqual(frames.at(-1));
    expect(event.errors).toEqual([{ type: 'js_no_source', url: SHOP_URL, message }]);
    const matching = errorEvent(frames, { dist: '7' });
    symbolicateEvent(matching, artifacts, createSourceMapCache());
    expect(topFrame(matching).lineno).toBe(THROW_LINE);
  });

  it('looks the map up for the same release and dist', () => {
    const artifacts = recorded(memoryArtifacts([
      { release: RELEASE, dist: '7', name: '~/static/js/app.js', content: SHOP.code, headers: { Sourcemap: 'app.js.map' } },
      { ...MAP, dist: '7' },
    ]));
    symbolicateEvent(errorEvent(shopFrames(), { dist: '7' }), artifacts, createSourceMapCache());
    expect(artifacts.calls).toContain(`byName ${RELEASE} '7' ~/static/js/app.js.map`);
  });

  it('notes an event with neither release nor debug ID', () => {
    const event = errorEvent(shopFrames(), { release: undefined });
    symbolicateEvent(event, memoryArtifacts([]), createSourceMapCache());
    expect(event.errors).toEqual([
      { type: 'js_no_source', url: SHOP_URL, message: 'the event has no release and its file no debug ID, so no uploaded source map can be matched: set `release` in init() and upload the maps for it, or inject debug IDs' },
    ]);
  });
});

describe('by debug ID', () => {
  const images = { images: [{ type: 'sourcemap', code_file: SHOP_URL, debug_id: DEBUG_ID }] };

  it('finds the map without a release, asking for the minified file only for function names', () => {
    const artifacts = recorded(memoryArtifacts([
      { name: '~/static/js/app.js.map', content: SHOP.map, debugId: DEBUG_ID, type: 'source_map' },
      { name: '~/static/js/app.js', content: SHOP.code, debugId: DEBUG_ID, type: 'minified_source' },
    ]));
    const event = errorEvent(shopFrames(), { release: undefined, debug_meta: images });
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ filename: '../../src/cart.js', lineno: THROW_LINE, data: { sourcemap: '~/static/js/app.js.map', resolved_with: 'debug-id', symbolicated: true } });
    expect(artifacts.calls).toEqual([`byDebugId ${DEBUG_ID} source_map`, `byDebugId ${DEBUG_ID} minified_source`]);

    // Frames without a function name need no minified file at all.
    const anonymous = recorded(memoryArtifacts([{ name: '~/static/js/app.js.map', content: SHOP.map, debugId: DEBUG_ID, type: 'source_map' }]));
    symbolicateEvent(errorEvent(shopFrames().map((f) => ({ ...f, function: undefined })), { release: undefined, debug_meta: images }), anonymous, createSourceMapCache());
    expect(anonymous.calls).toEqual([`byDebugId ${DEBUG_ID} source_map`]);
  });

  it('matches code_file against filename when the frame has no abs_path', () => {
    const artifacts = memoryArtifacts([{ name: 'app.js.map', content: SHOP.map, debugId: DEBUG_ID, type: 'source_map' }]);
    const frames = shopFrames().map(({ abs_path: _, ...f }) => f);
    const event = errorEvent(frames, { release: undefined, debug_meta: images });
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ lineno: THROW_LINE, data: { resolved_with: 'debug-id' } });
  });

  it('follows the minified file of that debug ID to an inline map when there is no map of its own', () => {
    const inline = `${SHOP.code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(SHOP.map).toString('base64')}\n`;
    const artifacts = memoryArtifacts([{ name: '~/static/js/app.js', content: inline, debugId: DEBUG_ID, type: 'minified_source' }]);
    const event = errorEvent(shopFrames(), { release: undefined, debug_meta: images });
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ lineno: THROW_LINE, data: { sourcemap: '<data URL in ~/static/js/app.js>', resolved_with: 'debug-id' } });
  });

  it('falls back to the release when nothing was uploaded with the debug ID', () => {
    const artifacts = memoryArtifacts([{ release: RELEASE, name: '~/static/js/app.js', content: SHOP.code, headers: { Sourcemap: 'app.js.map' } }, MAP]);
    const event = errorEvent(shopFrames(), { debug_meta: images });
    symbolicateEvent(event, artifacts, createSourceMapCache());
    expect(topFrame(event)).toMatchObject({ lineno: THROW_LINE, data: { resolved_with: 'release' } });
  });

  it('notes an unknown debug ID, with and without a release to fall back on', () => {
    const event = errorEvent(shopFrames(), { release: undefined, debug_meta: images });
    symbolicateEvent(event, memoryArtifacts([]), createSourceMapCache());
    expect(event.errors).toEqual([{ type: 'js_no_source', url: SHOP_URL, message: `no source map with debug ID ${DEBUG_ID} was uploaded for this project: upload the build's artifact bundle` }]);
    const withRelease = errorEvent(shopFrames(), { debug_meta: images });
    symbolicateEvent(withRelease, memoryArtifacts([]), createSourceMapCache());
    expect(withRelease.errors![0].message).toMatch(new RegExp(`^no source map with debug ID ${DEBUG_ID} was uploaded, and no file named .* for release ${RELEASE} and no dist`));
  });
});
