import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../src/event';
import { createSourceMapCache, symbolicateEvent } from '../../src/symbolicate';
import { memoryArtifacts } from '../helpers/memory-artifacts';
import { RELEASE, SHOP, SHOP_URL, shopFrames } from '../helpers/shop-app';

// Every byte of an event and of an upload is hostile: symbolicateEvent must never throw, and
// whatever it writes must still be a well-formed event.

const REAL = shopFrames();
const realMap = JSON.parse(SHOP.map);

const frame = fc.oneof(
  fc.constantFrom(...REAL),
  fc.record(
    {
      abs_path: fc.oneof(fc.constant(SHOP_URL), fc.constant(`${SHOP_URL}?v=1`), fc.string(), fc.constant('~/static/js/app.js')),
      filename: fc.oneof(fc.string(), fc.constant(SHOP_URL)),
      lineno: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer(), fc.double(), fc.constant(undefined), fc.string()),
      colno: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.integer(), fc.double(), fc.constant(undefined)),
      function: fc.oneof(fc.string(), fc.constant('Object.c [as start]'), fc.constant('i'), fc.constant(undefined), fc.integer()),
      in_app: fc.oneof(fc.boolean(), fc.constant(undefined), fc.string()),
      data: fc.oneof(fc.constant(undefined), fc.anything()),
      platform: fc.oneof(fc.constant(undefined), fc.string()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const mapText = fc.oneof(
  fc.string(),
  fc.json(),
  fc.constant(SHOP.map),
  // A real map with one field replaced by anything.
  fc.tuple(fc.constantFrom('version', 'sources', 'names', 'mappings', 'sourcesContent', 'sections', 'sourceRoot'), fc.jsonValue()).map(([k, v]) => JSON.stringify({ ...realMap, [k]: v })),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/,;!') }).map((mappings) => JSON.stringify({ ...realMap, mappings })),
);

const reference = fc.oneof(
  fc.string(),
  fc.constantFrom('app.js.map', 'app.js', '../../../../x.map', '//', 'data:', 'data:application/json;base64,', 'data:application/json,%', 'https://shop.example/static/js/app.js'),
  mapText.map((t) => `data:application/json;base64,${Buffer.from(t).toString('base64')}`),
  fc.string().map((t) => `data:application/json,${t}`),
);

const upload = fc.record({
  header: fc.option(reference, { nil: undefined }),
  comment: fc.option(reference, { nil: undefined }),
  map: mapText,
  debugId: fc.boolean(),
});

const eventShape = fc.record({
  frames: fc.array(frame, { maxLength: 12 }),
  release: fc.oneof(fc.constant(RELEASE), fc.constant(undefined), fc.string(), fc.integer()),
  dist: fc.oneof(fc.constant(undefined), fc.constant(''), fc.string(), fc.integer()),
  debugMeta: fc.oneof(fc.constant(undefined), fc.anything(), fc.constant({ images: [{ type: 'sourcemap', code_file: SHOP_URL, debug_id: 'id' }] })),
  extra: fc.oneof(fc.constant(undefined), fc.anything()),
});

function check(shape: { frames: unknown[]; release: unknown; dist: unknown; debugMeta: unknown; extra: unknown }, up: { header?: string; comment?: string; map: string; debugId: boolean }) {
  const artifacts = memoryArtifacts([
    { release: RELEASE, name: '~/static/js/app.js', content: SHOP.code + (up.comment === undefined ? '' : `//# sourceMappingURL=${up.comment}\n`), headers: up.header === undefined ? {} : { Sourcemap: up.header }, ...(up.debugId && { debugId: 'id', type: 'minified_source' as const }) },
    { release: RELEASE, name: '~/static/js/app.js.map', content: up.map, ...(up.debugId && { debugId: 'id', type: 'source_map' as const }) },
  ]);
  const event = {
    event_id: 'e',
    release: shape.release,
    dist: shape.dist,
    debug_meta: shape.debugMeta,
    exception: { values: [{ type: 'Error', stacktrace: { frames: shape.frames } }, shape.extra] },
    stacktrace: shape.extra,
    errors: shape.extra,
  } as unknown as SentryEvent;
  const before = Array.isArray(event.errors) ? event.errors.length : 0;
  symbolicateEvent(event, artifacts, createSourceMapCache({ maxBytes: 4096 }));
  // What it added (the event may have come with garbage of its own there).
  for (const note of Array.isArray(event.errors) ? event.errors.slice(before) : []) {
    expect(typeof note.type).toBe('string');
    expect(typeof note.message).toBe('string');
  }
}

describe('symbolicateEvent', () => {
  it('never throws, whatever the frames, the event around them and the uploaded bytes', () => {
    fc.assert(fc.property(eventShape, upload, (shape, up) => check(shape, up)), { numRuns: 1000 });
  });

  it('never throws on odd event shapes', () => {
    const artifacts = memoryArtifacts([]);
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (exception, stacktrace) => {
        symbolicateEvent({ event_id: 'e', exception, stacktrace } as unknown as SentryEvent, artifacts, createSourceMapCache());
      }),
      { numRuns: 500 },
    );
    for (const odd of [null, undefined, 1, 'x', [], { exception: null }, { exception: { values: null } }, { exception: { values: [null, 1, { stacktrace: { frames: 'x' } }] } }]) {
      expect(() => symbolicateEvent(odd as unknown as SentryEvent, artifacts, createSourceMapCache())).not.toThrow();
    }
  });
});
